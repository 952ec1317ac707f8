#pragma once

#include "routing/Router.h"
#include "storage/OutgoingStore.h"

#include <QList>
#include <QString>

#include <optional>

namespace triage {
struct Ticket;
}

namespace triage::server {

class HistoryLog;
class ServerDatabase;
class WriteTx;

// A routing decision for one ticket and what recording it writes.
struct RoutingOutcome {
    RoutingDecision decision;
    QString groupId;
    QList<OutgoingRecord> leadAlerts; // nobody eligible: the group lead's alert (if they are linked)
};

// The server's side of core/routing (docs/automation.md "Routing and roster", "What triaged does
// with it"): loads the group's GroupRouting, Roster and calendar, its members with their profile,
// presence and open load, and the stored round-robin position, asks triage::Router, and records
// the decision. Runs inside the caller's write transaction (it opens none), so the assignment, the
// new position and the history entry commit together.
class RoutingService
{
public:
    explicit RoutingService(ServerDatabase &db)
        : m_db(db)
    { }

    // Reads only (call it before the write lambda). nullopt when the ticket has no group or its
    // group has no routing configuration: nothing to decide, nothing to record.
    std::optional<RoutingOutcome> decide(const Ticket &ticket, qint64 now);
    // Writes the outcome (inside the write): the group's new position, a `routing` history event
    // (explain(): "assigned Anna: round robin after …" / "nobody eligible: …") and the lead's alert.
    // The caller writes the ticket with `decision.agentId` as its assignee and hands
    // `log.take(ticket.id)` to the ticket store, as for its own events.
    void record(const Ticket &ticket, const RoutingOutcome &outcome, HistoryLog &log, qint64 at);

    // For a rule's "assign by routing" action: decide() then record() in one call, inside `tx`
    // (which must be open; no second WriteTx is opened). The caller sets the ticket's assignee to
    // `agentId` when assigned() and writes the ticket with `log`'s events. nullopt: the ticket's
    // group has no routing configuration (nothing written).
    std::optional<RoutingDecision> assign(WriteTx &tx, const Ticket &ticket, qint64 now, HistoryLog &log);

    // Who is on duty in the group at `now` (Roster::onDutyIds: on-call shifts first, else everyone on
    // shift; without a roster the group's fixed on_duty_id): whom SLA alerts and escalations of an
    // unassigned ticket reach. Reads only.
    QStringList onDutyIds(const QString &groupId, qint64 now);

    // The history event's field name.
    static QString historyField() { return u"routing"_qs; }

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
