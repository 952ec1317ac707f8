// Which pool a request runs on: quick reads (Api::isQuickRead) on the HTTP layer's cores-sized read
// pool, everything else (writes, the reports) on the worker pool; and the read pool's size.
#include "api/Api.h"
#include "http/HttpServer.h"

#include <QtTest>

using namespace triage::server;

class TestHttpLanes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quickReads_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("quick");
        QTest::newRow("feed") << QByteArray("GET") << QStringLiteral("/api/v1/changes") << true;
        QTest::newRow("ticket") << QByteArray("GET") << QStringLiteral("/api/v1/tickets/x") << true;
        QTest::newRow("head") << QByteArray("HEAD") << QStringLiteral("/api/v1/tickets") << true;
        QTest::newRow("events") << QByteArray("GET") << QStringLiteral("/api/v1/events") << true;
        QTest::newRow("report") << QByteArray("GET") << QStringLiteral("/api/v1/reports/summary") << false;
        QTest::newRow("wall") << QByteArray("GET") << QStringLiteral("/api/v1/reports/wall") << false;
        QTest::newRow("mutations") << QByteArray("POST") << QStringLiteral("/api/v1/mutations") << false;
        QTest::newRow("patch") << QByteArray("PATCH") << QStringLiteral("/api/v1/tickets/x") << false;
        QTest::newRow("login") << QByteArray("POST") << QStringLiteral("/api/v1/auth/login") << false;
    }

    void quickReads()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(bool, quick);
        HttpRequest r;
        r.method = method;
        r.path = path;
        QCOMPARE(Api::isQuickRead(r), quick);
    }

    void readPoolSize()
    {
        QCOMPARE(readerPoolSize(0, 1), 2); // at least two
        QCOMPARE(readerPoolSize(0, 2), 2);
        QCOMPARE(readerPoolSize(0, 6), 6); // one per core
        QCOMPARE(readerPoolSize(0, 64), 16); // capped: PostgreSQL's default is 100 connections
        QCOMPARE(readerPoolSize(3, 64), 3); // --readers wins
        QCOMPARE(readerPoolSize(40, 2), 40);
    }
};

QTEST_GUILESS_MAIN(TestHttpLanes)
#include "tst_http_lanes.moc"
