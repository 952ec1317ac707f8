#include "TicketVisibility.h"

namespace triage::server {

bool TicketVisibility::admitsGroup(const QString &groupId) const
{
    switch (scope) {
    case Scope::All:
        return true;
    case Scope::Groups:
        return groupId.isEmpty() || groups.contains(groupId);
    case Scope::OwnRequests:
        break;
    }
    return false;
}

bool TicketVisibility::admits(const QString &groupId, const QString &requesterId) const
{
    if (scope == Scope::OwnRequests)
        return requesterId == userId;
    return admitsGroup(groupId);
}

} // namespace triage::server
