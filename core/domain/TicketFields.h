#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

struct Ticket;

// The editable ticket fields by wire name, shared by the client (LocalEditor, sync rebase) and
// the server (mutation decoder), so both read and apply a `{field, from, to}` intent identically.
namespace ticketfields {

const QStringList &editable(); // title, description, type, status, priority, impact, urgency,
                               // assignee_id, group_id, csat_rating, csat_comment

// Current wire value of `field` (strings; null for "none"; an integer for csat_rating).
QJsonValue value(const Ticket &t, const QString &field);

// Sets `field` from its wire value; std::nullopt on success, otherwise why not (type, vocabulary,
// unknown field). Does not check workflow rules: see workflow::refuseChange().
std::optional<QString> apply(Ticket &t, const QString &field, const QJsonValue &value);

} // namespace ticketfields
} // namespace triage
