#pragma once

#include "domain/Comment.h"
#include "domain/QuotedText.h"

#include <QAbstractListModel>
#include <QSet>

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
        ReplyRole, // the body without the quoted history below it (QuotedText)
        QuotedRole, // that history; empty when there is none
        QuoteExpandedRole, // the history is shown (toggleQuoted)
    };

    explicit ConversationModel(const DirectoryIndex *directory, QObject *parent = nullptr);
    ~ConversationModel() override;

    // Replaces the thread; appends in place when the new list extends the old one (new comments),
    // so the view keeps its scroll position.
    void setComments(QList<Comment> comments, const QString &requesterId);
    const QList<Comment> &comments() const { return m_comments; }
    // Shows or folds the quoted history of a mail reply (kept per comment while the model lives).
    void toggleQuoted(const QModelIndex &index);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const DirectoryIndex *m_directory;
    void splitAll();

    QList<Comment> m_comments;
    QList<QuotedSplit> m_splits; // parallel to m_comments
    QSet<QString> m_expanded; // comment ids
    QString m_requesterId;
};

} // namespace triage
