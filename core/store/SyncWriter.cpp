// Pulled server state into the cache: incremental pages with precise signals, and the bulk path
// of an initial sync or a resync.
#include "SyncWriter.h"

#include "BulkWriter.h"
#include "CacheDatabase.h"
#include "CacheSchema.h"
#include "LocalCache.h"
#include "StoreSql.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <memory>
#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace triage {

using storesql::text;
using storesql::Transaction;

namespace {

// Reference data that changes SLA snapshots: calendars, policies, and groups (their calendar).
bool affectsSla(const QSet<QString> &kinds)
{
    return kinds.contains(u"calendar"_qs) || kinds.contains(u"sla_policy"_qs) || kinds.contains(u"group"_qs);
}

} // namespace

SyncWriter::SyncWriter(LocalCache &cache)
    : CacheRepository(cache)
{ }

SyncWriter::~SyncWriter() = default;

void SyncWriter::setBulkWriter(std::unique_ptr<BulkWriter> writer)
{
    m_bulk = std::move(writer);
}

void SyncWriter::closeBulkWriter()
{
    m_bulk.reset();
}

bool SyncWriter::applyServerChanges(const ServerChanges &c)
{
    if (m_bulk)
        return applyBulkPage(c);
    // Server state can always be pulled again, and the cursor commits with it: NORMAL is safe
    // here (WAL: a power cut loses the last pages and their cursor together, never one of them).
    m_db->setDurable(false);
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    QList<Ticket> sorted = c.tickets;
    std::sort(sorted.begin(), sorted.end(), [](const Ticket &a, const Ticket &b) { return a.id < b.id; });
    TicketRepository &tickets = m_cache.tickets();
    if (!m_cache.eventLogs().writeHistory(c.history, c.historyJson)
        || !tickets.writeTickets(sorted, &c.history) || !tickets.writeComments(c.comments))
        return false;
    QSqlQuery q(m_db->connection());
    auto run = [&](const QString &sql, const QVariantList &binds) {
        q.prepare(sql);
        for (const auto &b : binds)
            q.addBindValue(b);
        return q.exec() || fail(u"applying server changes"_qs, q.lastError().text());
    };
    for (const auto &id : c.removedTickets) {
        if (!run(u"DELETE FROM tickets WHERE id = ?"_qs, {id}))
            return false;
    }
    for (const auto &id : c.removedComments) {
        if (!run(u"DELETE FROM comments WHERE id = ?"_qs, {id}))
            return false;
    }
    // A saved view with an edit still in the outbox keeps the local version (as a ticket's pending
    // intents are re-applied over the server's): the push's result brings the server's answer.
    QSet<QString> pendingViews;
    if (std::any_of(c.entities.begin(), c.entities.end(), [](const auto &e) { return e.first == u"view"; })
        || std::any_of(c.removedEntities.begin(), c.removedEntities.end(),
            [](const auto &e) { return e.first == u"view"; })) {
        if (!run(u"SELECT entity_id FROM outbox WHERE type IN ('view.put', 'view.delete')"_qs, {}))
            return false;
        while (q.next())
            pendingViews.insert(q.value(0).toString());
    }
    for (const auto &[kind, json] : c.entities) {
        if (kind == u"view" && pendingViews.contains(json.value(u"id"_qs).toString()))
            continue;
        if (!run(u"INSERT INTO entities (kind, id, json) VALUES (?,?,?) "
                 u"ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json"_qs,
                {kind, json.value(u"id"_qs).toString(),
                    QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))}))
            return false;
    }
    for (const auto &[kind, id] : c.removedEntities) {
        if (kind == u"view" && pendingViews.contains(id))
            continue;
        if (!run(u"DELETE FROM entities WHERE kind = ? AND id = ?"_qs, {kind, id}))
            return false;
    }
    for (auto it = c.meta.constBegin(); it != c.meta.constEnd(); ++it) {
        if (!run(u"INSERT INTO meta (key, value) VALUES (?, ?) "
                 u"ON CONFLICT(key) DO UPDATE SET value = excluded.value"_qs,
                {it.key(), text(it.value())}))
            return false;
    }
    if (!tx.commit())
        return fail(u"committing server changes"_qs, tx.error());
    m_db->setDurable(true);
    if (!sorted.isEmpty())
        Q_EMIT tickets.ticketsChanged(sorted);
    if (!c.removedTickets.isEmpty())
        Q_EMIT tickets.ticketsRemoved(c.removedTickets);
    QSet<QString> commented;
    for (const auto &cm : c.comments)
        commented.insert(cm.ticketId);
    for (const auto &t : commented)
        Q_EMIT tickets.commentsAdded(t);
    QSet<QString> kinds;
    for (const auto &e : c.entities)
        kinds.insert(e.first);
    for (const auto &e : c.removedEntities)
        kinds.insert(e.first);
    if (!kinds.isEmpty())
        Q_EMIT m_cache.referenceData().entitiesChanged(kinds.values());
    if (affectsSla(kinds))
        return m_cache.eventLogs().recomputeSla();
    return true;
}

bool SyncWriter::applyBulkPage(const ServerChanges &c)
{
    // Initial sync or a resync into staging: the fast path, page and cursor still in one
    // transaction. Models reload once at the end (reset), so no per-row signals here.
    QString error;
    QList<Ticket> page = c.tickets;
    m_cache.eventLogs().fillSla(page, &c.history, false);
    m_bulk->setRemovals({c.removedTickets, c.removedComments, c.removedEntities});
    if (!m_bulk->write(page, c.comments, &error, c.entities, c.meta, c.history, c.historyJson))
        return fail(u"applying a page"_qs, error);
    QSet<QString> kinds;
    for (const auto &e : c.entities)
        kinds.insert(e.first);
    if (affectsSla(kinds)) {
        m_cache.eventLogs().reloadSlaState(); // later pages use the new configuration
        // Snapshots already written used the old one: endBulk() redoes them.
        m_slaDirty = m_slaDirty || m_bulkTickets > 0;
    }
    m_bulkTickets += page.size();
    if (!kinds.isEmpty())
        Q_EMIT m_cache.referenceData().entitiesChanged(kinds.values());
    return true;
}

bool SyncWriter::beginBulk()
{
    m_cache.searchIndex().waitForSearchIndex();
    QStringList s = cacheschema::dropFtsTriggerStatements();
    s << cacheschema::dropSecondaryIndexStatements();
    s << u"INSERT INTO meta (key, value) VALUES ('fts_dirty', '1') "
         u"ON CONFLICT(key) DO UPDATE SET value = '1'"_qs
      << u"INSERT INTO meta (key, value) VALUES ('list_indexes_dirty', '1') "
         u"ON CONFLICT(key) DO UPDATE SET value = '1'"_qs;
    QString error;
    if (!m_db->execAll(s, &error))
        return fail(u"preparing bulk load"_qs, error);
    m_db->setDurable(false);
    m_bulkTickets = 0;
    m_bulk = BulkWriter::open(m_db->path(), &error);
    if (!m_bulk)
        qCWarning(lcStore) << "bulk writer unavailable, using QtSql:" << error;
    else if (qEnvironmentVariable("TRIAGE_SYNC_BULK_CHECKPOINT") != u"inline") {
        m_db->checkpointInBackground(m_bulk->connection()); // off the writer thread
        m_db->setBulkLoad(true); // and never inline, however large the WAL grows meanwhile
    }
    return true;
}

bool SyncWriter::bulkInsert(const QList<Ticket> &tickets, const QList<Comment> &comments,
    const QHash<QString, QList<TicketEvent>> &history)
{
    QList<Ticket> page = tickets;
    if (m_bulk) {
        m_cache.eventLogs().fillSla(page, &history, false);
        QString error;
        return m_bulk->write(page, comments, &error, {}, {}, history) || fail(u"writing a page"_qs, error);
    }
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    TicketRepository &rows = m_cache.tickets();
    if (!m_cache.eventLogs().writeHistory(history) || !rows.writeTickets(page, &history)
        || !rows.writeComments(comments))
        return false;
    if (!tx.commit())
        return fail(u"committing a page"_qs, tx.error());
    return true;
}

bool SyncWriter::endBulk(bool deferIndexes)
{
    m_bulk.reset();
    m_db->setBulkLoad(false);
    // Deferred, the list indexes (~0.45 s at 100k tickets) and the search index (~1.6 s) stay
    // marked dirty, the search triggers off, until buildListIndexes() / buildSearchIndex*(), which
    // read the tables as they are then: edits made meanwhile are indexed too.
    bool ok = true;
    QString error;
    if (!deferIndexes) {
        QStringList s = cacheschema::secondaryIndexStatements();
        s << cacheschema::searchIndexBuildStatements();
        QElapsedTimer timer;
        timer.start();
        ok = m_db->execAll(s, &error);
        qCInfo(lcStore) << "bulk load finished: indexes built in" << timer.elapsed() << "ms";
    }
    m_db->setDurable(true);
    if (!ok)
        return fail(u"finishing bulk load"_qs, error);
    if (m_slaDirty) {
        m_slaDirty = false;
        return m_cache.eventLogs().recomputeSla(); // emits the tickets' reset()
    }
    Q_EMIT m_cache.tickets().reset();
    return true;
}

std::unique_ptr<BulkWriter> SyncWriter::takePageWriter(bool staging)
{
    if (m_bulk)
        return std::move(m_bulk);
    QString error;
    auto w = BulkWriter::open(m_db->path(), &error, staging ? u"staging_"_qs : QString());
    if (!w)
        fail(u"opening the bulk writer"_qs, error);
    else if (qEnvironmentVariable("TRIAGE_SYNC_BULK_CHECKPOINT") != u"inline")
        m_db->checkpointInBackground(w->connection());
    return w;
}

} // namespace triage
