#pragma once

#include "sla/SlaTypes.h"

#include <limits>

namespace triage {

// What a queue row or a kanban card shows of a ticket's SLA. The console cache derives it from
// the ticket's event log whenever the ticket or the SLA configuration changes
// (core/sla/TicketSlaState), never per paint: the countdown text is computed at paint time from
// the fixed `due`. Not part of the wire form.
struct SlaSnapshot {
    static constexpr qint64 kNone = std::numeric_limits<qint64>::max();

    qint64 due = kNone; // the running timer closest to its due instant (UTC ms); kNone if none
    SlaMetric metric = SlaMetric::Resolution; // the metric of `due`, or of the paused timer
    bool paused = false; // nothing running, a timer paused (then `remainingMs` is what is left)
    qint64 remainingMs = 0;
    qint64 warnAt = kNone; // the policy's first warning of the `due` timer (percent or lead time)

    bool operator==(const SlaSnapshot &) const = default;
};

} // namespace triage
