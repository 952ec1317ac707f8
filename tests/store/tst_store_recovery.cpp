// Crash safety and damaged-file recovery of the local cache, with a real killed process.
#include "domain/Uuid.h"
#include "store/CacheDatabase.h"
#include "store/CacheSchema.h"
#include "store/LocalCache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cstdio>

using namespace triage;

namespace {

Ticket make(const QString &id, const QString &title)
{
    Ticket t;
    t.id = id;
    t.title = title;
    t.createdAt = t.updatedAt = 1772434800000;
    return t;
}

// Child mode: commit one user edit, say so, then hang until killed with SIGKILL.
int childCommit(const QString &path, const QString &id)
{
    auto db = CacheDatabase::open(path, nullptr, nullptr);
    if (!db)
        return 3;
    LocalCache store(db.get());
    const Ticket t = make(id, u"Edit made right before a crash"_qs);
    OutboxEntry e {0, newId(), u"ticket.create"_qs, id, t.toJson(), 1, u"pending"_qs};
    if (!store.tickets().saveLocalEdit(t, e))
        return 4;
    std::fputs("committed\n", stdout);
    std::fflush(stdout);
    for (;;)
        QThread::sleep(60);
}

} // namespace

class TestStoreRecovery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void committedEditSurvivesKill9()
    {
        const QString path = m_dir.filePath(u"crash.db"_qs);
        const QString id = newId();
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {u"--child-commit"_qs, path, id});
        QVERIFY(child.waitForStarted());
        QVERIFY(child.waitForReadyRead(20000));
        QCOMPARE(child.readLine().trimmed(), QByteArray("committed"));
        child.kill(); // SIGKILL: no destructors, no checkpoint, WAL left as is
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        OpenReport report;
        auto db = CacheDatabase::open(path, &report, nullptr);
        QVERIFY(db);
        QVERIFY(!report.recovered);
        LocalCache store(db.get());
        const auto t = store.tickets().ticket(id);
        QVERIFY(t);
        QCOMPARE(t->title, u"Edit made right before a crash"_qs);
        QCOMPARE(store.outbox().pendingCount(), 1);
    }

    void garbageFileIsMovedAsideAndRebuilt()
    {
        const QString path = m_dir.filePath(u"garbage.db"_qs);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        OpenReport report;
        QString error;
        auto db = CacheDatabase::open(path, &report, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(report.recovered);
        QVERIFY(QFile::exists(report.movedAsideTo));
        QCOMPARE(QFile(report.movedAsideTo).size(), 8192); // the damaged file is kept as it was
        QVERIFY(!report.message.isEmpty());
        QCOMPARE(db->schemaVersion(), cacheschema::latestVersion());
        LocalCache store(db.get());
        QVERIFY(store.tickets().upsertTickets({make(newId(), u"works again"_qs)}));
    }

    void damagedTableKeepsUnsyncedEdits()
    {
        const QString path = m_dir.filePath(u"damaged.db"_qs);
        const QString editId = newId();
        int rootPage = 0;
        int pageSize = 0;
        {
            auto db = CacheDatabase::open(path, nullptr, nullptr);
            LocalCache store(db.get());
            QList<Ticket> many;
            for (int i = 0; i < 2000; ++i)
                many << make(newId(), u"ticket %1 with some text to fill pages"_qs.arg(i));
            QVERIFY(store.tickets().upsertTickets(many));
            const Ticket edited = make(editId, u"Offline edit that must not be lost"_qs);
            QVERIFY(store.tickets().saveLocalEdit(
                edited, {0, newId(), u"ticket.create"_qs, editId, edited.toJson(), 1, u"pending"_qs}));
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_qs));
            QVERIFY(q.exec(u"SELECT rootpage FROM sqlite_master WHERE name = 'tickets'"_qs) && q.next());
            rootPage = q.value(0).toInt();
            QVERIFY(q.exec(u"PRAGMA page_size"_qs) && q.next());
            pageSize = q.value(0).toInt();
        }
        { // overwrite the tickets table's root page with noise
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(static_cast<qint64>(rootPage - 1) * pageSize));
            f.write(QByteArray(pageSize, '\xA5'));
        }
        OpenReport report;
        QString error;
        auto db = CacheDatabase::open(path, &report, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(report.recovered);
        QCOMPARE(report.unsyncedKept, 1);
        // The unsynced edit was exported before anything moved, and carried into the new cache.
        QFile exported(report.unsyncedExport);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QJsonArray rows = QJsonDocument::fromJson(exported.readAll()).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(u"entity_id"_qs).toString(), editId);
        LocalCache store(db.get());
        const auto pending = store.outbox().pending();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(
            pending.first().payload.value(u"title"_qs).toString(), u"Offline edit that must not be lost"_qs);
    }

    void directoryInPlaceOfTheFileIsAClearError()
    {
        const QString path = m_dir.filePath(u"adir.db"_qs);
        QVERIFY(QDir().mkpath(path + u"/keep"_qs));
        QString error;
        QVERIFY(!CacheDatabase::open(path, nullptr, &error));
        QVERIFY2(error.contains(u"not a file"_qs), qPrintable(error));
        QVERIFY(QFileInfo::exists(path + u"/keep"_qs)); // nothing was moved or deleted
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && QByteArray(argv[1]) == "--child-commit")
        return childCommit(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    TestStoreRecovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_store_recovery.moc"
