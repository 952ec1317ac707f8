#pragma once

#include "TicketHistory.h"
#include "demo/DemoGenerator.h"
#include "sla/BusinessCalendar.h"
#include "sla/SlaPolicy.h"
#include "sla/SlaPolicySet.h"

namespace triage {

class MetricsStore;

// Deterministic, realistic event logs for the demo tickets (DemoGenerator's attributes, unchanged,
// plus a life story: assignment, replies, waiting, resolution, reopens, closing, CSAT and the
// occasional changed rating or raised priority). Events after the timeline's end are dropped.
class HistoryGenerator
{
public:
    explicit HistoryGenerator(quint64 seed = 20261127);

    // `count` tickets created over `spanDays` days that end at `endMs`.
    void setTimeline(qint64 count, qint64 endMs, int spanDays);

    // Ticket `index`; agent and group names are interned into `store`.
    TicketHistory history(qint64 index, MetricsStore &store) const;
    // Adds tickets [0, count) to `store`.
    void fill(MetricsStore &store, qint64 count) const;

    // The demo's calendar (Europe/Moscow, Mon–Fri 09:00–18:00) and policy (targets by priority).
    static BusinessCalendar demoCalendar();
    static SlaPolicy demoPolicy();
    // Per-ticket policies like triaged's demo (server/storage/DemoSla): demoPolicy() as the
    // catch-all "standard", tighter targets for group IT (named by its name: no ids here) and for
    // critical incidents (type + priority).
    static SlaPolicySet demoPolicies();

private:
    quint64 m_seed;
    qint64 m_endMs;
    DemoGenerator m_demo;
};

} // namespace triage
