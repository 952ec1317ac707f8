#include "SlaBreachStore.h"

#include "domain/Time.h"

#include <QJsonObject>
#include <QSet>

namespace triage::server {

int SlaBreachStore::record(const QString &ticketId, const std::vector<SlaTimer> &timers, qint64 detectedAt)
{
    return record({{ticketId, &timers}}, detectedAt);
}

int SlaBreachStore::record(const std::vector<TicketTimers> &tickets, qint64 detectedAt)
{
    std::vector<std::pair<const QString *, const SlaTimer *>> breached;
    QStringList ids;
    for (const auto &[ticketId, timers] : tickets) {
        bool any = false;
        for (const SlaTimer &t : *timers) {
            if (t.breached && t.breachedAt) {
                breached.emplace_back(&ticketId, &t);
                any = true;
            }
        }
        if (any)
            ids << ticketId;
    }
    if (breached.empty())
        return 0;
    QSet<QString> known;
    {
        QString marks = u"?"_qs;
        for (qsizetype i = 1; i < ids.size(); ++i)
            marks += u",?"_qs;
        Sql q(m_db,
            u"SELECT ticket_id, metric, cycle FROM sla_breaches WHERE ticket_id IN ("_qs + marks + u')');
        for (const QString &id : std::as_const(ids))
            q.bind(id);
        q.exec();
        while (q.next())
            known.insert(q.str(0) + u'/' + q.str(1) + u'/' + QString::number(q.i64(2)));
    }
    std::erase_if(breached, [&known](const auto &b) {
        return known.contains(
            *b.first + u'/' + toWire(b.second->metric) + u'/' + QString::number(b.second->cycle));
    });
    if (breached.empty())
        return 0;
    WriteTx tx(m_db);
    int added = 0;
    for (const auto &[ticketId, t] : breached) {
        Sql q(m_db,
            u"INSERT INTO sla_breaches (ticket_id, metric, cycle, breached_at, detected_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"_qs);
        q.bind(*ticketId)
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
