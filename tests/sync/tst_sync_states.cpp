// SyncEngine's online/offline/auth state machine against an in-process network
// (tests/support/FakeNetwork): how each kind of failure is classified, without a server. What the
// engine does with real answers is tst_sync's job (a real triaged).
#include "FakeNetwork.h"
#include "net/ApiClient.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "sync/SyncEngine.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace triage;
using namespace triage::test;
using Answer = FakeNetwork::Answer;

class TestSyncStates : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<LocalCache> m_store;
    std::unique_ptr<FakeNetwork> m_net;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<SyncEngine> m_engine;

    void make(Answer answer, int timeoutMs = 30000)
    {
        m_engine.reset();
        m_api.reset();
        m_store.reset();
        m_db = CacheDatabase::open(m_dir.filePath(u"c%1.db"_qs.arg(++m_n)), nullptr, nullptr);
        QVERIFY(m_db);
        m_store = std::make_unique<LocalCache>(m_db.get());
        m_net = std::make_unique<FakeNetwork>();
        m_net->setHandler([answer](const FakeNetwork::Request &) { return answer; });
        m_api = std::make_unique<ApiClient>(QUrl(u"http://desk.invalid"_qs), m_net.get());
        m_api->setToken(u"tok"_qs);
        m_api->setTimeoutMs(timeoutMs);
        m_engine = std::make_unique<SyncEngine>(m_store.get(), m_api.get());
    }

    // runToIdle's answer (it never answers inside the call).
    bool runToIdle(int timeoutMs = 10000)
    {
        QSignalSpy idle(m_engine.get(), &SyncEngine::idleReached);
        m_engine->runToIdle(timeoutMs);
        if (!idle.isEmpty())
            qFatal("runToIdle answered inside the call");
        if (!idle.wait(timeoutMs + 5000))
            qFatal("runToIdle never answered");
        return idle.first().first().toBool();
    }

private Q_SLOTS:
    void expiredTokenNeedsSignIn()
    {
        make(Answer::json(401, R"({"type":"unauthorized","title":"Authentication required"})"));
        QSignalSpy auth(m_engine.get(), &SyncEngine::authRequired);
        QVERIFY(!runToIdle());
        QCOMPARE(m_engine->state(), SyncEngine::State::AuthRequired);
        QVERIFY(auth.count() >= 1); // the client's 401 signal and the failed cycle may both say so
        QCOMPARE(m_net->count("GET", u"/api/v1/changes"_qs), 1);
    }

    void deadNetworkIsOffline()
    {
        make(Answer::failure(QNetworkReply::ConnectionRefusedError));
        QVERIFY(!runToIdle());
        QCOMPARE(m_engine->state(), SyncEngine::State::Offline);
        QVERIFY2(
            m_engine->lastError().startsWith(u"Server unreachable"_qs), qPrintable(m_engine->lastError()));
    }

    void serverWithoutBackendIsOffline()
    {
        Answer a = Answer::json(503, R"({"type":"unavailable","title":"Service Unavailable"})");
        a.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("30")});
        make(a);
        QVERIFY(!runToIdle());
        QCOMPARE(m_engine->state(), SyncEngine::State::Offline);
    }

    void fullServerDiskIsAFailureNotOffline()
    {
        make(Answer::json(507, R"({"type":"storage-full","title":"Insufficient Storage"})"));
        QVERIFY(!runToIdle());
        QCOMPARE(m_engine->state(), SyncEngine::State::Failed);
        QVERIFY2(
            m_engine->lastError().contains(u"Insufficient Storage"_qs), qPrintable(m_engine->lastError()));
    }

    void hangingReplyTimesOutAsOffline()
    {
        make(Answer::hanging(), 200);
        QVERIFY(!runToIdle());
        QCOMPARE(m_engine->state(), SyncEngine::State::Offline);
    }

    void runToIdleGivesUpAtItsDeadline()
    {
        make(Answer::hanging(), 0); // no transfer timeout: only runToIdle's own deadline ends it
        QElapsedTimer t;
        t.start();
        QVERIFY(!runToIdle(1000));
        QVERIFY(t.elapsed() >= 900);
        QCOMPARE(m_engine->lastError(), u"Sync did not finish within 1 s."_qs);
    }
};

QTEST_GUILESS_MAIN(TestSyncStates)
#include "tst_sync_states.moc"
