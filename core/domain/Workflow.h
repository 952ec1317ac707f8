#pragma once

#include "Enums.h"
#include "Refusal.h"

#include <QList>

#include <optional>

namespace triage {

struct Ticket;

// The one place that says which status changes are allowed and why not. Widgets, the CLI and the
// server all ask here; a refusal is a code with arguments (Refusal.h) the UI translates.
namespace workflow {

QList<TicketStatus> allowedTargets(TicketStatus from);
// std::nullopt when allowed, otherwise why it is refused.
std::optional<Refusal> refuseTransition(TicketStatus from, TicketStatus to);
// Field rules beyond the transition itself (e.g. resolving needs an assignee).
std::optional<Refusal> refuseChange(const Ticket &before, const Ticket &after);

bool isOpen(TicketStatus s); // counts towards backlog
bool isStop(TicketStatus s); // resolved or closed
bool isReopen(TicketStatus from, TicketStatus to);

} // namespace workflow
} // namespace triage
