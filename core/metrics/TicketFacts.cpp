#include "TicketFacts.h"

#include "domain/Workflow.h"
#include "sla/SlaEngine.h"

#include <algorithm>

namespace triage {
namespace {

bool hasAnyTarget(const SlaPolicy &policy)
{
    for (const auto &t : policy.targets) {
        if (t)
            return true;
    }
    for (const auto &byPriority : policy.targetsByPriority) {
        for (const auto &t : byPriority) {
            if (t)
                return true;
        }
    }
    return false;
}

} // namespace

// Defined here, next to its one caller, so the report loop inlines it (declared in TicketHistory.h).
std::optional<SlaEvent> slaEventOf(const MetricEvent &e)
{
    switch (e.kind) {
    case MetricEvent::Kind::Created:
        return SlaEvent::created(e.at, e.priority, toWire(e.status));
    case MetricEvent::Kind::Status:
        return SlaEvent::statusChange(e.at, toWire(e.status));
    case MetricEvent::Kind::Reply:
        return SlaEvent::reply(e.at, e.fromAgent, e.isPublic);
    case MetricEvent::Kind::Priority:
        return SlaEvent::priorityChange(e.at, e.priority);
    case MetricEvent::Kind::Assign:
    case MetricEvent::Kind::Group:
    case MetricEvent::Kind::Rating:
        break;
    }
    return std::nullopt;
}

bool TicketFacts::openBefore(qint64 t) const
{
    if (!exists || createdAt >= t)
        return false;
    const auto n = std::lower_bound(transitions.begin(), transitions.end(), t) - transitions.begin();
    return n % 2 == 0;
}

TicketFacts TicketFacts::compute(
    const TicketLog &ticket, const BusinessCalendar &calendar, const SlaPolicy &policy, qint64 asOf)
{
    TicketFacts f;
    if (ticket.events.empty() || ticket.events.front().at >= asOf)
        return f;
    f.exists = true;
    f.createdAt = ticket.events.front().at;

    MetricDims dims;
    dims.channel = ticket.channel;
    dims.type = ticket.type;
    const bool withSla = hasAnyTarget(policy);
    std::vector<SlaEvent> slaEvents;
    if (withSla)
        slaEvents.reserve(ticket.events.size());

    TicketStatus status = TicketStatus::New;
    auto setStatus = [&](TicketStatus to, qint64 at) {
        const bool wasOpen = f.transitions.size() % 2 == 0;
        if (wasOpen && workflow::isStop(to))
            f.transitions.push_back(at);
        else if (!wasOpen && workflow::isOpen(to))
            f.transitions.push_back(at);
        status = to;
    };
    for (const MetricEvent &e : ticket.events) {
        if (e.at >= asOf)
            break;
        f.lastEventAt = e.at;
        switch (e.kind) {
        case MetricEvent::Kind::Created:
            dims.priority = e.priority;
            dims.group = e.group;
            dims.assignee = e.assignee;
            setStatus(e.status, e.at);
            if (withSla)
                slaEvents.push_back(*slaEventOf(e));
            break;
        case MetricEvent::Kind::Status:
            if (e.status == status)
                break;
            setStatus(e.status, e.at);
            if (withSla)
                slaEvents.push_back(*slaEventOf(e));
            break;
        case MetricEvent::Kind::Reply:
            if (!e.isPublic)
                break;
            if (e.fromAgent && f.firstResponseAt == kNone)
                f.firstResponseAt = e.at;
            if (!e.fromAgent && f.transitions.empty())
                f.requesterBeforeFirstResolution = true;
            if (withSla)
                slaEvents.push_back(*slaEventOf(e)); // public: internal notes stopped above
            break;
        case MetricEvent::Kind::Priority:
            dims.priority = e.priority;
            if (withSla)
                slaEvents.push_back(*slaEventOf(e));
            break;
        case MetricEvent::Kind::Assign:
            dims.assignee = e.assignee;
            break;
        case MetricEvent::Kind::Group:
            dims.group = e.group;
            break;
        case MetricEvent::Kind::Rating:
            f.ratingAt = e.at;
            f.rating = e.rating;
            break;
        }
    }
    f.dims = dims.pack();
    if (f.firstResponseAt != kNone)
        f.firstResponseBizMs = calendar.businessMsBetween(f.createdAt, f.firstResponseAt);
    if (!f.transitions.empty())
        f.firstResolutionBizMs = calendar.businessMsBetween(f.createdAt, f.transitions.front());
    if (const qint64 full = f.fullResolvedAt(); full != kNone) {
        f.fullResolutionBizMs = f.transitions.size() == 1 ? f.firstResolutionBizMs
                                                          : calendar.businessMsBetween(f.createdAt, full);
    }

    if (withSla) {
        // Judged at the last event: a running timer's breach instant does not move without events.
        const std::vector<SlaTimer> timers = SlaEngine::evaluate(calendar, policy, slaEvents, f.lastEventAt);
        f.cycles.reserve(timers.size());
        for (const SlaTimer &t : timers) {
            SlaCycle c;
            c.metric = t.metric;
            c.completed = t.state == SlaTimerState::Stopped;
            if (t.stoppedAt)
                c.stoppedAt = *t.stoppedAt;
            if (t.breached && t.breachedAt)
                c.breachAt = *t.breachedAt;
            else if (t.state == SlaTimerState::Running && t.due)
                c.breachAt = *t.due;
            f.cycles.push_back(c);
        }
    }
    return f;
}

} // namespace triage
