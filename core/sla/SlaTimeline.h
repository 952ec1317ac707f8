#pragma once

#include "SlaEngine.h"
#include "SlaEvent.h"
#include "SlaTypes.h"
#include "domain/TicketEvent.h"

#include <QList>
#include <QSet>
#include <QString>

#include <vector>

namespace triage {

struct PendingSla;
struct Ticket;
class TicketSlaState;

// One thing that happened (or, projected, will happen) to an SLA timer, with its instant. Instants
// of warnings, due and breach come from the SLA engine, so they are business-time aware (they
// skip nights, weekends, holidays and paused stretches).
struct SlaTimelineEntry {
    enum class Kind {
        Started, // the cycle began (`status`: the status it started in)
        Paused, // the ticket entered a pause status (`status`)
        Resumed, // it left the pause status (`status`: the new one)
        Reopened, // a stopped resolution timer resumed on reopen (`status`)
        Stopped, // an intermediate stop (resolved, then reopened) (`status`)
        Warning, // `percent` of the target, or `beforeMinutes` before the due instant
        Escalation, // `percent`, `action`
        Due, // the instant the target is (or was) reached on the business clock
        Breached, // the target passed while the timer ran
        Met, // stopped in time (`status`, or empty: an agent's public reply)
        Missed, // stopped after the due instant (`status`, or empty: a reply)
        Cancelled, // closed by a priority change under `restart` (judged by the old target)
    };
    Kind kind = Kind::Started;
    qint64 at = 0;
    bool projected = false; // not reached yet: when it will happen if the clock keeps running
    bool unconfirmed = false; // caused by a local change the server has not confirmed yet
    QString status; // wire status name, where the kind says so
    double percent = 0;
    double beforeMinutes = 0;
    EscalationAction action = EscalationAction::NotifyLead;
};

// One cycle of one metric and its entries in time order (projected ones last).
struct SlaTimelineTimer {
    SlaTimer timer;
    std::vector<SlaTimelineEntry> entries;
};

// The SLA timeline of one ticket: the same evaluation as TicketSlaState::timers (same events,
// calendar and policy selection), with the pauses, stops and reopenings found in the events.
struct SlaTimeline {
    std::vector<SlaTimelineTimer> timers; // by metric, then cycle
    bool businessHours = false; // the calendar is not 24×7
    QString timeZone; // IANA id of the calendar
    QSet<QString> pauseStatuses, stopStatuses; // of the policy that applies
    qint64 evaluatedAt = 0;

    // `history`: the synced log; `pending`: replies waiting in the outbox. Events that are not in
    // the log (a local status or priority edit, a pending reply; everything of a ticket created
    // here and not synced yet) mark their entries `unconfirmed`.
    static SlaTimeline build(const TicketSlaState &state, const Ticket &ticket,
        const QList<TicketEvent> &history, const PendingSla &pending, qint64 now);
    // The same from the parts: events in time order, created first; `unconfirmed[i]` says event i
    // is a local change (empty: all confirmed).
    static SlaTimeline build(const BusinessCalendar &calendar, const SlaPolicy &policy,
        const std::vector<SlaEvent> &events, qint64 now, const std::vector<bool> &unconfirmed = {});
};

} // namespace triage
