#pragma once

#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

struct Ticket;

// The editable ticket fields. Declared in the order of their wire names, so a TicketFieldValues
// map walks them in the order a JSON object of wire names would (intents keep their order).
enum class TicketField {
    Assignee, // assignee_id
    CsatComment, // csat_comment
    CsatRating, // csat_rating
    Description, // description
    Group, // group_id
    Impact, // impact
    Priority, // priority
    Status, // status
    Title, // title
    Type, // type
    Urgency, // urgency
};

// New values by field, as wire values (strings, null for "none", integers for csat_rating).
using TicketFieldValues = QMap<TicketField, QJsonValue>;

// The wire name (`{field, from, to}` intents, the REST representation); the one table of them.
QString toWire(TicketField field);
std::optional<TicketField> ticketFieldFromWire(QStringView name);

// The editable ticket fields by wire name, shared by the client (LocalEditor, sync rebase) and
// the server (mutation decoder), so both read and apply a `{field, from, to}` intent identically.
namespace ticketfields {

const QStringList &editable(); // title, description, type, status, priority, impact, urgency,
                               // assignee_id, group_id, csat_rating, csat_comment

// Current wire value of `field` (strings; null for "none"; an integer for csat_rating).
QJsonValue value(const Ticket &t, TicketField field);
// The same by wire name; undefined for a name that is not an editable field.
QJsonValue value(const Ticket &t, const QString &field);

// Sets `field` from its wire value; std::nullopt on success, otherwise why not (type, vocabulary,
// unknown field). Does not check workflow rules: see workflow::refuseChange().
std::optional<QString> apply(Ticket &t, TicketField field, const QJsonValue &value);
std::optional<QString> apply(Ticket &t, const QString &field, const QJsonValue &value);

} // namespace ticketfields
} // namespace triage
