// Several triaged instances on one PostgreSQL behave as one server, and the change sequence never
// lets a reader skip a change that committed late (the BIGSERIAL trap; docs/sync-protocol.md).
#include "ServerTestBase.h"
#include "SseReader.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace triage::test;

class TestServerPgCluster : public QObject
{
    Q_OBJECT

private:
    QString m_url;

    QString freshDatabase()
    {
        QString err;
        const QString url = createPgTestDatabase(&err);
        if (url.isEmpty() && !pgRequired())
            qWarning("%s", qPrintable(err));
        return url;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_url = freshDatabase();
        if (m_url.isEmpty()) {
            if (pgRequired())
                QFAIL("TRIAGE_TEST_PG_URL missing under CI");
            QSKIP("no PostgreSQL (run under tests/support/with-services)");
        }
    }

    void twoInstancesConverge()
    {
        TriagedProcess a, b;
        TriagedProcess::Options oa;
        oa.databaseUrl = m_url;
        QVERIFY2(a.start(oa), qPrintable(a.error()));
        TriagedProcess::Options ob;
        ob.databaseUrl = m_url;
        ob.demo = false;
        QVERIFY2(b.start(ob), qPrintable(b.error()));

        TestClient ca(a.baseUrl()), cb(b.baseUrl());
        QVERIFY(ca.login(QStringLiteral("agent1")));
        // A token issued by one instance is honoured by every other (tokens live in the database).
        cb.setToken(ca.token());
        QCOMPARE(cb.get(QStringLiteral("/api/v1/me")).status, 200);
        QCOMPARE(ca.get(QStringLiteral("/api/v1/version")).json().value(QStringLiteral("epoch")),
            cb.get(QStringLiteral("/api/v1/version")).json().value(QStringLiteral("epoch")));

        SseReader events(cb);
        QVERIFY(events.waitFor("event: head"));
        const QString head0
            = cb.get(QStringLiteral("/api/v1/health")).json().value(QStringLiteral("head")).toString();

        // Write through A; B's feed and B's push stream see it.
        const HttpResult created = ca.post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {{QStringLiteral("title"), QStringLiteral("Seen everywhere")},
                {QStringLiteral("group_id"), kGroupIt}});
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(QStringLiteral("id")).toString();
        const HttpResult feedB = cb.get(QStringLiteral("/api/v1/changes?cursor=") + head0);
        const QJsonArray changes = feedB.json().value(QStringLiteral("changes")).toArray();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).toObject().value(QStringLiteral("id")).toString(), id);
        const QByteArray newHead = feedB.json().value(QStringLiteral("head")).toString().toUtf8();
        QVERIFY2(events.waitFor(newHead, 3000), "push through LISTEN/NOTIFY reached the other instance");

        // Mutations through B are exactly-once across instances: a replay through A is a duplicate.
        const QString cid = newUuid();
        const QJsonObject m = mutation(1, QStringLiteral("ticket.update"),
            {{QStringLiteral("ticket_id"), id}, {QStringLiteral("base_version"), 1},
                {QStringLiteral("changes"),
                    QJsonArray {change(
                        QStringLiteral("priority"), QStringLiteral("normal"), QStringLiteral("high"))}}});
        QCOMPARE(cb.post(QStringLiteral("/api/v1/mutations"), batch(cid, {m}))
                     .json()
                     .value(QStringLiteral("results"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("applied"));
        QCOMPARE(ca.post(QStringLiteral("/api/v1/mutations"), batch(cid, {m}))
                     .json()
                     .value(QStringLiteral("results"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("duplicate"));
        QCOMPARE(ca.get(QStringLiteral("/api/v1/tickets/") + id)
                     .json()
                     .value(QStringLiteral("priority"))
                     .toString(),
            QStringLiteral("high"));
        QCOMPARE(a.stop(), 0);
        QCOMPARE(b.stop(), 0);
    }

    void heldTransactionIsNeverSkipped()
    {
        TriagedProcess server;
        TriagedProcess::Options o;
        o.databaseUrl = m_url;
        o.demo = true; // seeds once per database; a no-op after twoInstancesConverge
        QVERIFY2(server.start(o), qPrintable(server.error()));
        TestClient c(server.baseUrl());
        QVERIFY(c.login(QStringLiteral("admin")));
        const auto create = [&c](const QString &title) {
            return c.post(QStringLiteral("/api/v1/tickets"), QJsonObject {{QStringLiteral("title"), title}})
                .json();
        };
        const QString slowId = create(QStringLiteral("slow writer")).value(QStringLiteral("id")).toString();
        const QJsonObject fast = create(QStringLiteral("fast writer"));
        QVERIFY(!slowId.isEmpty() && !fast.isEmpty());
        const QString cursor0
            = c.get(QStringLiteral("/api/v1/health")).json().value(QStringLiteral("head")).toString();

        // A writer of our own that takes its sequence number and then stays open.
        const QUrl url(m_url);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("held"));
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        qint64 heldSeq = 0;
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("BEGIN")));
            QVERIFY(q.exec(QStringLiteral("UPDATE sync_head SET seq = seq + 1 WHERE id = 1 RETURNING seq")));
            QVERIFY(q.next());
            heldSeq = q.value(0).toLongLong();
            QSqlQuery u(db);
            u.prepare(QStringLiteral("UPDATE tickets SET seq = ? WHERE id = ?"));
            u.addBindValue(heldSeq);
            u.addBindValue(slowId);
            QVERIFY(u.exec());
        }
        // Meanwhile the server commits another write. It must not get a sequence number that a
        // reader could see before ours: it waits for the held transaction.
        QNetworkReply *pending = c.start("PATCH",
            QStringLiteral("/api/v1/tickets/") + fast.value(QStringLiteral("id")).toString(),
            toJson(QJsonObject {{QStringLiteral("title"), QStringLiteral("fast writer, edited")}}),
            {{"If-Match",
                "\"v" + QByteArray::number(fast.value(QStringLiteral("version")).toInteger()) + '"'}});
        QTest::qWait(700);
        if (pending->isFinished()) {
            const HttpResult early = TestClient::finish(pending);
            QFAIL(qPrintable(
                QStringLiteral("the second writer must wait behind the first one's sequence, got %1 %2")
                    .arg(early.status)
                    .arg(QString::fromUtf8(early.body))));
        }
        HttpResult during = c.get(QStringLiteral("/api/v1/changes?cursor=") + cursor0);
        QCOMPARE(during.status, 200);
        QCOMPARE(during.json().value(QStringLiteral("changes")).toArray().size(), 0);
        QCOMPARE(during.json().value(QStringLiteral("next_cursor")).toString(), cursor0);

        QSqlQuery(db).exec(QStringLiteral("COMMIT"));
        const HttpResult patched = TestClient::finish(pending);
        QCOMPARE(patched.status, 200);
        const QJsonArray after = c.get(QStringLiteral("/api/v1/changes?cursor=") + cursor0)
                                     .json()
                                     .value(QStringLiteral("changes"))
                                     .toArray();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.at(0).toObject().value(QStringLiteral("seq")).toInteger(), heldSeq);
        QCOMPARE(after.at(0).toObject().value(QStringLiteral("id")).toString(), slowId);
        QCOMPARE(after.at(1).toObject().value(QStringLiteral("seq")).toInteger(), heldSeq + 1);
        QCOMPARE(after.at(1).toObject().value(QStringLiteral("id")).toString(),
            fast.value(QStringLiteral("id")).toString());
        db.close();
        QCOMPARE(server.stop(), 0);
    }

    void userCommandsOnPostgres()
    {
        QProcess add;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TRIAGE_PASSWORD"), QStringLiteral("eves-password"));
        env.insert(QStringLiteral("TRIAGE_PWHASH_OPSLIMIT"), QStringLiteral("1"));
        env.insert(QStringLiteral("TRIAGE_PWHASH_MEMLIMIT"), QStringLiteral("8192"));
        add.setProcessEnvironment(env);
        // Groups exist once a demo instance ran on this database (twoInstancesConverge or below).
        TriagedProcess server;
        TriagedProcess::Options o;
        o.databaseUrl = m_url;
        QVERIFY2(server.start(o), qPrintable(server.error()));
        add.start(TriagedProcess::binary(),
            {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--database"), m_url,
                QStringLiteral("eve"), QStringLiteral("--role"), QStringLiteral("lead"),
                QStringLiteral("--group"), QStringLiteral("HR")});
        QVERIFY(add.waitForFinished(30000));
        QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());
        TestClient eve(server.baseUrl());
        QVERIFY(eve.login(QStringLiteral("eve"), QStringLiteral("eves-password")));
        QCOMPARE(eve.get(QStringLiteral("/api/v1/me")).json().value(QStringLiteral("role")).toString(),
            QStringLiteral("lead"));
        QProcess list;
        list.start(TriagedProcess::binary(),
            {QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--database"), m_url});
        QVERIFY(list.waitForFinished(30000));
        QVERIFY(list.readAllStandardOutput().contains("eve\tlead"));
        QCOMPARE(server.stop(), 0);
    }

    void loginThrottleIsShared()
    {
        // Failed sign-ins spread over two instances count together: the fifth one, whichever
        // instance takes it, blocks the name on both.
        TriagedProcess a, b;
        TriagedProcess::Options oa;
        oa.databaseUrl = m_url;
        QVERIFY2(a.start(oa), qPrintable(a.error()));
        TriagedProcess::Options ob;
        ob.databaseUrl = m_url;
        ob.demo = false;
        QVERIFY2(b.start(ob), qPrintable(b.error()));
        TestClient ca(a.baseUrl()), cb(b.baseUrl());
        const auto attempt = [](TestClient &c, const QString &password) {
            return c.post(QStringLiteral("/api/v1/auth/login"),
                QJsonObject {{QStringLiteral("username"), QStringLiteral("agent5")},
                    {QStringLiteral("password"), password}});
        };
        for (int i = 0; i < 5; ++i)
            QCOMPARE(attempt(i % 2 ? cb : ca, QStringLiteral("guess%1").arg(i)).status, 401);
        for (TestClient *c : {&ca, &cb}) {
            const HttpResult r = attempt(*c, QStringLiteral("demo"));
            QCOMPARE(r.status, 429);
            QCOMPARE(r.problemType(), QStringLiteral("login-throttled"));
            QVERIFY(r.header("retry-after").toInt() >= 1);
        }
        // Another name is not affected, on either instance.
        QVERIFY(ca.login(QStringLiteral("agent2")));
        QVERIFY(cb.login(QStringLiteral("agent3")));
        QCOMPARE(a.stop(), 0);
        QCOMPARE(b.stop(), 0);
    }

    void survivesLostDatabaseConnections()
    {
        TriagedProcess server;
        TriagedProcess::Options o;
        o.databaseUrl = m_url;
        QVERIFY2(server.start(o), qPrintable(server.error()));
        TestClient c(server.baseUrl());
        QVERIFY(c.login(QStringLiteral("agent1")));
        SseReader events(c);
        QVERIFY(events.waitFor("event: head"));
        QCOMPARE(c.get(QStringLiteral("/api/v1/changes?limit=5")).status, 200);

        // Kill every server connection to the database (as a PostgreSQL restart would).
        const QUrl url(m_url);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("killer"));
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(
                q.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                      " WHERE datname = current_database() AND pid <> pg_backend_pid()")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("killer"));

        // Any storage failure would be a 503 problem; reads and new transactions reconnect first.
        int failures = 0;
        bool recovered = false;
        for (int i = 0; i < 60 && !recovered; ++i) {
            const HttpResult r = c.get(QStringLiteral("/api/v1/changes?limit=5"));
            if (r.status == 200) {
                recovered = true;
                break;
            }
            QCOMPARE(r.status, 503);
            QCOMPARE(r.header("content-type"), QByteArray("application/problem+json"));
            QVERIFY(!r.header("retry-after").isEmpty());
            ++failures;
        }
        QVERIFY(recovered);
        QCOMPARE(failures, 0); // reads and transaction starts reconnect transparently
        // Writes work again and push still reaches the stream (LISTEN re-armed or polled).
        QCOMPARE(c.post(QStringLiteral("/api/v1/tickets"),
                      QJsonObject {{QStringLiteral("title"), QStringLiteral("after outage")}})
                     .status,
            201);
        const QByteArray head = c.get(QStringLiteral("/api/v1/health"))
                                    .json()
                                    .value(QStringLiteral("head"))
                                    .toString()
                                    .toUtf8();
        QVERIFY(events.waitFor(head, 7000));
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerPgCluster)
#include "tst_server_pg_cluster.moc"
