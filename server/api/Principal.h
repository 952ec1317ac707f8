#pragma once

#include "domain/Enums.h"

#include <QString>
#include <QStringList>

namespace triage::server {

// The authenticated caller and the visibility rules every route and the change feed apply:
// requesters see their own tickets and public comments; agents their groups' tickets and tickets
// without a group; leads also the groups they lead; admins everything.
struct Principal {
    QString userId;
    QString username;
    UserRole role = UserRole::Requester;
    QStringList groupIds; // member of
    QStringList ledGroups; // lead of
    QString tokenHash;

    bool isStaff() const { return role != UserRole::Requester; }
    bool isAdmin() const { return role == UserRole::Admin; }
    bool canSeeGroup(const QString &groupId) const;
    bool canSeeTicket(const QString &groupId, const QString &requesterId) const;
    // True when the caller could see a ticket in any of `groups` (its former groups).
    bool couldSeeAnyGroup(const QStringList &groups, const QString &requesterId) const;
    bool canSeeComment(bool isPublic) const { return isPublic || isStaff(); }
};

} // namespace triage::server
