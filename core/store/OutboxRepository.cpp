// The outbox and the conflicts: local changes waiting for the server, and those it refused.
#include "OutboxRepository.h"

#include "CacheDatabase.h"
#include "LocalCache.h"
#include "StoreSql.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace triage {

using storesql::text;
using storesql::Transaction;

OutboxRepository::OutboxRepository(LocalCache &cache)
    : CacheRepository(cache)
{ }

OutboxRepository::~OutboxRepository() = default;

QList<OutboxEntry> OutboxRepository::pending(int limit) const
{
    QList<OutboxEntry> out;
    QSqlQuery q(m_db->connection());
    q.prepare(
        u"SELECT seq, id, type, entity_id, payload, created_at, state FROM outbox ORDER BY seq LIMIT ?"_qs);
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next()) {
        OutboxEntry e;
        e.seq = q.value(0).toLongLong();
        e.id = q.value(1).toString();
        e.type = q.value(2).toString();
        e.entityId = q.value(3).toString();
        e.payload = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        e.createdAt = q.value(5).toLongLong();
        e.state = q.value(6).toString();
        out << e;
    }
    return out;
}

int OutboxRepository::pendingCount() const
{
    QSqlQuery q(m_db->connection());
    if (q.exec(u"SELECT count(*) FROM outbox"_qs) && q.next())
        return q.value(0).toInt();
    return 0;
}

qint64 OutboxRepository::lastSeq() const
{
    QSqlQuery q(m_db->connection());
    if (q.exec(u"SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"_qs) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

bool OutboxRepository::remove(const QStringList &ids)
{
    Transaction tx(m_db->connection());
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM outbox WHERE id = ?"_qs);
    for (const auto &id : ids) {
        q.addBindValue(id);
        if (!q.exec())
            return fail(u"removing outbox entry"_qs, q.lastError().text());
    }
    if (!tx.commit())
        return fail(u"committing outbox"_qs, tx.error());
    Q_EMIT outboxChanged(pendingCount());
    return true;
}

bool OutboxRepository::write(const OutboxEntry &e)
{
    QSqlQuery q(m_db->connection());
    q.prepare(
        u"INSERT INTO outbox (id, type, entity_id, payload, created_at, state) VALUES (?,?,?,?,?,?)"_qs);
    q.addBindValue(e.id);
    q.addBindValue(e.type);
    q.addBindValue(e.entityId);
    q.addBindValue(QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact)));
    q.addBindValue(e.createdAt);
    q.addBindValue(e.state);
    if (!q.exec())
        return fail(u"queueing change "_qs + e.id, q.lastError().text());
    return true;
}

bool OutboxRepository::recordPushResults(const QStringList &processedOutboxIds,
    const QList<SyncConflict> &conflicts, const QList<Ticket> &currentTickets,
    const QList<QPair<QString, QJsonObject>> &currentViews)
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
    if (!writeConflicts(conflicts, u"recording a conflict"_qs))
        return false;
    QList<Ticket> current = currentTickets;
    if (!m_cache.tickets().writeTickets(current))
        return false;
    QSqlQuery view(m_db->connection());
    for (const auto &[id, json] : currentViews) {
        if (json.isEmpty()) {
            view.prepare(u"DELETE FROM entities WHERE kind = 'view' AND id = ?"_qs);
            view.addBindValue(id);
        } else {
            view.prepare(u"INSERT INTO entities (kind, id, json) VALUES ('view', ?, ?) "
                         u"ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json"_qs);
            view.addBindValue(id);
            view.addBindValue(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
        }
        if (!view.exec())
            return fail(u"storing the server's view"_qs, view.lastError().text());
    }
    if (!tx.commit())
        return fail(u"committing push results"_qs, tx.error());
    if (!current.isEmpty())
        Q_EMIT m_cache.tickets().ticketsChanged(current);
    if (!currentViews.isEmpty())
        Q_EMIT m_cache.referenceData().entitiesChanged({u"view"_qs});
    Q_EMIT outboxChanged(pendingCount());
    if (!conflicts.isEmpty())
        Q_EMIT conflictsChanged(conflictCount());
    return true;
}

QList<SyncConflict> OutboxRepository::conflicts() const
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

int OutboxRepository::conflictCount() const
{
    QSqlQuery q(m_db->connection());
    if (q.exec(u"SELECT count(*) FROM conflicts"_qs) && q.next())
        return q.value(0).toInt();
    return 0;
}

bool OutboxRepository::removeConflict(const QString &id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM conflicts WHERE id = ?"_qs);
    q.addBindValue(id);
    if (!q.exec())
        return fail(u"removing a conflict"_qs, q.lastError().text());
    Q_EMIT conflictsChanged(conflictCount());
    return q.numRowsAffected() > 0;
}

bool OutboxRepository::writeConflicts(const QList<SyncConflict> &conflicts, const QString &what)
{
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
            return fail(what, ins.lastError().text());
    }
    return true;
}

QList<SyncConflict> OutboxRepository::divergences() const
{
    QList<SyncConflict> out;
    for (auto &c : conflicts()) {
        if (c.status == u"diverged")
            out << c;
    }
    return out;
}

} // namespace triage
