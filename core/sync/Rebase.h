#pragma once

#include "domain/Ticket.h"
#include "store/OutboxEntry.h"

#include <QList>

namespace triage {

// The local view of a ticket = the server's state with the agent's still-pending intents
// re-applied in order, so a pull never makes the UI flicker back to an older value
// (sync.md, invariant 5). Intents that no longer apply (e.g. a field the workflow now refuses)
// are skipped here; the server's answer to their push decides.
Ticket rebase(Ticket server, const QList<OutboxEntry> &pendingForTicket);

} // namespace triage
