#include "Workflow.h"

#include "Ticket.h"

namespace triage::workflow {

QList<TicketStatus> allowedTargets(TicketStatus from)
{
    using S = TicketStatus;
    switch (from) {
    case S::New:
        return {S::InProgress, S::Waiting, S::Resolved, S::Closed};
    case S::InProgress:
        return {S::New, S::Waiting, S::Resolved};
    case S::Waiting:
        return {S::New, S::InProgress, S::Resolved};
    case S::Resolved:
        return {S::InProgress, S::Closed};
    case S::Closed:
        return {};
    }
    return {};
}

std::optional<Refusal> refuseTransition(TicketStatus from, TicketStatus to)
{
    if (from == to)
        return std::nullopt;
    if (allowedTargets(from).contains(to))
        return std::nullopt;
    if (from == TicketStatus::Closed)
        return Refusal {RefusalCode::ClosedStatusFrozen, {}};
    if (to == TicketStatus::Closed)
        return Refusal {RefusalCode::ResolveBeforeClosing, {}};
    if (from == TicketStatus::Resolved)
        return Refusal {RefusalCode::ResolvedReopenOrClose, {}};
    return Refusal {RefusalCode::TransitionNotAllowed, {toWire(from), toWire(to)}};
}

std::optional<Refusal> refuseChange(const Ticket &before, const Ticket &after)
{
    if (before.status == TicketStatus::Closed && before != after)
        return Refusal {RefusalCode::ClosedReadOnly, {}};
    if (auto reason = refuseTransition(before.status, after.status))
        return reason;
    if (after.status == TicketStatus::Resolved && before.status != TicketStatus::Resolved
        && after.assigneeId.isEmpty())
        return Refusal {RefusalCode::AssignBeforeResolving, {}};
    return std::nullopt;
}

bool isOpen(TicketStatus s)
{
    return s != TicketStatus::Resolved && s != TicketStatus::Closed;
}
bool isStop(TicketStatus s)
{
    return !isOpen(s);
}
bool isReopen(TicketStatus from, TicketStatus to)
{
    return isStop(from) && isOpen(to);
}

} // namespace triage::workflow
