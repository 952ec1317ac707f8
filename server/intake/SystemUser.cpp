#include "SystemUser.h"

#include "storage/DirectoryStore.h"
#include "storage/ServerDatabase.h"

namespace triage::server {

void ensureSystemUser(ServerDatabase &db)
{
    DirectoryStore dir(db);
    if (dir.userById(kSystemUserId))
        return;
    User u;
    u.id = kSystemUserId;
    u.username = u"triage-system"_qs;
    u.displayName = u"Triage"_qs;
    u.role = UserRole::Viewer;
    u.disabled = true;
    WriteTx tx(db);
    if (dir.userById(kSystemUserId))
        return; // another instance was quicker
    dir.upsertUser(u, {}, 0);
    tx.stamp("users", u.id);
    tx.commit();
}

Principal systemPrincipal()
{
    Principal p;
    p.userId = kSystemUserId;
    p.username = u"triage-system"_qs;
    p.role = UserRole::Admin;
    return p;
}

} // namespace triage::server
