#include "Principal.h"

namespace triage::server {

TicketVisibility Principal::ticketVisibility() const
{
    TicketVisibility v;
    v.userId = userId;
    switch (role) {
    case UserRole::Admin:
        v.scope = TicketVisibility::Scope::All;
        break;
    case UserRole::Requester:
        v.scope = TicketVisibility::Scope::OwnRequests;
        break;
    case UserRole::Agent:
        v.scope = TicketVisibility::Scope::Groups;
        v.groups = groupIds;
        break;
    case UserRole::Lead:
    case UserRole::Viewer:
        v.scope = TicketVisibility::Scope::Groups;
        v.groups = groupIds + ledGroups;
        break;
    }
    v.groups.removeDuplicates();
    return v;
}

bool Principal::canSeeTicket(const QString &groupId, const QString &requesterId) const
{
    return ticketVisibility().admits(groupId, requesterId);
}

bool Principal::couldSeeAnyGroup(const QStringList &groups, const QString &requesterId) const
{
    const TicketVisibility v = ticketVisibility();
    if (v.scope == TicketVisibility::Scope::OwnRequests)
        return requesterId == userId;
    for (const QString &g : groups) {
        if (v.admitsGroup(g))
            return true;
    }
    return false;
}

} // namespace triage::server
