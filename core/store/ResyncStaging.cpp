// The full resync after a 410, in staging tables next to the cache (ResyncStaging.h).
#include "ResyncStaging.h"

#include "BulkWriter.h"
#include "CacheDatabase.h"
#include "LocalCache.h"
#include "StoreSql.h"
#include "domain/Time.h"
#include "domain/Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>

namespace triage {

using storesql::kTicketColumns;
using storesql::readTicket;
using storesql::text;
using storesql::Transaction;

namespace {

// The synced tables a resync rebuilds, and the key a row is matched by.
struct Staged {
    const char16_t *table;
    const char16_t *key;
};
constexpr Staged kStaged[] = {{u"tickets", u"id"}, {u"comments", u"id"}, {u"entities", u"kind, id"}};

QString staging(QStringView table)
{
    return u"staging_"_qs + table;
}

QStringList columnsOf(const QSqlDatabase &db, QStringView table)
{
    QStringList cols;
    QSqlQuery q(db);
    if (q.exec(u"PRAGMA table_info(%1)"_qs.arg(table))) {
        while (q.next()) {
            if (q.value(1).toString() != u"rid")
                cols << q.value(1).toString();
        }
    }
    return cols;
}

// Fields an agent edits, as in a ticket.update mutation (ConflictResolver re-applies them).
const QStringList &editableFields()
{
    static const QStringList f {u"status"_qs, u"priority"_qs, u"assignee_id"_qs, u"group_id"_qs, u"title"_qs,
        u"description"_qs, u"type"_qs, u"impact"_qs, u"urgency"_qs, u"csat_rating"_qs, u"csat_comment"_qs};
    return f;
}

QJsonObject changedMutation(const Ticket &mine, const Ticket &server)
{
    const QJsonObject a = mine.toJson();
    const QJsonObject b = server.toJson();
    QJsonArray changes;
    for (const auto &f : editableFields()) {
        if (a.value(f) != b.value(f))
            changes.append(QJsonObject {{u"field"_qs, f}, {u"from"_qs, b.value(f)}, {u"to"_qs, a.value(f)}});
    }
    QJsonArray add;
    QJsonArray remove;
    for (const auto &t : mine.tags) {
        if (!server.tags.contains(t))
            add.append(t);
    }
    for (const auto &t : server.tags) {
        if (!mine.tags.contains(t))
            remove.append(t);
    }
    return QJsonObject {{u"type"_qs, u"ticket.update"_qs}, {u"ticket_id"_qs, mine.id},
        {u"base_version"_qs, static_cast<double>(server.version)}, {u"changes"_qs, changes},
        {u"tags_add"_qs, add}, {u"tags_remove"_qs, remove}};
}

} // namespace

ResyncStaging::ResyncStaging(LocalCache &cache)
    : CacheRepository(cache)
{ }

std::optional<Ticket> ResyncStaging::stagedTicket(const QString &id) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM staging_tickets WHERE id = ?"_qs.arg(QStringView(kTicketColumns)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readTicket(q);
}

bool ResyncStaging::forEachStagedDifference(
    const std::function<void(Ticket &&mine, Ticket &&server)> &fn) const
{
    // Same version or newer here, and anything a person sees different: the server lost it. The
    // sla_* columns are this client's countdown caches, computed when a row is written: a ticket
    // rebased over the server's state a moment after it was edited here differs only in them.
    QStringList mine;
    QStringList server;
    QStringList differs;
    for (const auto &c : QStringView(kTicketColumns).split(u", ")) {
        mine << u"t."_qs + c;
        server << u"s."_qs + c;
        if (c != u"rank" && c != u"updated_at" && c != u"version" && !c.startsWith(u"sla_"))
            differs << u"t.%1 IS NOT s.%1"_qs.arg(c);
    }
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT %1, %2 FROM tickets t JOIN staging_tickets s ON s.id = t.id "
                u"WHERE t.version >= s.version AND (%3) ORDER BY t.rid"_qs.arg(
                    mine.join(u", "_qs), server.join(u", "_qs), differs.join(u" OR "_qs))))
        return fail(u"comparing with the server"_qs, q.lastError().text());
    while (q.next())
        fn(readTicket(q), readTicket(q, static_cast<int>(mine.size())));
    return true;
}

bool ResyncStaging::isActive() const
{
    QSqlQuery q(m_db->connection());
    return q.exec(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'staging_tickets'"_qs)
        && q.next();
}

bool ResyncStaging::begin(bool resume)
{
    m_cache.syncWriter().closeBulkWriter();
    if (!(resume && isActive())) {
        // Same columns and keys as the cache's tables, whatever migrations added; no secondary
        // indexes and no search triggers (only the unique keys the upserts need).
        QStringList s;
        QSqlQuery q(m_db->connection());
        for (const auto &t : kStaged) {
            const QString table = QString::fromUtf16(t.table);
            if (!q.exec(u"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '%1'"_qs.arg(table))
                || !q.next())
                return fail(u"preparing a resync"_qs, u"no table "_qs + table);
            QString sql = q.value(0).toString();
            sql.replace(QRegularExpression(u"^CREATE TABLE\\s+(\"?)"_qs + table + u"\\1"_qs),
                u"CREATE TABLE "_qs + staging(table));
            s << u"DROP TABLE IF EXISTS "_qs + staging(table) << sql;
        }
        QString error;
        if (!m_db->execAll(s, &error))
            return fail(u"preparing a resync"_qs, error);
    }
    QString error;
    auto writer = BulkWriter::open(m_db->path(), &error, u"staging_"_qs);
    if (!writer)
        return fail(u"preparing a resync"_qs, error);
    m_cache.syncWriter().setBulkWriter(std::move(writer));
    m_db->setDurable(false);
    return true;
}

bool ResyncStaging::abandon()
{
    m_cache.syncWriter().closeBulkWriter();
    QStringList s;
    for (const auto &t : kStaged)
        s << u"DROP TABLE IF EXISTS "_qs + staging(QString::fromUtf16(t.table));
    QString error;
    return m_db->execAll(s, &error) || fail(u"dropping the resync tables"_qs, error);
}

bool ResyncStaging::finish(bool serverLostData, const QSet<QString> &keepTickets,
    const QSet<QString> &keepComments, const QMap<QString, QString> &meta, QList<SyncConflict> *divergences)
{
    m_cache.syncWriter().closeBulkWriter();
    m_db->setDurable(true);
    QList<SyncConflict> found;
    if (serverLostData) {
        const qint64 now = nowMs();
        // Tickets the server has never heard of (numbered here, absent there), with their comments.
        QSqlQuery q(m_db->connection());
        q.setForwardOnly(true);
        QStringList missing;
        if (!q.exec(u"SELECT id FROM tickets t WHERE number IS NOT NULL "
                    u"AND NOT EXISTS (SELECT 1 FROM staging_tickets s WHERE s.id = t.id) ORDER BY rid"_qs))
            return fail(u"comparing with the server"_qs, q.lastError().text());
        while (q.next())
            missing << q.value(0).toString();
        const TicketRepository &tickets = m_cache.tickets();
        for (const auto &id : missing) {
            const auto t = tickets.ticket(id);
            if (!t)
                continue;
            QJsonArray comments;
            for (const auto &c : tickets.comments(id))
                comments.append(c.toJson());
            found << SyncConflict {newId(), QString(), id, u"diverged"_qs,
                QJsonObject {{u"type"_qs, u"ticket.create"_qs}, {u"ticket"_qs, t->toJson()},
                    {u"comments"_qs, comments}},
                QJsonObject {{u"divergence"_qs, u"missing"_qs},
                    {u"detail"_qs, u"The server no longer has this ticket (restored from a backup?)."_qs}},
                now};
        }
        // Tickets the server has at an older state: what was here is listed, the server's shown.
        const bool ok = forEachStagedDifference([&](Ticket &&mine, Ticket &&server) {
            found << SyncConflict {newId(), QString(), mine.id, u"diverged"_qs, changedMutation(mine, server),
                QJsonObject {{u"divergence"_qs, u"changed"_qs},
                    {u"detail"_qs,
                        u"The server has an older state of this ticket (restored from a backup?)."_qs},
                    {u"ticket"_qs, server.toJson()}, {u"mine"_qs, mine.toJson()}},
                now};
        });
        if (!ok)
            return false;
        // Comments on tickets the server has, but not the comments themselves.
        if (!q.exec(u"SELECT c.id, c.ticket_id, c.author_id, c.public, c.body, c.created_at FROM comments c "
                    u"WHERE EXISTS (SELECT 1 FROM staging_tickets s WHERE s.id = c.ticket_id) "
                    u"AND NOT EXISTS (SELECT 1 FROM staging_comments s WHERE s.id = c.id) ORDER BY c.rid"_qs))
            return fail(u"comparing with the server"_qs, q.lastError().text());
        while (q.next()) {
            const Comment c {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                q.value(3).toBool(), q.value(4).toString(), q.value(5).toLongLong()};
            if (keepComments.contains(c.id))
                continue; // still to be pushed
            found << SyncConflict {newId(), QString(), c.ticketId, u"diverged"_qs,
                QJsonObject {{u"type"_qs, u"comment.create"_qs}, {u"comment"_qs, c.toJson()}},
                QJsonObject {{u"divergence"_qs, u"missing"_qs},
                    {u"detail"_qs, u"The server no longer has this comment (restored from a backup?)."_qs}},
                now};
        }
    }
    if (!swap(serverLostData, keepTickets, keepComments, meta, &found))
        return false;
    if (divergences)
        *divergences = found;
    Q_EMIT m_cache.tickets().reset();
    Q_EMIT m_cache.outbox().conflictsChanged(m_cache.outbox().conflictCount());
    return true;
}

bool ResyncStaging::swap(bool serverLostData, const QSet<QString> &keepTickets,
    const QSet<QString> &keepComments, const QMap<QString, QString> &meta, QList<SyncConflict> *divergences)
{
    QSqlDatabase db = m_db->connection();
    Transaction tx(db);
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    QSqlQuery q(db);
    auto run = [&](const QString &sql) {
        return q.exec(sql) || fail(u"swapping in the resync"_qs, q.lastError().text() + u" in "_qs + sql);
    };
    if (!run(u"CREATE TEMP TABLE IF NOT EXISTS resync_keep (id TEXT PRIMARY KEY)"_qs)
        || !run(u"DELETE FROM resync_keep"_qs))
        return false;
    q.prepare(u"INSERT OR IGNORE INTO resync_keep (id) VALUES (?)"_qs);
    for (const auto &set : {keepTickets, keepComments}) {
        for (const auto &id : set) {
            q.addBindValue(id);
            if (!q.exec())
                return fail(u"swapping in the resync"_qs, q.lastError().text());
        }
    }
    // Rows the server does not have: gone for good after an expired cursor; kept (and listed)
    // when the server lost data.
    if (!serverLostData) {
        if (!run(u"DELETE FROM tickets WHERE NOT EXISTS (SELECT 1 FROM staging_tickets s WHERE s.id = "
                 u"tickets.id) "
                 u"AND id NOT IN (SELECT id FROM resync_keep)"_qs)
            || !run(u"DELETE FROM comments WHERE NOT EXISTS (SELECT 1 FROM staging_comments s WHERE s.id = "
                    u"comments.id) AND id NOT IN (SELECT id FROM resync_keep) "
                    u"AND ticket_id NOT IN (SELECT id FROM resync_keep)"_qs))
            return false;
    }
    if (!run(u"DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM staging_entities s "
             u"WHERE s.kind = entities.kind AND s.id = entities.id)"_qs))
        return false;
    for (const auto &t : kStaged) {
        const QString table = QString::fromUtf16(t.table);
        const QString key = QString::fromUtf16(t.key);
        const QStringList cols = columnsOf(db, table);
        QStringList set;
        for (const auto &c : cols) {
            if (!key.split(u", "_qs).contains(c))
                set << u"%1 = excluded.%1"_qs.arg(c);
        }
        if (!run(u"INSERT INTO %1 (%2) SELECT %2 FROM %3 WHERE true ON CONFLICT(%4) DO UPDATE SET %5"_qs.arg(
                table, cols.join(u", "_qs), staging(table), key, set.join(u", "_qs))))
            return false;
    }
    if (!m_cache.outbox().writeConflicts(*divergences, u"recording a divergence"_qs))
        return false;
    q.prepare(
        u"INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"_qs);
    for (auto it = meta.constBegin(); it != meta.constEnd(); ++it) {
        q.addBindValue(it.key());
        q.addBindValue(text(it.value()));
        if (!q.exec())
            return fail(u"swapping in the resync"_qs, q.lastError().text());
    }
    for (const auto &t : kStaged) {
        if (!run(u"DROP TABLE "_qs + staging(QString::fromUtf16(t.table))))
            return false;
    }
    if (!tx.commit())
        return fail(u"committing the resync"_qs, tx.error());
    return true;
}

} // namespace triage
