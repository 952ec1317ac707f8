// Statements and transactions over ServerDatabase: Sql (one statement, positional binds), WriteTx (a
// write transaction with its change-sequence stamps, batched on PostgreSQL), ReadTx (one snapshot).
#include "ServerDatabase.h"
#include "ServerSchema.h"

#include <QSqlError>

#include <algorithm>
#include <string_view>

namespace triage::server {

bool DbError::storageFull() const
{
    // SQLite's codes come as numbers, PostgreSQL's SQLSTATEs as five characters: no overlap.
    return code == "53100" || code == "13"
        || std::string_view(what()).find("No space left on device") != std::string_view::npos;
}

Sql::Sql(ServerDatabase &db, const QString &sql)
    : m_db(db)
    , m_sql(sql)
    , m_query(db.prepared(sql))
{ }

Sql::~Sql()
{
    m_query.finish();
}

Sql &Sql::bind(const QVariant &value)
{
    // Qt binds a null QString as SQL NULL; our columns use '' for "none", so bind it as empty text.
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        m_query.bindValue(m_index++, QString(u""_qs));
    else
        m_query.bindValue(m_index++, value);
    return *this;
}

Sql &Sql::bindNull()
{
    m_query.bindValue(m_index++, QVariant());
    return *this;
}

void Sql::execDeferred()
{
    m_index = 0;
    if (!m_db.deferWrite(m_sql, m_query.boundValues()))
        exec();
}

Sql &Sql::exec()
{
    m_index = 0; // the next bind() starts a new row: one prepared Sql can insert many
    m_db.flushWrites(); // queued writes first: reads see them, order is kept
    if (!m_query.exec()) {
        const QSqlError e = m_query.lastError();
        throw DbError("query failed: " + e.text().toStdString() + " (" + e.nativeErrorCode().toStdString()
                + ") [" + m_query.lastQuery().left(80).toStdString() + "]",
            e.nativeErrorCode().toStdString());
    }
    return *this;
}

WriteTx::WriteTx(ServerDatabase &db, Begin begin)
    : m_db(db)
    , m_mutex(db.writeMutex())
{
    if (m_mutex)
        m_mutex->lock();
    if (begin == LazyBegin && m_db.isPostgres()) {
        m_open = true;
        m_db.setDeferring(true);
        m_db.queueBegin();
        return;
    }
    try {
        try {
            m_db.execRaw(m_db.isPostgres() ? u"BEGIN"_qs : u"BEGIN IMMEDIATE"_qs);
        } catch (const DbError &) {
            // Nothing has happened yet: a connection lost since the last request (database
            // restart, killed backend) is replaced and the transaction started on the new one.
            m_db.dropThreadConnection();
            m_db.execRaw(m_db.isPostgres() ? u"BEGIN"_qs : u"BEGIN IMMEDIATE"_qs);
        }
    } catch (...) {
        if (m_mutex)
            m_mutex->unlock();
        throw;
    }
    m_open = true;
    m_db.setDeferring(true);
}

WriteTx::~WriteTx()
{
    if (m_open) {
        m_db.discardWrites();
        try {
            m_db.execRaw(u"ROLLBACK"_qs);
        } catch (const DbError &) { }
    }
    if (m_mutex)
        m_mutex->unlock();
}

qint64 WriteTx::bumpHead(int count)
{
    Q_ASSERT(!m_bumped && count > 0);
    m_bumped = true;
    // On PostgreSQL the wake-up for other instances rides on the same statement (delivered at
    // commit, in commit order; not durable: instances also poll the head).
    Sql q(m_db,
        m_db.isPostgres()
            ? u"UPDATE sync_head SET seq = seq + ? WHERE id = 1 RETURNING seq, pg_notify('triage_head', '')"_qs
            : u"UPDATE sync_head SET seq = seq + ? WHERE id = 1 RETURNING seq"_qs);
    q.bind(count).exec();
    if (!q.next())
        throw DbError("sync_head row missing");
    const qint64 last = q.i64(0);
    return last - count + 1;
}

void WriteTx::stamp(const char *table, const QString &id)
{
    Q_ASSERT(!m_bumped);
    m_stamps.append({table, id});
}

bool WriteTx::applyStamps()
{
    const int k = static_cast<int>(m_stamps.size());
    // A stamp on a table whose trigger notes its seq in sync_head (smallSeqTables: users…) cannot
    // ride in the statement that bumps sync_head: the trigger would update the row that statement
    // is updating. Those go the two-statement way.
    const bool smallTable = std::any_of(m_stamps.cbegin(), m_stamps.cend(),
        [](const auto &s) { return smallSeqTables().contains(QLatin1String(s.first)); });
    if (m_db.isPostgres() && k <= 4 && !smallTable) {
        // WITH h AS (bump) , s0 AS (UPDATE t0 SET seq = h.seq - (k-1) WHERE id = ?) , … SELECT seq FROM h
        QString sql
            = u"WITH h AS (UPDATE sync_head SET seq = seq + ? WHERE id = 1 RETURNING seq, pg_notify('triage_head', ''))"_qs;
        for (int i = 0; i < k; ++i) {
            sql += u", s%1 AS (UPDATE %2 SET seq = (SELECT seq FROM h) - %3 WHERE id = ?)"_qs.arg(i)
                       .arg(QString::fromLatin1(m_stamps[i].first))
                       .arg(k - 1 - i);
        }
        sql += u" SELECT seq FROM h"_qs;
        QVariantList binds {k};
        for (const auto &[table, id] : std::as_const(m_stamps))
            binds.append(id);
        // The queued writes, this statement and COMMIT in one round trip.
        if (m_db.flushWrites(sql, binds, true) < 1)
            throw DbError("sync_head row missing");
        m_bumped = true;
        return true;
    }
    qint64 seq = bumpHead(k);
    for (const auto &[table, id] : std::as_const(m_stamps)) {
        Sql q(m_db, u"UPDATE %1 SET seq = ? WHERE id = ?"_qs.arg(QString::fromLatin1(table)));
        q.bind(seq++).bind(id).execDeferred();
    }
    return false;
}

void WriteTx::commit()
{
    const bool committed = !m_stamps.isEmpty() && applyStamps();
    if (!committed) {
        if (m_db.isPostgres())
            m_db.flushWrites({}, {}, true);
        else
            m_db.execRaw(u"COMMIT"_qs);
    }
    m_open = false;
    m_db.setDeferring(false);
}

ReadTx::ReadTx(ServerDatabase &db)
    : m_db(db)
{
    const QString begin
        = m_db.isPostgres() ? u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_qs : u"BEGIN"_qs;
    try {
        m_db.execRaw(begin);
    } catch (const DbError &) {
        m_db.dropThreadConnection(); // see WriteTx
        m_db.execRaw(begin);
    }
}

ReadTx::~ReadTx()
{
    try {
        m_db.execRaw(u"COMMIT"_qs);
    } catch (const DbError &) { }
}

qint64 readHead(ServerDatabase &db)
{
    Sql q(db, u"SELECT seq FROM sync_head WHERE id = 1"_qs);
    q.exec();
    return q.next() ? q.i64(0) : 0;
}

} // namespace triage::server
