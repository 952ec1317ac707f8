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
