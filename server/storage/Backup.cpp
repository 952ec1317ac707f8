#include "Backup.h"

#include "ServerDatabase.h"
#include "ServerSchema.h"
#include "domain/Uuid.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace triage::server {

namespace {

BackupResult failed(const QString &why)
{
    return BackupResult {false, why, {}};
}

// pg_dump / pg_restore (postgresql-client, the server's major version or newer): their own
// progress and errors go to our stderr as they come; the exit code decides.
bool runTool(const QString &tool, const QStringList &args, QString *error)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(tool, args);
    if (!p.waitForStarted(10000)) {
        *error = u"%1 could not be started (install postgresql-client): %2"_qs.arg(tool, p.errorString());
        return false;
    }
    p.waitForFinished(-1);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = u"%1 failed (exit %2); see its message above"_qs.arg(tool).arg(p.exitCode());
        return false;
    }
    return true;
}

// What a backup holds, for the operator's line: a number they can check against the console.
QString summary(QSqlDatabase &c)
{
    QStringList parts;
    for (const auto &[table, label] : {std::pair {u"tickets", u"tickets"},
             std::pair {u"comments", u"comments"}, std::pair {u"attachments", u"attachments"}}) {
        QSqlQuery q(c);
        if (q.exec(u"SELECT COUNT(*) FROM "_qs + QString::fromUtf16(table)) && q.next())
            parts << u"%1 %2"_qs.arg(q.value(0).toLongLong()).arg(QString::fromUtf16(label));
    }
    return parts.join(u", "_qs);
}

// A file that is a Triage SQLite database this server can open: intact, with our schema, not
// from a newer triaged.
QString checkSqliteFile(const QString &path, QString *contents)
{
    const QString name = u"backup-check-"_qs + newId();
    QString problem;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(u"QSQLITE"_qs, name);
        c.setDatabaseName(path);
        c.setConnectOptions(u"QSQLITE_OPEN_READONLY"_qs);
        if (!c.open()) {
            problem = u"cannot open %1: %2"_qs.arg(path, c.lastError().text());
        } else {
            QSqlQuery q(c);
            if (!q.exec(u"PRAGMA quick_check"_qs) || !q.next() || q.value(0).toString() != u"ok"_qs) {
                problem = u"%1 is not an intact SQLite database"_qs.arg(path);
            } else if (!q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_qs) || !q.next()) {
                problem = u"%1 is not a Triage server database (no schema version)"_qs.arg(path);
            } else if (q.value(0).toInt() > kSchemaVersion) {
                problem = u"%1 comes from a newer triaged (schema %2, this one knows %3)"_qs.arg(path)
                              .arg(q.value(0).toInt())
                              .arg(kSchemaVersion);
            } else if (contents) {
                *contents = summary(c);
            }
        }
        c.close();
    }
    QSqlDatabase::removeDatabase(name);
    return problem;
}

// Every client must see that the server went back in time: a new epoch makes them resync,
// keep what is newer on their side and list it.
QString newEpoch(const QString &dataDir, const QString &databaseUrl)
{
    QString error;
    auto db = ServerDatabase::open(dataDir, databaseUrl, &error);
    if (!db)
        return error;
    try {
        WriteTx tx(*db);
        Sql q(*db, u"UPDATE meta SET value = ? WHERE key = 'epoch'"_qs);
        q.bind(newId()).exec();
        tx.commit();
    } catch (const DbError &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

BackupResult backupDatabase(const QString &dataDir, const QString &databaseUrl, const QString &out)
{
    if (out.isEmpty())
        return failed(u"name the backup file to write"_qs);
    if (QFileInfo::exists(out))
        return failed(u"%1 exists already; a backup never overwrites a file"_qs.arg(out));
    if (!databaseUrl.isEmpty()) {
        QString error;
        if (!runTool(u"pg_dump"_qs,
                {u"--format=custom"_qs, u"--no-owner"_qs, u"--file"_qs, out, u"--dbname"_qs, databaseUrl},
                &error)) {
            QFile::remove(out);
            return failed(error);
        }
        QString held;
        if (auto db = ServerDatabase::open(QString(), databaseUrl, &error)) {
            QSqlDatabase c = db->connection();
            held = u"; the database holds "_qs + summary(c);
        }
        return BackupResult {true, {}, u"PostgreSQL archive written (pg_dump custom format)"_qs + held};
    }
    const QString path = QDir(dataDir).absoluteFilePath(u"triage.db"_qs);
    if (dataDir.isEmpty() || !QFileInfo::exists(path))
        return failed(u"no Triage database in %1"_qs.arg(dataDir.isEmpty() ? u"(no --data)"_qs : dataDir));
    const QString name = u"backup-"_qs + newId();
    QString problem;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(u"QSQLITE"_qs, name);
        c.setDatabaseName(path);
        c.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=30000"_qs);
        if (!c.open()) {
            problem = c.lastError().text();
        } else {
            // One read transaction: a running server's writers go on (WAL), the copy is of one
            // instant, compacted, and written as a plain database file.
            QSqlQuery q(c);
            q.prepare(u"VACUUM INTO ?"_qs);
            q.addBindValue(QFileInfo(out).absoluteFilePath());
            if (!q.exec())
                problem = q.lastError().text();
        }
        c.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!problem.isEmpty()) {
        QFile::remove(out);
        return failed(u"the backup could not be written: %1"_qs.arg(problem));
    }
    QString contents;
    if (const QString bad = checkSqliteFile(out, &contents); !bad.isEmpty()) {
        QFile::remove(out);
        return failed(u"the backup did not read back: "_qs + bad);
    }
    return BackupResult {true, {}, contents};
}

BackupResult restoreDatabase(
    const QString &dataDir, const QString &databaseUrl, const QString &in, bool force)
{
    if (!QFileInfo::exists(in))
        return failed(u"no backup file %1"_qs.arg(in));
    if (!databaseUrl.isEmpty()) {
        {
            QString error;
            auto db = ServerDatabase::open(QString(), databaseUrl, &error);
            if (!db)
                return failed(error);
            QSqlQuery q(db->connection());
            if (!force
                && q.exec(u"SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                          u" AND pid <> pg_backend_pid()"_qs)
                && q.next() && q.value(0).toLongLong() > 0) {
                return failed(u"%1 other session(s) use this database: stop every triaged first "
                              u"(--force restores anyway)"_qs.arg(q.value(0).toLongLong()));
            }
        }
        QString error;
        if (!runTool(u"pg_restore"_qs,
                {u"--clean"_qs, u"--if-exists"_qs, u"--no-owner"_qs, u"--single-transaction"_qs,
                    u"--dbname"_qs, databaseUrl, in},
                &error))
            return failed(error + u"; the database is as it was (one transaction)"_qs);
        if (const QString e = newEpoch(QString(), databaseUrl); !e.isEmpty())
            return failed(u"restored, but the new epoch could not be set: "_qs + e);
        return BackupResult {true, {}, u"PostgreSQL database restored; clients will resync"_qs};
    }
    if (dataDir.isEmpty())
        return failed(u"--data DIR is required (or --database URL)"_qs);
    // The lock `triaged serve` holds on its data directory.
    QDir().mkpath(dataDir);
    QLockFile lock(QDir(dataDir).absoluteFilePath(u"triaged.lock"_qs));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(100))
        return failed(u"a triaged serves %1: stop it first (nothing was changed)"_qs.arg(dataDir));
    QString contents;
    if (const QString bad = checkSqliteFile(in, &contents); !bad.isEmpty())
        return failed(bad + u" (nothing was changed)"_qs);

    const QDir dir(dataDir);
    const QString db = dir.absoluteFilePath(u"triage.db"_qs);
    const QString incoming = db + u".restoring"_qs;
    QFile::remove(incoming);
    if (!QFile::copy(in, incoming))
        return failed(u"cannot copy %1 into %2 (disk full?); nothing was changed"_qs.arg(in, dataDir));
    QString kept;
    if (QFileInfo::exists(db)) {
        kept = db + u".before-restore-"_qs + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_qs);
        for (const QString &suffix : {QString(), u"-wal"_qs, u"-shm"_qs}) {
            if (QFileInfo::exists(db + suffix) && !QFile::rename(db + suffix, kept + suffix)) {
                QFile::remove(incoming);
                return failed(u"cannot move the current database aside; nothing was changed"_qs);
            }
        }
    }
    if (!QFile::rename(incoming, db))
        return failed(u"cannot put the backup in place; the previous database is %1"_qs.arg(kept));
    if (const QString e = newEpoch(dataDir, QString()); !e.isEmpty())
        return failed(u"restored, but the new epoch could not be set: "_qs + e);
    QString detail = u"restored "_qs + contents;
    if (!kept.isEmpty())
        detail += u"; the previous database is kept as "_qs + kept;
    return BackupResult {true, {}, detail};
}

} // namespace triage::server
