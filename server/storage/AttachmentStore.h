#pragma once

#include "ServerDatabase.h"
#include "domain/Attachment.h"

#include <QList>
#include <QString>

#include <optional>

class QIODevice;

namespace triage {
struct Ticket;
}

namespace triage::server {

// An attachment row as stored: the domain value plus what decides who may see it and where its
// bytes are.
struct StoredAttachment {
    Attachment attachment;
    bool isPublic = true; // false: on an internal note (requesters never see it)
    QString blobId; // whose chunks hold the bytes: itself, or an identical file on the ticket
    int chunkCount = 0;
};

// What a new attachment is, apart from its bytes.
struct NewAttachment {
    QString id; // empty: a new UUIDv7
    QString filename; // as the sender named it; reduced to attachmentBaseName()
    QString commentId; // empty: the ticket's own
    bool commentPublic = true; // the comment's `public` (ignored without a comment)
    bool internal = false; // without a comment: staff only until a comment names it (attachment_ids)
    QString createdBy; // user id; empty for a channel's intake
    QString sha256; // the bytes' SHA-256 (hex) when the caller hashed them already; empty: put() does
};

// Attachment rows and their bytes (docs/architecture.md "Attachments"). The bytes live in the
// database in chunks of kChunkBytes (BLOB on SQLite, BYTEA on PostgreSQL), so every triaged on one
// PostgreSQL serves every attachment without a shared filesystem, and neither writing nor reading
// holds more than a chunk in memory. Runs inside the caller's transaction like the other stores.
class AttachmentStore
{
public:
    static constexpr qint64 kChunkBytes = 256 * 1024;
    static constexpr qint64 kDefaultMaxBytes = 25 * 1024 * 1024;

    explicit AttachmentStore(ServerDatabase &db)
        : m_db(db)
    { }

    struct PutResult {
        enum Status {
            Stored,
            TooLarge, // more than maxBytes: nothing was kept
            ReadFailed, // `bytes` failed before its end: nothing was kept
        };
        Status status = Stored;
        StoredAttachment stored; // Stored only
        bool deduplicated = false; // the ticket already held these bytes: they were not stored twice
    };

    // Reads `bytes` to its end in chunks and stores them with the attachment row, in `tx`, which the
    // caller commits (the row is stamped into the change feed at commit). `ticket`: the attachment's
    // ticket as this transaction leaves it (its group and requester are copied for the change feed,
    // like a comment's). The caller has checked that the comment belongs to the ticket. The content
    // type is sniffed from the first chunk, sha256 computed as the chunks go by. A TooLarge or
    // ReadFailed result leaves nothing behind in `tx`; a DbError aborts the transaction as usual.
    PutResult put(WriteTx &tx, const Ticket &ticket, const NewAttachment &input, QIODevice &bytes,
        qint64 maxBytes = kDefaultMaxBytes);

    std::optional<StoredAttachment> load(const QString &id);
    QList<StoredAttachment> list(const QString &ticketId); // oldest first
    QStringList idsOfTicket(const QString &ticketId);
    // Chunk `index` (0-based) of `blobId`: nullopt past the last one. For one download, read 0, 1, …
    // in separate statements (no transaction needed: chunks never change once committed).
    std::optional<QByteArray> chunk(const QString &blobId, int index);

    // The ticket's group or requester changed (same transaction): refresh the copies the change feed
    // decides with. TicketService re-stamps the rows when the group changed (idsOfTicket).
    void followTicket(const QString &ticketId, const QString &groupId, const QString &requesterId);
    void markTicketDeleted(const QString &ticketId);
    // A file uploaded to the ticket becomes a comment's (the comment that named it, same
    // transaction); the caller stamps the row. Its visibility follows the comment's.
    void linkToComment(const QString &id, const QString &commentId, bool commentPublic);

private:
    void insertChunk(const QString &blobId, int index, const QByteArray &bytes);
    void removeChunks(const QString &blobId);

    ServerDatabase &m_db;
};

} // namespace triage::server
