// GET /api/v1/events: Server-Sent Events announcing the change head, heartbeats, many idle streams
// without pinning threads, and a clean shutdown with streams open.
#include "ServerTestBase.h"
#include "SseReader.h"

#include <QElapsedTimer>

using namespace triage::test;

class TestServerEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headEventsAndHeartbeats()
    {
        TriagedProcess server;
        TriagedProcess::Options o;
        o.env.insert(QStringLiteral("TRIAGE_SSE_HEARTBEAT_MS"), QStringLiteral("300"));
        TRIAGE_START_SERVER(server, o);
        TestClient c(server.baseUrl());
        QVERIFY(c.login(QStringLiteral("agent1")));

        TestClient anon(server.baseUrl());
        QCOMPARE(anon.get(QStringLiteral("/api/v1/events")).status, 401);

        SseReader events(c);
        QVERIFY(events.waitFor("event: head\ndata: {\"cursor\":\""));
        QCOMPARE(events.status(), 200);
        QVERIFY(events.waitFor("event: heartbeat", 3000));

        // A write moves the head; the stream announces it quickly.
        QElapsedTimer t;
        t.start();
        const HttpResult r = c.post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {{QStringLiteral("title"), QStringLiteral("push me")}});
        QCOMPARE(r.status, 201);
        const QByteArray head = c.get(QStringLiteral("/api/v1/health"))
                                    .json()
                                    .value(QStringLiteral("head"))
                                    .toString()
                                    .toUtf8();
        QVERIFY(events.waitFor("\"cursor\":\"" + head + '"', 3000));
        qInfo("push latency after the write returned: %lld ms", t.elapsed());
    }

    void manyIdleStreamsDoNotBlockRequests()
    {
        TriagedProcess server;
        TriagedProcess::Options o;
        o.extraArgs = {QStringLiteral("--workers"), QStringLiteral("2")};
        TRIAGE_START_SERVER(server, o);
        TestClient c(server.baseUrl());
        QVERIFY(c.login(QStringLiteral("agent1")));
        // More streams than workers and poll threads: streams are suspended connections, not threads.
        std::vector<std::unique_ptr<TestClient>> clients;
        std::vector<std::unique_ptr<SseReader>> streams;
        for (int i = 0; i < 40; ++i) {
            clients.push_back(std::make_unique<TestClient>(server.baseUrl()));
            clients.back()->setToken(c.token());
            streams.push_back(std::make_unique<SseReader>(*clients.back()));
        }
        for (auto &s : streams)
            QVERIFY(s->waitFor("event: head"));
        QElapsedTimer t;
        t.start();
        QCOMPARE(c.get(QStringLiteral("/api/v1/changes?limit=10")).status, 200);
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(c.post(QStringLiteral("/api/v1/tickets"),
                      QJsonObject {{QStringLiteral("title"), QStringLiteral("wake all")}})
                     .status,
            201);
        const QByteArray head = c.get(QStringLiteral("/api/v1/health"))
                                    .json()
                                    .value(QStringLiteral("head"))
                                    .toString()
                                    .toUtf8();
        for (auto &s : streams)
            QVERIFY(s->waitFor(head, 3000));
        // Shutdown with 40 open streams: graceful, exit code 0.
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerEvents)
#include "tst_server_events.moc"
