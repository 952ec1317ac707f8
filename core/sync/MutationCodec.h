#pragma once

#include "domain/Comment.h"
#include "domain/ListEdits.h"
#include "domain/Ticket.h"
#include "domain/TicketFilter.h"
#include "domain/Validation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <optional>

namespace triage {

// The mutation wire codec (POST /api/v1/mutations, docs/sync-protocol.md), one for both ends: the
// console and triagectl encode their intents with it (LocalEditor, SyncEngine), triaged decodes
// and checks them with it (SyncApi), and server/fuzz fuzzes the decoder.

// One requested field change of a ticket.update mutation: what the agent saw and what they want.
struct FieldChange {
    QString field; // a TicketField's wire name (a decoded one is checked against updatableTicketFields())
    QJsonValue from;
    QJsonValue to;

    bool operator==(const FieldChange &) const = default;
};

// One mutation. A decoded mutation whose envelope is fine (client_seq, id) but whose payload is
// invalid is kept with `errors` set: it becomes a `rejected` result and still counts as processed,
// so one bad mutation never blocks a client's queue.
struct Mutation {
    enum class Type {
        TicketCreate,
        TicketUpdate,
        CommentCreate,
        TicketMove,
        TicketDelete,
        ViewPut,
        ViewDelete
    };
    Type type = Type::TicketCreate;
    QString id; // envelope; empty until the outbox entry is sent
    qint64 clientSeq = 0; // envelope; 0 until sent
    QJsonObject raw; // decoded: as sent; echoed in rejected/held results so nothing is lost
    QByteArray payloadHash; // decoded: SHA-256 of the canonical JSON (same seq + other payload → 422)
    FieldErrors errors; // decoded

    Ticket ticket; // ticket.create
    QString ticketId; // update, move, delete
    std::optional<qint64> baseVersion;
    QList<FieldChange> changes; // update
    ListEdits lists; // update: tags and links added/removed
    Comment comment; // comment.create
    bool confirm = false; // comment.create: send a held reply anyway
    QStringList attachmentIds; // comment.create: files uploaded before it, linked to it
    std::optional<TicketStatus> status; // move
    QString after, before; // move
    SavedView view; // view.put: the whole view (last writer wins, as PUT /views/{id})
    QString viewId; // view.put (the view's id), view.delete
};

// The outbox/mutation types that carry a saved view rather than a ticket.
bool isViewMutation(Mutation::Type type);
bool isViewMutation(QStringView typeName);

struct MutationBatch {
    QString clientId;
    QList<Mutation> mutations;
};

constexpr int kMaxMutationsPerBatch = 500;
constexpr int kMaxAttachmentsPerComment = 50;

// The outbox entry of a file waiting to be uploaded (not a mutation: SyncEngine uploads it over
// REST, in outbox order, before the comment that names it is sent). docs/sync-protocol.md.
inline constexpr QStringView kAttachmentUploadType = u"attachment.upload";

QString mutationTypeName(Mutation::Type type);

// The ticket fields a ticket.update (and the REST PATCH) may change, by wire name, in the order
// errors list them.
const QStringList &updatableTicketFields();

// The mutation as JSON: `type` and the payload of its type, plus the envelope (`id`,
// `client_seq`) when it has one. Without the envelope it is what the outbox stores.
QJsonObject encodeMutation(const Mutation &mutation);
// A stored payload (encodeMutation without envelope, possibly written by an older version) as sent:
// with its type, id and client sequence.
QJsonObject encodeEnvelope(QJsonObject payload, const QString &type, const QString &id, qint64 clientSeq);

// Decodes a whole batch. Envelope errors (not an object, no client_id, mutations not an array,
// entries without an integer client_seq or UUID id, client_seq not strictly increasing) fail the
// batch: std::nullopt with `errors` filled. Pure: no I/O, safe to fuzz.
std::optional<MutationBatch> decodeMutationBatch(const QJsonObject &body, FieldErrors *errors);
// One mutation; envelope errors go to `envelopeErrors` (prefixed), payload errors to its `errors`.
Mutation decodeMutation(const QJsonObject &object, const QString &prefix, FieldErrors *envelopeErrors);

} // namespace triage
