#include "ConversationModel.h"

#include "session/DirectoryIndex.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace triage {

ConversationModel::ConversationModel(const DirectoryIndex *directory, QObject *parent)
    : QAbstractListModel(parent)
    , m_directory(directory)
{ }

ConversationModel::~ConversationModel() = default;

void ConversationModel::setComments(QList<Comment> comments, const QString &requesterId)
{
    std::stable_sort(comments.begin(), comments.end(),
        [](const Comment &a, const Comment &b) { return a.createdAt < b.createdAt; });
    bool extends = requesterId == m_requesterId && comments.size() >= m_comments.size();
    for (qsizetype i = 0; extends && i < m_comments.size(); ++i)
        extends = comments[i] == m_comments[i];
    if (extends) {
        if (comments.size() > m_comments.size()) {
            beginInsertRows({}, static_cast<int>(m_comments.size()), static_cast<int>(comments.size()) - 1);
            m_comments = std::move(comments);
            splitAll();
            endInsertRows();
        }
        return;
    }
    beginResetModel();
    m_comments = std::move(comments);
    m_requesterId = requesterId;
    m_splits.clear();
    splitAll();
    endResetModel();
}

void ConversationModel::splitAll()
{
    for (qsizetype i = m_splits.size(); i < m_comments.size(); ++i)
        m_splits.append(splitQuoted(m_comments[i].body));
    m_splits.resize(m_comments.size());
}

void ConversationModel::toggleQuoted(const QModelIndex &index)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || m_splits[index.row()].quoted.isEmpty())
        return;
    const QString id = m_comments[index.row()].id;
    if (!m_expanded.remove(id))
        m_expanded.insert(id);
    // The row's height changes: the view lays its items out again.
    Q_EMIT layoutAboutToBeChanged();
    Q_EMIT layoutChanged();
    Q_EMIT dataChanged(index, index, {QuoteExpandedRole});
}

void ConversationModel::setFiles(const QHash<QString, QList<ConversationFile>> &files)
{
    QHash<QString, QList<ConversationFile>> next = files;
    // Thumbnails already scaled stay (a reload re-reads the metadata, not the pictures).
    for (auto it = next.begin(); it != next.end(); ++it) {
        const QList<ConversationFile> old = m_files.value(it.key());
        for (ConversationFile &f : it.value()) {
            for (const ConversationFile &o : old) {
                if (o.id == f.id && f.thumbnail.isNull())
                    f.thumbnail = o.thumbnail;
            }
        }
    }
    // Only rows whose files differ are updated: a reload for another ticket's outbox change leaves
    // the thread's layout alone.
    const auto same = [](const QList<ConversationFile> &a, const QList<ConversationFile> &b) {
        return std::equal(
            a.begin(), a.end(), b.begin(), b.end(), [](const ConversationFile &x, const ConversationFile &y) {
                return x.id == y.id && x.state == y.state && x.noPreview == y.noPreview
                    && x.filename == y.filename && x.size == y.size && x.contentType == y.contentType
                    && x.thumbnail.cacheKey() == y.thumbnail.cacheKey();
            });
    };
    QSet<QString> changed;
    for (auto it = next.cbegin(); it != next.cend(); ++it) {
        if (!same(it.value(), m_files.value(it.key())))
            changed.insert(it.key());
    }
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
        if (!next.contains(it.key()))
            changed.insert(it.key());
    }
    m_files = std::move(next);
    bool resized = false;
    for (int row = 0; row < m_comments.size(); ++row) {
        if (changed.contains(m_comments[row].id)) {
            resized = true;
            Q_EMIT dataChanged(index(row), index(row), {FilesRole, FileCountRole, Qt::AccessibleTextRole});
        }
    }
    if (resized) { // rows with files are taller: the view lays its items out again
        Q_EMIT layoutAboutToBeChanged();
        Q_EMIT layoutChanged();
    }
}

void ConversationModel::setThumbnail(const QString &attachmentId, const QImage &thumbnail)
{
    for (int row = 0; row < m_comments.size(); ++row) {
        auto it = m_files.find(m_comments[row].id);
        if (it == m_files.end())
            continue;
        for (ConversationFile &f : *it) {
            if (f.id == attachmentId) {
                f.thumbnail = thumbnail;
                Q_EMIT dataChanged(index(row), index(row), {FilesRole});
                return;
            }
        }
    }
}

const ConversationFile *ConversationModel::file(const QString &attachmentId) const
{
    for (const QList<ConversationFile> &files : m_files) {
        for (const ConversationFile &f : files) {
            if (f.id == attachmentId)
                return &f;
        }
    }
    return nullptr;
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_comments.size());
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Comment &c = m_comments[index.row()];
    const quint16 author = m_directory->findUser(c.authorId);
    const QString name = author ? m_directory->user(author).displayName : tr("Unknown");
    switch (role) {
    case Qt::DisplayRole:
    case BodyRole:
        return c.body;
    case AuthorRole:
        return name;
    case ReplyRole:
        return m_splits[index.row()].quoted.isEmpty() ? c.body : m_splits[index.row()].reply;
    case QuotedRole:
        return m_splits[index.row()].quoted;
    case QuoteExpandedRole:
        return m_expanded.contains(c.id);
    case IsPublicRole:
        return c.isPublic;
    case CreatedAtRole:
        return c.createdAt;
    case FromRequesterRole:
        return !m_requesterId.isEmpty() && c.authorId == m_requesterId;
    case FilesRole:
        return QVariant::fromValue(m_files.value(c.id));
    case FileCountRole:
        return static_cast<int>(m_files.value(c.id).size());
    case Qt::AccessibleTextRole: {
        QString text
            = (c.isPublic ? tr("Reply from %1, %2: %3") : tr("Internal note from %1, %2: %3"))
                  .arg(name,
                      QLocale().toString(QDateTime::fromMSecsSinceEpoch(c.createdAt), QLocale::ShortFormat),
                      c.body);
        const QList<ConversationFile> files = m_files.value(c.id);
        if (!files.isEmpty()) {
            QStringList names;
            for (const ConversationFile &f : files)
                names << f.filename;
            text
                += u' ' + tr("%n attached file(s): %1", nullptr, int(files.size())).arg(names.join(u", "_qs));
        }
        return text;
    }
    }
    return {};
}

Qt::ItemFlags ConversationModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

} // namespace triage
