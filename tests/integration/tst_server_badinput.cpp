// Hostile and broken input: every case gets a precise 4xx problem response, the server keeps serving
// everyone else, and its data stays intact.
#include "RawHttp.h"
#include "ServerTestBase.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QThread>

#include <sys/resource.h>

using namespace triage::test;

class TestServerBadInput : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_agent;
    int m_ticketCount = 0;

    int ticketCount()
    {
        TestClient admin(m_server.baseUrl());
        admin.login(QStringLiteral("admin"));
        return admin.get(QStringLiteral("/api/v1/tickets?limit=500"))
            .json()
            .value(QStringLiteral("tickets"))
            .toArray()
            .size();
    }

    void expectProblem(const HttpResult &r, int status, const QString &type = {})
    {
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("content-type"), QByteArray("application/problem+json"));
        const QJsonObject p = r.json();
        QVERIFY(!p.value(QStringLiteral("title")).toString().isEmpty());
        QCOMPARE(p.value(QStringLiteral("status")).toInt(), status);
        if (!type.isEmpty())
            QCOMPARE(r.problemType(), type);
    }

    HttpResult postRaw(const QString &path, const QByteArray &body)
    {
        return m_agent->send("POST", path, body);
    }

    // The field names in a problem's `errors` array.
    static QStringList errorFields(const QJsonObject &problem)
    {
        QStringList out;
        for (const QJsonValue &e : problem.value(QStringLiteral("errors")).toArray())
            out << e.toObject().value(QStringLiteral("field")).toString();
        return out;
    }

    // One mutation from a fresh client; returns its result.
    QJsonObject mutate(const QString &type, const QJsonObject &fields)
    {
        const HttpResult r = m_agent->post(
            QStringLiteral("/api/v1/mutations"), batch(newUuid(), {mutation(1, type, fields)}));
        return r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        rlimit lim {};
        getrlimit(RLIMIT_NOFILE, &lim);
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
        TriagedProcess::Options o;
        o.extraArgs = {QStringLiteral("--idle-timeout"), QStringLiteral("2")};
        TRIAGE_START_SERVER(m_server, o);
        m_agent = std::make_unique<TestClient>(m_server.baseUrl());
        QVERIFY(m_agent->login(QStringLiteral("agent1")));
        m_ticketCount = ticketCount();
        QVERIFY(m_ticketCount > 0);
    }

    void malformedJson()
    {
        expectProblem(postRaw(QStringLiteral("/api/v1/tickets"), "{\"title\": "), 400,
            QStringLiteral("malformed-json"));
        expectProblem(
            postRaw(QStringLiteral("/api/v1/tickets"), "[1,2,3]"), 400, QStringLiteral("malformed-json"));
        expectProblem(postRaw(QStringLiteral("/api/v1/tickets"), ""), 400, QStringLiteral("malformed-json"));
        expectProblem(postRaw(QStringLiteral("/api/v1/mutations"), "{\"client_id\": nope}"), 400,
            QStringLiteral("malformed-json"));
        expectProblem(m_agent->send("POST", QStringLiteral("/api/v1/tickets"), "title=x",
                          {{"Content-Type", "text/plain"}}),
            415);
    }

    void wrongTypes()
    {
        const HttpResult r = m_agent->post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {{QStringLiteral("title"), 42}, {QStringLiteral("tags"), QStringLiteral("a,b")}});
        expectProblem(r, 422, QStringLiteral("validation"));
        const QJsonArray errors = r.json().value(QStringLiteral("errors")).toArray();
        QStringList fields;
        for (const QJsonValue &e : errors)
            fields << e.toObject().value(QStringLiteral("field")).toString();
        QVERIFY2(fields.contains(QStringLiteral("title")) && fields.contains(QStringLiteral("tags")),
            qPrintable(fields.join(u',')));
        expectProblem(m_agent->post(QStringLiteral("/api/v1/mutations"),
                          QJsonObject {{QStringLiteral("client_id"), newUuid()},
                              {QStringLiteral("mutations"),
                                  QJsonArray {QJsonObject {{QStringLiteral("id"), newUuid()},
                                      {QStringLiteral("client_seq"), QStringLiteral("1")},
                                      {QStringLiteral("type"), QStringLiteral("ticket.delete")}}}}}),
            422, QStringLiteral("validation"));
        expectProblem(m_agent->post(QStringLiteral("/api/v1/auth/login"),
                          QJsonObject {{QStringLiteral("username"), true}, {QStringLiteral("password"), 1}}),
            422);
    }

    void unknownAndMissingFields()
    {
        HttpResult r = m_agent->post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {
                {QStringLiteral("title"), QStringLiteral("ok")}, {QStringLiteral("is_admin"), true}});
        expectProblem(r, 422, QStringLiteral("validation"));
        QVERIFY(r.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("is_admin")));
        r = m_agent->post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {{QStringLiteral("description"), QStringLiteral("no title")}});
        expectProblem(r, 422, QStringLiteral("validation"));
        QVERIFY(r.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("title: is required")));
        expectProblem(m_agent->post(QStringLiteral("/api/v1/mutations"), QJsonObject {}), 422);
        expectProblem(m_agent->post(QStringLiteral("/api/v1/auth/login"), QJsonObject {}), 422);
    }

    void emptyAndHugeTitles()
    {
        for (const QString &title :
            {QString(), QStringLiteral("   "), QString(501, u'x'), QString(100 * 1024, u'x')}) {
            const HttpResult r = m_agent->post(
                QStringLiteral("/api/v1/tickets"), QJsonObject {{QStringLiteral("title"), title}});
            expectProblem(r, 422, QStringLiteral("validation"));
        }
        QCOMPARE(m_agent
                     ->post(QStringLiteral("/api/v1/tickets"),
                         QJsonObject {{QStringLiteral("title"), QString(500, u'y')}})
                     .status,
            201);
        ++m_ticketCount;
    }

    void invalidUtf8AndNulBytes()
    {
        expectProblem(postRaw(QStringLiteral("/api/v1/tickets"), "{\"title\":\"bad \xff\xfe bytes\"}"), 400,
            QStringLiteral("malformed-json"));
        expectProblem(
            postRaw(QStringLiteral("/api/v1/tickets"), QByteArray("{\"title\":\"nul \0 raw\"}", 21)), 400,
            QStringLiteral("malformed-json"));
        expectProblem(postRaw(QStringLiteral("/api/v1/tickets"), "{\"title\":\"escaped \\u0000 nul\"}"), 422,
            QStringLiteral("validation"));
        expectProblem(postRaw(QStringLiteral("/api/v1/tickets"), "{\"title\":\"lone \\ud800 surrogate\"}"),
            422, QStringLiteral("validation"));
        expectProblem(m_agent->get(QStringLiteral("/api/v1/tickets?q=%FF%FE")), 400,
            QStringLiteral("invalid-encoding"));
        expectProblem(m_agent->get(QStringLiteral("/api/v1/tickets?q=%C0%AF")), 400,
            QStringLiteral("invalid-encoding")); // overlong
        expectProblem(m_agent->get(QStringLiteral("/api/v1/tickets?q=a%00b")), 400,
            QStringLiteral("invalid-parameter"));
    }

    void sqlMetacharacters()
    {
        const QStringList nasty {QStringLiteral("' OR 1=1 --"), QStringLiteral("'; DROP TABLE tickets; --"),
            QStringLiteral("\" OR \"\"=\""), QStringLiteral("x%_\\'\\\"")};
        for (const QString &s : nasty) {
            const HttpResult r = m_agent->post(QStringLiteral("/api/v1/tickets"),
                QJsonObject {{QStringLiteral("title"), s}, {QStringLiteral("description"), s},
                    {QStringLiteral("tags"), QJsonArray {s.left(60)}}});
            QCOMPARE(r.status, 201);
            ++m_ticketCount;
            const HttpResult back = m_agent->get(
                QStringLiteral("/api/v1/tickets/") + r.json().value(QStringLiteral("id")).toString());
            QCOMPARE(back.json().value(QStringLiteral("title")).toString(), s);
            QCOMPARE(back.json().value(QStringLiteral("description")).toString(), s);
        }
        const QByteArray inj = QUrl::toPercentEncoding(QStringLiteral("' OR 1=1 --"));
        // Free text: treated as text (matches only tickets containing it literally).
        const HttpResult q
            = m_agent->get(QStringLiteral("/api/v1/tickets?limit=500&q=") + QString::fromLatin1(inj));
        QCOMPARE(q.status, 200);
        QCOMPARE(q.json().value(QStringLiteral("tickets")).toArray().size(), 1);
        for (const QString &param : {QStringLiteral("group_id"), QStringLiteral("assignee_id"),
                 QStringLiteral("requester_id"), QStringLiteral("status"), QStringLiteral("priority"),
                 QStringLiteral("cursor"), QStringLiteral("limit")})
            expectProblem(
                m_agent->get(QStringLiteral("/api/v1/tickets?") + param + u'=' + QString::fromLatin1(inj)),
                400);
        expectProblem(
            m_agent->get(QStringLiteral("/api/v1/changes?cursor=") + QString::fromLatin1(inj)), 400);
        expectProblem(
            m_agent->get(QStringLiteral("/api/v1/changes?client_id=") + QString::fromLatin1(inj)), 400);
        TestClient anon(m_server.baseUrl());
        expectProblem(anon.post(QStringLiteral("/api/v1/auth/login"),
                          QJsonObject {{QStringLiteral("username"), QStringLiteral("admin' --")},
                              {QStringLiteral("password"), QStringLiteral("' OR 1=1 --")}}),
            401);
        QCOMPARE(ticketCount(), m_ticketCount); // nothing dropped, nothing extra
    }

    void pathTraversalIds()
    {
        const quint16 port = m_server.port();
        const QByteArray auth = "Authorization: Bearer " + m_agent->token() + "\r\n";
        for (const QByteArray &path : {QByteArray("/api/v1/tickets/../../../etc/passwd"),
                 QByteArray("/api/v1/tickets/..%2F..%2F..%2Fetc%2Fpasswd"),
                 QByteArray("/api/v1/tickets/%2e%2e"), QByteArray("/api/v1/tickets/1%27%20OR%201=1"),
                 QByteArray("/api/v1/tickets/..%00"), QByteArray("/api/v1/users/..")}) {
            const QByteArray resp = rawExchange(
                port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
            QCOMPARE(statusOf(resp), 404);
            QVERIFY2(resp.contains("application/problem+json"), resp.constData());
        }
    }

    void paginationLimits()
    {
        for (const QString &limit : {QStringLiteral("-1"), QStringLiteral("0"), QStringLiteral("1001"),
                 QStringLiteral("99999999999999999999999"), QStringLiteral("abc"), QStringLiteral("1e3"),
                 QString()}) {
            expectProblem(m_agent->get(QStringLiteral("/api/v1/changes?limit=") + limit), 400,
                QStringLiteral("invalid-parameter"));
        }
        expectProblem(m_agent->get(QStringLiteral("/api/v1/tickets?limit=501")), 400,
            QStringLiteral("invalid-parameter"));
        QCOMPARE(m_agent->get(QStringLiteral("/api/v1/changes?limit=1000")).status, 200);
        QCOMPARE(m_agent->get(QStringLiteral("/api/v1/changes?limit=1"))
                     .json()
                     .value(QStringLiteral("changes"))
                     .toArray()
                     .size(),
            1);
    }

    void bodiesOverTheLimit()
    {
        const QByteArray big = "{\"title\":\"" + QByteArray(2 * 1024 * 1024, 'a') + "\"}";
        // The server answers as soon as the declared length is too big, before reading the body.
        const QByteArray declared = "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + m_agent->token() + "\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(big.size()) + "\r\n\r\n";
        const QByteArray early = rawExchange(m_server.port(), declared);
        QCOMPARE(statusOf(early), 413);
        QVERIFY(early.contains("application/problem+json") && early.contains("body-too-large"));
        // Chunked, without a Content-Length: cut off in the upload callback.
        QByteArray chunked = "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + m_agent->token() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 40; ++i)
            chunked += "10000\r\n" + QByteArray(0x10000, 'b') + "\r\n";
        chunked += "0\r\n\r\n";
        QCOMPARE(statusOf(rawExchange(m_server.port(), chunked)), 413);
        // Headers over the limit: a 431 problem document, like every other error.
        const QByteArray bigHeader
            = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Junk: " + QByteArray(48 * 1024, 'h') + "\r\n\r\n";
        const QByteArray answer = rawExchange(m_server.port(), bigHeader);
        QCOMPARE(statusOf(answer), 431);
        QVERIFY2(answer.contains("application/problem+json") && answer.contains("headers-too-large"),
            answer.left(400).constData());
        // Beyond libmicrohttpd's own buffer it still refuses, with its short page (documented).
        const QByteArray hugeHeader
            = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Junk: " + QByteArray(200 * 1024, 'h') + "\r\n\r\n";
        const int status = statusOf(rawExchange(m_server.port(), hugeHeader));
        QVERIFY2(status == 431 || status == 413, qPrintable(QString::number(status)));
        QCOMPARE(m_agent->get(QStringLiteral("/api/v1/health")).status, 200);
    }

    void slowLorisDoesNotPinTheServer()
    {
        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < 100; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QStringLiteral("127.0.0.1"), m_server.port());
            QVERIFY(s->waitForConnected(2000));
            s->write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            s->flush();
            slow.push_back(std::move(s));
        }
        // Everyone else is served promptly while those dribble.
        for (int round = 0; round < 3; ++round) {
            for (auto &s : slow) {
                s->write("a");
                s->flush();
            }
            QElapsedTimer t;
            t.start();
            QCOMPARE(m_agent->get(QStringLiteral("/api/v1/tickets?limit=5")).status, 200);
            QVERIFY2(t.elapsed() < 1000, "a slow client delayed others");
            QTest::qWait(300);
        }
        // A client that stops sending is dropped after the idle timeout (2 s here).
        QTest::qWait(3500);
        int closed = 0;
        for (auto &s : slow) {
            s->waitForReadyRead(10);
            if (s->state() != QAbstractSocket::ConnectedState)
                ++closed;
        }
        QVERIFY2(closed >= 95,
            qPrintable(QStringLiteral("only %1 of 100 idle connections were closed").arg(closed)));
    }

    void thousandConcurrentConnections()
    {
        const int n = 1000;
        std::vector<std::unique_ptr<QTcpSocket>> socks;
        socks.reserve(n);
        for (int i = 0; i < n; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QStringLiteral("127.0.0.1"), m_server.port());
            socks.push_back(std::move(s));
        }
        for (auto &s : socks)
            QVERIFY(s->state() == QAbstractSocket::ConnectedState || s->waitForConnected(5000));
        const QByteArray req = "GET /api/v1/changes?limit=5 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + m_agent->token() + "\r\n\r\n";
        for (auto &s : socks)
            s->write(req);
        int ok = 0;
        QElapsedTimer t;
        t.start();
        std::vector<QByteArray> got(n);
        while (ok < n && t.elapsed() < 30000) {
            QTest::qWait(20);
            ok = 0;
            for (int i = 0; i < n; ++i) {
                got[i] += socks[i]->readAll();
                if (statusOf(got[i]) == 200 && got[i].endsWith("}"))
                    ++ok;
            }
        }
        QCOMPARE(ok, n);
        QCOMPARE(m_agent->get(QStringLiteral("/api/v1/health")).status, 200);
    }

    void forgedExpiredRevokedTokens()
    {
        TestClient c(m_server.baseUrl());
        for (const QByteArray &auth : {QByteArray("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                 QByteArray("Bearer "), QByteArray("Basic YWRtaW46ZGVtbw=="),
                 QByteArray("Bearer ' OR 1=1 --"), QByteArray(QByteArray("Bearer ") + QByteArray(5000, 'z')),
                 QByteArray(QByteArray("Bearer ") + m_agent->token() + "x")}) {
            const HttpResult r = c.get(QStringLiteral("/api/v1/me"), {{"Authorization", auth}});
            expectProblem(r, 401, QStringLiteral("unauthorized"));
            QVERIFY(r.header("www-authenticate").startsWith("Bearer"));
        }
        // Revoked.
        TestClient r(m_server.baseUrl());
        QVERIFY(r.login(QStringLiteral("agent2")));
        QCOMPARE(r.post(QStringLiteral("/api/v1/auth/logout"), {}).status, 204);
        expectProblem(r.get(QStringLiteral("/api/v1/me")), 401);
        // Expired: tokens live 30 days; the server's clock is moved 31 days ahead (no sleeping).
        TriagedProcess later;
        TriagedProcess::Options o;
        o.testClock = true;
        TRIAGE_START_SERVER(later, o);
        TestClient e(later.baseUrl());
        QVERIFY(e.login(QStringLiteral("agent1")));
        QCOMPARE(e.get(QStringLiteral("/api/v1/me")).status, 200);
        auto admin = signedInClient(later.baseUrl(), QStringLiteral("admin"));
        QVERIFY(advanceClock(*admin, 29LL * 24 * 3600 * 1000) > 0);
        QCOMPARE(e.get(QStringLiteral("/api/v1/me")).status, 200); // day 29: still valid
        QVERIFY(advanceClock(*admin, 2LL * 24 * 3600 * 1000) > 0);
        expectProblem(e.get(QStringLiteral("/api/v1/me")), 401);
        QCOMPARE(later.stop(), 0);
    }

    // The test clock exists only on a server started with --test-clock, only for administrators,
    // takes only whole non-negative milliseconds, and moves the server's time forward.
    void testClockOnlyWhenAskedAndOnlyForward()
    {
        const QString path = QStringLiteral("/api/v1/test/clock");
        const QJsonObject hour {{QStringLiteral("advance_ms"), 3'600'000}};
        auto admin = signedInClient(m_server.baseUrl(), QStringLiteral("admin"));
        expectProblem(admin->post(path, hour), 404);

        TriagedProcess s;
        TriagedProcess::Options o;
        o.testClock = true;
        TRIAGE_START_SERVER(s, o);
        auto a = signedInClient(s.baseUrl(), QStringLiteral("admin"));
        auto agent = signedInClient(s.baseUrl(), QStringLiteral("agent1"));
        expectProblem(agent->post(path, hour), 403);
        for (const QJsonValue &bad : {QJsonValue(-1), QJsonValue(1.5), QJsonValue(QStringLiteral("soon")),
                 QJsonValue(1e15), QJsonValue()}) {
            const HttpResult r = a->post(path, {{QStringLiteral("advance_ms"), bad}});
            expectProblem(r, 422);
            QVERIFY(errorFields(r.json()).contains(QStringLiteral("advance_ms")));
        }
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const HttpResult r = a->post(path, hour);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(QStringLiteral("now_ms")).toInteger() >= before + 3'600'000);
        QCOMPARE(r.json().value(QStringLiteral("offset_ms")).toInteger(), 3'600'000);
        // New records carry the moved time.
        const QJsonObject t = createTicketAs(*a, QStringLiteral("Made an hour from now"));
        const qint64 created
            = QDateTime::fromString(t.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs)
                  .toMSecsSinceEpoch();
        QVERIFY(created >= before + 3'600'000);
        QCOMPARE(s.stop(), 0);
    }

    void rateLimitPerToken()
    {
        TriagedProcess limited;
        TriagedProcess::Options o;
        o.env.insert(QStringLiteral("TRIAGE_RATE_LIMIT"), QStringLiteral("5"));
        o.env.insert(QStringLiteral("TRIAGE_RATE_BURST"), QStringLiteral("5"));
        TRIAGE_START_SERVER(limited, o);
        TestClient c(limited.baseUrl());
        QVERIFY(c.login(QStringLiteral("agent1")));
        HttpResult last;
        for (int i = 0; i < 12 && last.status != 429; ++i)
            last = c.get(QStringLiteral("/api/v1/me"));
        expectProblem(last, 429, QStringLiteral("rate-limited"));
        QVERIFY(last.header("retry-after").toInt() >= 1);
        // Another token is not affected.
        TestClient other(limited.baseUrl());
        QVERIFY(other.login(QStringLiteral("agent2")));
        QCOMPARE(other.get(QStringLiteral("/api/v1/me")).status, 200);
        QCOMPARE(limited.stop(), 0);
    }

    void anotherGroupsTicketId()
    {
        TestClient hr(m_server.baseUrl());
        QVERIFY(hr.login(QStringLiteral("agent4")));
        const QString hrTicket = hr.post(QStringLiteral("/api/v1/tickets"),
                                       QJsonObject {{QStringLiteral("title"), QStringLiteral("HR only")},
                                           {QStringLiteral("group_id"), kGroupHr}})
                                     .json()
                                     .value(QStringLiteral("id"))
                                     .toString();
        ++m_ticketCount;
        expectProblem(
            m_agent->get(QStringLiteral("/api/v1/tickets/") + hrTicket), 404, QStringLiteral("not-found"));
        expectProblem(m_agent->get(QStringLiteral("/api/v1/tickets/%1/comments").arg(hrTicket)), 404);
        const HttpResult r = m_agent->post(QStringLiteral("/api/v1/mutations"),
            batch(newUuid(),
                {mutation(1, QStringLiteral("ticket.update"),
                    {{QStringLiteral("ticket_id"), hrTicket}, {QStringLiteral("base_version"), 1},
                        {QStringLiteral("changes"),
                            QJsonArray {change(QStringLiteral("title"), QStringLiteral("HR only"),
                                QStringLiteral("mine now"))}}})}));
        const QJsonObject res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(
            res.value(QStringLiteral("problem")).toObject().value(QStringLiteral("status")).toInt(), 404);
        QCOMPARE(hr.get(QStringLiteral("/api/v1/tickets/") + hrTicket)
                     .json()
                     .value(QStringLiteral("title"))
                     .toString(),
            QStringLiteral("HR only"));
    }

    void linkTargetsMustExistAndBeVisible()
    {
        TestClient hr(m_server.baseUrl());
        QVERIFY(hr.login(QStringLiteral("agent4")));
        const QString hrTicket = createTicketAs(hr, QStringLiteral("HR link target"), kGroupHr)
                                     .value(QStringLiteral("id"))
                                     .toString();
        QVERIFY(!hrTicket.isEmpty());
        ++m_ticketCount;
        const QString itTicket = createTicketAs(*m_agent, QStringLiteral("IT link target"))
                                     .value(QStringLiteral("id"))
                                     .toString();
        QVERIFY(!itTicket.isEmpty());
        ++m_ticketCount;
        const auto withLink = [](const QString &target) {
            return QJsonArray {QJsonObject {{QStringLiteral("kind"), QStringLiteral("relates_to")},
                {QStringLiteral("ticket_id"), target}}};
        };
        // REST: a missing target and another group's ticket get the same 422, naming the field.
        for (const QString &target : {newUuid(), hrTicket}) {
            const HttpResult r = m_agent->post(QStringLiteral("/api/v1/tickets"),
                QJsonObject {{QStringLiteral("title"), QStringLiteral("linked")},
                    {QStringLiteral("group_id"), kGroupIt}, {QStringLiteral("links"), withLink(target)}});
            expectProblem(r, 422, QStringLiteral("validation"));
            QCOMPARE(errorFields(r.json()), QStringList {QStringLiteral("links[0].ticket_id")});
        }
        // Mutations: rejected, nothing created.
        const QString rejectedId = newUuid();
        QJsonObject res = mutate(QStringLiteral("ticket.create"),
            {{QStringLiteral("ticket"),
                QJsonObject {{QStringLiteral("id"), rejectedId},
                    {QStringLiteral("title"), QStringLiteral("linked")},
                    {QStringLiteral("group_id"), kGroupIt}, {QStringLiteral("links"), withLink(hrTicket)}}}});
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(
            res.value(QStringLiteral("problem")).toObject().value(QStringLiteral("status")).toInt(), 422);
        QCOMPARE(errorFields(res.value(QStringLiteral("problem")).toObject()),
            QStringList {QStringLiteral("links[0].ticket_id")});
        QCOMPARE(m_agent->get(QStringLiteral("/api/v1/tickets/") + rejectedId).status, 404);
        // A visible target is fine.
        const HttpResult ok = m_agent->post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {{QStringLiteral("title"), QStringLiteral("linked ok")},
                {QStringLiteral("group_id"), kGroupIt}, {QStringLiteral("links"), withLink(itTicket)}});
        QCOMPARE(ok.status, 201);
        ++m_ticketCount;
        QCOMPARE(ok.json().value(QStringLiteral("links")).toArray(), withLink(itTicket));
    }

    void baseVersionsAreValidated()
    {
        const QJsonObject t = createTicketAs(*m_agent, QStringLiteral("versioned"));
        const QString id = t.value(QStringLiteral("id")).toString();
        QCOMPARE(t.value(QStringLiteral("version")).toInteger(), 1);
        ++m_ticketCount;
        const auto update = [&](const QJsonValue &base) {
            return mutate(QStringLiteral("ticket.update"),
                {{QStringLiteral("ticket_id"), id}, {QStringLiteral("base_version"), base},
                    {QStringLiteral("changes"),
                        QJsonArray {change(QStringLiteral("title"), QStringLiteral("versioned"),
                            QStringLiteral("changed"))}}});
        };
        // Not an integer ≥ 0, or a version the ticket never had: rejected, naming base_version.
        for (const QJsonValue &base : {QJsonValue(-1), QJsonValue(1.5), QJsonValue(QStringLiteral("1")),
                 QJsonValue(2), QJsonValue(1e15)}) {
            const QJsonObject res = update(base);
            QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
            const QJsonObject problem = res.value(QStringLiteral("problem")).toObject();
            QCOMPARE(problem.value(QStringLiteral("status")).toInt(), 422);
            QVERIFY2(errorFields(problem).contains(QStringLiteral("base_version")),
                QJsonDocument(problem).toJson().constData());
        }
        const QJsonObject future = update(2).value(QStringLiteral("problem")).toObject();
        QVERIFY(future.value(QStringLiteral("detail")).toString().contains(QStringLiteral("version 1")));
        QCOMPARE(m_agent->get(QStringLiteral("/api/v1/tickets/") + id).json().value(QStringLiteral("title")),
            QJsonValue(QStringLiteral("versioned")));
        // Comments: the same rule, through mutations and REST.
        QJsonObject res = mutate(QStringLiteral("comment.create"),
            {{QStringLiteral("base_version"), 7},
                {QStringLiteral("comment"),
                    QJsonObject {{QStringLiteral("id"), newUuid()}, {QStringLiteral("ticket_id"), id},
                        {QStringLiteral("body"), QStringLiteral("note")},
                        {QStringLiteral("public"), false}}}});
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(errorFields(res.value(QStringLiteral("problem")).toObject()),
            QStringList {QStringLiteral("base_version")});
        const HttpResult r = m_agent->post(QStringLiteral("/api/v1/tickets/%1/comments").arg(id),
            QJsonObject {{QStringLiteral("body"), QStringLiteral("note")}, {QStringLiteral("public"), false},
                {QStringLiteral("base_version"), 7}});
        expectProblem(r, 422, QStringLiteral("validation"));
        QCOMPARE(errorFields(r.json()), QStringList {QStringLiteral("base_version")});
        QCOMPARE(m_agent->get(QStringLiteral("/api/v1/tickets/%1/comments").arg(id))
                     .json()
                     .value(QStringLiteral("comments"))
                     .toArray()
                     .size(),
            0);
        // The version it has (and 0: a ticket the client created offline) is accepted.
        QCOMPARE(update(1).value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
        res = mutate(QStringLiteral("ticket.update"),
            {{QStringLiteral("ticket_id"), id}, {QStringLiteral("base_version"), 0},
                {QStringLiteral("changes"),
                    QJsonArray {change(
                        QStringLiteral("priority"), QStringLiteral("normal"), QStringLiteral("high"))}}});
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    }

    void stillServingAndIntact()
    {
        QCOMPARE(m_agent->get(QStringLiteral("/api/v1/health")).status, 200);
        QCOMPARE(ticketCount(), m_ticketCount);
        QVERIFY(m_server.isRunning());
        QCOMPARE(m_server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerBadInput)
#include "tst_server_badinput.moc"
