#pragma once

#include "Enums.h"

#include <QList>
#include <QString>

#include <optional>

namespace triage {

struct Ticket;

// The one place that says which status changes are allowed and why not. Widgets, the CLI and the
// server all ask here; reasons are user-facing English (the UI translates them by key).
namespace workflow {

QList<TicketStatus> allowedTargets(TicketStatus from);
// std::nullopt when allowed, otherwise the reason it is refused.
std::optional<QString> refuseTransition(TicketStatus from, TicketStatus to);
// Field rules beyond the transition itself (e.g. resolving needs an assignee).
std::optional<QString> refuseChange(const Ticket &before, const Ticket &after);

bool isOpen(TicketStatus s); // counts towards backlog
bool isStop(TicketStatus s); // resolved or closed
bool isReopen(TicketStatus from, TicketStatus to);

} // namespace workflow
} // namespace triage
