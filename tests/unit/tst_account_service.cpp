// AccountService's sign-in state machine against an in-process network (tests/support/
// FakeNetwork): wrong passwords, expired tokens, dead networks and hanging replies, without a
// server. The real-server paths are covered by tst_console_sync, tst_triagectl and tst_wall.
#include "FakeNetwork.h"
#include "auth/AccountService.h"
#include "net/ApiClient.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace triage;
using namespace triage::test;
using Answer = FakeNetwork::Answer;

namespace {

const QByteArray kLoginOk = R"({"token":"tok-1","expires_at":"2030-01-01T00:00:00Z",)"
                            R"("user":{"id":"u1","username":"agent1","role":"agent"}})";
const QByteArray kWrongPassword = R"({"type":"invalid-credentials","title":"Wrong username or password"})";
const QByteArray kExpired = R"({"type":"unauthorized","title":"Authentication required"})";

} // namespace

class TestAccountService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeNetwork> m_net;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<AccountService> m_account;

    void make(FakeNetwork::Handler handler)
    {
        m_account.reset();
        m_api.reset();
        m_net = std::make_unique<FakeNetwork>();
        m_net->setHandler(std::move(handler));
        m_api = std::make_unique<ApiClient>(QUrl(u"https://desk.example:8443/"_qs), m_net.get());
        // The file placement keeps the keychain out of a unit test.
        m_account = std::make_unique<AccountService>(
            m_api.get(), m_dir.path(), u"agent1"_qs, CredentialStore::Placement::File);
    }
    QString tokenFile() const { return m_account->credentials().tokenFilePath(); }

private Q_SLOTS:
    void init() { QFile::remove(QDir(m_dir.path()).filePath(u"token"_qs)); }

    void signInKeepsTheTokenAndSendsIt()
    {
        make([](const FakeNetwork::Request &r) {
            if (r.path == u"/api/v1/auth/login"_qs)
                return Answer::json(200, kLoginOk);
            return Answer::json(200, "{}");
        });
        QSignalSpy signedIn(m_account.get(), &AccountService::signedIn);
        m_account->signIn(u"demo"_qs);
        QVERIFY(m_account->isSigningIn());
        QVERIFY(signedIn.isEmpty()); // never inside the call
        QVERIFY(signedIn.wait(5000));
        QCOMPARE(signedIn.first().first().toJsonObject().value(u"id"_qs).toString(), u"u1"_qs);
        QCOMPARE(m_account->tokenStorage(), AccountService::TokenStorage::File);
        QVERIFY(QFile::exists(tokenFile()));
        QCOMPARE(m_net->requests().first().authorization, QByteArray()); // the login sends no token
        QVERIFY(m_net->requests().first().body.contains("\"password\":\"demo\""));
        // The account's client now carries the token.
        bool answered = false;
        m_api->request("GET", u"me"_qs, {}, {}, [&](const ApiResponse &) { answered = true; });
        QTRY_VERIFY(answered);
        QCOMPARE(m_net->requests().last().authorization, QByteArray("Bearer tok-1"));
        // And the next start finds it without the network.
        make([](const FakeNetwork::Request &) {
            return Answer::failure(QNetworkReply::ConnectionRefusedError);
        });
        QSignalSpy restored(m_account.get(), &AccountService::restoreFinished);
        m_account->restore();
        QVERIFY(restored.wait(5000));
        QCOMPARE(restored.first().first().toBool(), true);
        QVERIFY(m_api->hasToken());
        QVERIFY(m_net->requests().isEmpty());
    }

    void wrongPasswordIsRefusedNotAnExpiry()
    {
        make([](const FakeNetwork::Request &) { return Answer::json(401, kWrongPassword); });
        QSignalSpy failed(m_account.get(), &AccountService::signInFailed);
        QSignalSpy expired(m_account.get(), &AccountService::authRequired);
        QSignalSpy unauthorized(m_api.get(), &ApiClient::unauthorized);
        m_account->signIn(u"wrong"_qs);
        QVERIFY(failed.wait(5000));
        const auto error = failed.first().first().value<ApiError>();
        QCOMPARE(error.httpStatus, 401);
        QCOMPARE(error.type, u"invalid-credentials"_qs);
        QCOMPARE(error.message(), u"Wrong username or password"_qs);
        // A refused password must not look like an expired session (the console would ask twice).
        QCOMPARE(expired.count(), 0);
        QCOMPARE(unauthorized.count(), 0);
        QVERIFY(!m_api->hasToken());
        QVERIFY(!QFile::exists(tokenFile()));
        QVERIFY(!m_account->isSigningIn());
    }

    void deadNetworkIsReportedAsSuch()
    {
        make([](const FakeNetwork::Request &) {
            return Answer::failure(QNetworkReply::ConnectionRefusedError);
        });
        QSignalSpy failed(m_account.get(), &AccountService::signInFailed);
        m_account->signIn(u"demo"_qs);
        QVERIFY(failed.wait(5000));
        const auto error = failed.first().first().value<ApiError>();
        QVERIFY(error.isNetwork());
        QVERIFY2(error.message().startsWith(u"Server unreachable"_qs), qPrintable(error.message()));
    }

    void answerWithoutTokenIsNoSignIn()
    {
        make([](const FakeNetwork::Request &) { return Answer::json(200, R"({"user":{}})"); });
        QSignalSpy failed(m_account.get(), &AccountService::signInFailed);
        m_account->signIn(u"demo"_qs);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<ApiError>().httpStatus, 502);
        QVERIFY(!m_api->hasToken());
    }

    void hangingLoginTimesOutAndIsNotSentTwice()
    {
        make([](const FakeNetwork::Request &) { return Answer::hanging(); });
        m_account->setLoginTimeoutMs(200);
        QSignalSpy failed(m_account.get(), &AccountService::signInFailed);
        QSignalSpy signedIn(m_account.get(), &AccountService::signedIn);
        m_account->signIn(u"demo"_qs);
        m_account->signIn(u"demo"_qs); // a second press while the first is under way
        QCOMPARE(m_net->count("POST", u"/api/v1/auth/login"_qs), 1);
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().first().value<ApiError>().isNetwork());
        QCOMPARE(signedIn.count(), 0);
        QVERIFY(!m_account->isSigningIn());
        // It can be tried again.
        m_net->setHandler([](const FakeNetwork::Request &) { return Answer::json(200, kLoginOk); });
        m_account->signIn(u"demo"_qs);
        QVERIFY(signedIn.wait(5000));
    }

    void expiredTokenAsksAgainThenSignsInAfresh()
    {
        int logins = 0;
        make([&logins](const FakeNetwork::Request &r) {
            if (r.path == u"/api/v1/auth/login"_qs) {
                ++logins;
                return Answer::json(200, QByteArray(kLoginOk).replace("tok-1", "tok-2"));
            }
            if (r.authorization == "Bearer tok-2")
                return Answer::json(200, "{}");
            return Answer::json(401, kExpired);
        });
        QFile f(tokenFile());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("tok-old");
        f.close();
        QSignalSpy restored(m_account.get(), &AccountService::restoreFinished);
        m_account->restore();
        QVERIFY(restored.wait(5000));
        QVERIFY(restored.first().first().toBool());

        QSignalSpy expired(m_account.get(), &AccountService::authRequired);
        std::optional<ApiResponse> answer;
        m_api->request("GET", u"me"_qs, {}, {}, [&](const ApiResponse &r) { answer = r; });
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(answer->httpStatus, 401);
        QCOMPARE(expired.count(), 1);
        m_account->forgetToken();
        QVERIFY(!m_api->hasToken());
        QVERIFY(!QFile::exists(tokenFile()));

        QSignalSpy signedIn(m_account.get(), &AccountService::signedIn);
        m_account->signIn(u"demo"_qs);
        QVERIFY(signedIn.wait(5000));
        QCOMPARE(logins, 1);
        answer.reset();
        m_api->request("GET", u"me"_qs, {}, {}, [&](const ApiResponse &r) { answer = r; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(answer->ok());
        QCOMPARE(expired.count(), 1);
    }

    void signOutRevokesAndForgets()
    {
        make([](const FakeNetwork::Request &r) {
            if (r.path == u"/api/v1/auth/login"_qs)
                return Answer::json(200, kLoginOk);
            Answer a = Answer::json(204, {});
            a.delayMs = 50; // the storage answers first; signedOut waits for both
            return a;
        });
        QSignalSpy signedIn(m_account.get(), &AccountService::signedIn);
        m_account->signIn(u"demo"_qs);
        QVERIFY(signedIn.wait(5000));
        QVERIFY(QFile::exists(tokenFile()));
        QSignalSpy signedOut(m_account.get(), &AccountService::signedOut);
        m_account->signOut();
        QVERIFY(!m_api->hasToken());
        QVERIFY(signedOut.wait(5000));
        QCOMPARE(signedOut.count(), 1);
        QCOMPARE(m_net->count("POST", u"/api/v1/auth/logout"_qs), 1);
        QCOMPARE(m_net->requests().last().authorization, QByteArray("Bearer tok-1"));
        QVERIFY(!QFile::exists(tokenFile()));
    }
};

QTEST_GUILESS_MAIN(TestAccountService)
#include "tst_account_service.moc"
