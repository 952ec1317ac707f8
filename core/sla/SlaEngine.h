#pragma once

#include "BusinessCalendar.h"
#include "SlaEvent.h"
#include "SlaPolicy.h"
#include "SlaTypes.h"

#include <optional>
#include <vector>

namespace triage {

// Bumped when a rule change alters the snapshots of existing tickets, so caches re-derive them once
// (EventLogRepository::upgradeSlaSnapshots). 2: a requester message on a resolved/closed ticket no longer
// opens a next-response cycle.
inline constexpr int kSlaRulesRevision = 2;

// An instant on a timer's business clock worth reporting or scheduling.
struct SlaMark {
    enum class Kind { Warning, Escalation, Breach };
    Kind kind = Kind::Warning;
    double percent = 0; // Warning by percent, Escalation; 100 for Breach
    double beforeMinutes = 0; // Warning by lead time (then percent is 0)
    EscalationAction action = EscalationAction::NotifyLead;
    qint64 at = 0; // when accrued business time reaches the threshold (UTC ms)
    bool reached = false; // at or before the timer's end (stop or now)
    qint64 thresholdMs = 0; // accrued business ms that trigger it
};

// One cycle of one SLA metric, evaluated at an instant (the output of docs/sla-case-format.md).
struct SlaTimer {
    SlaMetric metric = SlaMetric::Resolution;
    int cycle = 1;
    SlaTimerState state = SlaTimerState::Running;
    double targetMinutes = 0;
    qint64 startedAt = 0;
    std::optional<qint64> stoppedAt;
    std::optional<qint64> due; // null while paused
    qint64 businessElapsedMs = 0;
    qint64 calendarElapsedMs = 0;
    qint64 remainingMs = 0; // negative once overdue
    double elapsedPercent = 0; // rounded to two decimals
    bool breached = false;
    std::optional<qint64> breachedAt; // the theoretical breach instant
    // Warnings (by percent, then by lead time) and escalations, with their instants; for a
    // running timer unreached ones carry the instant they will be reached, plus a Breach mark.
    std::vector<SlaMark> marks;

    bool isOpen() const { return state == SlaTimerState::Running || state == SlaTimerState::Paused; }
};

// SLA state as a pure function of (calendar, policy, events, now). The same code serves the
// console's countdowns, triaged's breach records and `triagectl sla eval`.
class SlaEngine
{
public:
    // `events` must be in time order with a created event first (parseSlaEvents checks that);
    // events after `now` are ignored. Timers are ordered by metric, then cycle; metrics without a
    // target for the relevant priority are left out.
    static std::vector<SlaTimer> evaluate(const BusinessCalendar &calendar, const SlaPolicy &policy,
        const std::vector<SlaEvent> &events, qint64 now);
};

} // namespace triage
