// The triaged command line: user add/list/disable, the one-line start banner, one server per
// SQLite directory, TLS, and usage errors.
#include "ServerTestBase.h"

#include <QProcess>
#include <QSslError>
#include <QTemporaryDir>

using namespace triage::test;

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run triaged(const QStringList &args, const QHash<QString, QString> &env = {}, const QByteArray &input = {})
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("TRIAGE_PWHASH_OPSLIMIT"), QStringLiteral("1"));
    e.insert(QStringLiteral("TRIAGE_PWHASH_MEMLIMIT"), QStringLiteral("8192"));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    p.start(TriagedProcess::binary(), args);
    p.waitForStarted();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return Run {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError()};
}

} // namespace

class TestServerCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void userCommands()
    {
        QTemporaryDir dir;
        const QString data = dir.path();
        // Seed groups through a first demo start, then manage users offline.
        {
            TriagedProcess s;
            TriagedProcess::Options o;
            o.dataDir = data;
            QVERIFY2(s.start(o), qPrintable(s.error()));
            QCOMPARE(s.stop(), 0);
        }
        Run r = triaged({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--data"), data,
                            QStringLiteral("bob"), QStringLiteral("--role"), QStringLiteral("agent"),
                            QStringLiteral("--group"), QStringLiteral("IT")},
            {{QStringLiteral("TRIAGE_PASSWORD"), QStringLiteral("bobs-password")}});
        QVERIFY2(r.code == 0, r.err.constData());
        // Password from stdin when TRIAGE_PASSWORD is not set.
        r = triaged({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--data"), data,
                        QStringLiteral("carol"), QStringLiteral("--role"), QStringLiteral("requester")},
            {{QStringLiteral("TRIAGE_PASSWORD"), QString()}}, "carols-password\n");
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(triaged({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--data"), data,
                            QStringLiteral("bob"), QStringLiteral("--role"), QStringLiteral("agent")},
                    {{QStringLiteral("TRIAGE_PASSWORD"), QStringLiteral("x12345")}})
                    .code
            != 0); // exists
        QVERIFY(triaged({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--data"), data,
                            QStringLiteral("dave"), QStringLiteral("--role"), QStringLiteral("boss")},
                    {{QStringLiteral("TRIAGE_PASSWORD"), QStringLiteral("x12345")}})
                    .code
            == 2); // bad role
        r = triaged({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--data"), data});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("bob\tagent"));
        QVERIFY(r.out.contains("carol\trequester"));
        QVERIFY(!r.out.contains("bobs-password"));

        TriagedProcess s;
        TriagedProcess::Options o;
        o.dataDir = data;
        o.demo = false;
        QVERIFY2(s.start(o), qPrintable(s.error()));
        TestClient bob(s.baseUrl());
        QVERIFY(bob.login(QStringLiteral("bob"), QStringLiteral("bobs-password")));
        QCOMPARE(
            bob.get(QStringLiteral("/api/v1/me")).json().value(QStringLiteral("group_ids")).toArray().size(),
            1);
        TestClient carol(s.baseUrl());
        QVERIFY(carol.login(QStringLiteral("carol"), QStringLiteral("carols-password")));

        // A second server on the same SQLite directory is refused.
        TriagedProcess second;
        QVERIFY(!second.start(o));

        // Disabling revokes sessions (within the 2 s token cache) and blocks sign-in.
        r = triaged({QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("--data"), data,
            QStringLiteral("bob")});
        QVERIFY2(r.code == 0, r.err.constData());
        QTest::qWait(2200);
        QCOMPARE(bob.get(QStringLiteral("/api/v1/me")).status, 401);
        TestClient again(s.baseUrl());
        QVERIFY(!again.login(QStringLiteral("bob"), QStringLiteral("bobs-password")));
        QCOMPARE(s.stop(), 0);
    }

    void bannerAndUsage()
    {
        TriagedProcess s;
        QVERIFY2(s.start(), qPrintable(s.error()));
        QVERIFY(s.baseUrl().toString().startsWith(QStringLiteral("http://127.0.0.1:")));
        QVERIFY(s.port() > 0);
        QVERIFY(s.stderrLog().contains("password: demo"));
        QCOMPARE(s.stop(), 0);
        QCOMPARE(triaged({}).code, 2);
        QCOMPARE(triaged({QStringLiteral("serve"), QStringLiteral("--bogus")}).code, 2);
        QCOMPARE(triaged({QStringLiteral("serve"), QStringLiteral("--data"), QStringLiteral("/tmp/x")}).code,
            2); // no --listen
        const Run routes = triaged({QStringLiteral("routes")});
        QCOMPARE(routes.code, 0);
        QVERIFY(routes.out.contains("POST /api/v1/mutations"));
    }

    void tls()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        QProcess ssl;
        ssl.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
        QVERIFY2(ssl.waitForFinished(60000) && ssl.exitCode() == 0,
            "openssl is needed to make a test certificate");
        TriagedProcess s;
        TriagedProcess::Options o;
        o.extraArgs = {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key};
        QVERIFY2(s.start(o), qPrintable(s.error()));
        QVERIFY(s.baseUrl().toString().startsWith(QStringLiteral("https://127.0.0.1:")));
        TestClient c(s.baseUrl());
        QObject::connect(&c.nam(), &QNetworkAccessManager::sslErrors, &c.nam(),
            [](QNetworkReply *reply, const QList<QSslError> &) { reply->ignoreSslErrors(); });
        const HttpResult h = c.get(QStringLiteral("/api/v1/health"));
        QCOMPARE(h.status, 200);
        QVERIFY(c.login(QStringLiteral("agent1")));
        QCOMPARE(c.get(QStringLiteral("/api/v1/changes?limit=5")).status, 200);
        QCOMPARE(s.stop(), 0);
        // Mismatched options are a usage error.
        QCOMPARE(triaged({QStringLiteral("serve"), QStringLiteral("--data"), dir.path(),
                             QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--tls-cert"), cert})
                     .code,
            2);
    }
};

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_server_cli.moc"
