// GET /api/v1/reports/... against a real triaged: role scopes, the property "server and CLI agree"
// (the server's summary equals `triagectl report --input` over the server's own exported history,
// for several periods and filters), live wall counters after real writes, and drill-down. Two
// stored SLA policies (by group, by priority) make every agreement a per-ticket-policy one, and
// ticketSlaAgrees compares each ticket's met/breached with its own `sla` object.
#include "ServerTestBase.h"
#include "metrics/HistoryJson.h"
#include "metrics/TicketFacts.h"
#include "sla/SlaTypes.h"

#include <QDate>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>

using namespace triage::test;

class TestServerReports : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_admin, m_lead, m_agent1, m_requester;
    QTemporaryDir m_tmp;
    QString m_profile; // an admin's triagectl profile, synced once (serverAndCacheAgree)
    QString m_itPolicy, m_highPolicy;

    std::unique_ptr<TestClient> client(const QString &user)
    {
        auto c = std::make_unique<TestClient>(m_server.baseUrl());
        if (!c->login(user))
            qWarning("login failed for %s", qPrintable(user));
        return c;
    }

    static QString today() { return QDate::currentDate().toString(Qt::ISODate); }
    static QString daysAgo(int n) { return QDate::currentDate().addDays(-n).toString(Qt::ISODate); }

    QJsonObject triagectl(const QStringList &args)
    {
        QProcess p;
        p.start(qEnvironmentVariable("TRIAGE_BIN_DIR") + QStringLiteral("/triagectl"), args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            qWarning("triagectl failed: %s", p.readAllStandardError().constData());
            return {};
        }
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    }

    QString exportHistory()
    {
        const HttpResult h = m_admin->get(QStringLiteral("/api/v1/reports/history"));
        if (h.status != 200)
            return {};
        const QString path = m_tmp.filePath(QStringLiteral("history.json"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(h.body);
        return path;
    }

    QJsonObject wall(TestClient &c)
    {
        const HttpResult r = c.get(QStringLiteral("/api/v1/reports/wall"));
        if (r.status != 200)
            qWarning("wall: %d %s", r.status, r.body.constData());
        return r.json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        TriagedProcess::Options o;
        o.env.insert(QStringLiteral("TRIAGE_DEMO_TICKETS"), QStringLiteral("300"));
        TRIAGE_START_SERVER(m_server, o);
        m_admin = client(QStringLiteral("admin"));
        m_lead = client(QStringLiteral("lead"));
        m_agent1 = client(QStringLiteral("agent1"));
        m_requester = client(QStringLiteral("requester01"));
        QVERIFY(!m_admin->token().isEmpty() && !m_lead->token().isEmpty() && !m_agent1->token().isEmpty()
            && !m_requester->token().isEmpty());
        // Two stored SLA policies: IT's tickets by group, high-priority tickets elsewhere by
        // priority; the rest get the built-in default. Tight targets, so both met and breached occur.
        const auto putPolicy = [this](const QString &name, const QJsonObject &appliesTo, double first,
                                   double resolution) -> QString {
            const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const QJsonObject body {{QStringLiteral("name"), name}, {QStringLiteral("applies_to"), appliesTo},
                {QStringLiteral("policy"),
                    QJsonObject {{QStringLiteral("targets"),
                        QJsonObject {{QStringLiteral("first_response"), first},
                            {QStringLiteral("next_response"), first},
                            {QStringLiteral("resolution"), resolution}}}}}};
            const HttpResult r = m_admin->send(
                "PUT", QStringLiteral("/api/v1/sla-policies/") + id, QJsonDocument(body).toJson());
            if (r.status != 200)
                qWarning("PUT policy: %d %s", r.status, r.body.constData());
            return r.status == 200 ? id : QString();
        };
        m_itPolicy = putPolicy(
            QStringLiteral("IT"), QJsonObject {{QStringLiteral("groups"), QJsonArray {kGroupIt}}}, 30, 240);
        m_highPolicy = putPolicy(QStringLiteral("High"),
            QJsonObject {{QStringLiteral("priorities"), QJsonArray {QStringLiteral("high")}}}, 20, 120);
        QVERIFY(!m_itPolicy.isEmpty() && !m_highPolicy.isEmpty());
    }

    void requestersAreRefused()
    {
        for (const QString &path : {QStringLiteral("/api/v1/reports/summary?from=2026-01-01&to=2026-01-31"),
                 QStringLiteral("/api/v1/reports/wall"),
                 QStringLiteral("/api/v1/reports/tickets?metric=created&from=2026-01-01&to=2026-01-31"),
                 QStringLiteral("/api/v1/reports/history")}) {
            QCOMPARE(m_requester->get(path).status, 403);
        }
        QCOMPARE(m_agent1->get(QStringLiteral("/api/v1/reports/history")).status, 403);
        QCOMPARE(m_lead->get(QStringLiteral("/api/v1/reports/history")).status, 403);
    }

    void badParametersSayWhich()
    {
        HttpResult r = m_admin->get(QStringLiteral("/api/v1/reports/summary?from=2026-01-01"));
        QCOMPARE(r.status, 400);
        QVERIFY(r.json().value(QStringLiteral("detail")).toString().startsWith(QStringLiteral("to:")));
        r = m_admin->get(QStringLiteral("/api/v1/reports/summary?from=yesterday&to=2026-01-01"));
        QCOMPARE(r.status, 400);
        r = m_admin->get(QStringLiteral("/api/v1/reports/summary?from=2026-01-02&to=2026-01-01"));
        QCOMPARE(r.status, 400);
        r = m_admin->get(
            QStringLiteral("/api/v1/reports/summary?from=2026-01-01&to=2026-01-02&priority=urgent"));
        QCOMPARE(r.status, 400);
        r = m_admin->get(
            QStringLiteral("/api/v1/reports/summary?from=2026-01-01&to=2026-01-02&group=Nonexistent"));
        QCOMPARE(r.status, 400);
        r = m_admin->get(
            QStringLiteral("/api/v1/reports/tickets?metric=nonsense&from=2026-01-01&to=2026-01-02"));
        QCOMPARE(r.status, 400);
    }

    void agentsSeeOnlyTheirOwnTickets()
    {
        const QString q = QStringLiteral("/api/v1/reports/summary?from=%1&to=%2").arg(daysAgo(60), today());
        const HttpResult mine = m_agent1->get(q);
        QCOMPARE(mine.status, 200);
        QCOMPARE(mine.json()[QStringLiteral("filter")][QStringLiteral("agent")].toString(),
            QStringLiteral("agent1"));
        QCOMPARE(
            mine.json()[QStringLiteral("scope")][QStringLiteral("role")].toString(), QStringLiteral("agent"));
        const HttpResult asAdmin = m_admin->get(q + QStringLiteral("&agent=agent1"));
        QCOMPARE(asAdmin.status, 200);
        QJsonObject a = mine.json(), b = asAdmin.json();
        a.remove(QStringLiteral("scope"));
        b.remove(QStringLiteral("scope"));
        QCOMPARE(a, b);
        QCOMPARE(m_agent1->get(q + QStringLiteral("&agent=agent2")).status, 403);
        const QJsonObject w = wall(*m_agent1);
        for (const QJsonValue &v : w[QStringLiteral("at_risk")].toArray()) {
            QCOMPARE(v[QStringLiteral("assignee")].toString(), QStringLiteral("agent1"));
            QCOMPARE(v[QStringLiteral("assignee_name")].toString(), QStringLiteral("Денис Орлов"));
        }
        QVERIFY(!w[QStringLiteral("agents")].toArray().isEmpty());
        for (const QJsonValue &v : w[QStringLiteral("agents")].toArray()) {
            QCOMPARE(v[QStringLiteral("agent")].toString(), QStringLiteral("agent1"));
            // The wall shows people as the console does.
            QCOMPARE(v[QStringLiteral("name")].toString(), QStringLiteral("Денис Орлов"));
        }
    }

    void leadsSeeTheirGroups()
    {
        const QString q = QStringLiteral("/api/v1/reports/summary?from=%1&to=%2").arg(daysAgo(60), today());
        const HttpResult r = m_lead->get(q);
        QCOMPARE(r.status, 200);
        const QJsonArray groups = r.json()[QStringLiteral("scope")][QStringLiteral("groups")].toArray();
        QVERIFY(!groups.isEmpty());
        const double leadCreated = r.json()[QStringLiteral("volume")][QStringLiteral("created")].toDouble();
        double sum = 0;
        for (const QJsonValue &g : groups) {
            const HttpResult one = m_lead->get(
                q + QStringLiteral("&group=") + QString::fromUtf8(QUrl::toPercentEncoding(g.toString())));
            QCOMPARE(one.status, 200);
            sum += one.json()[QStringLiteral("volume")][QStringLiteral("created")].toDouble();
        }
        QCOMPARE(sum, leadCreated);
        // A group outside the lead's scope is refused, and the whole organisation is at least as big.
        const HttpResult all = m_admin->get(q);
        QVERIFY(all.json()[QStringLiteral("volume")][QStringLiteral("created")].toDouble() >= leadCreated);
        for (const QJsonValue &g : all.json()[QStringLiteral("agents")].toArray())
            Q_UNUSED(g);
        QCOMPARE(m_lead->get(q + QStringLiteral("&group=none")).status, 403);
    }

    // The property: the server's numbers equal triagectl's over the same history.
    void serverAndCliAgree_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("cli");
        QTest::newRow("60 days") << QStringLiteral("from=%1&to=%2").arg(daysAgo(60), today())
                                 << QStringList {QStringLiteral("--from"), daysAgo(60),
                                        QStringLiteral("--to"), today()};
        QTest::newRow("one week") << QStringLiteral("from=%1&to=%2").arg(daysAgo(13), daysAgo(7))
                                  << QStringList {QStringLiteral("--from"), daysAgo(13),
                                         QStringLiteral("--to"), daysAgo(7)};
        QTest::newRow("IT") << QStringLiteral("from=%1&to=%2&group=IT").arg(daysAgo(30), today())
                            << QStringList {QStringLiteral("--from"), daysAgo(30), QStringLiteral("--to"),
                                   today(), QStringLiteral("--group"), QStringLiteral("IT")};
        QTest::newRow("high, email")
            << QStringLiteral("from=%1&to=%2&priority=high&channel=email").arg(daysAgo(45), today())
            << QStringList {QStringLiteral("--from"), daysAgo(45), QStringLiteral("--to"), today(),
                   QStringLiteral("--priority"), QStringLiteral("high"), QStringLiteral("--channel"),
                   QStringLiteral("email")};
        QTest::newRow("agent2 incidents")
            << QStringLiteral("from=%1&to=%2&agent=agent2&type=incident").arg(daysAgo(60), today())
            << QStringList {QStringLiteral("--from"), daysAgo(60), QStringLiteral("--to"), today(),
                   QStringLiteral("--agent"), QStringLiteral("agent2"), QStringLiteral("--type"),
                   QStringLiteral("incident")};
    }

    void serverAndCliAgree()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, cli);
        // Freeze the report instant so both sides see exactly the same events.
        const QString asOf = QDateTime::currentDateTimeUtc().addSecs(-1).toString(Qt::ISODateWithMs);
        const HttpResult r = m_admin->get(QStringLiteral("/api/v1/reports/summary?") + query
            + QStringLiteral("&as_of=") + QString::fromUtf8(QUrl::toPercentEncoding(asOf)));
        QCOMPARE(r.status, 200);
        const QString path = exportHistory();
        QVERIFY(!path.isEmpty());
        const QJsonObject local
            = triagectl(QStringList {QStringLiteral("report"), QStringLiteral("--input"), path,
                            QStringLiteral("--json"), QStringLiteral("--as-of"), asOf}
                + cli);
        QVERIFY(!local.isEmpty());
        QJsonObject server = r.json();
        server.remove(QStringLiteral("scope"));
        if (server != local) {
            for (auto it = server.begin(); it != server.end(); ++it) {
                if (it.value() != local.value(it.key()))
                    qWarning("differs: %s\nserver %s\ncli    %s", qPrintable(it.key()),
                        QJsonDocument(QJsonObject {{it.key(), it.value()}})
                            .toJson(QJsonDocument::Compact)
                            .left(600)
                            .constData(),
                        QJsonDocument(QJsonObject {{it.key(), local.value(it.key())}})
                            .toJson(QJsonDocument::Compact)
                            .left(600)
                            .constData());
            }
        }
        QCOMPARE(server, local);
        QVERIFY(server[QStringLiteral("volume")][QStringLiteral("created")].toDouble() > 0
            || query.contains(QStringLiteral("agent2")));
    }

    // The same property from the other side: a client's synced cache (event logs, users, groups,
    // calendars, policies) gives `triagectl report` exactly the server's numbers, offline.
    void serverAndCacheAgree_data() { serverAndCliAgree_data(); }

    void serverAndCacheAgree()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, cli);
        if (m_profile.isEmpty()) {
            m_profile = m_tmp.filePath(QStringLiteral("admin-profile"));
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("TRIAGE_PASSWORD"), QStringLiteral("demo"));
            for (const QStringList &args :
                {QStringList {QStringLiteral("login"), m_server.baseUrl().toString(),
                     QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--token-file")},
                    QStringList {QStringLiteral("sync")}}) {
                QProcess p;
                p.setProcessEnvironment(env);
                p.start(qEnvironmentVariable("TRIAGE_BIN_DIR") + QStringLiteral("/triagectl"),
                    QStringList {QStringLiteral("--profile"), m_profile} + args);
                QVERIFY(p.waitForFinished(60000));
                QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
            }
        }
        const QString asOf = QDateTime::currentDateTimeUtc().addSecs(-1).toString(Qt::ISODateWithMs);
        const HttpResult r = m_admin->get(QStringLiteral("/api/v1/reports/summary?") + query
            + QStringLiteral("&as_of=") + QString::fromUtf8(QUrl::toPercentEncoding(asOf)));
        QCOMPARE(r.status, 200);
        const QJsonObject cached = triagectl(
            QStringList {QStringLiteral("--offline"), QStringLiteral("--profile"), m_profile,
                QStringLiteral("report"), QStringLiteral("--json"), QStringLiteral("--as-of"), asOf}
            + cli);
        QVERIFY(!cached.isEmpty());
        QJsonObject server = r.json();
        server.remove(QStringLiteral("scope"));
        for (auto it = server.begin(); it != server.end(); ++it) {
            if (it.value() != cached.value(it.key()))
                qWarning("differs: %s\nserver %s\ncache  %s", qPrintable(it.key()),
                    QJsonDocument(QJsonObject {{it.key(), it.value()}})
                        .toJson(QJsonDocument::Compact)
                        .left(600)
                        .constData(),
                    QJsonDocument(QJsonObject {{it.key(), cached.value(it.key())}})
                        .toJson(QJsonDocument::Compact)
                        .left(600)
                        .constData());
        }
        QCOMPARE(server, cached);
    }

    // Per ticket: the metrics' outcome of each SLA metric's latest cycle (computed by core/metrics
    // from the server's exported history, which serverAndCliAgree shows is the server's store)
    // equals the ticket's own `sla` object from GET /api/v1/tickets/{id}, and so does the policy.
    void ticketSlaAgrees()
    {
        const QString path = exportHistory();
        QVERIFY(!path.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        const auto store = triage::readHistoryJson(file.readAll(), &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(store->size() >= 300);
        const auto outcome = [](const triage::TicketFacts &f, triage::SlaMetric metric) -> QString {
            QString out = QStringLiteral("none");
            for (const triage::TicketFacts::SlaCycle &c : f.cycles) {
                if (c.metric != metric)
                    continue;
                if (c.completed)
                    out = c.breachAt != triage::TicketFacts::kNone && c.breachAt < c.stoppedAt
                        ? QStringLiteral("breached")
                        : QStringLiteral("met");
                else
                    out = c.stoppedAt != triage::TicketFacts::kNone ? QStringLiteral("cancelled")
                                                                    : QStringLiteral("running");
            }
            return out;
        };
        QHash<QString, int> byPolicy, byOutcome;
        for (qsizetype i = 0; i < store->size(); ++i) {
            const QString id = store->ticket(i).id;
            const HttpResult t = m_admin->get(QStringLiteral("/api/v1/tickets/") + id);
            QCOMPARE(t.status, 200);
            const QJsonObject sla = t.json()[QStringLiteral("sla")].toObject();
            const QString policy = sla[QStringLiteral("policy_id")].toString();
            QCOMPARE(store->policyIdOf(i), policy);
            ++byPolicy[policy];
            for (const triage::SlaMetric m : triage::kSlaMetrics) {
                const QJsonObject timer = sla[triage::toWire(m)].toObject();
                const QString state = timer[QStringLiteral("state")].toString();
                QString expected = QStringLiteral("none");
                if (state == QStringLiteral("stopped"))
                    expected = timer[QStringLiteral("breached")].toBool() ? QStringLiteral("breached")
                                                                          : QStringLiteral("met");
                else if (state == QStringLiteral("cancelled"))
                    expected = state;
                else if (!state.isEmpty())
                    expected = QStringLiteral("running"); // running or paused
                const QString actual = outcome(store->facts(i), m);
                QVERIFY2(actual == expected,
                    qPrintable(QStringLiteral("%1 %2: metrics %3, sla %4")
                                   .arg(id, triage::toWire(m), actual, expected)));
                ++byOutcome[expected];
            }
        }
        qInfo("tickets by policy: IT %d, high %d, default %d; cycles met %d, breached %d",
            byPolicy.value(m_itPolicy), byPolicy.value(m_highPolicy), byPolicy.value(QString()),
            byOutcome.value(QStringLiteral("met")), byOutcome.value(QStringLiteral("breached")));
        // Every kind of selection and outcome occurred, so the comparison could have failed.
        QVERIFY(byPolicy.value(m_itPolicy) > 0 && byPolicy.value(m_highPolicy) > 0
            && byPolicy.value(QString()) > 0);
        QVERIFY(
            byOutcome.value(QStringLiteral("met")) > 0 && byOutcome.value(QStringLiteral("breached")) > 0);
    }

    // Real writes move the wall at once: a ticket created, answered, resolved and rated.
    void wallFollowsWrites()
    {
        QString agent1Id;
        for (const QJsonValue &u :
            m_admin->get(QStringLiteral("/api/v1/users")).json()[QStringLiteral("users")].toArray()) {
            if (u[QStringLiteral("username")].toString() == QStringLiteral("agent1"))
                agent1Id = u[QStringLiteral("id")].toString();
        }
        QVERIFY(!agent1Id.isEmpty());
        const QJsonObject before = wall(*m_admin);
        const QJsonObject todayBefore = before[QStringLiteral("today")].toObject();
        HttpResult c = m_agent1->post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {{QStringLiteral("title"), QStringLiteral("Printer on floor 3 jams")},
                {QStringLiteral("group_id"), kGroupIt}, {QStringLiteral("assignee_id"), agent1Id},
                {QStringLiteral("priority"), QStringLiteral("critical")}});
        QCOMPARE(c.status, 201);
        const QString id = c.json()[QStringLiteral("id")].toString();
        QJsonObject mid = wall(*m_admin);
        QCOMPARE(mid[QStringLiteral("today")][QStringLiteral("created")].toDouble(),
            todayBefore[QStringLiteral("created")].toDouble() + 1);
        QCOMPARE(mid[QStringLiteral("open")].toDouble(), before[QStringLiteral("open")].toDouble() + 1);
        QCOMPARE(mid[QStringLiteral("open_by_priority")][QStringLiteral("critical")].toDouble(),
            before[QStringLiteral("open_by_priority")][QStringLiteral("critical")].toDouble() + 1);
        bool listed = false;
        for (const QJsonValue &v : mid[QStringLiteral("at_risk")].toArray())
            listed = listed || v[QStringLiteral("ticket_id")].toString() == id;
        QVERIFY2(listed || mid[QStringLiteral("at_risk")].toArray().size() == 40,
            "a new critical ticket has a running timer");

        QCOMPARE(m_agent1
                     ->post(QStringLiteral("/api/v1/tickets/%1/comments").arg(id),
                         QJsonObject {{QStringLiteral("body"), QStringLiteral("Replaced the fuser.")},
                             {QStringLiteral("public"), true}})
                     .status,
            201);
        for (const QString &status : {QStringLiteral("in_progress"), QStringLiteral("resolved")}) {
            const HttpResult t = m_agent1->get(QStringLiteral("/api/v1/tickets/") + id);
            const HttpResult p = m_agent1->patch(QStringLiteral("/api/v1/tickets/") + id,
                QJsonObject {{QStringLiteral("status"), status}}, {{"If-Match", t.header("etag")}});
            QVERIFY2(p.status == 200, p.body.constData());
        }
        const QJsonObject after = wall(*m_admin);
        const QJsonObject todayAfter = after[QStringLiteral("today")].toObject();
        QCOMPARE(todayAfter[QStringLiteral("resolved")].toDouble(),
            todayBefore[QStringLiteral("resolved")].toDouble() + 1);
        // Its first response (the reply) and resolution, both met under the IT policy (30 / 240 min).
        QCOMPARE(todayAfter[QStringLiteral("sla_met")].toDouble(),
            todayBefore[QStringLiteral("sla_met")].toDouble() + 2);
        QCOMPARE(after[QStringLiteral("open")].toDouble(), before[QStringLiteral("open")].toDouble());
        for (const QJsonValue &v : after[QStringLiteral("at_risk")].toArray())
            QVERIFY(v[QStringLiteral("ticket_id")].toString() != id);

        // Drill-down: the new ticket is among today's created and resolved tickets.
        for (const QString &metric : {QStringLiteral("created"), QStringLiteral("resolved")}) {
            const HttpResult d = m_admin->get(
                QStringLiteral("/api/v1/reports/tickets?metric=%1&from=%2&to=%2").arg(metric, today()));
            QCOMPARE(d.status, 200);
            bool found = false;
            for (const QJsonValue &v : d.json()[QStringLiteral("tickets")].toArray()) {
                if (v[QStringLiteral("id")].toString() == id) {
                    found = true;
                    QCOMPARE(
                        v[QStringLiteral("title")].toString(), QStringLiteral("Printer on floor 3 jams"));
                }
            }
            QVERIFY2(found, qPrintable(metric));
        }
        // The deleted ticket stops counting.
        QCOMPARE(m_admin->del(QStringLiteral("/api/v1/tickets/") + id).status, 204);
        QCOMPARE(wall(*m_admin)[QStringLiteral("today")][QStringLiteral("created")].toDouble(),
            todayBefore[QStringLiteral("created")].toDouble());
    }

    void wallIsFast()
    {
        QList<double> ms;
        for (int i = 0; i < 30; ++i) {
            QElapsedTimer t;
            t.start();
            QCOMPARE(m_admin->get(QStringLiteral("/api/v1/reports/wall")).status, 200);
            ms << double(t.nsecsElapsed()) / 1e6;
        }
        std::sort(ms.begin(), ms.end());
        qInfo("wall round trip median %.2f ms, max %.2f ms", ms.at(ms.size() / 2), ms.last());
        QVERIFY(ms.at(ms.size() / 2) < 50); // generous: a shared 2-core CI machine
    }
};

QTEST_GUILESS_MAIN(TestServerReports)
#include "tst_server_reports.moc"
