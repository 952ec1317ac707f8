#include "ReferenceData.h"

#include "CacheDatabase.h"
#include "LocalCache.h"
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

bool ReferenceData::saveLocalEdits(
    const QString &kind, const QList<LocalEdit> &edits, const QStringList &clearMeta)
{
    m_db->setDurable(true);
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    QSqlQuery put(m_db->connection());
    put.prepare(u"INSERT INTO entities (kind, id, json) VALUES (?,?,?) "
                u"ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json"_qs);
    for (const LocalEdit &e : edits) {
        if (e.json.isEmpty()) {
            if (!removeEntity(kind, e.id))
                return false;
        } else {
            put.addBindValue(kind);
            put.addBindValue(e.id);
            put.addBindValue(QString::fromUtf8(QJsonDocument(e.json).toJson(QJsonDocument::Compact)));
            if (!put.exec())
                return fail(u"writing "_qs + kind, put.lastError().text());
        }
        if (!m_cache.outbox().write(e.entry))
            return false;
    }
    for (const QString &key : clearMeta) {
        if (!m_cache.meta().setValue(key, QString()))
            return false;
    }
    if (!tx.commit())
        return fail(u"saving your change"_qs, tx.error());
    if (!edits.isEmpty()) {
        Q_EMIT entitiesChanged({kind});
        Q_EMIT m_cache.outbox().outboxChanged(m_cache.outbox().pendingCount());
    }
    return true;
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
