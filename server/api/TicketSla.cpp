#include "TicketSla.h"

#include "domain/Time.h"
#include "sla/SlaHistory.h"
#include "storage/DirectoryStore.h"
#include "storage/ServerTicketStore.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace triage::server {

namespace {

const QString kCalendarKind = u"calendar"_qs;
const QString kPolicyKind = u"sla_policy"_qs;

std::optional<BusinessCalendar> storedCalendar(const QJsonObject &doc)
{
    QString why;
    auto c = BusinessCalendar::fromJson(doc.value(u"calendar"_qs), &why);
    if (!c)
        qCWarning(lcSla, "stored calendar %s does not parse: %s", qPrintable(doc.value(u"id"_qs).toString()),
            qPrintable(why));
    return c;
}

double roundedMinutes(qint64 ms)
{
    return std::round(double(ms) / 600.0) / 100.0;
}

} // namespace

TicketSla::TicketSla(ServerDatabase &db)
    : m_db(db)
    , m_policies(SlaPolicySet::fromDocs(DirectoryStore(db).configDocs(kPolicyKind)))
{ }

const SlaPolicy &TicketSla::policyFor(
    const Ticket &ticket, const std::vector<SlaEvent> &events, qint64 now, QString *policyId) const
{
    return m_policies.selectFor(events, ticket.type, ticket.groupId, now, policyId);
}

const BusinessCalendar &TicketSla::calendarFor(const QString &groupId)
{
    if (const auto it = m_byGroup.constFind(groupId); it != m_byGroup.constEnd())
        return *it;
    DirectoryStore dir(m_db);
    std::optional<BusinessCalendar> cal;
    if (!groupId.isEmpty()) {
        if (const auto g = dir.group(groupId); g && !g->calendarId.isEmpty()) {
            if (const auto doc = dir.configDoc(kCalendarKind, g->calendarId))
                cal = storedCalendar(*doc);
        }
    }
    if (!cal) {
        if (!m_fallback) {
            for (const QJsonObject &doc : dir.configDocs(kCalendarKind)) {
                if ((m_fallback = storedCalendar(doc)))
                    break;
            }
            if (!m_fallback)
                m_fallback = BusinessCalendar();
        }
        cal = m_fallback;
    }
    return *m_byGroup.insert(groupId, *cal);
}

bool TicketSla::isStaff(const QString &userId)
{
    if (const auto it = m_staff.constFind(userId); it != m_staff.constEnd())
        return *it;
    const auto u = DirectoryStore(m_db).userById(userId);
    const bool staff = u && u->user.isStaff();
    m_staff.insert(userId, staff);
    return staff;
}

void TicketSla::preload(const QStringList &ticketIds)
{
    for (auto &&[id, sources] : SlaSourceStore(m_db).loadMany(ticketIds).asKeyValueRange())
        m_preloaded.insert(id, std::move(sources));
}

std::vector<SlaEvent> TicketSla::events(const Ticket &t)
{
    if (const auto it = m_preloaded.find(t.id); it != m_preloaded.end()) {
        const SlaSources raw = std::move(*it);
        m_preloaded.erase(it);
        return assemble(t, raw);
    }
    return assemble(t, SlaSourceStore(m_db).load(t.id));
}

std::vector<SlaEvent> TicketSla::assemble(const Ticket &t, const SlaSources &raw)
{
    // Comments come from their own table (it also holds those written before the log existed), as
    // the log's `reply`/`note` entries would carry them.
    QList<TicketEvent> log;
    log.reserve(qsizetype(raw.history.size() + raw.replies.size()));
    for (const SlaSources::History &h : raw.history)
        log.append(TicketEvent {h.at, QString(), h.field, h.oldValue, h.newValue});
    for (const SlaSources::Reply &r : raw.replies) {
        log.append(TicketEvent {r.at, r.authorId,
            TicketEvent::fieldName(r.isPublic ? TicketEvent::Kind::Reply : TicketEvent::Kind::Note),
            QString(), isStaff(r.authorId) ? u"agent"_qs : u"requester"_qs});
    }
    return slaEventsFromHistory(t, log, SlaLogCoverage::Complete);
}

std::vector<SlaTimer> TicketSla::timers(const Ticket &t, qint64 now)
{
    const std::vector<SlaEvent> log = events(t);
    return SlaEngine::evaluate(calendarFor(t.groupId), policyFor(t, log, now), log, now);
}

QJsonObject TicketSla::timerJson(const SlaTimer &timer, bool withinCalendar)
{
    return QJsonObject {{u"cycle"_qs, timer.cycle}, {u"state"_qs, toWire(timer.state)},
        {u"target_minutes"_qs, timer.targetMinutes},
        {u"due"_qs, timer.due ? QJsonValue(isoUtc(*timer.due)) : QJsonValue()},
        {u"remaining_minutes"_qs, roundedMinutes(timer.remainingMs)},
        {u"paused"_qs, timer.state == SlaTimerState::Paused}, {u"breached"_qs, timer.breached},
        {u"breached_at"_qs, timer.breachedAt ? QJsonValue(isoUtc(*timer.breachedAt)) : QJsonValue()},
        {u"within_calendar"_qs, withinCalendar}};
}

QJsonObject TicketSla::toJson(const Ticket &t, qint64 now, std::vector<SlaTimer> *timers)
{
    const BusinessCalendar &cal = calendarFor(t.groupId);
    const bool within = cal.isBusinessTime(now);
    const std::vector<SlaEvent> log = events(t);
    QString policyId;
    const SlaPolicy &policy = policyFor(t, log, now, &policyId);
    const std::vector<SlaTimer> all = SlaEngine::evaluate(cal, policy, log, now);
    QJsonObject out {{u"evaluated_at"_qs, isoUtc(now)},
        {u"policy_id"_qs, policyId.isEmpty() ? QJsonValue() : QJsonValue(policyId)}};
    for (const SlaMetric m : kSlaMetrics) {
        const SlaTimer *current = nullptr;
        for (const SlaTimer &timer : all) {
            if (timer.metric == m && (!current || timer.cycle >= current->cycle))
                current = &timer;
        }
        out.insert(toWire(m), current ? QJsonValue(timerJson(*current, within)) : QJsonValue());
    }
    if (timers)
        *timers = all;
    return out;
}

QByteArray TicketSla::withSla(const QByteArray &data, qint64 now)
{
    QJsonObject o = QJsonDocument::fromJson(data).object();
    const auto t = Ticket::fromJson(o, nullptr);
    if (!t)
        return data;
    o.insert(u"sla"_qs, toJson(*t, now));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace triage::server
