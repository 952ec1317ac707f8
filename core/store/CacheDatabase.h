#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

struct sqlite3;

namespace triage {

class Checkpointer;

// What happened while opening the cache, for the UI and the log.
struct OpenReport {
    int fromVersion = 0;
    int toVersion = 0;
    bool recovered = false; // the file was damaged and has been rebuilt
    bool diskFull = false; // not opened because the disk is full (the file is untouched)
    QString movedAsideTo; // where the damaged file went
    QString unsyncedExport; // JSON copy of unsynced edits saved before anything was moved
    int unsyncedKept = 0; // unsynced edits carried over into the new cache
    QString message; // one human sentence when recovered
};

// The local SQLite cache file: schema migrations, pragmas, one connection per thread, detection
// and recovery of a damaged file. The rooms of the LocalCache borrow connections from it.
class CacheDatabase
{
public:
    ~CacheDatabase();
    Q_DISABLE_COPY_MOVE(CacheDatabase)

    // Opens (creating if needed) and migrates `path`. A damaged file (SQLITE_CORRUPT, NOTADB) is
    // moved aside and rebuilt with its unsynced edits preserved; a file from a newer Triage, or one
    // that cannot be opened for another reason (full disk, I/O error, lock), is refused untouched.
    static std::unique_ptr<CacheDatabase> open(const QString &path, OpenReport *report, QString *error);

    const QString &path() const { return m_path; }
    // The connection for the calling thread (opened on first use with the same pragmas).
    QSqlDatabase connection() const;
    int schemaVersion() const;

    // Durability for the next commits: FULL for user edits (the default), NORMAL for bulk sync.
    void setDurable(bool full) const;

    // Runs `statements` in one transaction; false and `error` on the first failure (rolled back).
    bool execAll(const QStringList &statements, QString *error) const;
    // A connection of its own to this file (the bulk writer's) checkpoints in the background too:
    // its commits wake the checkpoint thread instead of copying the WAL into the file themselves.
    // The connection must be closed before this CacheDatabase goes.
    void checkpointInBackground(sqlite3 *connection) const;
    int backgroundCheckpoints() const; // run so far (for tests)
    int inlineCheckpoints() const; // commits that checkpointed themselves, the thread too far behind (tests)
    void setBulkLoad(bool on) const; // Checkpointer::setBulkLoad

private:
    explicit CacheDatabase(QString path);
    // The steps of open().
    int probe(QString *why, int *code) const; // schema version, or -1 when the file is unusable
    static std::unique_ptr<CacheDatabase> rebuildDamaged(
        const QString &path, OpenReport &rep, QString *error);
    void restoreOutbox(const QList<QJsonObject> &unsynced) const; // the damaged file's salvaged edits
    bool migrate(int version, OpenReport &rep, QString *error) const;
    void finishInterruptedBulkLoad() const;

    QString m_path;
    QString m_connectionPrefix;
    mutable QString m_openError; // why the last connection could not be opened
    mutable int m_openCode = 0; // and SQLite's result code for it
    std::unique_ptr<Checkpointer> m_checkpointer; // outlives the connections (closed in ~CacheDatabase)
};

// Opens a SQLite connection with Triage's pragmas (WAL, foreign keys, busy timeout, FULL sync).
// Used by CacheDatabase and by triaged's SQLite storage.
// `sqliteCode` receives SQLite's result code when opening fails.
std::optional<QSqlDatabase> openSqliteConnection(const QString &connectionName, const QString &path,
    QString *error, bool readOnly = false, int *sqliteCode = nullptr);

} // namespace triage
