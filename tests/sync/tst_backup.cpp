// `triaged backup` / `triaged restore` (issue 23) against real servers, on SQLite and (the _pg
// variant) PostgreSQL: a backup taken while the server runs and is written to holds what was there
// (tickets, attachments' bytes); a restore drill puts the older database back and a client that
// synced after the backup meets it: the server's new epoch makes it resync, keep its newer work
// and list it, nothing lost. A restore refuses to run under a live server and refuses a file that
// is not a Triage backup, changing nothing.
#include "SyncTestClient.h"
#include "TriagedProcess.h"

#include <QJsonArray>
#include <QProcess>
#include <QtTest>

using namespace triage;
using namespace triage::test;

namespace {

CliRun triaged(const QStringList &args)
{
    return runProgram(u"triaged"_qs, args, {}, {}, 120000);
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TriagedProcess::Options m_opts;

    QStringList where() const
    {
        return m_opts.databaseUrl.isEmpty() ? QStringList {u"--data"_qs, m_opts.dataDir}
                                            : QStringList {u"--database"_qs, m_opts.databaseUrl};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_opts.dataDir = m_dir.filePath(u"data"_qs);
#ifdef TRIAGE_TEST_PG
        TRIAGE_REQUIRE_PG_DATABASE(m_opts.databaseUrl);
#endif
    }

    void restoreDrillKeepsNewerClientWork()
    {
        const QString backup = m_dir.filePath(u"nightly.backup"_qs);
        const QByteArray bytes = QByteArray("invoice scan ").repeated(40000); // ~0.5 MB, several chunks
        SyncClient a;
        QString before, after, file;
        {
            TriagedProcess server;
            QVERIFY2(server.start(m_opts), qPrintable(server.error()));
            QVERIFY(a.open(server.baseUrl(), server.baseUrl(), u"agent1"_qs));
            QVERIFY(a.sync());
            Ticket t;
            t.title = u"Before the backup"_qs;
            before = a.editor->createTicket(t)->id;
            QVERIFY(a.sync());
            TestClient rest(server.baseUrl());
            QVERIFY(rest.login(u"agent1"_qs));
            const QByteArray boundary = "bkp" + newUuid().toLatin1().left(8);
            QByteArray body = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.txt\"\r\n\r\n" + bytes
                + "\r\n--" + boundary + "--\r\n";
            const HttpResult up = rest.send("POST", u"/api/v1/tickets/%1/attachments"_qs.arg(before), body,
                {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
            QVERIFY2(up.status == 201, up.body.constData());
            file = up.json().value(u"id"_qs).toString();

            // Backed up while the server runs and a client writes.
            Ticket during;
            during.title = u"Written while the backup runs"_qs;
            QVERIFY(a.editor->createTicket(during));
            a.engine->syncNow(); // its upload runs while the backup reads
            const CliRun b = triaged(QStringList {u"backup"_qs} + where() + QStringList {backup});
            QVERIFY2(b.code == 0, b.err.constData());
            QVERIFY2(b.out.contains("tickets"), b.out.constData());
            QVERIFY(a.sync());
            // A backup never overwrites.
            const CliRun again = triaged(QStringList {u"backup"_qs} + where() + QStringList {backup});
            QCOMPARE(again.code, 1);
            QVERIFY2(again.err.contains("exists"), again.err.constData());

            Ticket later;
            later.title = u"After the backup"_qs;
            after = a.editor->createTicket(later)->id;
            QVERIFY(a.sync());
            // Under a live server: refused, nothing changed.
            const CliRun live = triaged(QStringList {u"restore"_qs} + where() + QStringList {backup});
            QCOMPARE(live.code, 1);
            QVERIFY2(live.err.contains(m_opts.databaseUrl.isEmpty() ? "stop it first" : "stop every triaged"),
                live.err.constData());
            QVERIFY(a.sync());
            QVERIFY(a.store->tickets().ticket(after)->number);
            QCOMPARE(server.stop(), 0);
        }
        // Not a backup: refused, nothing changed.
        const QString junk = m_dir.filePath(u"junk.backup"_qs);
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a database\n");
        }
        const CliRun bad = triaged(QStringList {u"restore"_qs} + where() + QStringList {junk});
        QCOMPARE(bad.code, 1);

        const CliRun r = triaged(QStringList {u"restore"_qs} + where() + QStringList {backup});
        QVERIFY2(r.code == 0, r.err.constData());

        TriagedProcess restored;
        QVERIFY2(restored.start(m_opts), qPrintable(restored.error()));
        a.pointAt(restored.baseUrl());
        QSignalSpy found(a.engine.get(), &SyncEngine::divergencesFound);
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(found.count(), 1); // the new epoch was noticed
        // The client keeps what the backup lacks and lists it…
        QVERIFY(a.store->tickets().ticket(after));
        int missingAfter = 0;
        for (const SyncConflict &d : a.store->outbox().divergences())
            missingAfter += d.entityId == after;
        QCOMPARE(missingAfter, 1);
        // …and the restored server has what was backed up, the file's bytes included.
        TestClient rest(restored.baseUrl());
        QVERIFY(rest.login(u"agent1"_qs));
        QCOMPARE(rest.get(u"/api/v1/tickets/"_qs + before).status, 200);
        QCOMPARE(rest.get(u"/api/v1/tickets/"_qs + after).status, 404);
        const HttpResult got = rest.get(u"/api/v1/attachments/"_qs + file);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, bytes);
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
