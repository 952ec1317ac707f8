#include "SlaBreachStore.h"

#include "domain/Time.h"

#include <QJsonObject>
#include <QSet>

namespace triage::server {

int SlaBreachStore::record(const QString &ticketId, const std::vector<SlaTimer> &timers, qint64 detectedAt)
{
    std::vector<const SlaTimer *> breached;
    for (const SlaTimer &t : timers) {
        if (t.breached && t.breachedAt)
            breached.push_back(&t);
    }
    if (breached.empty())
        return 0;
    QSet<QString> known;
    {
        Sql q(m_db, u"SELECT metric, cycle FROM sla_breaches WHERE ticket_id = ?"_qs);
        q.bind(ticketId).exec();
        while (q.next())
            known.insert(q.str(0) + u'/' + QString::number(q.i64(1)));
    }
    std::erase_if(breached, [&known](const SlaTimer *t) {
        return known.contains(toWire(t->metric) + u'/' + QString::number(t->cycle));
    });
    if (breached.empty())
        return 0;
    WriteTx tx(m_db);
    int added = 0;
    for (const SlaTimer *t : breached) {
        Sql q(m_db,
            u"INSERT INTO sla_breaches (ticket_id, metric, cycle, breached_at, detected_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"_qs);
        q.bind(ticketId)
            .bind(toWire(t->metric))
            .bind(t->cycle)
            .bind(*t->breachedAt)
            .bind(std::max(detectedAt, *t->breachedAt))
            .exec();
        added += q.numRowsAffected() == 1 ? 1 : 0; // another request or instance may have been first
    }
    tx.commit();
    return added;
}

QJsonArray SlaBreachStore::list(const QString &ticketId)
{
    QJsonArray out;
    Sql q(m_db,
        u"SELECT metric, cycle, breached_at, detected_at FROM sla_breaches WHERE ticket_id = ?"
        " ORDER BY breached_at, metric, cycle"_qs);
    q.bind(ticketId).exec();
    while (q.next()) {
        out.append(QJsonObject {{u"metric"_qs, q.str(0)}, {u"cycle"_qs, q.i64(1)},
            {u"breached_at"_qs, isoUtc(q.i64(2))}, {u"detected_at"_qs, isoUtc(q.i64(3))}});
    }
    return out;
}

} // namespace triage::server
