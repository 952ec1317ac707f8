#pragma once

#include "domain/Comment.h"

#include <QAbstractListModel>

namespace triage {

class DirectoryIndex;

// A ticket's thread: public replies and internal notes in time order, with author names.
class ConversationModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationModel)

public:
    enum Role {
        BodyRole = Qt::UserRole + 1,
        AuthorRole,
        IsPublicRole,
        CreatedAtRole,
        FromRequesterRole,
    };

    explicit ConversationModel(const DirectoryIndex *directory, QObject *parent = nullptr);
    ~ConversationModel() override;

    // Replaces the thread; appends in place when the new list extends the old one (new comments),
    // so the view keeps its scroll position.
    void setComments(QList<Comment> comments, const QString &requesterId);
    const QList<Comment> &comments() const { return m_comments; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const DirectoryIndex *m_directory;
    QList<Comment> m_comments;
    QString m_requesterId;
};

} // namespace triage
