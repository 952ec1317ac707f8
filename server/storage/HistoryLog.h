#pragma once

#include "ServerDatabase.h"
#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/TicketEvent.h"

#include <QByteArrayView>
#include <QHash>

namespace triage::server {

// Writes each ticket's metric events into `ticket_history` (ticket_id, at, user_id, field,
// old_value, new_value), inside the caller's write transaction, so the log commits with the change
// it describes. The metrics (reports, wall) are computed from these rows through core/metrics;
// docs/server.md lists the fields; their names are
// TicketEvent's (core), the one table the console, triagectl and triaged share. Rows are never updated or
// deleted.
//
// The same events are kept as wire JSON (TicketEvent::toJson, without the array brackets) so the
// change feed copies a ticket's log instead of assembling it per page: take(id) returns what this
// log wrote for a ticket, and the caller hands it to ServerTicketStore::insert/update, which append it to
// the stored log (`tickets.history` + `tickets.history_tail`) in the same transaction.
class HistoryLog
{
public:
    explicit HistoryLog(ServerDatabase &db)
        : m_db(db)
    { }

    void created(const Ticket &ticket, const QString &userId);
    // One row per metric-relevant field that differs (status, priority, assignee, group, rating).
    void changed(const Ticket &before, const Ticket &after, const QString &userId);
    void comment(const Comment &comment, bool byStaff);
    void deleted(const QString &ticketId, const QString &userId, qint64 at);
    // Any other event (e.g. `priority_overridden`).
    void add(const QString &ticketId, qint64 at, const QString &userId, const QString &field,
        const QString &oldValue, const QString &newValue);

    // The events written for `ticketId` since the last take(), comma-separated wire JSON.
    QByteArray take(const QString &ticketId) { return m_json.take(ticketId); }

    // One event as the change feed sends it (TicketEvent::toJson), appended to `out`.
    static void appendEventJson(QByteArray &out, qint64 at, QByteArrayView by, QByteArrayView field,
        QByteArrayView from, QByteArrayView to);

private:
    ServerDatabase &m_db;
    QHash<QString, QByteArray> m_json;
};

} // namespace triage::server
