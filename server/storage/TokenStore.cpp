#include "TokenStore.h"

namespace triage::server {

void TokenStore::insert(const QString &hash, const QString &userId, qint64 createdAt, qint64 expiresAt)
{
    Sql ins(m_db,
        u"INSERT INTO tokens (hash, user_id, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, 0)"_qs);
    ins.bind(hash).bind(userId).bind(createdAt).bind(expiresAt).exec();
}

std::optional<TokenStore::Active> TokenStore::active(const QString &hash, qint64 now)
{
    Sql q(m_db,
        u"SELECT t.user_id, t.expires_at FROM tokens t JOIN users u ON u.id = t.user_id"
        " WHERE t.hash = ? AND t.revoked = 0 AND t.expires_at > ? AND u.disabled = 0"_qs);
    q.bind(hash).bind(now).exec();
    if (!q.next())
        return std::nullopt;
    return Active {q.str(0), q.i64(1)};
}

void TokenStore::revoke(const QString &hash)
{
    Sql q(m_db, u"UPDATE tokens SET revoked = 1 WHERE hash = ?"_qs);
    q.bind(hash).exec();
}

void TokenStore::purge(qint64 expiredBefore, qint64 revokedCreatedBefore)
{
    Sql tokens(m_db, u"DELETE FROM tokens WHERE expires_at < ? OR (revoked = 1 AND created_at < ?)"_qs);
    tokens.bind(expiredBefore).bind(revokedCreatedBefore).exec();
}

} // namespace triage::server
