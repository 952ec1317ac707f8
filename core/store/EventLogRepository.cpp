// Event logs and SLA snapshots (docs/sync-client.md "Event logs and SLA").
#include "EventLogRepository.h"

#include "CacheDatabase.h"
#include "LocalCache.h"
#include "StoreSql.h"
#include "domain/Time.h"
#include "sla/TicketSlaState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace triage {

using storesql::Transaction;

namespace {

// A stored log (ticket_logs.events, a JSON array); one that does not read is an empty log.
QList<TicketEvent> storedLog(const QString &ticketId, const QVariant &events)
{
    QString why;
    if (auto log = TicketEvent::listFromJsonText(events.toString().toUtf8(), &why))
        return *log;
    qCWarning(lcStore) << "unreadable stored event log of ticket" << ticketId << why;
    return {};
}

} // namespace

EventLogRepository::EventLogRepository(LocalCache &cache)
    : CacheRepository(cache)
{ }

EventLogRepository::~EventLogRepository() = default;

void EventLogRepository::reloadSlaState()
{
    m_sla.reset();
}

QList<TicketEvent> EventLogRepository::history(const QString &ticketId) const
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT events FROM ticket_logs WHERE ticket_id = ?"_qs);
    q.addBindValue(ticketId);
    if (!q.exec()) {
        fail(u"reading a ticket's history"_qs, q.lastError().text());
        return {};
    }
    return q.next() ? storedLog(ticketId, q.value(0)) : QList<TicketEvent>();
}

QHash<QString, QList<TicketEvent>> EventLogRepository::histories(const QStringList &ticketIds) const
{
    QHash<QString, QList<TicketEvent>> out;
    if (ticketIds.isEmpty())
        return out;
    if (ticketIds.size() == 1) {
        out.insert(ticketIds.first(), history(ticketIds.first()));
        return out;
    }
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(
        u"SELECT ticket_id, events FROM ticket_logs WHERE ticket_id IN (SELECT value FROM json_each(?))"_qs);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(ticketIds)).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        fail(u"reading histories"_qs, q.lastError().text());
        return out;
    }
    while (q.next()) {
        const QString id = q.value(0).toString();
        out.insert(id, storedLog(id, q.value(1)));
    }
    return out;
}

bool EventLogRepository::writeHistory(
    const QHash<QString, QList<TicketEvent>> &history, const QHash<QString, QByteArray> &historyJson)
{
    if (history.isEmpty())
        return true;
    QSqlQuery up(m_db->connection());
    up.prepare(u"INSERT INTO ticket_logs (ticket_id, events) VALUES (?, ?) "
               u"ON CONFLICT(ticket_id) DO UPDATE SET events = excluded.events"_qs);
    for (auto it = history.constBegin(); it != history.constEnd(); ++it) {
        const auto raw = historyJson.find(it.key());
        up.addBindValue(it.key());
        up.addBindValue(QString::fromUtf8(
            raw != historyJson.end() ? raw.value() : TicketEvent::listToJsonText(it.value())));
        if (!up.exec())
            return fail(u"writing a ticket's history"_qs, up.lastError().text());
    }
    return true;
}

QHash<QString, PendingSla> EventLogRepository::pendingSla() const
{
    // Only pending public replies matter: a pending edit already shows in the ticket's values.
    QHash<QString, PendingSla> out;
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT entity_id, payload, created_at FROM outbox WHERE type = 'comment.create' "
                u"ORDER BY seq"_qs))
        return out;
    while (q.next()) {
        const QJsonObject payload = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        if (payload.value(u"comment"_qs).toObject().value(u"public"_qs).toBool())
            out[q.value(0).toString()].publicReplies << q.value(2).toLongLong();
    }
    return out;
}

SlaInputs EventLogRepository::slaInputs() const
{
    SlaInputs in;
    const ReferenceData &data = m_cache.referenceData();
    in.calendars = data.entities(u"calendar"_qs);
    in.policies = data.entities(u"sla_policy"_qs);
    in.groups = data.entities(u"group"_qs);
    in.pending = pendingSla();
    return in;
}

const TicketSlaState &EventLogRepository::slaState() const
{
    if (!m_sla)
        m_sla = std::make_unique<TicketSlaState>(slaInputs().state());
    return *m_sla;
}

void EventLogRepository::fillSla(
    QList<Ticket> &tickets, const QHash<QString, QList<TicketEvent>> *history, bool readStored) const
{
    if (tickets.isEmpty())
        return;
    const TicketSlaState &state = slaState();
    const QHash<QString, PendingSla> pending = pendingSla();
    const qint64 now = nowMs();
    // Stored logs of the tickets that came without one, in one query (not one per ticket).
    QHash<QString, QList<TicketEvent>> stored;
    if (readStored) {
        QStringList missing;
        for (const Ticket &t : std::as_const(tickets)) {
            if (!history || !history->contains(t.id))
                missing << t.id;
        }
        stored = histories(missing);
    }
    for (Ticket &t : tickets) {
        const QList<TicketEvent> log
            = history && history->contains(t.id) ? history->value(t.id) : stored.value(t.id);
        t.sla = state.snapshot(t, log, pending.value(t.id), now);
    }
}

QHash<QString, QList<TicketEvent>> EventLogRepository::allHistories() const
{
    QHash<QString, QList<TicketEvent>> logs;
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT ticket_id, events FROM ticket_logs"_qs)) {
        fail(u"reading histories"_qs, q.lastError().text());
        return logs;
    }
    while (q.next()) {
        const QString id = q.value(0).toString();
        logs.insert(id, storedLog(id, q.value(1)));
    }
    return logs;
}

bool EventLogRepository::upgradeSlaSnapshots()
{
    const QString current = QString::number(kSlaRulesRevision);
    if (m_cache.meta().value(u"sla.rules_revision"_qs) == current)
        return true;
    if (m_cache.tickets().ticketCount() > 0 && !recomputeSla())
        return false;
    return m_cache.meta().setValue(u"sla.rules_revision"_qs, current);
}

bool EventLogRepository::recomputeSla()
{
    m_sla.reset();
    QList<Ticket> all;
    const TicketRepository &tickets = m_cache.tickets();
    all.reserve(static_cast<qsizetype>(tickets.ticketCount()));
    if (!tickets.forEachTicket([&all](Ticket &&t) { all << std::move(t); }))
        return false;
    // One pass over the logs instead of a query per ticket.
    QHash<QString, QList<TicketEvent>> logs = allHistories();
    for (const Ticket &t : all) {
        if (!logs.contains(t.id))
            logs.insert(t.id, {}); // no log: no per-ticket query in fillSla
    }
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    fillSla(all, &logs);
    QSqlQuery up(m_db->connection());
    up.prepare(
        u"UPDATE tickets SET sla_due = ?, sla_metric = ?, sla_paused_ms = ?, sla_warn_at = ? WHERE id = ?"_qs);
    for (const Ticket &t : all) {
        up.addBindValue(
            t.sla.due == SlaSnapshot::kNone ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(t.sla.due));
        up.addBindValue(static_cast<int>(t.sla.metric));
        up.addBindValue(
            t.sla.paused ? QVariant(t.sla.remainingMs) : QVariant(QMetaType(QMetaType::LongLong)));
        up.addBindValue(t.sla.warnAt == SlaSnapshot::kNone ? QVariant(QMetaType(QMetaType::LongLong))
                                                           : QVariant(t.sla.warnAt));
        up.addBindValue(t.id);
        if (!up.exec())
            return fail(u"storing SLA snapshots"_qs, up.lastError().text());
    }
    if (!tx.commit())
        return fail(u"committing SLA snapshots"_qs, tx.error());
    qCInfo(lcStore) << "SLA snapshots re-derived for" << all.size() << "tickets";
    Q_EMIT m_cache.tickets().reset();
    return true;
}

} // namespace triage
