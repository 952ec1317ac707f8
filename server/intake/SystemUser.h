#pragma once

#include "api/Principal.h"

namespace triage::server {

class ServerDatabase;

// The server itself as an author: notes a channel writes on a ticket ("the mail to … bounced")
// appear under this directory user, "Triage", which cannot sign in (no password, disabled).
inline const QString kSystemUserId = u"00000000-0000-7000-8000-000000000001"_qs;

// Creates the user once per database (every instance calls it at start; concurrent starts are fine).
void ensureSystemUser(ServerDatabase &db);
// The principal channel work runs as when it writes in the server's own name.
Principal systemPrincipal();

} // namespace triage::server
