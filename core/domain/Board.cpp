#include "Board.h"

#include "Uuid.h"

#include <QJsonArray>

namespace triage {

namespace {
QString swimlaneName(Swimlanes s)
{
    switch (s) {
    case Swimlanes::Priority:
        return u"priority"_qs;
    case Swimlanes::Assignee:
        return u"assignee"_qs;
    case Swimlanes::None:
        break;
    }
    return u"none"_qs;
}
} // namespace

Board Board::defaultBoard(const QString &id, const QString &name)
{
    Board b;
    b.id = id;
    b.name = name;
    b.columns = {{u"New"_qs, {TicketStatus::New}, 0}, {u"In progress"_qs, {TicketStatus::InProgress}, 0},
        {u"Waiting"_qs, {TicketStatus::Waiting}, 0}, {u"Resolved"_qs, {TicketStatus::Resolved}, 0},
        {u"Closed"_qs, {TicketStatus::Closed}, 0}};
    return b;
}

int Board::columnOf(TicketStatus status) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).statuses.contains(status))
            return i;
    }
    return -1;
}

QJsonObject Board::toJson() const
{
    QJsonArray cols;
    for (const auto &c : columns) {
        QJsonArray st;
        for (auto s : c.statuses)
            st.append(toWire(s));
        cols.append(
            QJsonObject {{u"title"_qs, c.title}, {u"statuses"_qs, st}, {u"wip_limit"_qs, c.wipLimit}});
    }
    return QJsonObject {{u"id"_qs, id}, {u"name"_qs, name},
        {u"group_id"_qs, groupId.isEmpty() ? QJsonValue() : QJsonValue(groupId)}, {u"columns"_qs, cols},
        {u"swimlanes"_qs, swimlaneName(swimlanes)}, {u"closed_recent_days"_qs, closedRecentDays}};
}

std::optional<Board> Board::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    Board b;
    b.id = r.string(u"id"_qs, true).value_or(QString());
    b.name = r.string(u"name"_qs, true).value_or(QString());
    b.groupId = r.nullableString(u"group_id"_qs).value_or(QString());
    if (const auto cols = r.array(u"columns"_qs, true)) {
        for (qsizetype i = 0; i < cols->size(); ++i) {
            JsonReader cr(cols->at(i).toObject(), u"columns[%1]"_qs.arg(i));
            BoardColumn c;
            c.title = cr.string(u"title"_qs, true).value_or(QString());
            for (const auto &s : cr.stringList(u"statuses"_qs, true).value_or(QStringList())) {
                if (const auto st = ticketStatusFromWire(s))
                    c.statuses << *st;
                else
                    cr.error(u"statuses"_qs, u"unknown status '%1'"_qs.arg(s.left(40)));
            }
            c.wipLimit = static_cast<int>(cr.integer(u"wip_limit"_qs, false, 0, 100000).value_or(0));
            cr.rejectUnknown();
            for (const auto &e : cr.errors())
                r.error(e.field, e.message);
            b.columns << c;
        }
    }
    if (const auto s = r.string(u"swimlanes"_qs, false)) {
        if (*s == u"priority"_qs)
            b.swimlanes = Swimlanes::Priority;
        else if (*s == u"assignee"_qs)
            b.swimlanes = Swimlanes::Assignee;
        else if (*s != u"none"_qs)
            r.error(u"swimlanes"_qs, u"must be none, priority or assignee"_qs);
    }
    b.closedRecentDays = static_cast<int>(r.integer(u"closed_recent_days"_qs, false, 0, 3650).value_or(7));
    r.rejectUnknown();
    FieldErrors all = r.errors();
    if (all.isEmpty())
        all = b.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return b;
}

FieldErrors Board::validate() const
{
    FieldErrors e;
    if (!isValidId(id))
        e.append({u"id"_qs, u"must be a UUID"_qs});
    if (name.trimmed().isEmpty() || name.size() > 200)
        e.append({u"name"_qs, u"must be non-empty text of at most 200 characters"_qs});
    if (columns.isEmpty())
        e.append({u"columns"_qs, u"a board needs at least one column"_qs});
    QList<TicketStatus> seen;
    for (const auto &c : columns) {
        if (c.statuses.isEmpty())
            e.append({u"columns"_qs, u"column '%1' maps no status"_qs.arg(c.title)});
        for (auto s : c.statuses) {
            if (seen.contains(s))
                e.append({u"columns"_qs, u"status '%1' is in two columns"_qs.arg(toWire(s))});
            seen << s;
        }
    }
    return e;
}

} // namespace triage
