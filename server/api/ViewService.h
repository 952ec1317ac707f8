#pragma once

#include "Principal.h"
#include "TicketService.h"
#include "domain/TicketFilter.h"

#include <optional>

namespace triage::server {

// The write rules of saved views, one for both ways in: PUT/DELETE /api/v1/views/{id}
// (DirectoryApi) and the view.put/view.delete mutations (SyncApi). Staff only; a personal view
// is its owner's, shared views and other users' views are the administrators'. Runs inside the
// caller's WriteTx; the write is deferred in Outcome::write like TicketService's.
class ViewService
{
public:
    ViewService(ServerDatabase &db, WriteTx &tx)
        : m_db(db)
        , m_tx(tx)
    { }

    // Refuses callers who may write no view at all (requesters); the REST routes ask this before
    // reading the body, so their answer to a requester stays 403 whatever it sent.
    static std::optional<Outcome> refuseCaller(const Principal &who);

    // `view` is already valid (SavedView::fromJson). Outcome::view is the stored view when applied,
    // else the server's copy the caller may read (shared or theirs), if any.
    Outcome put(const Principal &who, const SavedView &view);
    // Outcome::view as for put(): none when applied.
    Outcome remove(const Principal &who, const QString &viewId);

private:
    std::optional<SavedView> readableCopy(const Principal &who, const QString &id);

    ServerDatabase &m_db;
    WriteTx &m_tx;
};

} // namespace triage::server
