#pragma once

#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/Validation.h"

#include <QJsonObject>

#include <optional>

namespace triage {

// Decodes tickets and comments of the change feed in one pass over each object. The server
// validated every row on its way in, so this path does not re-run the per-field checks of
// Ticket::fromJson / Comment::fromJson (UUID shapes, clean text, unknown fields — those cost more
// than a third of an initial sync). Anything unexpected (no id, an unknown enum value, a timestamp
// in another form, a wrong JSON type) falls back to the strict parser, which either reads it or
// says why the row is unreadable. Unknown keys are ignored: later servers may add fields.
std::optional<Ticket> decodeFeedTicket(const QJsonObject &data, FieldErrors *errors);
std::optional<Comment> decodeFeedComment(const QJsonObject &data, FieldErrors *errors);

// "2026-03-02T07:00:00.000Z" (the wire form of isoUtc) → ms since the epoch; nullopt for any
// other form (the caller then uses the general ISO 8601 parser).
std::optional<qint64> parseWireInstant(QStringView s);

} // namespace triage
