#pragma once

#include "ServerDatabase.h"
#include "sla/SlaEngine.h"

#include <QJsonArray>

#include <utility>
#include <vector>

namespace triage::server {

// `sla_breaches`: each breached SLA cycle of a ticket recorded once (ticket, metric, cycle), with
// the theoretical breach instant and when triaged noticed it (a ticket read or write, or the
// periodic SlaSweeper). Rows are never updated: the first detection wins.
class SlaBreachStore
{
public:
    explicit SlaBreachStore(ServerDatabase &db)
        : m_db(db)
    { }

    // Records the breached cycles of `timers` not recorded yet, in its own write transaction (only
    // when there is something new); returns how many were new.
    int record(const QString &ticketId, const std::vector<SlaTimer> &timers, qint64 detectedAt);
    // The same for several tickets: one query for what is known, one transaction for what is new.
    using TicketTimers = std::pair<QString, const std::vector<SlaTimer> *>;
    int record(const std::vector<TicketTimers> &tickets, qint64 detectedAt);
    // [{"metric", "cycle", "breached_at", "detected_at"}] in breach order.
    QJsonArray list(const QString &ticketId);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
