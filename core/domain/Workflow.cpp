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

std::optional<QString> refuseTransition(TicketStatus from, TicketStatus to)
{
    if (from == to)
        return std::nullopt;
    if (allowedTargets(from).contains(to))
        return std::nullopt;
    if (from == TicketStatus::Closed)
        return u"A closed ticket cannot change status; open a follow-up ticket instead."_qs;
    if (to == TicketStatus::Closed)
        return u"Resolve the ticket before closing it."_qs;
    if (from == TicketStatus::Resolved)
        return u"A resolved ticket can only be reopened (to In progress) or closed."_qs;
    return u"Cannot move a ticket from %1 to %2."_qs.arg(toWire(from), toWire(to));
}

std::optional<QString> refuseChange(const Ticket &before, const Ticket &after)
{
    if (before.status == TicketStatus::Closed && before != after)
        return u"A closed ticket is read-only."_qs;
    if (auto reason = refuseTransition(before.status, after.status))
        return reason;
    if (after.status == TicketStatus::Resolved && before.status != TicketStatus::Resolved
        && after.assigneeId.isEmpty())
        return u"Assign the ticket before resolving it."_qs;
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
