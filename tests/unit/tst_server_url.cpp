// The one normalisation of a server address (core/net/ServerUrl): the console, the wall and
// triagectl key the token with it, so the same server must always give the same key.
#include "net/ServerUrl.h"

#include <QtTest>

using namespace triage;

class TestServerUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalises_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("key");
        QTest::newRow("plain") << u"https://desk.example"_qs << u"https://desk.example"_qs;
        QTest::newRow("trailing slash") << u"https://desk.example/"_qs << u"https://desk.example"_qs;
        QTest::newRow("port") << u"http://127.0.0.1:8080/"_qs << u"http://127.0.0.1:8080"_qs;
        QTest::newRow("upper-case host")
            << u"https://Desk.EXAMPLE:8443"_qs << u"https://desk.example:8443"_qs;
        QTest::newRow("spaces") << u"  https://desk.example/  "_qs << u"https://desk.example"_qs;
        QTest::newRow("no scheme") << u"desk.example"_qs << u"http://desk.example"_qs;
        QTest::newRow("sub path") << u"https://desk.example/triage/"_qs << u"https://desk.example/triage"_qs;
        QTest::newRow("query and fragment dropped")
            << u"https://desk.example/?x=1#top"_qs << u"https://desk.example"_qs;
        QTest::newRow("user info dropped") << u"https://me:pw@desk.example"_qs << u"https://desk.example"_qs;
    }
    void normalises()
    {
        QFETCH(QString, input);
        QFETCH(QString, key);
        QString error;
        const auto url = parseServerUrl(input, &error);
        QVERIFY2(url, qPrintable(error));
        QCOMPARE(serverKey(*url), key);
        QCOMPARE(url->toString(), key);
        QCOMPARE(serverKey(QUrl(key)), key); // stable: profile.json keeps the key and reads it back
    }

    // The forms the callers used before give the same key for URLs with a path or without a
    // trailing slash, so a token saved before this function existed is still found. (A bare
    // "https://host/" used to keep its slash: AccountService::restore looks under that key too.)
    void matchesTheOldKeys()
    {
        for (const QString &s :
            {u"http://127.0.0.1:8080"_qs, u"https://desk.example"_qs, u"http://h:1/x/"_qs}) {
            const QString key = serverKey(*parseServerUrl(s));
            QCOMPARE(key, QUrl(s).toString(QUrl::StripTrailingSlash)); // console
            QCOMPARE(key, QUrl::fromUserInput(s).toString(QUrl::StripTrailingSlash)); // triagectl
        }
        QCOMPARE(QUrl(u"https://desk.example/"_qs).toString(QUrl::StripTrailingSlash),
            u"https://desk.example/"_qs);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << QString();
        QTest::newRow("ftp") << u"ftp://desk.example"_qs;
        QTest::newRow("file") << u"file:///tmp/x"_qs;
        QTest::newRow("no host") << u"http://"_qs;
    }
    void refuses()
    {
        QFETCH(QString, input);
        QString error;
        QVERIFY(!parseServerUrl(input, &error));
        QVERIFY(error.startsWith(u"not an http(s) URL"_qs));
    }
};

QTEST_GUILESS_MAIN(TestServerUrl)
#include "tst_server_url.moc"
