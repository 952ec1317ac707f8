#pragma once

#include "ServerDatabase.h"
#include "sla/SlaTypes.h"

#include <QJsonArray>

namespace triage::server {

// `sla_escalations`: each escalation level of an SLA cycle executed once per ticket, across every
// triaged instance on the database (primary key ticket, metric, cycle, threshold, action; the
// claim is an insert-or-ignore inside the transaction that performs the action).
class SlaEscalationStore
{
public:
    explicit SlaEscalationStore(ServerDatabase &db)
        : m_db(db)
    { }

    // Inside the caller's WriteTx: true when this caller is the first to claim the level (the row
    // is inserted), false when it was claimed already (by this or another instance).
    bool claim(const QString &ticketId, SlaMetric metric, int cycle, double percent, EscalationAction action,
        qint64 reachedAt, qint64 executedAt);
    // What the claimed level did ("notified lead", "priority high → critical", "nothing to do: …").
    void setOutcome(const QString &ticketId, SlaMetric metric, int cycle, double percent,
        EscalationAction action, const QString &outcome);
    // [{"metric", "cycle", "percent", "action", "reached_at", "executed_at", "outcome"}] in order.
    QJsonArray list(const QString &ticketId);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
