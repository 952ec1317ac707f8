#pragma once

#include "ApiClient.h"
#include "domain/Attachment.h"

#include <QList>
#include <QObject>

#include <functional>

class QIODevice;
class QNetworkReply;

namespace triage {

// Attachments over REST (docs/api/openapi.yaml): upload a file as multipart/form-data, list a
// ticket's files, download one. Files are streamed both ways (Qt reads the upload from the file and
// writes the download as it arrives): memory does not grow with their size. Asynchronous, like
// ApiClient, whose token and connection pool it uses.
class AttachmentClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentClient)

public:
    explicit AttachmentClient(ApiClient *api, QObject *parent = nullptr);

    using Uploaded = std::function<void(const std::optional<Attachment> &, const ApiError &)>;
    using Listed = std::function<void(const QList<Attachment> &, const ApiError &)>;
    // `ok` false: `error` says why (a network error, a problem document, or a body that did not
    // match the server's sha256: nothing wrong is kept, the target is only committed by the caller).
    using Downloaded = std::function<void(bool ok, const ApiError &error)>;

    // Uploads `file` (opened for reading by the caller, kept alive until `done`) as `filename`;
    // `commentId` empty attaches it to the ticket itself. `attachmentId` (optional, a UUID the
    // client chose) makes a retry idempotent: the server answers a second upload with the first.
    // `internal`: staff only until a comment names it (a file for an internal note on its way).
    // Returns the request (owned by the network manager; a caller may parent `file` to it, so the
    // file lives exactly as long as the request reads it).
    QNetworkReply *upload(const QString &ticketId, QIODevice *file, const QString &filename,
        const QString &commentId, Uploaded done, const QString &attachmentId = {}, bool internal = false);
    void list(const QString &ticketId, Listed done);
    // Writes the bytes into `target` (open for writing, kept alive until `done`) as they arrive and
    // checks them against the ETag (the file's sha256).
    void download(const QString &attachmentId, QIODevice *target, Downloaded done);

private:
    ApiClient *m_api;
};

// The `filename` parameter of a multipart part: quotes, backslashes and line breaks replaced (RFC
// 7578 has no escaping; browsers percent-encode them, we avoid them).
QByteArray multipartFilename(const QString &name);

} // namespace triage
