#include "IdempotencyStore.h"

namespace triage::server {

std::optional<IdempotencyStore::Answer> IdempotencyStore::find(const QString &userId, const QString &key)
{
    Sql q(m_db, u"SELECT request_hash, status, body FROM idempotency WHERE user_id = ? AND key = ?"_qs);
    q.bind(userId).bind(key).exec();
    if (!q.next())
        return std::nullopt;
    return Answer {q.str(0), static_cast<int>(q.i64(1)), q.value(2).toByteArray()};
}

void IdempotencyStore::insert(
    const QString &userId, const QString &key, const Answer &answer, qint64 createdAt)
{
    Sql ins(m_db,
        u"INSERT INTO idempotency (user_id, key, request_hash, status, body, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"_qs);
    ins.bind(userId)
        .bind(key)
        .bind(answer.requestHash)
        .bind(answer.status)
        .bind(QString::fromUtf8(answer.body))
        .bind(createdAt)
        .exec();
}

void IdempotencyStore::purge(qint64 createdBefore)
{
    Sql keys(m_db, u"DELETE FROM idempotency WHERE created_at < ?"_qs);
    keys.bind(createdBefore).exec();
}

} // namespace triage::server
