#pragma once

#include "domain/Ticket.h"
#include "store/CacheRepository.h"
#include "store/SyncConflict.h"

#include <QMap>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace triage {

// A full resync (after a 410) goes into staging tables next to the cache and is swapped in at the
// end, so the agent keeps working on the cache meanwhile, a killed resync resumes, and a server that
// lost data (restored from a backup) never silently takes local data with it. The pages themselves
// go in through SyncWriter (the bulk writer of the staging tables).
class ResyncStaging final : public CacheRepository
{
public:
    explicit ResyncStaging(LocalCache &cache);

    // `resume`: keep staging tables a killed resync left (its cursor is in meta).
    bool begin(bool resume);
    bool isActive() const;
    std::optional<Ticket> stagedTicket(const QString &id) const;
    // `serverLostData` (a restored or new server database): local tickets and comments the server
    // lacks are kept and listed, tickets whose values here are as new as the server's or newer and
    // differ are listed (then take the server's values); each becomes a `diverged` conflict with the
    // local copy as a re-appliable mutation. Otherwise (expired cursor) rows the server no longer
    // has go. `keepTickets`/`keepComments`: ids with pending local changes, never dropped.
    // `meta` (the sync state) commits with the swap. Emits the tickets' reset() and conflictsChanged.
    bool finish(bool serverLostData, const QSet<QString> &keepTickets, const QSet<QString> &keepComments,
        const QMap<QString, QString> &meta, QList<SyncConflict> *divergences);
    bool abandon();

private:
    bool forEachStagedDifference(const std::function<void(Ticket &&mine, Ticket &&server)> &fn) const;
    bool swap(bool serverLostData, const QSet<QString> &keepTickets, const QSet<QString> &keepComments,
        const QMap<QString, QString> &meta, QList<SyncConflict> *divergences);
};

} // namespace triage
