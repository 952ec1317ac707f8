#include "Principal.h"

namespace triage::server {

bool Principal::canSeeGroup(const QString &groupId) const
{
    switch (role) {
    case UserRole::Admin:
        return true;
    case UserRole::Requester:
        return false;
    case UserRole::Agent:
        return groupId.isEmpty() || groupIds.contains(groupId);
    case UserRole::Lead:
    case UserRole::Viewer:
        return groupId.isEmpty() || groupIds.contains(groupId) || ledGroups.contains(groupId);
    }
    return false;
}

QStringList Principal::visibleGroups() const
{
    switch (role) {
    case UserRole::Agent:
        return groupIds;
    case UserRole::Lead:
    case UserRole::Viewer:
        return groupIds + ledGroups;
    case UserRole::Admin:
    case UserRole::Requester:
        break;
    }
    return {};
}

bool Principal::canSeeTicket(const QString &groupId, const QString &requesterId) const
{
    if (role == UserRole::Requester)
        return requesterId == userId;
    return canSeeGroup(groupId);
}

bool Principal::couldSeeAnyGroup(const QStringList &groups, const QString &requesterId) const
{
    if (role == UserRole::Requester)
        return requesterId == userId;
    for (const QString &g : groups) {
        if (canSeeGroup(g))
            return true;
    }
    return false;
}

} // namespace triage::server
