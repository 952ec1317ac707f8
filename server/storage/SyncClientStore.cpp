#include "SyncClientStore.h"

namespace triage::server {

SyncClientStore::Claim SyncClientStore::claim(const QString &clientId, const QString &userId)
{
    const QString sql = u"INSERT INTO clients (client_id, user_id, last_processed_seq) VALUES (?, ?, 0)"
                        " ON CONFLICT (client_id) DO UPDATE SET client_id = excluded.client_id"
                        " RETURNING user_id, last_processed_seq"_qs;
    Claim out;
    if (m_db.isPostgres()) {
        QList<QByteArray> row;
        m_db.flushWrites(sql, {clientId, userId}, false, &row);
        if (row.size() == 2) {
            out.owner = QString::fromUtf8(row[0]);
            out.lastProcessed = row[1].toLongLong();
        }
    } else {
        Sql q(m_db, sql);
        q.bind(clientId).bind(userId).exec();
        if (q.next()) {
            out.owner = q.str(0);
            out.lastProcessed = q.i64(1);
        }
    }
    return out;
}

std::optional<qint64> SyncClientStore::lastProcessed(const QString &clientId, const QString &userId)
{
    Sql q(m_db, u"SELECT last_processed_seq FROM clients WHERE client_id = ? AND user_id = ?"_qs);
    q.bind(clientId).bind(userId).exec();
    if (!q.next())
        return std::nullopt;
    return q.i64(0);
}

QList<QByteArray> SyncClientStore::recentResults(const QString &clientId)
{
    Sql r(m_db,
        u"SELECT result FROM mutation_results WHERE client_id = ? ORDER BY client_seq DESC LIMIT 20"_qs);
    r.bind(clientId).exec();
    QList<QByteArray> rows;
    while (r.next())
        rows.prepend(r.value(0).toByteArray());
    return rows;
}

std::optional<SyncClientStore::Result> SyncClientStore::result(const QString &clientId, qint64 clientSeq)
{
    Sql q(
        m_db, u"SELECT payload_hash, result FROM mutation_results WHERE client_id = ? AND client_seq = ?"_qs);
    q.bind(clientId).bind(clientSeq).exec();
    if (!q.next())
        return std::nullopt;
    return Result {q.str(0).toLatin1(), q.value(1).toByteArray()};
}

void SyncClientStore::recordResult(const QString &clientId, qint64 clientSeq, const QByteArray &payloadHash,
    const QByteArray &json, qint64 at)
{
    Sql ins(m_db,
        u"INSERT INTO mutation_results (client_id, client_seq, payload_hash, result, created_at)"
        " VALUES (?, ?, ?, ?, ?)"_qs);
    ins.bind(clientId)
        .bind(clientSeq)
        .bind(QString::fromLatin1(payloadHash))
        .bind(QString::fromUtf8(json))
        .bind(at)
        .execDeferred();
}

void SyncClientStore::setLastProcessed(const QString &clientId, const QString &userId, qint64 clientSeq)
{
    // An upsert, not UPDATE … WHERE client_id = ?: PostgreSQL may cache a generic plan for the
    // latter while `clients` is still tiny (a sequential scan), and keep it as the table grows;
    // ON CONFLICT always goes through the primary key.
    Sql up(m_db,
        u"INSERT INTO clients (client_id, user_id, last_processed_seq) VALUES (?, ?, ?)"
        " ON CONFLICT (client_id) DO UPDATE SET last_processed_seq = excluded.last_processed_seq"_qs);
    up.bind(clientId).bind(userId).bind(clientSeq).execDeferred();
}

void SyncClientStore::purgeResults(qint64 createdBefore)
{
    Sql results(m_db, u"DELETE FROM mutation_results WHERE created_at < ?"_qs);
    results.bind(createdBefore).exec();
}

} // namespace triage::server
