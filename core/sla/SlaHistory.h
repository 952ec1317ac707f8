#pragma once

#include "SlaEvent.h"
#include "domain/TicketEvent.h"

#include <QList>

#include <vector>

namespace triage {

struct Ticket;

// Local changes the server has not confirmed yet, as far as SLA timers care.
struct PendingSla {
    QList<qint64> publicReplies; // agent replies waiting in the outbox (local instants)
};

// Whether the ticket's own values can be ahead of its log.
enum class SlaLogCoverage {
    Complete, // triaged: every change writes its log row in the same transaction
    MayLag, // a client cache: local edits and pushed results whose log is not pulled yet
};

// The one conversion from a ticket's event log (TicketEvent, `ticket_history`) to the SLA engine's
// input, used by the console and triagectl (TicketSlaState) and by triaged (TicketSla), so every
// side replays the same events: the ticket created at its `createdAt` with the initial status and
// priority of the `created` entry (else what the first logged change replaced, else the current
// values), then the status and priority changes and the replies (`reply`, `note`; `newValue` is
// `agent` or `requester`) in time order. Other kinds are ignored. With MayLag, a status or priority
// differing from the log's last state applies from the ticket's `updatedAt`, and `pending`
// replies are added.
std::vector<SlaEvent> slaEventsFromHistory(const Ticket &ticket, const QList<TicketEvent> &history,
    SlaLogCoverage coverage, const PendingSla &pending = {});

} // namespace triage
