#include "CacheDatabase.h"

#include "CacheSchema.h"
#include "Checkpointer.h"
#include "domain/Time.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStorageInfo>
#include <QThread>
#include <QUuid>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcStore, "triage.store", QtWarningMsg)

namespace triage {

namespace {

bool exec(QSqlDatabase &db, const QString &sql, QString *error, int *sqliteCode = nullptr)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text() + u" [in: "_qs + sql.simplified().left(120) + u']';
    if (sqliteCode)
        *sqliteCode = q.lastError().nativeErrorCode().toInt();
    return false;
}

// Only these mean the file itself is broken. Anything else (a full disk, an I/O error, a lock, no
// permission) is not the file's fault: moving it aside would hide the agent's unsynced work.
bool isDamage(int sqliteCode)
{
    const int primary = sqliteCode & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// SQLITE_FULL, or an I/O error on a volume with (almost) no space left: opening a WAL database
// on a full disk fails with SQLITE_IOERR while it sets up its shared-memory file.
bool isDiskFull(int sqliteCode, const QString &path)
{
    const int primary = sqliteCode & 0xff;
    if (primary == SQLITE_FULL)
        return true;
    if (primary != SQLITE_IOERR)
        return false;
    const QStorageInfo volume(QFileInfo(path).absolutePath());
    return volume.isValid() && volume.bytesAvailable() < 1024 * 1024;
}

bool looksLikeSqlite(const QString &path)
{
    QFile f(path);
    if (!f.exists() || f.size() == 0)
        return true; // new or empty: SQLite will initialise it
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

// Reads whatever unsynced edits can still be read from a damaged file, before it is moved.
QList<QJsonObject> salvageOutbox(const QString &path)
{
    QList<QJsonObject> rows;
    const QString name = u"triage-salvage-"_qs + QUuid::createUuid().toString(QUuid::Id128);
    {
        QString error;
        auto db = openSqliteConnection(name, path, &error, true);
        if (db) {
            QSqlQuery q(*db);
            if (q.exec(
                    u"SELECT id, type, entity_id, payload, created_at, state FROM outbox ORDER BY seq"_qs)) {
                while (q.next()) {
                    rows << QJsonObject {{u"id"_qs, q.value(0).toString()},
                        {u"type"_qs, q.value(1).toString()}, {u"entity_id"_qs, q.value(2).toString()},
                        {u"payload"_qs, q.value(3).toString()}, {u"created_at"_qs, q.value(4).toDouble()},
                        {u"state"_qs, q.value(5).toString()}};
                }
            }
            db->close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

} // namespace

std::optional<QSqlDatabase> openSqliteConnection(
    const QString &connectionName, const QString &path, QString *error, bool readOnly, int *sqliteCode)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(
        readOnly ? u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_qs : u"QSQLITE_BUSY_TIMEOUT=5000"_qs);
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        if (sqliteCode)
            *sqliteCode = db.lastError().nativeErrorCode().toInt();
        return std::nullopt;
    }
    QStringList pragmas {u"PRAGMA foreign_keys = ON"_qs, u"PRAGMA synchronous = FULL"_qs,
        u"PRAGMA temp_store = MEMORY"_qs, u"PRAGMA cache_size = -32768"_qs};
    if (!readOnly)
        pragmas.prepend(u"PRAGMA journal_mode = WAL"_qs);
    for (const auto &p : pragmas) {
        if (!exec(db, p, error, sqliteCode)) {
            db.close();
            return std::nullopt;
        }
    }
    return db;
}

CacheDatabase::CacheDatabase(QString path)
    : m_path(std::move(path))
    , m_connectionPrefix(u"triage-cache-"_qs + QUuid::createUuid().toString(QUuid::Id128))
    , m_checkpointer(std::make_unique<Checkpointer>(m_path))
{ }

CacheDatabase::~CacheDatabase()
{
    // Connections opened by other threads are closed by those threads' lifetimes; close ours.
    const QStringList names = QSqlDatabase::connectionNames();
    for (const auto &n : names) {
        if (n.startsWith(m_connectionPrefix)) {
            {
                QSqlDatabase db = QSqlDatabase::database(n, false);
                if (db.isOpen())
                    db.close();
            }
            QSqlDatabase::removeDatabase(n);
        }
    }
}

QSqlDatabase CacheDatabase::connection() const
{
    const QString name = m_connectionPrefix + u'-'
        + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QString error;
    int code = 0;
    if (auto db = openSqliteConnection(name, m_path, &error, false, &code)) {
        // Checkpoints in the background instead of inside whichever commit crossed 1000 pages.
        const QVariant handle = db->driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            if (auto *h = *static_cast<sqlite3 *const *>(handle.constData()))
                m_checkpointer->attach(h);
        }
        return *db;
    }
    qCWarning(lcStore) << "cannot open a connection to" << m_path << error;
    m_openError = error;
    m_openCode = code;
    return QSqlDatabase::database(name, false);
}

void CacheDatabase::checkpointInBackground(sqlite3 *connection) const
{
    m_checkpointer->attach(connection);
}

void CacheDatabase::setBulkLoad(bool on) const
{
    m_checkpointer->setBulkLoad(on);
}

int CacheDatabase::inlineCheckpoints() const
{
    return m_checkpointer->inlineCheckpoints();
}

int CacheDatabase::backgroundCheckpoints() const
{
    return m_checkpointer->checkpointsRun();
}

int CacheDatabase::schemaVersion() const
{
    QSqlQuery q(connection());
    if (q.exec(u"PRAGMA user_version"_qs) && q.next())
        return q.value(0).toInt();
    return -1;
}

void CacheDatabase::setDurable(bool full) const
{
    QSqlQuery q(connection());
    q.exec(full ? u"PRAGMA synchronous = FULL"_qs : u"PRAGMA synchronous = NORMAL"_qs);
}

bool CacheDatabase::execAll(const QStringList &statements, QString *error) const
{
    QSqlDatabase db = connection();
    if (!db.transaction()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    for (const auto &s : statements) {
        if (!exec(db, s, error)) {
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        if (error)
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

namespace {

// A file that cannot be opened for a reason other than damage is refused as it is.
void refuseUntouched(const QString &path, const QString &why, int code, OpenReport &rep, QString *error)
{
    qCWarning(lcStore) << "cannot open cache" << path << why << "code" << code;
    rep.diskFull = isDiskFull(code, path);
    if (error) {
        *error = rep.diskFull
            ? u"The disk is full, so the local cache %1 cannot be opened. Free some space on this "
              u"computer and try again; nothing was changed."_qs.arg(path)
            : u"Cannot open the local cache %1: %2 (nothing was changed)."_qs.arg(path, why);
    }
}

// The salvaged edits as JSON next to the damaged file, before anything is moved.
bool exportUnsynced(const QString &path, const QList<QJsonObject> &unsynced, const QString &stamp,
    OpenReport &rep, QString *error)
{
    if (unsynced.isEmpty())
        return true;
    rep.unsyncedExport = path + u".unsynced-"_qs + stamp + u".json"_qs;
    QJsonArray arr;
    for (const auto &o : unsynced)
        arr.append(o);
    QSaveFile out(rep.unsyncedExport);
    if (out.open(QIODevice::WriteOnly))
        out.write(QJsonDocument(arr).toJson());
    if (out.commit())
        return true;
    if (error)
        *error = u"The local cache is damaged and its unsynced changes could not be saved to %1; "
                 u"nothing was moved."_qs.arg(rep.unsyncedExport);
    return false;
}

bool moveAside(const QString &path, const QString &stamp, OpenReport &rep, QString *error)
{
    rep.movedAsideTo = path + u".damaged-"_qs + stamp;
    for (const auto &suffix : {QString(), u"-wal"_qs, u"-shm"_qs}) {
        if (QFile::exists(path + suffix) && !QFile::rename(path + suffix, rep.movedAsideTo + suffix)) {
            if (error)
                *error = u"The local cache %1 is damaged and could not be moved aside."_qs.arg(path);
            return false;
        }
    }
    return true;
}

} // namespace

std::unique_ptr<CacheDatabase> CacheDatabase::open(const QString &path, OpenReport *report, QString *error)
{
    OpenReport local;
    OpenReport &rep = report ? *report : local;
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        if (error)
            *error = u"The local cache path %1 exists but is not a file."_qs.arg(path);
        return nullptr;
    }
    std::unique_ptr<CacheDatabase> db(new CacheDatabase(path));
    QString why;
    int code = 0; // the SQLite result code of the probe's failure
    const int version = db->probe(&why, &code);
    if (version < 0 && !isDamage(code)) {
        // Not the file's fault: leave it exactly as it is and say what is wrong.
        refuseUntouched(path, why, code, rep, error);
        return nullptr;
    }
    if (version < 0) {
        qCWarning(lcStore) << "cache" << path << "is damaged:" << why;
        db.reset(); // close every connection before touching the file
        return rebuildDamaged(path, rep, error);
    }
    if (!db->migrate(version, rep, error))
        return nullptr;
    db->finishInterruptedBulkLoad();
    return db;
}

int CacheDatabase::probe(QString *why, int *code) const
{
    *code = 0;
    if (!looksLikeSqlite(m_path)) {
        *why = u"not a SQLite database"_qs;
        *code = SQLITE_NOTADB;
        return -1;
    }
    QSqlDatabase c = connection();
    if (!c.isOpen()) {
        *why = m_openError;
        *code = m_openCode;
        return -1;
    }
    QSqlQuery q(c);
    if (!q.exec(u"SELECT count(*) FROM sqlite_master"_qs) || !q.next()) {
        *why = q.lastError().text();
        *code = q.lastError().nativeErrorCode().toInt();
        return -1;
    }
    const int v = schemaVersion();
    if (v >= 2) {
        // Reading a page from each main table catches most damage cheaply (a full
        // integrity_check on a 1M-comment cache would cost seconds at every start).
        for (const auto &sql : {u"SELECT rid FROM tickets ORDER BY rid DESC LIMIT 1"_qs,
                 u"SELECT rid FROM comments ORDER BY rid DESC LIMIT 1"_qs,
                 u"SELECT count(*) FROM outbox"_qs}) {
            if (!q.exec(sql)) {
                *why = q.lastError().text();
                *code = q.lastError().nativeErrorCode().toInt();
                return -1;
            }
        }
    }
    return v;
}

std::unique_ptr<CacheDatabase> CacheDatabase::rebuildDamaged(
    const QString &path, OpenReport &rep, QString *error)
{
    const QList<QJsonObject> unsynced = salvageOutbox(path);
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_qs);
    if (!exportUnsynced(path, unsynced, stamp, rep, error) || !moveAside(path, stamp, rep, error))
        return nullptr;
    std::unique_ptr<CacheDatabase> db(new CacheDatabase(path));
    QString why;
    int code = 0;
    if (db->probe(&why, &code) < 0) {
        if (error)
            *error = u"Cannot create a new local cache at %1: %2"_qs.arg(path, why);
        return nullptr;
    }
    rep.recovered = true;
    rep.unsyncedKept = static_cast<int>(unsynced.size());
    rep.message
        = u"The local cache was damaged and has been rebuilt from the server. "
          u"%1 unsynced change(s) were kept%2. The damaged file was moved to %3."_qs.arg(unsynced.size())
              .arg(rep.unsyncedExport.isEmpty() ? QString()
                                                : u" (a copy is in "_qs + rep.unsyncedExport + u')')
              .arg(rep.movedAsideTo);
    // Migrate first, then carry the salvaged outbox over.
    rep.fromVersion = 0;
    QString migrateError;
    QStringList all;
    for (const auto &m : cacheschema::migrations())
        all << m.statements;
    all << u"PRAGMA user_version = %1"_qs.arg(cacheschema::latestVersion());
    if (!db->execAll(all, &migrateError)) {
        if (error)
            *error = migrateError;
        return nullptr;
    }
    db->restoreOutbox(unsynced);
    rep.toVersion = cacheschema::latestVersion();
    qCWarning(lcStore).noquote() << rep.message;
    return db;
}

void CacheDatabase::restoreOutbox(const QList<QJsonObject> &unsynced) const
{
    QSqlDatabase c = connection();
    c.transaction();
    for (const auto &o : unsynced) {
        QSqlQuery q(c);
        q.prepare(u"INSERT OR IGNORE INTO outbox (id, type, entity_id, payload, created_at, state) "
                  u"VALUES (?, ?, ?, ?, ?, ?)"_qs);
        q.addBindValue(o.value(u"id"_qs).toString());
        q.addBindValue(o.value(u"type"_qs).toString());
        q.addBindValue(o.value(u"entity_id"_qs).toString());
        q.addBindValue(o.value(u"payload"_qs).toString());
        q.addBindValue(static_cast<qint64>(o.value(u"created_at"_qs).toDouble()));
        q.addBindValue(o.value(u"state"_qs).toString());
        q.exec();
    }
    c.commit();
}

bool CacheDatabase::migrate(int version, OpenReport &rep, QString *error) const
{
    if (version > cacheschema::latestVersion()) {
        if (error)
            *error = u"The local cache %1 was written by a newer Triage (schema %2, this build knows %3). "
                     u"Update Triage; the file was left untouched."_qs.arg(m_path)
                         .arg(version)
                         .arg(cacheschema::latestVersion());
        return false;
    }
    rep.fromVersion = version;
    // Each step in its own transaction together with its user_version bump: a crash mid-way
    // leaves the cache at the last completed version.
    for (const auto &m : cacheschema::migrations()) {
        if (m.version <= version)
            continue;
        QStringList statements = m.statements;
        statements << u"PRAGMA user_version = %1"_qs.arg(m.version);
        QString stepError;
        if (!execAll(statements, &stepError)) {
            if (error)
                *error = u"Migrating the local cache to version %1 (%2) failed: %3"_qs.arg(m.version).arg(
                    m.description, stepError);
            return false;
        }
        qCDebug(lcStore) << "cache migrated to version" << m.version << m.description;
    }
    rep.toVersion = cacheschema::latestVersion();
    return true;
}

void CacheDatabase::finishInterruptedBulkLoad() const
{
    // A bulk load killed half-way (or before its deferred indexes were built) leaves the list
    // indexes and FTS triggers dropped: finish its job now — unless it
    // was an initial sync, which resumes in bulk (dropping them again) and builds them at its end;
    // search() meanwhile builds the index itself if asked.
    QSqlQuery q(connection());
    const bool initialSyncResumes = q.exec(u"SELECT 1 FROM meta WHERE key = 'sync.initial_in_progress' "
                                           u"AND value = '1'"_qs)
        && q.next();
    if (!initialSyncResumes
        && q.exec(u"SELECT value FROM meta WHERE key IN ('fts_dirty', 'list_indexes_dirty')"_qs)
        && q.next()) {
        QStringList fix = cacheschema::secondaryIndexStatements();
        fix << cacheschema::searchIndexBuildStatements();
        QString fixError;
        if (!execAll(fix, &fixError))
            qCWarning(lcStore) << "rebuilding the search index failed:" << fixError;
    }
}

} // namespace triage
