#include "TicketSlaState.h"

#include "SlaEngine.h"
#include "domain/Directory.h"
#include "domain/Ticket.h"

#include <algorithm>

namespace triage {

TicketSlaState::TicketSlaState() = default;

void TicketSlaState::setCalendars(const QList<QJsonObject> &docs)
{
    m_calendars.clear();
    for (const QJsonObject &doc : docs) {
        if (auto c = BusinessCalendar::fromJson(doc.value(u"calendar"_qs), nullptr))
            m_calendars.emplace_back(doc.value(u"id"_qs).toString(), std::move(*c));
    }
    std::sort(m_calendars.begin(), m_calendars.end(),
        [](const auto &a, const auto &b) { return a.first < b.first; });
}

void TicketSlaState::setPolicies(const QList<QJsonObject> &docs)
{
    m_policies = SlaPolicySet::fromDocs(docs);
}

void TicketSlaState::setGroups(const QList<QJsonObject> &groups)
{
    m_groupCalendar.clear();
    for (const QJsonObject &g : groups) {
        const QString calendar = g.value(u"calendar_id"_qs).toString();
        if (!calendar.isEmpty())
            m_groupCalendar.insert(g.value(u"id"_qs).toString(), calendar);
    }
}

const BusinessCalendar &TicketSlaState::calendarFor(const QString &groupId) const
{
    if (m_calendars.empty())
        return m_default;
    const QString wanted = m_groupCalendar.value(groupId);
    if (!wanted.isEmpty()) {
        for (const auto &[id, calendar] : m_calendars) {
            if (id == wanted)
                return calendar;
        }
    }
    return m_calendars.front().second;
}

const SlaPolicy &TicketSlaState::policyFor(
    const Ticket &t, const std::vector<SlaEvent> &events, qint64 now) const
{
    return m_policies.selectFor(events, t.type, t.groupId, now);
}

std::vector<SlaEvent> TicketSlaState::events(
    const Ticket &t, const QList<TicketEvent> &history, const PendingSla &pending)
{
    return slaEventsFromHistory(t, history, SlaLogCoverage::MayLag, pending);
}

std::vector<SlaTimer> TicketSlaState::timers(
    const Ticket &t, const QList<TicketEvent> &history, const PendingSla &pending, qint64 now) const
{
    const std::vector<SlaEvent> log = events(t, history, pending);
    // The engine ignores events after `now`: a server clock ahead of ours must not hide them.
    const qint64 at = std::max(now, log.back().at);
    return SlaEngine::evaluate(calendarFor(t.groupId), policyFor(t, log, at), log, at);
}

SlaSnapshot TicketSlaState::snapshotOf(const std::vector<SlaTimer> &timers)
{
    // The latest cycle of each metric; of those, the running one due first, else a paused one.
    SlaSnapshot s;
    for (const SlaMetric m : kSlaMetrics) {
        const SlaTimer *current = nullptr;
        for (const SlaTimer &timer : timers) {
            if (timer.metric == m && (!current || timer.cycle >= current->cycle))
                current = &timer;
        }
        if (!current)
            continue;
        if (current->state == SlaTimerState::Running && current->due && *current->due < s.due) {
            s.due = *current->due;
            s.metric = m;
            s.paused = false;
            s.warnAt = SlaSnapshot::kNone;
            for (const SlaMark &mark : current->marks) {
                if (mark.kind == SlaMark::Kind::Warning)
                    s.warnAt = std::min(s.warnAt, mark.at);
            }
        } else if (current->state == SlaTimerState::Paused && s.due == SlaSnapshot::kNone
            && (!s.paused || current->remainingMs < s.remainingMs)) {
            s.paused = true;
            s.metric = m;
            s.remainingMs = current->remainingMs;
        }
    }
    return s;
}

SlaSnapshot TicketSlaState::snapshot(
    const Ticket &t, const QList<TicketEvent> &history, const PendingSla &pending, qint64 now) const
{
    return snapshotOf(timers(t, history, pending, now));
}

} // namespace triage

namespace triage {

bool SlaInputs::absorb(
    const QList<QPair<QString, QJsonObject>> &entities, const QList<QPair<QString, QString>> &removed)
{
    const auto listOf = [this](const QString &kind) -> QList<QJsonObject> * {
        if (kind == u"calendar")
            return &calendars;
        if (kind == u"sla_policy")
            return &policies;
        if (kind == u"group")
            return &groups;
        return nullptr;
    };
    const auto drop = [](QList<QJsonObject> *list, const QString &id) {
        list->removeIf([&id](const QJsonObject &o) { return o.value(u"id"_qs).toString() == id; });
    };
    bool changed = false;
    for (const auto &[kind, doc] : entities) {
        if (QList<QJsonObject> *list = listOf(kind)) {
            drop(list, doc.value(u"id"_qs).toString());
            list->append(doc);
            changed = true;
        }
    }
    for (const auto &[kind, id] : removed) {
        if (QList<QJsonObject> *list = listOf(kind)) {
            drop(list, id);
            changed = true;
        }
    }
    return changed;
}

TicketSlaState SlaInputs::state() const
{
    TicketSlaState s;
    s.setCalendars(calendars);
    s.setPolicies(policies);
    s.setGroups(groups);
    return s;
}

} // namespace triage
