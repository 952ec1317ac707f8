#include "AttachmentListModel.h"

#include <QLocale>

namespace triage {

AttachmentListModel::AttachmentListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

AttachmentListModel::~AttachmentListModel() = default;

void AttachmentListModel::setAttachments(const QList<Attachment> &attachments,
    const QHash<QString, QString> &localPaths, const QSet<QString> &notes)
{
    beginResetModel();
    m_rows = attachments;
    m_localPaths = localPaths;
    m_notes = notes;
    endResetModel();
}

int AttachmentListModel::rowOf(const QString &attachmentId) const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows.at(r).id == attachmentId)
            return r;
    }
    return -1;
}

void AttachmentListModel::setLocalPath(const QString &attachmentId, const QString &path)
{
    m_localPaths.insert(attachmentId, path);
    m_fetching.remove(attachmentId);
    if (const int r = rowOf(attachmentId); r >= 0)
        Q_EMIT dataChanged(index(r), index(r));
}

void AttachmentListModel::setFetching(const QString &attachmentId, bool fetching)
{
    if (fetching)
        m_fetching.insert(attachmentId);
    else
        m_fetching.remove(attachmentId);
    if (const int r = rowOf(attachmentId); r >= 0)
        Q_EMIT dataChanged(index(r), index(r));
}

int AttachmentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant AttachmentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Attachment &a = m_rows.at(index.row());
    const QString local = m_localPaths.value(a.id);
    switch (role) {
    case Qt::DisplayRole: {
        QString where = a.commentId.isEmpty() ? tr("on the ticket")
            : m_notes.contains(a.commentId)   ? tr("on an internal note")
                                              : tr("on a reply");
        QString state = m_fetching.contains(a.id) ? tr("downloading…")
            : local.isEmpty()                     ? tr("not downloaded")
                                                  : tr("available offline");
        return u"%1 · %2 · %3 · %4"_qs.arg(a.filename, QLocale().formattedDataSize(a.size), where, state);
    }
    case Qt::ToolTipRole:
        return tr("%1, %2 bytes, sha256 %3").arg(a.contentType).arg(a.size).arg(a.sha256);
    case AttachmentIdRole:
        return a.id;
    case LocalPathRole:
        return local;
    case FetchingRole:
        return m_fetching.contains(a.id);
    default:
        return {};
    }
}

} // namespace triage
