// Files in the outbox (`attachment.upload`): uploaded over REST in outbox order, before the comment
// that names them is sent (docs/sync-protocol.md "Attachments in the outbox").
#include "MutationCodec.h"
#include "SyncEngine.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "net/AttachmentClient.h"
#include "net/AttachmentFiles.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkReply>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace triage {

namespace {

constexpr auto kSeqBase = u"sync.seq_base"; // as in SyncEngine.cpp

QJsonObject localProblem(const QString &type, const QString &title, const QString &detail)
{
    return QJsonObject {{u"type"_qs, type}, {u"title"_qs, title}, {u"detail"_qs, detail}, {u"status"_qs, 0}};
}

} // namespace

bool SyncEngine::isUploadEntry(const OutboxEntry &e)
{
    return e.type == kAttachmentUploadType;
}

QString SyncEngine::attachmentDirectory() const
{
    if (!m_attachmentDir.isEmpty())
        return m_attachmentDir;
    return QFileInfo(m_store->database()->path()).absolutePath() + u"/attachments"_qs;
}

void SyncEngine::uploadNext(const OutboxEntry &e)
{
    FieldErrors errors;
    const auto a = Attachment::fromJson(e.payload.value(u"attachment"_qs).toObject(), &errors);
    const QString path = a ? AttachmentFiles(attachmentDirectory()).localPath(*a) : QString();
    // Owned by the request once it is sent (parented to its reply below): it lives as long as the
    // network manager reads it, even if this engine goes away first.
    auto *file = new QFile(path);
    if (path.isEmpty() || !file->open(QIODevice::ReadOnly)) {
        delete file;
        // The staged copy is gone (removed by hand, a damaged profile): nothing can ever send it.
        ApiError gone;
        gone.type = u"file-missing"_qs;
        gone.title = u"The file is no longer in the profile"_qs;
        gone.detail = a ? a->filename : describe(errors);
        onUploaded(e, std::nullopt, gone);
        return;
    }
    if (!m_uploads)
        m_uploads = std::make_unique<AttachmentClient>(m_api);
    // Without a comment id: the comment is not on the server yet; it links the file when it comes.
    // A note's file is staff only meanwhile.
    QNetworkReply *reply = m_uploads->upload(
        a->ticketId, file, a->filename, QString(),
        [this, e, commentId = a->commentId](const std::optional<Attachment> &stored, const ApiError &error) {
            std::optional<Attachment> mine = stored;
            if (mine)
                mine->commentId = commentId; // shown under its comment until the feed says so
            onUploaded(e, mine, error);
        },
        a->id, e.payload.value(u"internal"_qs).toBool());
    file->setParent(reply);
}

void SyncEngine::onUploaded(
    const OutboxEntry &e, const std::optional<Attachment> &stored, const ApiError &error)
{
    const QString seqBase = QString::fromUtf16(kSeqBase);
    if (stored) {
        if (!m_store->outbox().finishUpload(e, seqBase, stored, std::nullopt)) {
            failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
            return;
        }
        m_failures = 0;
        Q_EMIT uploaded(stored->id);
        push();
        return;
    }
    // Worth another try later: no network, the server busy or down, the session expired.
    const int status = error.httpStatus;
    if (error.type != u"file-missing"
        && (error.isNetwork() || status == 401 || status == 408 || status == 429 || status >= 500)) {
        failCycle(error);
        return;
    }
    // Refused for good (413 too large, 404 the ticket is gone, 422…): kept as a conflict so the
    // agent sees it, and the rest of the outbox goes on.
    const QJsonObject payload = e.payload.value(u"attachment"_qs).toObject();
    QJsonObject problem = error.problem.isEmpty()
        ? localProblem(error.type.isEmpty() ? u"upload-refused"_qs : error.type, error.title, error.detail)
        : error.problem;
    if (problem.value(u"status"_qs).toInt() == 0 && status > 0)
        problem.insert(u"status"_qs, status);
    const QJsonObject result {{u"id"_qs, e.id}, {u"status"_qs, u"rejected"_qs}, {u"problem"_qs, problem}};
    QJsonObject mutation = e.payload;
    mutation.insert(u"type"_qs, e.type);
    mutation.insert(u"id"_qs, e.id);
    const SyncConflict conflict {newId(), e.id, e.entityId, u"rejected"_qs, mutation, result, nowMs()};
    if (!m_store->outbox().finishUpload(e, seqBase, std::nullopt, conflict)) {
        failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
        return;
    }
    qCWarning(lcSync) << "upload refused:" << payload.value(u"filename"_qs).toString() << status
                      << error.message();
    Q_EMIT uploadRefused(payload.value(u"filename"_qs).toString(), problem);
    push();
}

} // namespace triage
