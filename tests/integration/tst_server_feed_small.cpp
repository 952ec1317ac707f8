// The change feed skips the five small tables (users, groups, boards, views, config documents) when
// `sync_head.small_seq`, kept by triggers, says none of them changed after the cursor
// (ChangeFeed.cpp). This proves a small change is never skipped: after the feed and the server's
// hint have moved past every small change, each kind of small write still arrives on the next page;
// small_seq always equals the tables' newest seq; a database from before the column gets it filled
// at start; and on PostgreSQL, a small change written through another instance reaches the first
// instance's feed although that instance never saw it. Runs on SQLite and PostgreSQL.
#include "ServerTestBase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace triage::test;

class TestServerFeedSmall : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    TriagedProcess::Options m_options;
    std::unique_ptr<TestClient> m_admin;
    QString m_connection = QStringLiteral("small-check");

    void startServer()
    {
        QVERIFY2(m_server.start(m_options), qPrintable(m_server.error()));
        if (m_options.databaseUrl.isEmpty())
            m_options.dataDir = m_server.dataDir();
        m_admin = signedInClient(m_server.baseUrl(), QStringLiteral("admin"));
        QVERIFY(!m_admin->token().isEmpty());
    }

    QSqlDatabase database()
    {
        return serverDatabase(m_connection, m_options.databaseUrl, m_server.dataDir());
    }

    void closeDatabase() { closeServerDatabase(m_connection); }

    qint64 scalar(const QString &statement)
    {
        QSqlQuery q(database());
        if (!q.exec(statement) || !q.next()) {
            qWarning("%s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
            return -1;
        }
        return q.value(0).toLongLong();
    }

    qint64 newestSmallSeq()
    {
        return scalar(QStringLiteral(
            "SELECT MAX(m) FROM (SELECT MAX(seq) AS m FROM users UNION ALL SELECT MAX(seq) FROM team_groups"
            " UNION ALL SELECT MAX(seq) FROM boards UNION ALL SELECT MAX(seq) FROM views"
            " UNION ALL SELECT MAX(seq) FROM config_docs) x"));
    }

    static bool contains(const QJsonArray &changes, const QString &entity, const QString &id)
    {
        for (const QJsonValue &v : changes) {
            if (v[QStringLiteral("entity")].toString() == entity && v[QStringLiteral("id")].toString() == id)
                return true;
        }
        return false;
    }

    // A ticket change, so the next page starts past every small change (and the server's hint
    // follows).
    void moveThePastSmallChanges(QString *cursor)
    {
        QCOMPARE(m_admin
                     ->post(QStringLiteral("/api/v1/tickets"),
                         QJsonObject {{QStringLiteral("title"), QStringLiteral("big change")}})
                     .status,
            201);
        const QJsonArray changes = drainFeed(*m_admin, cursor);
        QVERIFY(!changes.isEmpty());
        for (const QJsonValue &v : changes)
            QCOMPARE(v[QStringLiteral("entity")].toString(), QStringLiteral("ticket"));
        QCOMPARE(drainFeed(*m_admin, cursor).size(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_options.env.insert(QStringLiteral("TRIAGE_DEMO_TICKETS"), QStringLiteral("20"));
        TRIAGE_PG_DATABASE_IF_PG_BUILD(m_options.databaseUrl);
        startServer();
    }

    void cleanupTestCase()
    {
        closeDatabase();
        m_server.stop();
    }

    void everySmallChangeArrives()
    {
        QString cursor;
        const QJsonArray first = drainFeed(*m_admin, &cursor);
        QVERIFY(contains(first, QStringLiteral("user"),
            m_admin->get(QStringLiteral("/api/v1/me")).json().value(QStringLiteral("id")).toString()));
        QCOMPARE(scalar(QStringLiteral("SELECT small_seq FROM sync_head WHERE id = 1")), newestSmallSeq());

        struct Write {
            QByteArray method;
            QString path;
            QJsonObject body;
            QString entity;
        };
        const QString gid = newUuid(), uid = newUuid(), cal = newUuid(), vid = newUuid();
        const QString board = m_admin->get(QStringLiteral("/api/v1/boards"))
                                  .json()
                                  .value(QStringLiteral("boards"))
                                  .toArray()
                                  .at(0)[QStringLiteral("id")]
                                  .toString();
        QVERIFY(!board.isEmpty());
        const QList<Write> writes {
            {"PUT", QStringLiteral("/api/v1/groups/") + gid,
                {{QStringLiteral("id"), gid}, {QStringLiteral("name"), QStringLiteral("Security")}},
                QStringLiteral("group")},
            {"PUT", QStringLiteral("/api/v1/users/") + uid,
                {{QStringLiteral("id"), uid}, {QStringLiteral("username"), QStringLiteral("sec1")},
                    {QStringLiteral("role"), QStringLiteral("agent")},
                    {QStringLiteral("group_ids"), QJsonArray {gid}},
                    {QStringLiteral("password"), QStringLiteral("s3cret-pass")}},
                QStringLiteral("user")},
            {"PUT", QStringLiteral("/api/v1/views/") + vid,
                {{QStringLiteral("id"), vid}, {QStringLiteral("name"), QStringLiteral("Mine")},
                    {QStringLiteral("filter"), QJsonObject {}}},
                QStringLiteral("view")},
            {"PUT", QStringLiteral("/api/v1/calendars/") + cal,
                {{QStringLiteral("name"), QStringLiteral("Office")},
                    {QStringLiteral("calendar"),
                        QJsonObject {{QStringLiteral("timezone"), QStringLiteral("Europe/Moscow")}}}},
                QStringLiteral("calendar")},
            {"DELETE", QStringLiteral("/api/v1/boards/") + board, {}, QStringLiteral("board")},
        };
        for (const Write &w : writes) {
            moveThePastSmallChanges(&cursor);
            const qint64 before = scalar(QStringLiteral("SELECT small_seq FROM sync_head WHERE id = 1"));
            const HttpResult r
                = m_admin->send(w.method, w.path, w.body.isEmpty() ? QByteArray() : toJson(w.body));
            QVERIFY2(r.status == 200 || r.status == 204, r.body.constData());
            const QString id = w.path.section(u'/', -1);
            const QJsonArray next = drainFeed(*m_admin, &cursor);
            QVERIFY2(contains(next, w.entity, id), qPrintable(w.entity));
            const qint64 after = scalar(QStringLiteral("SELECT small_seq FROM sync_head WHERE id = 1"));
            QVERIFY2(after > before, qPrintable(w.entity));
            QCOMPARE(after, newestSmallSeq());
        }
    }

    // Another instance on the same PostgreSQL writes a small row this instance never saw.
    void anotherInstancesSmallChangeArrives()
    {
        if (m_options.databaseUrl.isEmpty())
            QSKIP("several instances need PostgreSQL");
        QString cursor;
        drainFeed(*m_admin, &cursor);
        moveThePastSmallChanges(&cursor);
        TriagedProcess other;
        TriagedProcess::Options o = m_options;
        o.demo = false;
        QVERIFY2(other.start(o), qPrintable(other.error()));
        TestClient viaOther(other.baseUrl());
        viaOther.setToken(m_admin->token());
        const QString gid = newUuid();
        QCOMPARE(viaOther
                     .send("PUT", QStringLiteral("/api/v1/groups/") + gid,
                         toJson({{QStringLiteral("id"), gid},
                             {QStringLiteral("name"), QStringLiteral("Elsewhere")}}))
                     .status,
            200);
        QVERIFY(contains(drainFeed(*m_admin, &cursor), QStringLiteral("group"), gid));
        QCOMPARE(other.stop(), 0);
    }

    // A database from before `small_seq`: triaged adds it, filled, with its triggers, at start.
    void upgradeFillsSmallSeq()
    {
        QCOMPARE(m_server.stop(), 0);
        const QStringList tables {QStringLiteral("users"), QStringLiteral("team_groups"),
            QStringLiteral("boards"), QStringLiteral("views"), QStringLiteral("config_docs")};
        QSqlQuery q(database());
        for (const QString &t : tables) {
            const QStringList drops = m_options.databaseUrl.isEmpty()
                ? QStringList {QStringLiteral("DROP TRIGGER %1_small_seq_i").arg(t),
                    QStringLiteral("DROP TRIGGER %1_small_seq_u").arg(t)}
                : QStringList {QStringLiteral("DROP TRIGGER %1_small_seq ON %1").arg(t)};
            for (const QString &d : drops)
                QVERIFY2(q.exec(d), qPrintable(q.lastError().text()));
        }
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE sync_head DROP COLUMN small_seq")),
            qPrintable(q.lastError().text()));
        q.finish();
        closeDatabase();
        startServer();
        QCOMPARE(scalar(QStringLiteral("SELECT small_seq FROM sync_head WHERE id = 1")), newestSmallSeq());
        QString cursor;
        drainFeed(*m_admin, &cursor);
        moveThePastSmallChanges(&cursor);
        const QString gid = newUuid();
        QCOMPARE(
            m_admin
                ->send("PUT", QStringLiteral("/api/v1/groups/") + gid,
                    toJson({{QStringLiteral("id"), gid}, {QStringLiteral("name"), QStringLiteral("After")}}))
                .status,
            200);
        QVERIFY(contains(drainFeed(*m_admin, &cursor), QStringLiteral("group"), gid));
        QCOMPARE(scalar(QStringLiteral("SELECT small_seq FROM sync_head WHERE id = 1")), newestSmallSeq());
    }
};

QTEST_GUILESS_MAIN(TestServerFeedSmall)
#include "tst_server_feed_small.moc"
