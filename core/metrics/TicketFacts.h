#pragma once

#include "MetricCounters.h"
#include "TicketHistory.h"
#include "sla/BusinessCalendar.h"
#include "sla/SlaPolicy.h"

#include <limits>
#include <vector>

namespace triage {

// What one ticket's event log says, derived once per change of the log and cached, so a report
// over a million tickets only filters and adds (docs/metrics.md defines every field's meaning).
// One is kept per ticket: the fields are ordered so the struct has no padding holes (120 bytes).
struct TicketFacts {
    static constexpr qint64 kNone = std::numeric_limits<qint64>::min();

    struct SlaCycle {
        qint64 stoppedAt = kNone; // completed or cancelled
        qint64 breachAt = kNone; // theoretical breach instant when known (breached, or due while running)
        SlaMetric metric = SlaMetric::Resolution;
        bool completed = false; // stopped by a reply or resolution: counts for compliance
    };

    qint64 createdAt = 0;
    qint64 lastEventAt = 0;
    quint64 dims = 0; // MetricDims as of the last event
    qint64 firstResponseAt = kNone;
    qint64 firstResponseBizMs = 0;
    qint64 firstResolutionBizMs = 0;
    qint64 fullResolutionBizMs = 0;
    qint64 ratingAt = kNone;
    // Alternating resolution and reopen instants: resolved, reopened, resolved, ...
    std::vector<qint64> transitions;
    std::vector<SlaCycle> cycles; // sized exactly (one allocation)
    qint8 rating = 0;
    bool exists = false; // a created event before the report instant
    bool requesterBeforeFirstResolution = false;

    bool isOpen() const { return exists && transitions.size() % 2 == 0; }
    qint64 firstResolvedAt() const { return transitions.empty() ? kNone : transitions.front(); }
    // The final resolution, if the ticket is resolved or closed now.
    qint64 fullResolvedAt() const { return transitions.size() % 2 == 1 ? transitions.back() : kNone; }
    bool firstContactResolved() const { return transitions.size() == 1 && !requesterBeforeFirstResolution; }
    // Whether the ticket was in the backlog at instant t: created before t, and an even number of
    // resolutions and reopens before t.
    bool openBefore(qint64 t) const;

    // True when nothing of this ticket can count at or after `t`: resolved, no events since, and
    // no running timer left to breach (a requester writing on a resolved ticket starts one).
    bool quietFrom(qint64 t) const
    {
        if (isOpen() || lastEventAt >= t)
            return false;
        for (const SlaCycle &c : cycles) {
            if (c.stoppedAt == kNone && c.breachAt != kNone && c.breachAt >= t)
                return false;
        }
        return true;
    }

    // Facts from the events before `asOf` (all of them by default).
    static TicketFacts compute(const TicketLog &ticket, const BusinessCalendar &calendar,
        const SlaPolicy &policy, qint64 asOf = std::numeric_limits<qint64>::max());

    // Every additive contribution of the ticket as known at `asOf` (>= lastEventAt): `sink(at,
    // field, value)`. Only running SLA timers depend on `asOf` (they breach with time).
    template<typename Sink> void contributions(qint64 asOf, Sink &&sink) const;
};

template<typename Sink> void TicketFacts::contributions(qint64 asOf, Sink &&sink) const
{
    using F = MetricCounters;
    if (!exists)
        return;
    sink(createdAt, F::Created, 1);
    for (size_t i = 0; i < transitions.size(); ++i)
        sink(transitions[i], i % 2 == 0 ? F::Resolutions : F::Reopens, 1);
    if (firstResponseAt != kNone) {
        sink(firstResponseAt, F::FirstResponses, 1);
        sink(firstResponseAt, F::FirstResponseCalMs, firstResponseAt - createdAt);
        sink(firstResponseAt, F::FirstResponseBizMs, firstResponseBizMs);
    }
    if (const qint64 first = firstResolvedAt(); first != kNone) {
        sink(first, F::FirstResolutions, 1);
        sink(first, F::FirstResolutionCalMs, first - createdAt);
        sink(first, F::FirstResolutionBizMs, firstResolutionBizMs);
        sink(first, F::FcrResolved, 1);
        if (firstContactResolved())
            sink(first, F::FcrFirstContact, 1);
    }
    if (const qint64 full = fullResolvedAt(); full != kNone) {
        sink(full, F::FullResolutions, 1);
        sink(full, F::FullResolutionCalMs, full - createdAt);
        sink(full, F::FullResolutionBizMs, fullResolutionBizMs);
    }
    for (const SlaCycle &c : cycles) {
        const qint64 end = c.stoppedAt != kNone ? c.stoppedAt : asOf;
        const bool breached = c.breachAt != kNone && c.breachAt < end;
        if (c.completed)
            sink(c.stoppedAt, breached ? F::slaBreached(c.metric) : F::slaMet(c.metric), 1);
        if (breached)
            sink(c.breachAt, F::breaches(c.metric), 1);
    }
    if (ratingAt != kNone) {
        sink(ratingAt, F::Ratings, 1);
        sink(ratingAt, F::RatingSum, rating);
        if (rating >= 4)
            sink(ratingAt, F::RatingPositive, 1);
    }
}

} // namespace triage
