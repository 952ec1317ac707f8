// TicketStore, the parts the sync engine uses: push results and conflicts, applying pulled
// pages, and the bulk path of an initial sync.
#include "BulkWriter.h"
#include "CacheDatabase.h"
#include "CacheSchema.h"
#include "StoreSql.h"
#include "TicketStore.h"
#include "sla/TicketSlaState.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>
#include <QThread>

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

bool TicketStore::recordPushResults(const QStringList &processedOutboxIds,
    const QList<SyncConflict> &conflicts, const QList<Ticket> &currentTickets)
{
    m_db->setDurable(true);
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    QSqlQuery del(m_db->connection());
    del.prepare(u"DELETE FROM outbox WHERE id = ?"_qs);
    for (const auto &id : processedOutboxIds) {
        del.addBindValue(id);
        if (!del.exec())
            return fail(u"removing outbox entry"_qs, del.lastError().text());
    }
    QSqlQuery ins(m_db->connection());
    ins.prepare(
        u"INSERT OR REPLACE INTO conflicts (id, outbox_id, entity_id, status, payload, result, created_at) "
        u"VALUES (?,?,?,?,?,?,?)"_qs);
    for (const auto &c : conflicts) {
        ins.addBindValue(c.id);
        ins.addBindValue(text(c.outboxId));
        ins.addBindValue(text(c.entityId));
        ins.addBindValue(c.status);
        ins.addBindValue(QString::fromUtf8(QJsonDocument(c.mutation).toJson(QJsonDocument::Compact)));
        ins.addBindValue(QString::fromUtf8(QJsonDocument(c.result).toJson(QJsonDocument::Compact)));
        ins.addBindValue(c.createdAt);
        if (!ins.exec())
            return fail(u"recording a conflict"_qs, ins.lastError().text());
    }
    QList<Ticket> current = currentTickets;
    if (!writeTickets(current))
        return false;
    if (!tx.commit())
        return fail(u"committing push results"_qs, tx.error());
    if (!current.isEmpty())
        Q_EMIT ticketsChanged(current);
    Q_EMIT outboxChanged(pendingCount());
    if (!conflicts.isEmpty())
        Q_EMIT conflictsChanged(conflictCount());
    return true;
}

QList<SyncConflict> TicketStore::conflicts() const
{
    QList<SyncConflict> out;
    QSqlQuery q(m_db->connection());
    if (!q.exec(u"SELECT id, outbox_id, entity_id, status, payload, result, created_at FROM conflicts "
                u"ORDER BY created_at, id"_qs))
        return out;
    while (q.next()) {
        out << SyncConflict {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object(),
            QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object(), q.value(6).toLongLong()};
    }
    return out;
}

int TicketStore::conflictCount() const
{
    QSqlQuery q(m_db->connection());
    if (q.exec(u"SELECT count(*) FROM conflicts"_qs) && q.next())
        return q.value(0).toInt();
    return 0;
}

bool TicketStore::removeConflict(const QString &id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM conflicts WHERE id = ?"_qs);
    q.addBindValue(id);
    if (!q.exec())
        return fail(u"removing a conflict"_qs, q.lastError().text());
    Q_EMIT conflictsChanged(conflictCount());
    return q.numRowsAffected() > 0;
}

bool TicketStore::applyServerChanges(const ServerChanges &c)
{
    if (m_bulk) {
        // Initial sync or a resync into staging: the fast path, page and cursor still in one
        // transaction. Models reload once at the end (reset), so no per-row signals here.
        QString error;
        QList<Ticket> page = c.tickets;
        fillSla(page, &c.history, false);
        m_bulk->setRemovals({c.removedTickets, c.removedComments, c.removedEntities});
        if (!m_bulk->write(page, c.comments, &error, c.entities, c.meta, c.history, c.historyJson))
            return fail(u"applying a page"_qs, error);
        QSet<QString> kinds;
        for (const auto &e : c.entities)
            kinds.insert(e.first);
        if (affectsSla(kinds)) {
            m_sla.reset(); // later pages use the new configuration
            // Snapshots already written used the old one: endBulk() redoes them.
            m_slaDirty = m_slaDirty || m_bulkTickets > 0;
        }
        m_bulkTickets += page.size();
        if (!kinds.isEmpty())
            Q_EMIT entitiesChanged(kinds.values());
        return true;
    }
    // Server state can always be pulled again, and the cursor commits with it: NORMAL is safe
    // here (WAL: a power cut loses the last pages and their cursor together, never one of them).
    m_db->setDurable(false);
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    QList<Ticket> sorted = c.tickets;
    std::sort(sorted.begin(), sorted.end(), [](const Ticket &a, const Ticket &b) { return a.id < b.id; });
    if (!writeHistory(c.history, c.historyJson) || !writeTickets(sorted, &c.history)
        || !writeComments(c.comments))
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
    for (const auto &[kind, json] : c.entities) {
        if (!run(u"INSERT INTO entities (kind, id, json) VALUES (?,?,?) "
                 u"ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json"_qs,
                {kind, json.value(u"id"_qs).toString(),
                    QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))}))
            return false;
    }
    for (const auto &[kind, id] : c.removedEntities) {
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
        Q_EMIT ticketsChanged(sorted);
    if (!c.removedTickets.isEmpty())
        Q_EMIT ticketsRemoved(c.removedTickets);
    QSet<QString> commented;
    for (const auto &cm : c.comments)
        commented.insert(cm.ticketId);
    for (const auto &t : commented)
        Q_EMIT commentsAdded(t);
    QSet<QString> kinds;
    for (const auto &e : c.entities)
        kinds.insert(e.first);
    for (const auto &e : c.removedEntities)
        kinds.insert(e.first);
    if (!kinds.isEmpty())
        Q_EMIT entitiesChanged(kinds.values());
    if (affectsSla(kinds))
        return recomputeSla();
    return true;
}

bool TicketStore::beginBulk()
{
    waitForSearchIndex();
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

bool TicketStore::bulkInsert(const QList<Ticket> &tickets, const QList<Comment> &comments,
    const QHash<QString, QList<TicketEvent>> &history)
{
    QList<Ticket> page = tickets;
    if (m_bulk) {
        fillSla(page, &history, false);
        QString error;
        return m_bulk->write(page, comments, &error, {}, {}, history) || fail(u"writing a page"_qs, error);
    }
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    if (!writeHistory(history) || !writeTickets(page, &history) || !writeComments(comments))
        return false;
    if (!tx.commit())
        return fail(u"committing a page"_qs, tx.error());
    return true;
}

bool TicketStore::endBulk(bool deferIndexes)
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
        return recomputeSla(); // emits reset()
    }
    Q_EMIT reset();
    return true;
}

std::unique_ptr<BulkWriter> TicketStore::takePageWriter(bool staging)
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

bool TicketStore::listIndexesPending() const
{
    return meta(u"list_indexes_dirty"_qs) == u"1";
}

bool TicketStore::buildListIndexes() const
{
    waitForSearchIndex();
    if (!listIndexesPending())
        return true;
    QString error;
    if (!m_db->execAll(cacheschema::secondaryIndexStatements(), &error))
        return fail(u"building the list indexes"_qs, error);
    return true;
}

bool TicketStore::searchIndexPending() const
{
    return meta(u"fts_dirty"_qs) == u"1" || listIndexesPending();
}

bool TicketStore::buildSearchIndex() const
{
    if (!buildListIndexes())
        return false;
    if (!searchIndexPending())
        return true;
    QString error;
    if (!m_db->execAll(cacheschema::searchIndexBuildStatements(), &error))
        return fail(u"building the search index"_qs, error);
    return true;
}

void TicketStore::buildSearchIndexInBackground()
{
    if (m_indexer || !searchIndexPending())
        return;
    auto ok = std::make_shared<bool>(false);
    auto error = std::make_shared<QString>();
    m_indexer = QThread::create([path = m_db->path(), lists = listIndexesPending(), ok, error] {
        *ok = (!lists || BulkWriter::execAll(path, cacheschema::secondaryIndexStatements(), error.get()))
            && BulkWriter::execAll(path, cacheschema::searchIndexBuildStatements(), error.get());
    });
    connect(m_indexer, &QThread::finished, this, [this, ok, error] {
        if (!m_indexer)
            return; // already waited for
        m_indexer->deleteLater();
        m_indexer = nullptr;
        if (!*ok)
            fail(u"building the search index"_qs, *error);
        Q_EMIT searchIndexReady(*ok);
    });
    m_indexer->start(QThread::LowPriority);
}

void TicketStore::waitForSearchIndex() const
{
    if (!m_indexer)
        return;
    m_indexer->wait();
    // The queued finished handler sees m_indexer gone and does nothing.
    delete std::exchange(const_cast<TicketStore *>(this)->m_indexer, nullptr);
}

} // namespace triage
