#include "SlaTimeline.h"

#include "TicketSlaState.h"
#include "domain/Ticket.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace triage {

namespace {

bool sameEvent(const SlaEvent &a, const SlaEvent &b)
{
    return a.at == b.at && a.type == b.type && a.status == b.status && a.priority == b.priority
        && a.fromAgent == b.fromAgent && a.isPublic == b.isPublic;
}

// Which of `events` the synced log accounts for: the events of the ticket as the log leaves it
// (its last logged status and priority, no pending replies) are confirmed, the rest are local.
std::vector<bool> localEvents(
    const Ticket &ticket, const QList<TicketEvent> &history, const std::vector<SlaEvent> &events)
{
    if (history.isEmpty()) // no log: created here (nothing confirmed) or a cache without logs
        return std::vector<bool>(events.size(), !ticket.number.has_value());
    Ticket logged = ticket;
    for (const TicketEvent &e : history) {
        const TicketEvent::Kind kind = e.kind();
        if (kind == TicketEvent::Kind::Created) {
            const QJsonObject initial = QJsonDocument::fromJson(e.newValue.toUtf8()).object();
            if (const auto s = ticketStatusFromWire(initial.value(u"status"_qs).toString()))
                logged.status = *s;
            if (const auto p = priorityFromWire(initial.value(u"priority"_qs).toString()))
                logged.priority = *p;
        } else if (kind == TicketEvent::Kind::Status) {
            if (const auto s = ticketStatusFromWire(e.newValue))
                logged.status = *s;
        } else if (kind == TicketEvent::Kind::Priority) {
            if (const auto p = priorityFromWire(e.newValue))
                logged.priority = *p;
        }
    }
    const std::vector<SlaEvent> confirmed = TicketSlaState::events(logged, history, {});
    std::vector<bool> used(confirmed.size(), false);
    std::vector<bool> out(events.size(), true);
    for (size_t i = 0; i < events.size(); ++i) {
        for (size_t j = 0; j < confirmed.size(); ++j) {
            if (!used[j] && sameEvent(events[i], confirmed[j])) {
                used[j] = true;
                out[i] = false;
                break;
            }
        }
    }
    return out;
}

} // namespace

SlaTimeline SlaTimeline::build(const TicketSlaState &state, const Ticket &ticket,
    const QList<TicketEvent> &history, const PendingSla &pending, qint64 now)
{
    const std::vector<SlaEvent> events = TicketSlaState::events(ticket, history, pending);
    // As TicketSlaState::timers: a server clock ahead of ours must not hide events.
    const qint64 at = std::max(now, events.back().at);
    return build(state.calendarFor(ticket.groupId), state.policyFor(ticket, events, at), events, at,
        localEvents(ticket, history, events));
}

namespace {

using Kind = SlaTimelineEntry::Kind;

SlaTimelineEntry entry(Kind kind, qint64 at, const QString &status = {}, bool unconfirmed = false)
{
    SlaTimelineEntry e;
    e.kind = kind;
    e.at = at;
    e.status = status;
    e.unconfirmed = unconfirmed;
    return e;
}

// The pauses, intermediate stops and reopenings of one cycle, from the status changes inside it.
void addStatusEntries(const SlaPolicy &policy, const std::vector<SlaEvent> &events, const SlaTimer &timer,
    qint64 end, const std::vector<bool> &local, std::vector<SlaTimelineEntry> &out)
{
    const auto isLocal = [&local](size_t i) { return i < local.size() && local[i]; };
    QString status;
    size_t i = 0;
    bool startLocal = false; // the event that started the cycle (the last one at its start)
    for (; i < events.size() && events[i].at <= timer.startedAt; ++i) {
        if (events[i].type == SlaEvent::Type::Created || events[i].type == SlaEvent::Type::Status)
            status = events[i].status;
        startLocal = isLocal(i);
    }
    out.push_back(entry(Kind::Started, timer.startedAt, status, startLocal));
    if (policy.isPause(status))
        out.push_back(entry(Kind::Paused, timer.startedAt, status, startLocal));
    const bool open = !timer.stoppedAt.has_value();
    for (; i < events.size(); ++i) {
        const SlaEvent &e = events[i];
        if (open ? e.at > end : e.at >= end)
            break;
        if (e.type != SlaEvent::Type::Status || e.status == status)
            continue;
        const bool wasPause = policy.isPause(status);
        const bool wasStop = policy.isStop(status);
        status = e.status;
        const bool unconfirmed = isLocal(i);
        if (policy.isStop(status)) {
            out.push_back(entry(Kind::Stopped, e.at, status, unconfirmed));
        } else if (wasStop) {
            out.push_back(entry(Kind::Reopened, e.at, status, unconfirmed));
            if (policy.isPause(status))
                out.push_back(entry(Kind::Paused, e.at, status, unconfirmed));
        } else if (policy.isPause(status) && !wasPause) {
            out.push_back(entry(Kind::Paused, e.at, status, unconfirmed));
        } else if (!policy.isPause(status) && wasPause) {
            out.push_back(entry(Kind::Resumed, e.at, status, unconfirmed));
        }
    }
}

// What stopped the timer at `at`: the stop status set then (empty for a reply or a priority
// change), and whether that event is a local one.
std::pair<QString, bool> stopCause(
    const SlaPolicy &policy, const std::vector<SlaEvent> &events, const std::vector<bool> &local, qint64 at)
{
    std::pair<QString, bool> out;
    for (size_t i = 0; i < events.size(); ++i) {
        const SlaEvent &e = events[i];
        if (e.at != at)
            continue;
        if (e.type == SlaEvent::Type::Status && policy.isStop(e.status))
            return {e.status, i < local.size() && local[i]};
        if (e.type != SlaEvent::Type::Status)
            out.second = i < local.size() && local[i];
    }
    return out;
}

} // namespace

SlaTimeline SlaTimeline::build(const BusinessCalendar &calendar, const SlaPolicy &policy,
    const std::vector<SlaEvent> &events, qint64 now, const std::vector<bool> &unconfirmed)
{
    SlaTimeline out;
    out.businessHours = !calendar.is24x7();
    out.timeZone = QString::fromUtf8(calendar.timeZone().id());
    out.evaluatedAt = now;
    out.pauseStatuses = policy.pauseStatuses;
    out.stopStatuses = policy.stopStatuses;
    if (events.empty())
        return out;
    for (SlaTimer &timer : SlaEngine::evaluate(calendar, policy, events, now)) {
        SlaTimelineTimer t;
        const qint64 end = timer.stoppedAt.value_or(now);
        addStatusEntries(policy, events, timer, end, unconfirmed, t.entries);
        for (const SlaMark &mark : timer.marks) {
            SlaTimelineEntry e;
            e.at = mark.at;
            e.projected = !mark.reached;
            e.percent = mark.percent;
            e.beforeMinutes = mark.beforeMinutes;
            e.action = mark.action;
            switch (mark.kind) {
            case SlaMark::Kind::Warning:
                e.kind = Kind::Warning;
                break;
            case SlaMark::Kind::Escalation:
                e.kind = Kind::Escalation;
                break;
            case SlaMark::Kind::Breach:
                e.kind = mark.reached && timer.breached ? Kind::Breached : Kind::Due;
                break;
            }
            t.entries.push_back(e);
        }
        if (timer.stoppedAt) {
            const qint64 at = *timer.stoppedAt;
            const Kind kind = timer.state == SlaTimerState::Cancelled ? Kind::Cancelled
                : timer.breached                                      ? Kind::Missed
                                                                      : Kind::Met;
            const auto [status, local] = stopCause(policy, events, unconfirmed, at);
            t.entries.push_back(entry(kind, at, status, local));
        }
        std::stable_sort(
            t.entries.begin(), t.entries.end(), [](const SlaTimelineEntry &a, const SlaTimelineEntry &b) {
                return a.projected != b.projected ? !a.projected : a.at < b.at;
            });
        t.timer = std::move(timer);
        out.timers.push_back(std::move(t));
    }
    return out;
}

} // namespace triage
