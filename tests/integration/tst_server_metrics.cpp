// GET /metrics (issue 23, docs/operations.md "Monitoring") against a real triaged: administrators
// only; requests counted by route pattern (never by raw path: no ticket id becomes a series);
// latency histograms; a mailbox whose server is down shows as a channel that is not up, with its
// outgoing queue; and the whole exposition passes Prometheus's own parser (`promtool check
// metrics`, Debian's `prometheus`).
#include "ServerTestBase.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QtTest>

using namespace triage;
using namespace triage::test;

class TestServerMetrics : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;

    static double sample(const QByteArray &text, const QString &seriesPrefix)
    {
        for (const QByteArray &line : text.split('\n')) {
            const QString l = QString::fromUtf8(line);
            if (l.startsWith(seriesPrefix))
                return l.section(u' ', -1).toDouble();
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.error())); }

    void adminsOnly()
    {
        TestClient anonymous(m_server.baseUrl());
        QCOMPARE(anonymous.get(u"/metrics"_qs).status, 401);
        TestClient agent(m_server.baseUrl());
        QVERIFY(agent.login(u"agent1"_qs));
        QCOMPARE(agent.get(u"/metrics"_qs).status, 403);
    }

    void countsRoutesNotPaths()
    {
        TestClient admin(m_server.baseUrl());
        QVERIFY(admin.login(u"admin"_qs));
        const QJsonArray tickets
            = admin.get(u"/api/v1/tickets?limit=3"_qs).json().value(u"tickets"_qs).toArray();
        QCOMPARE(tickets.size(), 3);
        const QByteArray before = admin.get(u"/metrics"_qs).body;
        const QString byId
            = uR"(triage_http_requests_total{method="GET",route="/api/v1/tickets/{id}",status="200"})"_qs;
        const double was = std::max(0.0, sample(before, byId));
        for (const QJsonValue &t : tickets)
            QCOMPARE(admin.get(u"/api/v1/tickets/"_qs + t.toObject().value(u"id"_qs).toString()).status, 200);
        admin.get(u"/api/v1/no/such/route"_qs);
        const HttpResult r = admin.get(u"/metrics"_qs);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.header("content-type").startsWith("text/plain; version=0.0.4"),
            r.header("content-type").constData());
        QCOMPARE(sample(r.body, byId), was + 3);
        for (const QJsonValue &t : tickets)
            QVERIFY(!r.body.contains(t.toObject().value(u"id"_qs).toString().toUtf8()));
        QVERIFY(
            sample(r.body, uR"(triage_http_requests_total{method="GET",route="unmatched",status="404"})"_qs)
            >= 1);
        // A histogram: +Inf equals the count.
        const QString h = uR"(triage_http_request_duration_seconds_)"_qs;
        const QString labels = uR"({method="GET",route="/api/v1/tickets/{id}")"_qs;
        QCOMPARE(sample(r.body, h + u"bucket"_qs + labels + uR"(,le="+Inf"})"_qs),
            sample(r.body, h + u"count"_qs + labels + u'}'));
        QVERIFY(sample(r.body, u"triage_change_feed_head "_qs) > 0);
        QVERIFY(sample(r.body, u"triage_db_connections "_qs) >= 1);
    }

    void aDownMailboxIsNotUp()
    {
        QTcpServer closed; // a port nobody answers on once closed
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        TestClient admin(m_server.baseUrl());
        QVERIFY(admin.login(u"admin"_qs));
        const QString id = newUuid();
        const QJsonObject body {{u"kind"_qs, u"email"_qs}, {u"name"_qs, u"Down mailbox"_qs},
            {u"enabled"_qs, true},
            {u"imap"_qs,
                QJsonObject {{u"url"_qs, u"imap://127.0.0.1:%1/INBOX"_qs.arg(port)},
                    {u"username"_qs, u"x"_qs}, {u"password"_qs, u"y"_qs}}},
            {u"smtp"_qs,
                QJsonObject {{u"url"_qs, u"smtp://127.0.0.1:%1"_qs.arg(port)}, {u"username"_qs, u""_qs},
                    {u"password"_qs, u""_qs}}},
            {u"address"_qs, u"down@triage.test"_qs}, {u"group"_qs, kGroupIt}, {u"poll_seconds"_qs, 1}};
        const HttpResult put = admin.send("PUT", u"/api/v1/channels/"_qs + id, toJson(body));
        QVERIFY2(put.status == 201 || put.status == 200, put.body.constData());
        const QString up = uR"(triage_channel_up{channel="%1",kind="email"})"_qs.arg(id);
        QByteArray text;
        QTRY_VERIFY_WITH_TIMEOUT(
            (text = admin.get(u"/metrics"_qs).body,
                sample(text, u"triage_channel_last_poll_age_seconds{channel=\""_qs + id) >= 0),
            20000);
        QCOMPARE(sample(text, up), 0.0);
        QCOMPARE(sample(text, uR"(triage_outgoing_queued{channel="%1",kind="email"})"_qs.arg(id)), 0.0);
        // The password never appears.
        QVERIFY(!text.contains("password"));
    }

    void prometheusParsesIt()
    {
        const QString promtool = QStandardPaths::findExecutable(u"promtool"_qs);
        if (promtool.isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("promtool (Debian package prometheus) is missing: scripts/dev installs it");
            QSKIP("promtool not installed (apt-get install prometheus)");
        }
        TestClient admin(m_server.baseUrl());
        QVERIFY(admin.login(u"admin"_qs));
        const QByteArray text = admin.get(u"/metrics"_qs).body;
        QProcess p;
        p.start(promtool, {u"check"_qs, u"metrics"_qs});
        QVERIFY(p.waitForStarted());
        p.write(text);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        const QByteArray said = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, said.constData());
        // A broken exposition must fail the same check (the test can fail).
        QProcess bad;
        bad.start(promtool, {u"check"_qs, u"metrics"_qs});
        QVERIFY(bad.waitForStarted());
        bad.write("triage_broken{label=\"unterminated} 1\n");
        bad.closeWriteChannel();
        QVERIFY(bad.waitForFinished(30000));
        QVERIFY(bad.exitCode() != 0);
    }
};

QTEST_GUILESS_MAIN(TestServerMetrics)
#include "tst_server_metrics.moc"
