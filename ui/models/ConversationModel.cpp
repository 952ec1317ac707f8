#include "ConversationModel.h"

#include "session/DirectoryIndex.h"

#include <QDateTime>
#include <QLocale>

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
            endInsertRows();
        }
        return;
    }
    beginResetModel();
    m_comments = std::move(comments);
    m_requesterId = requesterId;
    endResetModel();
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
    case IsPublicRole:
        return c.isPublic;
    case CreatedAtRole:
        return c.createdAt;
    case FromRequesterRole:
        return !m_requesterId.isEmpty() && c.authorId == m_requesterId;
    case Qt::AccessibleTextRole:
        return (c.isPublic ? tr("Reply from %1, %2: %3") : tr("Internal note from %1, %2: %3"))
            .arg(name, QLocale().toString(QDateTime::fromMSecsSinceEpoch(c.createdAt), QLocale::ShortFormat),
                c.body);
    }
    return {};
}

Qt::ItemFlags ConversationModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

} // namespace triage
