#pragma once

#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/TicketEvent.h"
#include "store/CacheRepository.h"
#include "store/ServerChanges.h"

#include <QHash>
#include <QList>

#include <memory>

namespace triage {

class BulkWriter;

// Writes the server's state as the sync pulls it. A page and its cursor go in one transaction (an
// interrupted sync resumes after it), with precise change signals. During an initial sync's bulk
// load, or a resync into staging (ResyncStaging), pages go through the bulk writer instead and the
// models re-read everything once at the end (the tickets' reset()).
class SyncWriter final : public CacheRepository
{
public:
    explicit SyncWriter(LocalCache &cache);
    ~SyncWriter();

    // A pulled page and its cursor in one transaction.
    bool applyServerChanges(const ServerChanges &changes);

    // --- bulk path for initial sync: one transaction per page, indexes built once at the end.
    // With `deferIndexes` no index is built: every row is in and the cache is usable at once (the
    // console's queue reads the tickets by row order; a lookup by number, a ticket's comments or a
    // filtered list work without the list indexes, only slower — tens of ms at 100k tickets). The
    // list indexes, then the search index, follow with SearchIndex::buildListIndexes() /
    // buildSearchIndex*() (search() builds them first if still missing; opening the cache finishes
    // them).
    bool beginBulk();
    bool bulkInsert(const QList<Ticket> &tickets, const QList<Comment> &comments,
        const QHash<QString, QList<TicketEvent>> &history = {});
    bool endBulk(bool deferIndexes = false);
    // The writer of the bulk target (the cache during an initial sync, the staging tables during a
    // resync) for a page pipeline on another thread; this room no longer uses it itself.
    std::unique_ptr<BulkWriter> takePageWriter(bool staging);

    // ResyncStaging's pages: through `writer` (of the staging tables) until closeBulkWriter().
    void setBulkWriter(std::unique_ptr<BulkWriter> writer);
    void closeBulkWriter();

private:
    bool applyBulkPage(const ServerChanges &changes);

    std::unique_ptr<BulkWriter> m_bulk; // between beginBulk() and endBulk(), or writing staging
    bool m_slaDirty = false; // configuration changed during a bulk load, after tickets were written
    qint64 m_bulkTickets = 0; // written since beginBulk()
};

} // namespace triage
