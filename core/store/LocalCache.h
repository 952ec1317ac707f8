#pragma once

#include "store/AttachmentRepository.h"
#include "store/DraftStore.h"
#include "store/EventLogRepository.h"
#include "store/MetaStore.h"
#include "store/OutboxRepository.h"
#include "store/ReferenceData.h"
#include "store/ResyncStaging.h"
#include "store/SearchIndex.h"
#include "store/SyncWriter.h"
#include "store/TicketRepository.h"

#include <QString>

namespace triage {

class CacheDatabase;

// The local cache's rooms over one CacheDatabase, each with one job. It only holds them: callers
// take the room they need (`cache.tickets().ticket(id)`, `cache.outbox().pendingCount()`) and
// connect to that room's signals. Each room emits the signals of its own data; a write spanning
// rooms (a local edit with its outbox entry, push results, a pulled page) commits once and then
// emits each room's signal.
class LocalCache
{
    Q_DISABLE_COPY_MOVE(LocalCache)

public:
    explicit LocalCache(CacheDatabase *db);
    ~LocalCache();

    CacheDatabase *database() const { return m_db; }
    // Why the last failing call of any room failed (a full disk as kDiskFullError).
    QString lastError() const { return m_lastError; }

    // Tickets, their comments and links; local edits with their outbox entry.
    TicketRepository &tickets() { return m_tickets; }
    const TicketRepository &tickets() const { return m_tickets; }
    // Event logs as synced, and the SLA snapshots derived from them.
    EventLogRepository &eventLogs() { return m_eventLogs; }
    const EventLogRepository &eventLogs() const { return m_eventLogs; }
    // Users, groups, boards, views, calendars, SLA policies… as wire JSON.
    ReferenceData &referenceData() { return m_referenceData; }
    const ReferenceData &referenceData() const { return m_referenceData; }
    // Changes waiting for the server, and those it refused (conflicts, divergences).
    OutboxRepository &outbox() { return m_outbox; }
    const OutboxRepository &outbox() const { return m_outbox; }
    // Pulled server state: pages with their cursor, the bulk load of an initial sync.
    SyncWriter &syncWriter() { return m_syncWriter; }
    const SyncWriter &syncWriter() const { return m_syncWriter; }
    // A full resync written next to the cache and swapped in at its end.
    ResyncStaging &staging() { return m_staging; }
    const ResyncStaging &staging() const { return m_staging; }
    // Full-text search, and the indexes a deferred bulk load leaves to build.
    SearchIndex &searchIndex() { return m_searchIndex; }
    const SearchIndex &searchIndex() const { return m_searchIndex; }
    // Sync state and settings (cursor, client id…).
    MetaStore &meta() { return m_meta; }
    const MetaStore &meta() const { return m_meta; }
    // Reply drafts that survive restarts.
    DraftStore &drafts() { return m_drafts; }
    const DraftStore &drafts() const { return m_drafts; }
    // Attachments' metadata (the bytes are fetched on demand).
    AttachmentRepository &attachments() { return m_attachments; }
    const AttachmentRepository &attachments() const { return m_attachments; }

private:
    friend class CacheRepository; // records m_lastError

    CacheDatabase *m_db;
    mutable QString m_lastError;
    TicketRepository m_tickets;
    EventLogRepository m_eventLogs;
    ReferenceData m_referenceData;
    OutboxRepository m_outbox;
    SyncWriter m_syncWriter;
    ResyncStaging m_staging;
    SearchIndex m_searchIndex; // its destructor waits for a background index build
    MetaStore m_meta;
    DraftStore m_drafts;
    AttachmentRepository m_attachments;
};

} // namespace triage
