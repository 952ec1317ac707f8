#pragma once

#include "TicketService.h"
#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/Validation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace triage::server {

// One decoded entry of POST /api/v1/mutations. A mutation whose envelope is fine (client_seq, id)
// but whose payload is invalid is kept with `errors` set: it becomes a `rejected` result and still
// counts as processed, so one bad mutation never blocks a client's queue.
struct Mutation {
    enum class Type { TicketCreate, TicketUpdate, CommentCreate, TicketMove, TicketDelete };
    Type type = Type::TicketCreate;
    QString id;
    qint64 clientSeq = 0;
    QJsonObject raw; // as sent; echoed in rejected/held results so nothing is lost
    QByteArray payloadHash; // SHA-256 of the canonical JSON: same seq + different payload → 422
    FieldErrors errors;

    Ticket ticket; // ticket.create
    QString ticketId; // update, move, delete
    std::optional<qint64> baseVersion;
    QList<FieldChange> changes; // update
    ListEdits lists; // update: tags and links added/removed
    Comment comment; // comment.create
    bool confirm = false; // comment.create: send a held reply anyway
    std::optional<TicketStatus> status; // move
    QString after, before; // move
};

struct MutationBatch {
    QString clientId;
    QList<Mutation> mutations;
};

constexpr int kMaxMutationsPerBatch = 500;

// Decodes a whole batch. Envelope errors (not an object, no client_id, mutations not an array,
// entries without an integer client_seq or UUID id, client_seq not strictly increasing) fail the
// batch: std::nullopt with `errors` filled. Pure: no I/O, safe to fuzz.
std::optional<MutationBatch> decodeMutationBatch(const QJsonObject &body, FieldErrors *errors);
Mutation decodeMutation(const QJsonObject &object, const QString &prefix, FieldErrors *envelopeErrors);
QString mutationTypeName(Mutation::Type type);

} // namespace triage::server
