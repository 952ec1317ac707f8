#include "AttachmentsApi.h"

#include "ApiUtil.h"
#include "domain/Uuid.h"
#include "http/MultipartUpload.h"
#include "http/PieceStream.h"
#include "storage/AttachmentStore.h"
#include "storage/ServerTicketStore.h"

#include <QIODevice>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <cstdio>

namespace triage::server {

namespace {

// `Content-Disposition` for a download (RFC 6266): an ASCII fallback and the UTF-8 name (RFC 8187).
QByteArray contentDisposition(const QString &filename)
{
    QByteArray ascii;
    for (const QChar c : filename)
        ascii.append(
            c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\' ? char(c.unicode()) : '_');
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + QUrl::toPercentEncoding(filename, "!#$&+^`|");
}

// Types a browser would render or run even from a download link are served as plain bytes.
QByteArray servedType(const QString &sniffed)
{
    static const QStringList active {u"text/html"_qs, u"application/xhtml+xml"_qs, u"image/svg+xml"_qs,
        u"text/xml"_qs, u"application/xml"_qs, u"text/javascript"_qs, u"application/javascript"_qs};
    if (sniffed.isEmpty() || active.contains(sniffed))
        return "application/octet-stream";
    return sniffed.toLatin1();
}

bool visible(const Principal &who, ServerTicketStore &tickets, const StoredAttachment &a)
{
    const auto t = tickets.load(a.attachment.ticketId, false);
    return t && !t->deleted && who.canSeeTicket(t->ticket.groupId, t->ticket.requesterId)
        && who.canSeeComment(a.isPublic);
}

} // namespace

void AttachmentsApi::registerRoutes(Router &router)
{
    router.add("POST", u"/api/v1/tickets/{id}/attachments"_qs, true, [this](Call &c) { return upload(c); });
    router.add("GET", u"/api/v1/tickets/{id}/attachments"_qs, true, [this](Call &c) { return list(c); });
    router.add("GET", u"/api/v1/attachments/{id}"_qs, true, [this](Call &c) { return download(c); });
}

qint64 AttachmentsApi::uploadLimit(const HttpRequest &request) const
{
    static const QRegularExpression route(u"^/api/v1/tickets/[^/]+/attachments/?$"_qs);
    return request.method == "POST" && route.match(request.path).hasMatch() ? m_ctx.maxAttachmentBytes : 0;
}

HttpResponse AttachmentsApi::upload(Call &call)
{
    HttpResponse err;
    const QString ticketId = call.params.value(0);
    if (!validPathId(ticketId, &err, u"ticket"_qs))
        return err;
    const MultipartUpload *form = call.request.upload.get();
    if (!form) {
        return problem(415, u"unsupported-media-type"_qs, u"Unsupported media type"_qs,
            u"Send the file as multipart/form-data with a `file` part."_qs);
    }
    if (!form->hasFile())
        return validationProblem({{u"file"_qs, u"required: a multipart part named `file`"_qs}});
    const QString commentId = form->field(u"comment_id"_qs).trimmed();
    if (!commentId.isEmpty() && !isValidId(commentId))
        return validationProblem({{u"comment_id"_qs, u"must be a UUID"_qs}});
    // A client-chosen id makes the upload idempotent: an upload retried after a lost answer gets the
    // attachment the first one created (200), never a second one.
    const QString clientId = form->field(u"id"_qs).trimmed().toLower();
    if (!clientId.isEmpty() && !isValidId(clientId))
        return validationProblem({{u"id"_qs, u"must be a UUID"_qs}});
    // A file for a comment still on its way (the console's outbox): staff only until that comment
    // names it, so a file meant for an internal note is never a requester's, even for a moment.
    const QString internalField = form->field(u"internal"_qs).trimmed();
    if (!internalField.isEmpty() && internalField != u"true"_qs && internalField != u"false"_qs)
        return validationProblem({{u"internal"_qs, u"must be true or false"_qs}});
    const bool internal = internalField == u"true"_qs;
    if (internal && !commentId.isEmpty())
        return validationProblem({{u"internal"_qs, u"a comment's file follows the comment's visibility"_qs}});
    if (internal && !call.principal.isStaff())
        return problem(403, u"forbidden"_qs, u"Forbidden"_qs, u"Only agents add internal files."_qs);
    std::unique_ptr<QIODevice> file = form->openFile();
    if (!file) {
        return problem(507, u"storage-full"_qs, u"Server storage full"_qs,
            u"The server could not read the upload back from its disk; retry later."_qs);
    }

    WriteTx tx(*m_ctx.db);
    ServerTicketStore tickets(*m_ctx.db);
    const auto ticket = tickets.load(ticketId, false);
    if (!ticket || ticket->deleted
        || !call.principal.canSeeTicket(ticket->ticket.groupId, ticket->ticket.requesterId))
        return notFound(u"ticket"_qs);
    AttachmentStore attachments(*m_ctx.db);
    if (!clientId.isEmpty()) {
        if (const auto existing = attachments.load(clientId)) {
            const Attachment &a = existing->attachment;
            if (a.ticketId != ticketId || a.createdBy != call.principal.userId
                || a.filename != attachmentBaseName(form->filename()))
                return problem(409, u"id-conflict"_qs, u"Id already used"_qs,
                    u"An attachment with this id already exists."_qs);
            HttpResponse r = HttpResponse::json(200, a.toJson());
            r.setHeader("Location", "/api/v1/attachments/" + a.id.toLatin1());
            r.setHeader("Idempotency-Replayed", "true");
            return r;
        }
    }
    NewAttachment input;
    input.id = clientId;
    input.internal = internal;
    input.filename = form->filename();
    input.createdBy = call.principal.userId;
    input.sha256 = form->fileSha256();
    if (!commentId.isEmpty()) {
        const auto comment = tickets.loadComment(commentId);
        if (!comment || comment->comment.ticketId != ticketId
            || !call.principal.canSeeComment(comment->comment.isPublic))
            return validationProblem({{u"comment_id"_qs, u"no such comment on this ticket"_qs}});
        input.commentId = commentId;
        input.commentPublic = comment->comment.isPublic;
    }
    const AttachmentStore::PutResult put
        = attachments.put(tx, ticket->ticket, input, *file, m_ctx.maxAttachmentBytes);
    switch (put.status) {
    case AttachmentStore::PutResult::TooLarge:
        return problem(413, u"file-too-large"_qs, u"File too large"_qs,
            u"The file may be at most %1 bytes."_qs.arg(m_ctx.maxAttachmentBytes),
            {{u"max_bytes"_qs, m_ctx.maxAttachmentBytes}});
    case AttachmentStore::PutResult::ReadFailed:
        return problem(507, u"storage-full"_qs, u"Server storage full"_qs,
            u"The server could not read the upload back from its disk; retry later."_qs);
    case AttachmentStore::PutResult::Stored:
        break;
    }
    tx.commit();
    m_ctx.committed();
    HttpResponse r = HttpResponse::json(201, put.stored.attachment.toJson());
    r.setHeader("Location", "/api/v1/attachments/" + put.stored.attachment.id.toLatin1());
    return r;
}

HttpResponse AttachmentsApi::list(Call &call)
{
    HttpResponse err;
    const QString ticketId = call.params.value(0);
    if (!validPathId(ticketId, &err, u"ticket"_qs))
        return err;
    ReadTx tx(*m_ctx.db);
    ServerTicketStore tickets(*m_ctx.db);
    const auto ticket = tickets.load(ticketId, false);
    if (!ticket || ticket->deleted
        || !call.principal.canSeeTicket(ticket->ticket.groupId, ticket->ticket.requesterId))
        return notFound(u"ticket"_qs);
    QJsonArray out;
    for (const StoredAttachment &a : AttachmentStore(*m_ctx.db).list(ticketId)) {
        if (call.principal.canSeeComment(a.isPublic))
            out.append(a.attachment.toJson());
    }
    return HttpResponse::json(200, QJsonObject {{u"attachments"_qs, out}});
}

HttpResponse AttachmentsApi::download(Call &call)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"attachment"_qs))
        return err;
    std::optional<StoredAttachment> stored;
    {
        ReadTx tx(*m_ctx.db);
        ServerTicketStore tickets(*m_ctx.db);
        stored = AttachmentStore(*m_ctx.db).load(id);
        // An attachment the caller may not see is answered like a missing one.
        if (!stored || !visible(call.principal, tickets, *stored))
            return notFound(u"attachment"_qs);
    }
    const Attachment &a = stored->attachment;
    const QByteArray etag = '"' + a.sha256.toLatin1() + '"';
    HttpResponse r;
    r.setHeader("ETag", etag);
    r.setHeader("Cache-Control", "private, no-cache");
    r.setHeader("X-Content-Type-Options", "nosniff");
    if (call.request.header("if-none-match") == etag) {
        r.status = 304;
        return r;
    }
    r.contentType = servedType(a.contentType);
    r.setHeader("Content-Disposition", contentDisposition(a.filename));
    r.setHeader("Content-Security-Policy", "sandbox");
    if (a.size == 0)
        return r;
    // Chunks are read one ahead of the socket on the read pool, each in its own statement.
    ServerDatabase *db = m_ctx.db;
    r.pieces = std::make_shared<PieceStream>(a.size,
        [db, blob = stored->blobId, count = stored->chunkCount,
            next = 0]() mutable -> std::optional<QByteArray> {
            if (next >= count)
                return QByteArray();
            try {
                return AttachmentStore(*db).chunk(blob, next++);
            } catch (const DbError &e) {
                std::fprintf(stderr, "error: storage (attachment download cut): %s\n", e.what());
                db->dropThreadConnection();
                return std::nullopt;
            }
        });
    return r;
}

} // namespace triage::server
