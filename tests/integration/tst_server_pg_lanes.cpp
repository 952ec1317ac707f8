// triaged on PostgreSQL: reaching a local server over its Unix socket (libpq's `?host=/dir` URL
// form), and quick reads on their own thread pool, so a write stuck on a lock never stalls the
// change feed (docs/architecture.md "HTTP layer").
#include "ServerTestBase.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

#include <optional>

using namespace triage::test;

namespace {

QSqlDatabase openAdmin(const QString &url, const QString &name)
{
    return serverDatabase(name, url, {});
}

qint64 scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestServerPgLanes : public QObject
{
    Q_OBJECT

private:
    QString m_url;

private Q_SLOTS:
    void initTestCase() { TRIAGE_REQUIRE_PG_DATABASE(m_url); }

    void unixSocketUrl()
    {
        const QString socketUrl = qEnvironmentVariable("TRIAGE_TEST_PG_SOCKET_URL");
        if (socketUrl.isEmpty()) {
            if (pgRequired())
                QFAIL("TRIAGE_TEST_PG_SOCKET_URL missing under CI");
            QSKIP("no socket URL (run under tests/support/with-services)");
        }
        // Same server and database, reached through the socket directory instead of TCP.
        QUrl url(socketUrl);
        url.setPath(QUrl(m_url).path());
        const QString dir = QUrlQuery(url).queryItemValue(QStringLiteral("host"));
        QVERIFY(dir.startsWith(u'/'));

        TriagedProcess server;
        TriagedProcess::Options o;
        o.databaseUrl = url.toString();
        QVERIFY2(server.start(o), qPrintable(server.error()));
        TestClient c(server.baseUrl());
        QVERIFY(c.login(QStringLiteral("agent1")));
        QCOMPARE(c.post(QStringLiteral("/api/v1/tickets"),
                      QJsonObject {{QStringLiteral("title"), QStringLiteral("over the socket")}})
                     .status,
            201);
        QCOMPARE(c.get(QStringLiteral("/api/v1/changes?limit=5")).status, 200);

        // PostgreSQL sees triaged's sessions as local ones (no client address), not TCP.
        qint64 local = -1, tcp = -1;
        {
            QSqlDatabase db = openAdmin(m_url, QStringLiteral("socketcheck"));
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            local = scalar(db,
                QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                               " AND backend_type = 'client backend' AND client_addr IS NULL"));
            tcp = scalar(db,
                QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                               " AND backend_type = 'client backend' AND client_addr IS NOT NULL"
                               " AND pid <> pg_backend_pid()"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("socketcheck"));
        QVERIFY2(local >= 1, qPrintable(QString::number(local)));
        QCOMPARE(tcp, 0);
        QCOMPARE(server.stop(), 0);
    }

    void badUrlParametersAreRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("space in a value") << QStringLiteral("postgresql://u@/db?host=/tmp&options=-c%20x=1")
                                          << QByteArray("unsupported parameter 'options'");
        QTest::newRow("semicolon") << QStringLiteral("postgresql://u@/db?sslmode=require%3Bport=1")
                                   << QByteArray("unsupported parameter 'sslmode'");
        QTest::newRow("port not a number") << QStringLiteral("postgresql://u@/db?host=/tmp&port=x")
                                           << QByteArray("the port must be a number");
    }

    void badUrlParametersAreRefused()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, message);
        QProcess p;
        p.start(TriagedProcess::binary(),
            {QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--database"), url});
        QVERIFY(p.waitForFinished(20000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() != 0, err.constData());
        QVERIFY2(err.contains(message), err.constData());
    }

    void aStuckWriteDoesNotStallReads()
    {
        // One handler thread for writes and one for quick reads: with a single pool the feed
        // request below would wait behind the blocked mutation.
        TriagedProcess server;
        TriagedProcess::Options o;
        o.databaseUrl = m_url;
        o.extraArgs = {QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--readers"),
            QStringLiteral("1")};
        QVERIFY2(server.start(o), qPrintable(server.error()));
        TestClient c(server.baseUrl());
        QVERIFY(c.login(QStringLiteral("agent1")));
        const HttpResult created = c.post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {{QStringLiteral("title"), QStringLiteral("lane test")}});
        QCOMPARE(created.status, 201);
        const QString ticket = created.json().value(QStringLiteral("id")).toString();

        std::optional<QSqlDatabase> lockerDb = openAdmin(m_url, QStringLiteral("locker"));
        QSqlDatabase &locker = *lockerDb;
        QVERIFY2(locker.isOpen(), qPrintable(locker.lastError().text()));
        QVERIFY(locker.transaction());
        {
            QSqlQuery lock(locker);
            QVERIFY2(lock.exec(QStringLiteral("LOCK TABLE mutation_results IN ACCESS EXCLUSIVE MODE")),
                qPrintable(lock.lastError().text()));
        }

        const QString clientId = newUuid();
        QJsonArray ms;
        ms.append(mutation(1, QStringLiteral("ticket.update"),
            {{QStringLiteral("ticket_id"), ticket}, {QStringLiteral("base_version"), 1},
                {QStringLiteral("changes"),
                    QJsonArray {change(
                        QStringLiteral("priority"), QStringLiteral("normal"), QStringLiteral("high"))}}}));
        TestClient writer(server.baseUrl());
        writer.setToken(c.token());
        QNetworkReply *pending = writer.start("POST", QStringLiteral("/api/v1/mutations"),
            toJson(batch(clientId, ms)), {{"content-type", "application/json"}});

        // The mutation really is waiting for the lock before we read.
        qint64 waiting = 0;
        for (int i = 0; i < 100 && waiting == 0; ++i) {
            QTest::qWait(50);
            waiting = scalar(locker,
                QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                               " AND wait_event_type = 'Lock'"));
        }
        QCOMPARE(waiting, 1);

        QElapsedTimer t;
        t.start();
        const HttpResult feed = c.send("GET", QStringLiteral("/api/v1/changes?limit=50"), {}, {}, 5000);
        QCOMPARE(feed.status, 200);
        const HttpResult one = c.send("GET", QStringLiteral("/api/v1/tickets/") + ticket, {}, {}, 5000);
        QCOMPARE(one.status, 200);
        QVERIFY2(t.elapsed() < 4000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!pending->isFinished());

        QVERIFY(locker.rollback());
        locker.close();
        lockerDb.reset();
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        const HttpResult done = TestClient::finish(pending, 10000);
        QCOMPARE(done.status, 200);
        const QJsonArray results = done.json().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 1);
        QCOMPARE(
            results.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
        QCOMPARE(c.get(QStringLiteral("/api/v1/tickets/") + ticket)
                     .json()
                     .value(QStringLiteral("priority"))
                     .toString(),
            QStringLiteral("high"));
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerPgLanes)
#include "tst_server_pg_lanes.moc"
