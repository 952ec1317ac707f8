#include "TicketSla.h"

#include "domain/Time.h"
#include "storage/DirectoryStore.h"
#include "storage/HistoryLog.h"
#include "storage/TicketStore.h"

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

TicketSla::TicketSla(Database &db)
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

std::vector<SlaEvent> TicketSla::events(const Ticket &t)
{
    // HistoryLog rows: `created` (initial values as JSON), `status` and `priority` changes. Comments
    // come from their own table, which also holds those written before the log existed.
    std::vector<SlaEvent> rest;
    QString initialStatus;
    std::optional<Priority> initialPriority;
    Sql q(m_db,
        u"SELECT at, field, old_value, new_value FROM ticket_history WHERE ticket_id = ?"
        " AND field IN (?, ?, ?) ORDER BY at"_qs);
    q.bind(t.id).bind(HistoryLog::kCreated).bind(HistoryLog::kStatus).bind(HistoryLog::kPriority).exec();
    while (q.next()) {
        const qint64 at = std::max(q.i64(0), t.createdAt);
        const QString field = q.str(1);
        if (field == HistoryLog::kCreated) {
            const QJsonObject initial = QJsonDocument::fromJson(q.str(3).toUtf8()).object();
            initialStatus = initial.value(u"status"_qs).toString();
            initialPriority = priorityFromWire(initial.value(u"priority"_qs).toString());
        } else if (field == HistoryLog::kStatus) {
            if (initialStatus.isEmpty())
                initialStatus = q.str(2);
            rest.push_back(SlaEvent::statusChange(at, q.str(3)));
        } else if (const auto to = priorityFromWire(q.str(3))) {
            if (!initialPriority)
                initialPriority = priorityFromWire(q.str(2));
            rest.push_back(SlaEvent::priorityChange(at, *to));
        }
    }
    for (const StoredComment &c : TicketStore(m_db).comments(t.id)) {
        rest.push_back(SlaEvent::reply(
            std::max(c.comment.createdAt, t.createdAt), isStaff(c.comment.authorId), c.comment.isPublic));
    }
    std::stable_sort(
        rest.begin(), rest.end(), [](const SlaEvent &a, const SlaEvent &b) { return a.at < b.at; });
    std::vector<SlaEvent> out;
    out.reserve(rest.size() + 1);
    out.push_back(SlaEvent::created(t.createdAt, initialPriority.value_or(t.priority),
        initialStatus.isEmpty() ? toWire(t.status) : initialStatus));
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
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
