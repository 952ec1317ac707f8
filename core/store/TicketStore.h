#pragma once

#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/TicketEvent.h"
#include "domain/TicketFilter.h"
#include "store/StoreErrors.h"
#include "store/TicketListRow.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

class QThread;
#include <optional>

namespace triage {

class BulkWriter;
class CacheDatabase;
class TicketSlaState;
struct PendingSla;
struct SlaInputs;

// A local change waiting for the server. Written in the same transaction as the edit it carries.
struct OutboxEntry {
    qint64 seq = 0; // local order, strictly increasing
    QString id; // mutation UUID
    QString type; // "ticket.create", "ticket.update", "comment.create", …
    QString entityId;
    QJsonObject payload;
    qint64 createdAt = 0;
    QString state = u"pending"_qs;
};

// A change the server did not apply as sent: kept with the agent's full mutation until decided.
struct SyncConflict {
    QString id;
    QString outboxId; // the mutation id
    QString entityId; // ticket id
    QString status; // conflict | held | rejected | diverged
    QJsonObject mutation;
    QJsonObject result; // the server's per-mutation result (problem, conflicts, current ticket)
    qint64 createdAt = 0;
};

// One page of server state to apply atomically, with the cursor that follows it.
struct ServerChanges {
    QList<Ticket> tickets; // already rebased over pending local intents
    QStringList removedTickets;
    QList<Comment> comments;
    QStringList removedComments;
    QList<QPair<QString, QJsonObject>> entities; // (kind, wire JSON)
    QList<QPair<QString, QString>> removedEntities; // (kind, id)
    QMap<QString, QString> meta; // e.g. cursor
    // Ticket id → its whole event log as the server sent it (replaces the stored one).
    QHash<QString, QList<TicketEvent>> history;
    // The same logs' JSON arrays as the feed carried them, where the reader kept them: stored as they
    // are (a log missing here is written from `history`).
    QHash<QString, QByteArray> historyJson;
};

struct SearchHit {
    QString ticketId;
    bool inComment = false; // matched a comment rather than the title/description
};

// The repository over the local cache: tickets, comments, reference entities, the outbox and
// search. Emits precise change signals after each commit so item models touch exact rows.
class TicketStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketStore)

public:
    explicit TicketStore(CacheDatabase *db, QObject *parent = nullptr);
    ~TicketStore() override;

    QString lastError() const { return m_lastError; }

    // --- tickets
    std::optional<Ticket> ticket(const QString &id) const;
    std::optional<Ticket> ticketByNumber(qint64 number) const;
    // The links other tickets hold to `id`, each as {its kind, the linking ticket} ("#A duplicate_of
    // this"), ordered by number.
    QList<TicketLink> linksTo(const QString &id) const;
    qint64 ticketCount() const;
    // Every ticket, streamed in storage order without building a list (queue and kanban models).
    bool forEachTicket(const std::function<void(Ticket &&)> &fn) const;
    // The same, with only the list columns filled (no description, tags, links, CSAT): what the
    // console's queue and board keep in memory. Several times faster than forEachTicket.
    bool forEachTicketHeader(const std::function<void(Ticket &&)> &fn) const;
    // The list columns only, straight from SQLite without building a Ticket (the console's cache at
    // start-up; TicketStoreList.cpp). Views in the row are valid during the callback only.
    bool forEachTicketListRow(const std::function<void(const TicketListRow &)> &fn) const;
    // Filtered, sorted, bounded. `me` resolves "assigned to me". Text uses full-text search.
    QList<Ticket> tickets(const TicketFilter &filter, const QString &me, int limit) const;

    // Upserts server state (or local edits) in one transaction; emits ticketsChanged after the commit.
    bool upsertTickets(const QList<Ticket> &tickets);
    bool removeTickets(const QStringList &ids);

    // A user's edit and its outbox entry, atomically and durably (synchronous=FULL).
    bool saveLocalEdit(const Ticket &ticket, const OutboxEntry &entry);
    bool saveLocalComment(const Comment &comment, const OutboxEntry &entry);

    // --- event logs and SLA (core/sla/TicketSlaState; docs/sync-client.md)
    // The ticket's event log as last synced, in time order.
    QList<TicketEvent> history(const QString &ticketId) const;
    // The stored logs of several tickets in one query (tickets without one are absent).
    QHash<QString, QList<TicketEvent>> histories(const QStringList &ticketIds) const;
    // Every stored log at once (ticket id → log), for whole-cache work (SLA recompute, metrics).
    QHash<QString, QList<TicketEvent>> allHistories() const;
    // The SLA configuration from the synced calendars, policies and groups (reloaded when they change).
    const TicketSlaState &slaState() const;
    // The same configuration as documents, with the pending replies: for a worker thread (PagePipeline).
    SlaInputs slaInputs() const;
    // Re-derives every ticket's SLA snapshot (after the configuration changed); emits reset().
    bool recomputeSla();
    // Once per change of the SLA rules themselves (kSlaRulesRevision): a cache written by an older
    // Triage re-derives its stored snapshots. Cheap when nothing changed (one meta read).
    bool upgradeSlaSnapshots();

    // --- comments
    QList<Comment> comments(const QString &ticketId) const;
    bool upsertComments(const QList<Comment> &comments);

    // --- reference data (users, groups, boards, views, calendars, SLA policies, KB) as wire JSON
    bool putEntities(const QString &kind, const QList<QJsonObject> &objects);
    bool removeEntity(const QString &kind, const QString &id);
    QList<QJsonObject> entities(const QString &kind) const;

    // --- outbox
    QList<OutboxEntry> pendingOutbox(int limit = 1000) const;
    int pendingCount() const;
    qint64 lastOutboxSeq() const; // the highest seq ever given out, pending or not
    bool removeOutbox(const QStringList &ids);

    // Push results: drop processed outbox entries, keep refused ones as conflicts, and store the
    // server's current tickets — all in one transaction.
    bool recordPushResults(const QStringList &processedOutboxIds, const QList<SyncConflict> &conflicts,
        const QList<Ticket> &currentTickets);
    QList<SyncConflict> conflicts() const;
    int conflictCount() const;
    bool removeConflict(const QString &id);

    // A pulled page and its cursor in one transaction (an interrupted sync resumes after it).
    bool applyServerChanges(const ServerChanges &changes);

    // --- full resync into staging tables (after a 410): the feed is written next to the cache,
    // which the agent keeps working on, and swapped in by finishStaging() in one transaction.
    // `resume`: keep staging tables a killed resync left (its cursor is in meta).
    bool beginStaging(bool resume);
    bool stagingActive() const;
    std::optional<Ticket> stagedTicket(const QString &id) const;
    // `serverLostData` (a restored or new server database): local tickets and comments the server
    // lacks are kept and listed, tickets whose values here are as new as the server's or newer and
    // differ are listed (then take the server's values); each becomes a `diverged` conflict with the
    // local copy as a re-appliable mutation. Otherwise (expired cursor) rows the server no longer
    // has go. `keepTickets`/`keepComments`: ids with pending local changes, never dropped.
    // `meta` (the sync state) commits with the swap.
    bool finishStaging(bool serverLostData, const QSet<QString> &keepTickets,
        const QSet<QString> &keepComments, const QMap<QString, QString> &meta,
        QList<SyncConflict> *divergences);
    bool abandonStaging();
    // The `diverged` conflicts: what the server lost, for the console and `triagectl status`.
    QList<SyncConflict> divergences() const;

    // --- meta (cursor, client id, server URL…)
    QString meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value);

    // --- reply drafts (one per ticket and kind, e.g. "reply" or "note"); survive restarts
    QString draft(const QString &ticketId, const QString &kind) const;
    // An empty body removes the draft.
    bool saveDraft(const QString &ticketId, const QString &kind, const QString &body);

    // --- search: newest hits first, bounded by `limit`
    QList<SearchHit> search(const QString &userQuery, int limit) const;

    // --- bulk path for initial sync: one transaction per page, indexes built once at the end.
    // With `deferIndexes` no index is built: every row is in and the cache is usable at once (the
    // console's queue reads the tickets by row order; a lookup by number, a ticket's comments or a
    // filtered list work without the list indexes, only slower — tens of ms at 100k tickets). The
    // list indexes, then the search index, follow with buildListIndexes() / buildSearchIndex*()
    // (search() builds them first if still missing; opening the cache finishes them).
    bool beginBulk();
    bool bulkInsert(const QList<Ticket> &tickets, const QList<Comment> &comments,
        const QHash<QString, QList<TicketEvent>> &history = {});
    bool endBulk(bool deferIndexes = false);
    // The writer of the bulk target (the cache during an initial sync, the staging tables during a
    // resync) for a page pipeline on another thread; the store no longer uses it itself.
    std::unique_ptr<BulkWriter> takePageWriter(bool staging);
    bool listIndexesPending() const;
    bool buildListIndexes() const;
    bool searchIndexPending() const; // the search index, or the list indexes before it
    bool buildSearchIndex() const; // the list indexes first when they are still missing
    // Both on a worker thread with its own connection (console), the list indexes first (their own
    // transaction: they are ready in a fraction of the time); emits searchIndexReady().
    void buildSearchIndexInBackground();

Q_SIGNALS:
    // Each after its commit, never for a write that failed. There are no "about to" signals: the
    // models apply the new rows as they come and nothing needs the state before a change.
    void ticketsChanged(const QList<triage::Ticket> &tickets); // inserted or updated
    void ticketsRemoved(const QStringList &ids);
    void commentsAdded(const QString &ticketId);
    void outboxChanged(int pending);
    void conflictsChanged(int count);
    // Reference data (users, groups, boards, views, calendars…) of these kinds changed.
    void entitiesChanged(const QStringList &kinds);
    void reset(); // after a bulk load: re-read everything
    void searchIndexReady(bool ok);

private:
    bool fail(const QString &what, const QString &detail) const;
    // Fills each ticket's `sla` (from `history` where given, else the stored log) and writes it.
    bool writeTickets(QList<Ticket> &tickets, const QHash<QString, QList<TicketEvent>> *history = nullptr);
    bool writeHistory(const QHash<QString, QList<TicketEvent>> &history,
        const QHash<QString, QByteArray> &historyJson = {});
    // `readStored`: tickets missing from `history` use their stored log (false in bulk loads: none yet).
    void fillSla(QList<Ticket> &tickets, const QHash<QString, QList<TicketEvent>> *history,
        bool readStored = true) const;
    QHash<QString, PendingSla> pendingSla() const;
    bool writeComments(const QList<Comment> &comments);
    bool writeOutbox(const OutboxEntry &entry);
    bool forEachStagedDifference(const std::function<void(Ticket &&mine, Ticket &&server)> &fn) const;
    bool stagingSwap(bool serverLostData, const QSet<QString> &keepTickets, const QSet<QString> &keepComments,
        const QMap<QString, QString> &meta, QList<SyncConflict> *divergences);

    CacheDatabase *m_db;
    void waitForSearchIndex() const;

    std::unique_ptr<BulkWriter> m_bulk; // between beginBulk() and endBulk(), or writing staging
    QThread *m_indexer = nullptr; // a background search-index build
    mutable QString m_lastError;
    mutable std::unique_ptr<TicketSlaState> m_sla; // loaded on first use
    bool m_slaDirty = false; // configuration changed during a bulk load, after tickets were written
    qint64 m_bulkTickets = 0; // written since beginBulk()
};

} // namespace triage
