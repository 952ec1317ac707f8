#pragma once

#include <QString>
#include <QStringList>

namespace triage::server {

// Which tickets a caller may see, as data: the one statement of the ticket visibility rule
// (docs/sync-protocol.md). Principal::ticketVisibility() builds it from the caller's role and groups;
// Principal::canSeeTicket checks one ticket with it, the ticket list turns it into its SQL filter
// (TicketReader) and the change feed applies it to raw rows (ChangeFeed), so they cannot disagree.
struct TicketVisibility {
    enum class Scope {
        All, // admins
        Groups, // staff: tickets without a group and tickets in `groups`
        OwnRequests, // requesters: tickets whose requester is `userId`
    };
    Scope scope = Scope::OwnRequests;
    QString userId;
    QStringList groups; // Scope::Groups only; no duplicates

    bool admitsGroup(const QString &groupId) const;
    bool admits(const QString &groupId, const QString &requesterId) const;
};

} // namespace triage::server
