// The console's start-up read: every ticket's list columns through the SQLite C API on a private
// read-only connection (QtSql would build a QVariant and a QString per value — most of the time
// of reading 100k rows). Falls back to QtSql when the file cannot be opened a second time (an
// in-memory database).
#include "CacheDatabase.h"
#include "TicketRepository.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <sqlite3.h>

namespace triage {

namespace {

constexpr const char *kListSql
    = "SELECT id, number, title, type, status, priority, requester_id, assignee_id, "
      "group_id, created_at, updated_at, rank, sla_due, sla_metric, sla_paused_ms, sla_warn_at FROM tickets "
      "ORDER BY rid";

QByteArrayView textColumn(sqlite3_stmt *s, int i)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return p ? QByteArrayView(p, sqlite3_column_bytes(s, i)) : QByteArrayView();
}

} // namespace

bool TicketRepository::forEachTicketListRow(const std::function<void(const TicketListRow &)> &fn) const
{
    sqlite3 *db = nullptr;
    const QByteArray path = m_db->path().toUtf8();
    const bool onDisk = !path.isEmpty() && path != ":memory:";
    if (onDisk
        && sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
            == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(db, kListSql, -1, &s, nullptr) == SQLITE_OK) {
            TicketListRow r;
            int rc = SQLITE_ROW;
            while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                r.id = textColumn(s, 0);
                r.number = sqlite3_column_int64(s, 1);
                r.title = textColumn(s, 2);
                r.type = sqlite3_column_int(s, 3);
                r.status = sqlite3_column_int(s, 4);
                r.priority = sqlite3_column_int(s, 5);
                r.requesterId = textColumn(s, 6);
                r.assigneeId = textColumn(s, 7);
                r.groupId = textColumn(s, 8);
                r.createdAt = sqlite3_column_int64(s, 9);
                r.updatedAt = sqlite3_column_int64(s, 10);
                r.rank = sqlite3_column_double(s, 11);
                r.sla = SlaSnapshot {};
                if (sqlite3_column_type(s, 12) != SQLITE_NULL)
                    r.sla.due = sqlite3_column_int64(s, 12);
                r.sla.metric = static_cast<SlaMetric>(std::clamp(sqlite3_column_int(s, 13), 0, 2));
                r.sla.paused = sqlite3_column_type(s, 14) != SQLITE_NULL;
                r.sla.remainingMs = r.sla.paused ? sqlite3_column_int64(s, 14) : 0;
                if (sqlite3_column_type(s, 15) != SQLITE_NULL)
                    r.sla.warnAt = sqlite3_column_int64(s, 15);
                fn(r);
            }
            const QString error = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_finalize(s);
            sqlite3_close(db);
            return rc == SQLITE_DONE || fail(u"reading tickets"_qs, error);
        }
        sqlite3_close(db);
    } else if (db) {
        sqlite3_close(db);
    }
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(QString::fromLatin1(kListSql)))
        return fail(u"reading tickets"_qs, q.lastError().text());
    while (q.next()) {
        const QByteArray id = q.value(0).toString().toUtf8();
        const QByteArray title = q.value(2).toString().toUtf8();
        const QByteArray requester = q.value(6).toString().toUtf8();
        const QByteArray assignee = q.value(7).toString().toUtf8();
        const QByteArray group = q.value(8).toString().toUtf8();
        TicketListRow r;
        r.id = id;
        r.number = q.value(1).toLongLong();
        r.title = title;
        r.type = q.value(3).toInt();
        r.status = q.value(4).toInt();
        r.priority = q.value(5).toInt();
        r.requesterId = requester;
        r.assigneeId = assignee;
        r.groupId = group;
        r.createdAt = q.value(9).toLongLong();
        r.updatedAt = q.value(10).toLongLong();
        r.rank = q.value(11).toDouble();
        if (!q.isNull(12))
            r.sla.due = q.value(12).toLongLong();
        r.sla.metric = static_cast<SlaMetric>(std::clamp(q.value(13).toInt(), 0, 2));
        r.sla.paused = !q.isNull(14);
        r.sla.remainingMs = q.value(14).toLongLong();
        if (!q.isNull(15))
            r.sla.warnAt = q.value(15).toLongLong();
        fn(r);
    }
    return true;
}

} // namespace triage
