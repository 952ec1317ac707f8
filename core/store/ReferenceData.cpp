#include "ReferenceData.h"

#include "CacheDatabase.h"
#include "StoreSql.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace triage {

using storesql::Transaction;

ReferenceData::ReferenceData(LocalCache &cache)
    : CacheRepository(cache)
{ }

ReferenceData::~ReferenceData() = default;

bool ReferenceData::putEntities(const QString &kind, const QList<QJsonObject> &objects)
{
    Transaction tx(m_db->connection());
    QSqlQuery q(m_db->connection());
    q.prepare(u"INSERT INTO entities (kind, id, json) VALUES (?,?,?) "
              u"ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json"_qs);
    for (const auto &o : objects) {
        q.addBindValue(kind);
        q.addBindValue(o.value(u"id"_qs).toString());
        q.addBindValue(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return fail(u"writing "_qs + kind, q.lastError().text());
    }
    if (!tx.commit())
        return fail(u"committing "_qs + kind, tx.error());
    Q_EMIT entitiesChanged({kind});
    return true;
}

bool ReferenceData::removeEntity(const QString &kind, const QString &id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM entities WHERE kind = ? AND id = ?"_qs);
    q.addBindValue(kind);
    q.addBindValue(id);
    return q.exec() || fail(u"removing "_qs + kind, q.lastError().text());
}

QList<QJsonObject> ReferenceData::entities(const QString &kind) const
{
    QList<QJsonObject> out;
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT json FROM entities WHERE kind = ? ORDER BY id"_qs);
    q.addBindValue(kind);
    if (q.exec()) {
        while (q.next())
            out << QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    }
    return out;
}

} // namespace triage
