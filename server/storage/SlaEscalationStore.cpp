#include "SlaEscalationStore.h"

#include "domain/Time.h"

#include <QJsonObject>

#include <cmath>

namespace triage::server {

namespace {

// Percent in hundredths: an exact key for the primary key.
qint64 threshold(double percent)
{
    return std::llround(percent * 100.0);
}

} // namespace

bool SlaEscalationStore::claim(const QString &ticketId, SlaMetric metric, int cycle, double percent,
    EscalationAction action, qint64 reachedAt, qint64 executedAt)
{
    Sql q(m_db,
        u"INSERT INTO sla_escalations (ticket_id, metric, cycle, threshold, action, reached_at, executed_at,"
        " outcome) VALUES (?, ?, ?, ?, ?, ?, ?, '') ON CONFLICT DO NOTHING"_qs);
    q.bind(ticketId)
        .bind(toWire(metric))
        .bind(cycle)
        .bind(threshold(percent))
        .bind(toWire(action))
        .bind(reachedAt)
        .bind(executedAt)
        .exec();
    return q.numRowsAffected() == 1;
}

void SlaEscalationStore::setOutcome(const QString &ticketId, SlaMetric metric, int cycle, double percent,
    EscalationAction action, const QString &outcome)
{
    Sql q(m_db,
        u"UPDATE sla_escalations SET outcome = ? WHERE ticket_id = ? AND metric = ? AND cycle = ?"
        " AND threshold = ? AND action = ?"_qs);
    q.bind(outcome)
        .bind(ticketId)
        .bind(toWire(metric))
        .bind(cycle)
        .bind(threshold(percent))
        .bind(toWire(action))
        .exec();
}

QJsonArray SlaEscalationStore::list(const QString &ticketId)
{
    QJsonArray out;
    Sql q(m_db,
        u"SELECT metric, cycle, threshold, action, reached_at, executed_at, outcome FROM sla_escalations"
        " WHERE ticket_id = ? ORDER BY reached_at, metric, cycle, threshold, action"_qs);
    q.bind(ticketId).exec();
    while (q.next()) {
        out.append(QJsonObject {{u"metric"_qs, q.str(0)}, {u"cycle"_qs, q.i64(1)},
            {u"percent"_qs, double(q.i64(2)) / 100.0}, {u"action"_qs, q.str(3)},
            {u"reached_at"_qs, isoUtc(q.i64(4))}, {u"executed_at"_qs, isoUtc(q.i64(5))},
            {u"outcome"_qs, q.str(6)}});
    }
    return out;
}

} // namespace triage::server
