#include "IdentityStore.h"

namespace triage::server {

QString IdentityStore::userFor(const QString &kind, const QString &address)
{
    Sql q(m_db, u"SELECT user_id FROM identities WHERE kind = ? AND address = ?"_qs);
    q.bind(kind).bind(address).exec();
    return q.next() ? q.str(0) : QString();
}

void IdentityStore::add(const QString &kind, const QString &address, const QString &userId, qint64 at)
{
    Sql q(m_db,
        u"INSERT INTO identities (kind, address, user_id, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING"_qs);
    q.bind(kind).bind(address).bind(userId).bind(at).exec();
}

QString IdentityStore::addressOf(const QString &kind, const QString &userId)
{
    Sql q(m_db,
        u"SELECT address FROM identities WHERE kind = ? AND user_id = ? ORDER BY created_at, address LIMIT 1"_qs);
    q.bind(kind).bind(userId).exec();
    return q.next() ? q.str(0) : QString();
}

} // namespace triage::server
