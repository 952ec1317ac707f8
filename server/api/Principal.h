#pragma once

#include "TicketVisibility.h"
#include "domain/Enums.h"

#include <QString>
#include <QStringList>

namespace triage::server {

// The authenticated caller and the visibility rules every route and the change feed apply:
// requesters see their own tickets and public comments; agents their groups' tickets and tickets
// without a group; leads also the groups they lead; admins everything. Viewers (a wall screen, an
// auditor) see what a lead of their groups sees and may not write anything (Api::handle refuses
// every route but GET, HEAD and logout before its handler runs).
struct Principal {
    QString userId;
    QString username;
    UserRole role = UserRole::Requester;
    QStringList groupIds; // member of
    QStringList ledGroups; // lead of
    QString tokenHash;

    bool isStaff() const { return role != UserRole::Requester; }
    bool isAdmin() const { return role == UserRole::Admin; }
    bool canWrite() const { return role != UserRole::Viewer; }
    // Reports are limited to the caller's groups (member of or lead of).
    bool reportsScopedToGroups() const { return role == UserRole::Lead || role == UserRole::Viewer; }
    // The ticket visibility rule for this caller (TicketVisibility): what canSeeTicket checks, and
    // what the ticket list and the change feed filter many rows with.
    TicketVisibility ticketVisibility() const;
    bool canSeeTicket(const QString &groupId, const QString &requesterId) const;
    // True when the caller could see a ticket in any of `groups` (its former groups).
    bool couldSeeAnyGroup(const QStringList &groups, const QString &requesterId) const;
    bool canSeeComment(bool isPublic) const { return isPublic || isStaff(); }
};

} // namespace triage::server
