#pragma once

#include "net/AttachmentFiles.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>

namespace triage {

class ApiClient;
class AttachmentClient;
class AttachmentListModel;
class ConversationModel;
class Session;
class ThumbnailCache;

// The files of one ticket, for the Attachments tab and under each comment of the conversation: its
// files as synced (metadata) or waiting for their upload, and opening or saving one, which
// downloads it into the profile first when it is not there (then it stays, for offline use). Images
// shown in the conversation are downloaded by themselves and get a thumbnail (ThumbnailCache). The
// view hands a ready file to the OS (openReady); everything else happens here.
class AttachmentsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentsController)

public:
    AttachmentsController(Session *session, QString ticketId, QObject *parent = nullptr);
    ~AttachmentsController() override;

    AttachmentListModel *model() const { return m_model; }
    void reload();
    void open(int row);
    // Copies the file to `target` (downloading it first when needed).
    void saveAs(int row, const QString &target);
    // The same by attachment id (the conversation's files).
    void openFile(const QString &attachmentId);
    void saveFileAs(const QString &attachmentId, const QString &target);
    QString fileName(const QString &attachmentId) const;
    // Feeds `conversation` with each comment's files and their thumbnails from now on.
    void setConversation(ConversationModel *conversation);

Q_SIGNALS:
    void openReady(const QString &path);
    void saved(const QString &target);
    // Translated, one sentence.
    void problem(const QString &sentence);

private:
    void fetch(int row);
    void onFetched(const QString &id, const QString &path);
    void onFailed(const QString &id, AttachmentFiles::Problem problem, const QString &detail);
    AttachmentClient *client();
    void updateConversation();

    Session *m_session;
    QString m_ticketId;
    AttachmentListModel *m_model;
    AttachmentFiles *m_files;
    std::unique_ptr<AttachmentClient> m_client;
    ApiClient *m_clientApi = nullptr; // the ApiClient m_client was made for
    ConversationModel *m_conversation = nullptr;
    ThumbnailCache *m_thumbnails;
    QSet<QString> m_uploading; // ids of files waiting in the outbox
    QSet<QString> m_thumbnailFailed; // downloads for a thumbnail that failed: not retried at once
    QSet<QString> m_openWhenReady;
    QHash<QString, QString> m_saveWhenReady; // attachment id → target file
};

} // namespace triage
