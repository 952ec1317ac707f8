#pragma once

#include "domain/Comment.h"
#include "domain/QuotedText.h"

#include <QAbstractListModel>
#include <QHash>
#include <QImage>
#include <QSet>

namespace triage {

class DirectoryIndex;

// A file under a comment, as the conversation shows it.
struct ConversationFile {
    enum class State {
        Remote, // on the server, not downloaded
        Fetching, // being downloaded (an image for its thumbnail, or to open it)
        Local, // in the profile: opens offline
        Uploading, // attached here, waiting in the outbox for its upload
    };
    QString id;
    QString filename;
    qint64 size = 0;
    QString contentType;
    State state = State::Remote;
    QImage thumbnail; // images only; null until scaled (the view draws a placeholder)
    bool noPreview = false; // an "image" that would not decode: shown as a file chip

    bool isImage() const { return contentType.startsWith(u"image/") && !noPreview; }
};

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
        FilesRole, // QList<ConversationFile>: the comment's attachments, oldest first
        FileCountRole, // int
    };

    explicit ConversationModel(const DirectoryIndex *directory, QObject *parent = nullptr);
    ~ConversationModel() override;

    // Replaces the thread; appends in place when the new list extends the old one (new comments),
    // so the view keeps its scroll position.
    void setComments(QList<Comment> comments, const QString &requesterId);
    const QList<Comment> &comments() const { return m_comments; }
    // Shows or folds the quoted history of a mail reply (kept per comment while the model lives).
    void toggleQuoted(const QModelIndex &index);
    // The comments' files (comment id → files); rows whose files changed are updated in place.
    void setFiles(const QHash<QString, QList<ConversationFile>> &files);
    // A thumbnail became ready (scaled off the GUI thread): the row showing that file repaints.
    void setThumbnail(const QString &attachmentId, const QImage &thumbnail);
    // The file `attachmentId`, or nullptr.
    const ConversationFile *file(const QString &attachmentId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const DirectoryIndex *m_directory;
    void splitAll();

    QList<Comment> m_comments;
    QList<QuotedSplit> m_splits; // parallel to m_comments
    QSet<QString> m_expanded; // comment ids
    QHash<QString, QList<ConversationFile>> m_files; // comment id → files
    QString m_requesterId;
};

} // namespace triage

Q_DECLARE_METATYPE(triage::ConversationFile)
