#pragma once

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace triage {
class Checkpointer;
}

namespace triage::server {

enum class Dialect { Sqlite, Postgres };

struct ThreadRegistry; // ServerDatabase.cpp: every thread's connection of one database

// A database error that aborts the current request (mapped to a 503 problem, logged without data).
// `code`: the PostgreSQL SQLSTATE or SQLite's result code (as text) when the database gave one.
struct DbError : std::runtime_error {
    explicit DbError(const std::string &what, std::string code = {})
        : std::runtime_error(what)
        , code(std::move(code))
    { }
    // The database refused a write for lack of space: SQLSTATE 53100 disk_full, SQLITE_FULL (13),
    // or the OS's ENOSPC text inside another error (an I/O error while extending a file).
    bool storageFull() const;

    std::string code;
};

// The server's storage: QSQLITE (file in --data DIR, WAL) or QPSQL (--database URL). One connection
// per thread, created lazily; one schema with small dialect differences (ServerSchema.cpp).
class ServerDatabase
{
public:
    // Call once at process start, before any database is opened: SQLite without global memory
    // statistics (a process-wide mutex on every allocation) and in multi-thread mode (our
    // connections are never shared between threads).
    static void configureProcess();
    static std::unique_ptr<ServerDatabase> open(const QString &dataDir, const QString &url, QString *error);
    ~ServerDatabase();

    Dialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == Dialect::Postgres; }
    QString epoch() const { return m_epoch; }
    QString describe() const; // for logs: never includes a password

    QSqlDatabase connection(); // this thread's connection
    int liveConnections() const; // threads holding a connection of this database now
    // Forgets this thread's connection (after a storage error): the next use reconnects, so a
    // restarted PostgreSQL or a killed backend costs one 503, not a dead worker.
    void dropThreadConnection();
    QSqlQuery &prepared(const QString &sql); // cached per thread
    void execRaw(const QString &sql); // BEGIN/COMMIT/DDL
    // SQLite only: this thread's sqlite3_stmt for `sql` (prepared once, reset before return), for
    // the hot change-feed path that bypasses QVariant conversions. Returns nullptr on PostgreSQL.
    void *sqliteStatement(const char *sql);
    // PostgreSQL only: this thread's PGconn with `sql` prepared under `name` (once per connection).
    // Returns nullptr on SQLite.
    void *postgresPrepared(const char *name, const QByteArray &sql, int params);

    // PostgreSQL write batching (docs/server.md "Performance"). Inside a WriteTx, statements whose
    // result nobody reads (Sql::execDeferred) are queued and sent in one libpq pipeline with the
    // sequence stamps and COMMIT: one round trip for all of a transaction's writes instead of one
    // each. Any other statement first sends the queue, so reads still see earlier writes.
    // Returns false when nothing is deferred (SQLite, or no WriteTx open on this thread).
    bool deferWrite(const QString &sql, const QVariantList &values);
    // Sends the queued writes, then `tail` (if any), in one pipeline; throws DbError on failure.
    // Returns the number of rows `tail` returned (0 without a tail).
    // `tailRow` (optional) receives the first row `tail` returned, as text.
    int flushWrites(const QString &tail = {}, const QVariantList &tailValues = {}, bool commit = false,
        QList<QByteArray> *tailRow = nullptr);
    // PostgreSQL, inside a write transaction: a read to ride in the next flushWrites() pipeline
    // (after its tail), so a transaction's first reads share one round trip. Its first row (text) is
    // kept under `key` until takePrefetched(key), a later write or the end of the transaction.
    // Does nothing on SQLite.
    void prefetch(const QString &key, const QString &sql, const QVariantList &values);
    // The row prefetched under `key`, removed: nullopt when there is none; an empty list when the
    // statement returned no row.
    std::optional<QList<QByteArray>> takePrefetched(const QString &key);
    // PostgreSQL: queues BEGIN instead of sending it (see WriteTx::LazyBegin).
    void queueBegin();
    void discardWrites();
    void setDeferring(bool on);

    // SQLite allows one writer: serialise writers in-process instead of spinning on SQLITE_BUSY.
    QMutex *writeMutex() { return m_dialect == Dialect::Sqlite ? &m_writeMutex : nullptr; }
    // Stored JSON documents: a BLOB of UTF-8 on SQLite (read back without a UTF-16 round trip, which
    // matters for the change feed), TEXT on PostgreSQL.
    QVariant jsonValue(const QJsonObject &object) const;
    QString forUpdate() const { return isPostgres() ? u" FOR UPDATE"_qs : QString(); }

    // The change feed's hint (ChangeFeed.cpp): the newest small-table seq this process has seen.
    qint64 feedSmallSeq() const { return m_feedSmallSeq.load(std::memory_order_relaxed); }
    void noteFeedSmallSeq(qint64 seq) { m_feedSmallSeq.store(seq, std::memory_order_relaxed); }

    // Opens a separate connection for the caller's exclusive use (LISTEN, tests).
    QSqlDatabase openExtraConnection(const QString &name);

private:
    ServerDatabase() = default;
    bool init(QString *error);
    QSqlDatabase makeConnection(const QString &name);

    Dialect m_dialect = Dialect::Sqlite;
    QString m_sqlitePath;
    QString m_pgHost, m_pgUser, m_pgPassword, m_pgDb;
    QString m_pgOptions; // ";key=value" libpq options from the URL's query
    int m_pgPort = 5432;
    QString m_epoch;
    QString m_instanceKey;
    QMutex m_writeMutex;
    std::atomic<qint64> m_feedSmallSeq {-1};
    // SQLite: WAL checkpoints on a thread of their own (core/store/Checkpointer, as the console's
    // cache does), not inside the commit that crossed 1000 pages: a 25 MiB attachment's commit
    // would otherwise copy and fsync the whole WAL before answering.
    std::unique_ptr<Checkpointer> m_checkpointer;
    std::once_flag m_checkpointerOnce;
    // Shared with each thread's state: a thread that ends after this database (a pool winding down
    // at exit) must not touch connections the destructor already closed.
    std::shared_ptr<ThreadRegistry> m_threads;
};

// One SQL statement: positional `?` binds, throws DbError on failure, releases its cursor at scope
// end so SQLite readers do not pin WAL snapshots.
class Sql
{
public:
    Sql(ServerDatabase &db, const QString &sql);
    ~Sql();
    Sql(const Sql &) = delete;
    Sql &operator=(const Sql &) = delete;

    Sql &bind(const QVariant &value);
    Sql &bindNull();
    Sql &exec();
    // For writes whose result is not read: on PostgreSQL inside a WriteTx the statement is queued
    // and sent with the commit (ServerDatabase::deferWrite); otherwise exec().
    void execDeferred();
    bool next() { return m_query.next(); }
    QVariant value(int i) const { return m_query.value(i); }
    QString str(int i) const { return m_query.value(i).toString(); }
    qint64 i64(int i) const { return m_query.value(i).toLongLong(); }
    int numRowsAffected() const { return m_query.numRowsAffected(); }

private:
    ServerDatabase &m_db;
    QString m_sql;
    QSqlQuery &m_query;
    int m_index = 0;
};

// A write transaction. Every write transaction ends with bumpHead() — the LAST statement that takes
// a lock — so commit order equals change-sequence order on both backends (docs/sync-protocol.md).
class WriteTx
{
public:
    // LazyBegin (PostgreSQL): BEGIN is not sent at once but goes out with the first statement
    // that the caller sends through ServerDatabase::flushWrites — one round trip less. Only for callers
    // that retry on DbError: a connection that died since the last request is found then, not here.
    enum Begin { Eager, LazyBegin };
    explicit WriteTx(ServerDatabase &db, Begin begin = Eager);
    ~WriteTx();
    WriteTx(const WriteTx &) = delete;
    WriteTx &operator=(const WriteTx &) = delete;

    // Reserves `count` consecutive change sequence numbers; returns the first.
    qint64 bumpHead(int count);
    // Alternative to bumpHead for rows already written with a placeholder seq: each stamped row
    // gets the next sequence number, in call order, at commit(). On PostgreSQL the bump and the
    // stamps are one statement, so the serialised section is that statement plus COMMIT.
    void stamp(const char *table, const QString &id);
    void commit();

private:
    bool applyStamps(); // true when it also committed (PostgreSQL, one round trip)

    ServerDatabase &m_db;
    QMutex *m_mutex;
    bool m_open = false;
    bool m_bumped = false;
    QList<QPair<const char *, QString>> m_stamps;
};

// A read-only snapshot: every query inside sees the same committed state.
class ReadTx
{
public:
    explicit ReadTx(ServerDatabase &db);
    ~ReadTx();
    ReadTx(const ReadTx &) = delete;
    ReadTx &operator=(const ReadTx &) = delete;

private:
    ServerDatabase &m_db;
};

qint64 readHead(ServerDatabase &db);

} // namespace triage::server
