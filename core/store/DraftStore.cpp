#include "DraftStore.h"

#include "CacheDatabase.h"
#include "StoreSql.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace triage {

DraftStore::DraftStore(LocalCache &cache)
    : CacheRepository(cache)
{ }

QString DraftStore::draft(const QString &ticketId, const QString &kind) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT body FROM drafts WHERE ticket_id = ? AND kind = ?"_qs);
    q.addBindValue(ticketId);
    q.addBindValue(kind);
    if (!q.exec()) {
        fail(u"reading a draft"_qs, q.lastError().text());
        return {};
    }
    return q.next() ? q.value(0).toString() : QString();
}

bool DraftStore::save(const QString &ticketId, const QString &kind, const QString &body)
{
    QSqlQuery q(m_db->connection());
    if (body.isEmpty()) {
        q.prepare(u"DELETE FROM drafts WHERE ticket_id = ? AND kind = ?"_qs);
        q.addBindValue(ticketId);
        q.addBindValue(kind);
    } else {
        q.prepare(
            u"INSERT INTO drafts (ticket_id, kind, body, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(ticket_id, kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at"_qs);
        q.addBindValue(ticketId);
        q.addBindValue(kind);
        q.addBindValue(body);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    }
    return q.exec() || fail(u"writing a draft"_qs, q.lastError().text());
}

} // namespace triage
