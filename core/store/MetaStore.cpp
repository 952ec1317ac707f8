#include "MetaStore.h"

#include "CacheDatabase.h"
#include "StoreSql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace triage {

using storesql::text;

MetaStore::MetaStore(LocalCache &cache)
    : CacheRepository(cache)
{ }

QString MetaStore::value(const QString &key) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT value FROM meta WHERE key = ?"_qs);
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

bool MetaStore::setValue(const QString &key, const QString &value)
{
    QSqlQuery q(m_db->connection());
    q.prepare(
        u"INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"_qs);
    q.addBindValue(key);
    q.addBindValue(text(value));
    return q.exec() || fail(u"writing meta"_qs, q.lastError().text());
}

} // namespace triage
