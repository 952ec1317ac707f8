#pragma once

#include "Database.h"
#include "domain/Comment.h"
#include "domain/Ticket.h"

namespace triage::server {

// Writes each ticket's metric events into `ticket_history` (ticket_id, at, user_id, field,
// old_value, new_value), inside the caller's write transaction, so the log commits with the change
// it describes. The metrics (reports, wall) are computed from these rows through core/metrics;
// docs/server.md lists the fields. Rows are never updated or deleted.
class HistoryLog
{
public:
    explicit HistoryLog(Database &db)
        : m_db(db)
    { }

    void created(const Ticket &ticket, const QString &userId);
    // One row per metric-relevant field that differs (status, priority, assignee, group, rating).
    void changed(const Ticket &before, const Ticket &after, const QString &userId);
    void comment(const Comment &comment, bool byStaff);
    void deleted(const QString &ticketId, const QString &userId, qint64 at);

    // Field names, also read by HistoryReader.
    static const QString kCreated, kStatus, kPriority, kAssignee, kGroup, kReply, kNote, kRating, kDeleted;

private:
    void add(const QString &ticketId, qint64 at, const QString &userId, const QString &field,
        const QString &oldValue, const QString &newValue);

    Database &m_db;
};

} // namespace triage::server
