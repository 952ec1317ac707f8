// The REST API v1 and the sync endpoints against a real triaged (SQLite, or PostgreSQL when built as
// tst_server_api_pg).
#include "ServerTestBase.h"

#include <QSet>

using namespace triage::test;

class TestServerApi : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_agent1; // IT
    std::unique_ptr<TestClient> m_agent4; // HR
    std::unique_ptr<TestClient> m_admin;

    std::unique_ptr<TestClient> client(const QString &user)
    {
        return signedInClient(m_server.baseUrl(), user);
    }
    QJsonObject createTicket(TestClient &c, const QString &title, const QString &group = kGroupIt)
    {
        return createTicketAs(c, title, group);
    }
    QJsonArray drain(TestClient &c, QString *cursor, int limit = 100) { return drainFeed(c, cursor, limit); }

private Q_SLOTS:
    void initTestCase()
    {
        TRIAGE_START_SERVER(m_server, TriagedProcess::Options {});
        m_agent1 = client(QStringLiteral("agent1"));
        m_agent4 = client(QStringLiteral("agent4"));
        m_admin = client(QStringLiteral("admin"));
        QVERIFY(!m_agent1->token().isEmpty() && !m_agent4->token().isEmpty() && !m_admin->token().isEmpty());
    }

    void healthAndVersion()
    {
        auto anon = client({});
        const HttpResult h = anon->get(QStringLiteral("/api/v1/health"));
        QCOMPARE(h.status, 200);
        QCOMPARE(h.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(h.json().value(QStringLiteral("database")).toString(),
            usePostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
        const HttpResult v = anon->get(QStringLiteral("/api/v1/version"));
        QCOMPARE(v.status, 401);
        QCOMPARE(v.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(v.problemType(), QStringLiteral("unauthorized"));
        const HttpResult v2 = m_agent1->get(QStringLiteral("/api/v1/version"));
        QCOMPARE(v2.status, 200);
        QCOMPARE(v2.json().value(QStringLiteral("api")).toString(), QStringLiteral("v1"));
        const HttpResult nf = anon->get(QStringLiteral("/api/v1/nothing-here"));
        QCOMPARE(nf.status, 404);
        QCOMPARE(nf.header("content-type"), QByteArray("application/problem+json"));
        const HttpResult wm = m_agent1->send("PUT", QStringLiteral("/api/v1/changes"), "{}");
        QCOMPARE(wm.status, 405);
    }

    void loginAndLogout()
    {
        auto c = client({});
        HttpResult bad = c->post(QStringLiteral("/api/v1/auth/login"),
            QJsonObject {{QStringLiteral("username"), QStringLiteral("agent2")},
                {QStringLiteral("password"), QStringLiteral("wrong")}});
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.problemType(), QStringLiteral("invalid-credentials"));
        const HttpResult ok = c->post(QStringLiteral("/api/v1/auth/login"),
            QJsonObject {{QStringLiteral("username"), QStringLiteral("agent2")},
                {QStringLiteral("password"), QStringLiteral("demo")}});
        QCOMPARE(ok.status, 200);
        const QJsonObject o = ok.json();
        QVERIFY(o.value(QStringLiteral("token")).toString().size() >= 40);
        QVERIFY(o.value(QStringLiteral("expires_at")).toString().endsWith(u'Z'));
        QCOMPARE(o.value(QStringLiteral("user")).toObject().value(QStringLiteral("username")).toString(),
            QStringLiteral("agent2"));
        c->setToken(o.value(QStringLiteral("token")).toString().toUtf8());
        QCOMPARE(c->get(QStringLiteral("/api/v1/me")).status, 200);
        QCOMPARE(c->post(QStringLiteral("/api/v1/auth/logout"), {}).status, 204);
        const HttpResult after = c->get(QStringLiteral("/api/v1/me"));
        QCOMPARE(after.status, 401); // revoked
    }

    void loginIsThrottled()
    {
        auto c = client({});
        int last = 0;
        QByteArray retryAfter;
        for (int i = 0; i < 7; ++i) {
            const HttpResult r = c->post(QStringLiteral("/api/v1/auth/login"),
                QJsonObject {{QStringLiteral("username"), QStringLiteral("agent3")},
                    {QStringLiteral("password"), QStringLiteral("guess%1").arg(i)}});
            last = r.status;
            retryAfter = r.header("retry-after");
        }
        QCOMPARE(last, 429);
        QVERIFY(retryAfter.toInt() >= 1);
        // Even the right password waits until the block ends.
        QVERIFY(!c->login(QStringLiteral("agent3")));
    }

    void ticketCrudWithEtagsAndIdempotency()
    {
        const QJsonObject body {{QStringLiteral("title"), QStringLiteral("VPN drops every hour")},
            {QStringLiteral("group_id"), kGroupIt}, {QStringLiteral("priority"), QStringLiteral("high")}};
        const QHash<QByteArray, QByteArray> key {{"Idempotency-Key", newUuid().toUtf8()}};
        const HttpResult created = m_agent1->post(QStringLiteral("/api/v1/tickets"), body, key);
        QCOMPARE(created.status, 201);
        const QJsonObject t = created.json();
        QVERIFY(t.value(QStringLiteral("number")).toInteger() > 0);
        QCOMPARE(t.value(QStringLiteral("version")).toInteger(), 1);
        const QString id = t.value(QStringLiteral("id")).toString();
        QCOMPARE(created.header("location"), QByteArray("/api/v1/tickets/") + id.toUtf8());
        const QByteArray etag = created.header("etag");
        QVERIFY(!etag.isEmpty());

        const HttpResult replay = m_agent1->post(QStringLiteral("/api/v1/tickets"), body, key);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.json(), t);
        QCOMPARE(replay.header("idempotency-replayed"), QByteArray("true"));
        QJsonObject other = body;
        other.insert(QStringLiteral("title"), QStringLiteral("Something else"));
        QCOMPARE(m_agent1->post(QStringLiteral("/api/v1/tickets"), other, key).status, 422);

        const QString path = QStringLiteral("/api/v1/tickets/") + id;
        const HttpResult got = m_agent1->get(path);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.header("etag"), etag);
        QCOMPARE(m_agent1->get(path, {{"If-None-Match", etag}}).status, 304);

        const QJsonObject patch {{QStringLiteral("status"), QStringLiteral("in_progress")},
            {QStringLiteral("assignee_id"),
                m_agent1->get(QStringLiteral("/api/v1/me")).json().value(QStringLiteral("id"))}};
        const HttpResult noMatch = m_agent1->patch(path, patch);
        QCOMPARE(noMatch.status, 428);
        QCOMPARE(noMatch.problemType(), QStringLiteral("precondition-required"));
        const HttpResult stale = m_agent1->patch(path, patch, {{"If-Match", "\"v999\""}});
        QCOMPARE(stale.status, 412);
        QCOMPARE(
            stale.json().value(QStringLiteral("current")).toObject().value(QStringLiteral("id")).toString(),
            id);
        const HttpResult patched = m_agent1->patch(path, patch, {{"If-Match", etag}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json().value(QStringLiteral("status")).toString(), QStringLiteral("in_progress"));
        QVERIFY(patched.header("etag") != etag);
        // The old ETag is stale now.
        QCOMPARE(m_agent1
                     ->patch(path, QJsonObject {{QStringLiteral("priority"), QStringLiteral("low")}},
                         {{"If-Match", etag}})
                     .status,
            412);
        // Workflow: in_progress → closed is refused with a reason.
        const HttpResult refused
            = m_agent1->patch(path, QJsonObject {{QStringLiteral("status"), QStringLiteral("closed")}},
                {{"If-Match", patched.header("etag")}});
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.problemType(), QStringLiteral("transition-refused"));
        // The refusal travels as a code (what clients translate) next to its English text.
        QCOMPARE(refused.json().value(QStringLiteral("code")).toString(),
            QStringLiteral("resolve-before-closing"));
        QCOMPARE(refused.json().value(QStringLiteral("detail")).toString(),
            QStringLiteral("Resolve the ticket before closing it."));

        // Comments: an internal note is invisible to the requester.
        const HttpResult note = m_agent1->post(path + QStringLiteral("/comments"),
            QJsonObject {{QStringLiteral("body"), QStringLiteral("internal: check the firewall")},
                {QStringLiteral("public"), false}});
        QCOMPARE(note.status, 201);
        const HttpResult reply = m_agent1->post(path + QStringLiteral("/comments"),
            QJsonObject {{QStringLiteral("body"), QStringLiteral("We are on it.")}});
        QCOMPARE(reply.status, 201);
        const HttpResult list = m_agent1->get(path + QStringLiteral("/comments"));
        QCOMPARE(list.json().value(QStringLiteral("comments")).toArray().size(), 2);

        // DELETE → 404 afterwards.
        QCOMPARE(m_agent1->del(path).status, 204);
        QCOMPARE(m_agent1->get(path).status, 404);
    }

    void requesterSeesOwnTicketsAndPublicCommentsOnly()
    {
        auto req = client(QStringLiteral("requester01"));
        QVERIFY(!req->token().isEmpty());
        const QJsonObject t = createTicket(*req, QStringLiteral("My laptop will not boot"));
        const QString id = t.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        const QString path = QStringLiteral("/api/v1/tickets/") + id;
        QCOMPARE(m_agent1
                     ->post(path + QStringLiteral("/comments"),
                         QJsonObject {{QStringLiteral("body"), QStringLiteral("note: user is VIP")},
                             {QStringLiteral("public"), false}})
                     .status,
            201);
        QCOMPARE(
            m_agent1
                ->post(path + QStringLiteral("/comments"),
                    QJsonObject {{QStringLiteral("body"), QStringLiteral("Please hold the power button.")}})
                .status,
            201);
        const QJsonArray comments
            = req->get(path + QStringLiteral("/comments")).json().value(QStringLiteral("comments")).toArray();
        QCOMPARE(comments.size(), 1);
        QCOMPARE(comments.at(0).toObject().value(QStringLiteral("public")).toBool(), true);
        // Only their own tickets in the list and the feed.
        const QJsonArray mine = req->get(QStringLiteral("/api/v1/tickets?limit=500"))
                                    .json()
                                    .value(QStringLiteral("tickets"))
                                    .toArray();
        QVERIFY(!mine.isEmpty());
        const QString me
            = req->get(QStringLiteral("/api/v1/me")).json().value(QStringLiteral("id")).toString();
        for (const QJsonValue &v : mine)
            QCOMPARE(v.toObject().value(QStringLiteral("requester_id")).toString(), me);
        QString cursor;
        const QJsonArray feed = drain(*req, &cursor, 500);
        for (const QJsonValue &v : feed) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("entity")).toString() == QStringLiteral("comment"))
                QVERIFY(c.value(QStringLiteral("data")).toObject().value(QStringLiteral("public")).toBool());
            if (c.value(QStringLiteral("entity")).toString() == QStringLiteral("ticket")
                && c.value(QStringLiteral("op")).toString() == QStringLiteral("upsert"))
                QCOMPARE(c.value(QStringLiteral("data"))
                             .toObject()
                             .value(QStringLiteral("requester_id"))
                             .toString(),
                    me);
        }
        // Requesters cannot read the directory or make internal notes.
        QCOMPARE(req->get(QStringLiteral("/api/v1/users")).status, 403);
        QCOMPARE(req->post(path + QStringLiteral("/comments"),
                        QJsonObject {
                            {QStringLiteral("body"), QStringLiteral("x")}, {QStringLiteral("public"), false}})
                     .status,
            403);
    }

    void referencesMustExist()
    {
        HttpResult r = m_agent1->post(QStringLiteral("/api/v1/tickets"),
            QJsonObject {{QStringLiteral("title"), QStringLiteral("ghost group")},
                {QStringLiteral("group_id"), newUuid()}});
        QCOMPARE(r.status, 422);
        QVERIFY(r.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("group_id")));
        const QJsonObject t = createTicket(*m_agent1, QStringLiteral("assign me properly"));
        const QString requester = t.value(QStringLiteral("requester_id")).toString();
        QJsonArray users
            = m_admin->get(QStringLiteral("/api/v1/users")).json().value(QStringLiteral("users")).toArray();
        QString someRequester;
        for (const QJsonValue &u : users) {
            if (u.toObject().value(QStringLiteral("role")).toString() == QStringLiteral("requester"))
                someRequester = u.toObject().value(QStringLiteral("id")).toString();
        }
        QVERIFY(!someRequester.isEmpty() && !requester.isEmpty());
        r = m_agent1->patch(QStringLiteral("/api/v1/tickets/") + t.value(QStringLiteral("id")).toString(),
            QJsonObject {{QStringLiteral("assignee_id"), someRequester}}, {{"If-Match", "\"v1\""}});
        QCOMPARE(r.status, 422);
        QVERIFY(r.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("assignee_id")));
    }

    void otherGroupsTicketIsInvisible()
    {
        const QJsonObject t = createTicket(*m_admin, QStringLiteral("Payroll question"), kGroupHr);
        const QString path = QStringLiteral("/api/v1/tickets/") + t.value(QStringLiteral("id")).toString();
        QCOMPARE(m_agent4->get(path).status, 200);
        const HttpResult r = m_agent1->get(path);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(m_agent1
                     ->patch(path, QJsonObject {{QStringLiteral("priority"), QStringLiteral("low")}},
                         {{"If-Match", "\"v1\""}})
                     .status,
            404);
        QCOMPARE(m_agent1
                     ->post(path + QStringLiteral("/comments"),
                         QJsonObject {{QStringLiteral("body"), QStringLiteral("hi")}})
                     .status,
            404);
        const QJsonArray list = m_agent1->get(QStringLiteral("/api/v1/tickets?limit=500"))
                                    .json()
                                    .value(QStringLiteral("tickets"))
                                    .toArray();
        for (const QJsonValue &v : list)
            QVERIFY(v.toObject().value(QStringLiteral("group_id")).toString() != kGroupHr);
    }

    void feedIsCompleteOrderedAndPaged()
    {
        QString cursor;
        const QJsonArray all = drain(*m_admin, &cursor, 7);
        QVERIFY(all.size() > 100);
        qint64 previous = 0;
        QSet<QString> ticketIds;
        for (const QJsonValue &v : all) {
            const QJsonObject c = v.toObject();
            const qint64 seq = c.value(QStringLiteral("seq")).toInteger();
            QVERIFY2(seq > previous, "seq strictly increasing");
            previous = seq;
            if (c.value(QStringLiteral("entity")).toString() == QStringLiteral("ticket")
                && c.value(QStringLiteral("op")).toString() == QStringLiteral("upsert"))
                ticketIds.insert(c.value(QStringLiteral("id")).toString());
        }
        const QJsonArray list = m_admin->get(QStringLiteral("/api/v1/tickets?limit=500"))
                                    .json()
                                    .value(QStringLiteral("tickets"))
                                    .toArray();
        QCOMPARE(ticketIds.size(), list.size());
        // At the head: empty page, same cursor, no more.
        const HttpResult head = m_admin->get(QStringLiteral("/api/v1/changes?cursor=") + cursor);
        QCOMPARE(head.json().value(QStringLiteral("changes")).toArray().size(), 0);
        QCOMPARE(head.json().value(QStringLiteral("has_more")).toBool(), false);
        QCOMPARE(head.json().value(QStringLiteral("next_cursor")).toString(), cursor);
        // A change after the cursor is delivered exactly once.
        const QJsonObject t = createTicket(*m_admin, QStringLiteral("Fresh one"));
        const QJsonArray next = drain(*m_admin, &cursor);
        QCOMPARE(next.size(), 1);
        QCOMPARE(next.at(0).toObject().value(QStringLiteral("id")).toString(),
            t.value(QStringLiteral("id")).toString());
    }

    void cursorErrors()
    {
        const QString epoch = m_admin->get(QStringLiteral("/api/v1/version"))
                                  .json()
                                  .value(QStringLiteral("epoch"))
                                  .toString();
        HttpResult r
            = m_admin->get(QStringLiteral("/api/v1/changes?cursor=") + newUuid() + QStringLiteral(".5"));
        QCOMPARE(r.status, 410);
        QCOMPARE(r.problemType(), QStringLiteral("epoch-changed"));
        r = m_admin->get(QStringLiteral("/api/v1/changes?cursor=") + epoch + QStringLiteral(".99999999"));
        QCOMPARE(r.status, 410); // ahead of the head: restored from an older backup
        r = m_admin->get(QStringLiteral("/api/v1/changes?cursor=garbage"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.problemType(), QStringLiteral("invalid-cursor"));
    }

    void visibilityLossIsARemove()
    {
        const QJsonObject t = createTicket(*m_agent1, QStringLiteral("Move me to HR"));
        const QString id = t.value(QStringLiteral("id")).toString();
        QCOMPARE(m_agent1
                     ->post(QStringLiteral("/api/v1/tickets/%1/comments").arg(id),
                         QJsonObject {{QStringLiteral("body"), QStringLiteral("context for HR")}})
                     .status,
            201);
        QString c1, c4;
        drain(*m_agent1, &c1);
        drain(*m_agent4, &c4);
        const HttpResult moved = m_agent1->patch(QStringLiteral("/api/v1/tickets/") + id,
            QJsonObject {{QStringLiteral("group_id"), kGroupHr}},
            {{"If-Match", m_agent1->get(QStringLiteral("/api/v1/tickets/") + id).header("etag")}});
        QCOMPARE(moved.status, 200);
        const QJsonArray a1 = drain(*m_agent1, &c1);
        QCOMPARE(a1.size(), 1);
        QCOMPARE(a1.at(0).toObject().value(QStringLiteral("op")).toString(), QStringLiteral("remove"));
        QVERIFY(a1.at(0).toObject().value(QStringLiteral("data")).isNull());
        const QJsonArray a4 = drain(*m_agent4, &c4);
        QStringList seen;
        for (const QJsonValue &v : a4)
            seen << v.toObject().value(QStringLiteral("entity")).toString() + u':'
                    + v.toObject().value(QStringLiteral("op")).toString();
        QCOMPARE(seen, (QStringList {QStringLiteral("ticket:upsert"), QStringLiteral("comment:upsert")}));
    }

    void directoryReadForStaffWriteForAdmins()
    {
        QVERIFY(m_agent1->get(QStringLiteral("/api/v1/users"))
                    .json()
                    .value(QStringLiteral("users"))
                    .toArray()
                    .size()
            >= 7);
        QCOMPARE(m_agent1->get(QStringLiteral("/api/v1/groups"))
                     .json()
                     .value(QStringLiteral("groups"))
                     .toArray()
                     .size(),
            4);
        QVERIFY(!m_agent1->get(QStringLiteral("/api/v1/boards"))
                     .json()
                     .value(QStringLiteral("boards"))
                     .toArray()
                     .isEmpty());
        QVERIFY(m_agent1->get(QStringLiteral("/api/v1/views")).status == 200);
        const QString gid = newUuid();
        const QJsonObject group {
            {QStringLiteral("id"), gid}, {QStringLiteral("name"), QStringLiteral("Security")}};
        QCOMPARE(m_agent1->send("PUT", QStringLiteral("/api/v1/groups/") + gid, toJson(group)).status, 403);
        QCOMPARE(m_admin->send("PUT", QStringLiteral("/api/v1/groups/") + gid, toJson(group)).status, 200);
        const QString uid = newUuid();
        const QJsonObject user {{QStringLiteral("id"), uid},
            {QStringLiteral("username"), QStringLiteral("sec1")},
            {QStringLiteral("role"), QStringLiteral("agent")},
            {QStringLiteral("group_ids"), QJsonArray {gid}},
            {QStringLiteral("password"), QStringLiteral("s3cret-pass")}};
        QCOMPARE(m_admin->send("PUT", QStringLiteral("/api/v1/users/") + uid, toJson(user)).status, 200);
        auto sec = client(QStringLiteral("sec1"));
        QVERIFY(!sec->token().isEmpty() || sec->login(QStringLiteral("sec1"), QStringLiteral("s3cret-pass")));
    }

    void calendarsAndSlaPolicies()
    {
        const QString cal = newUuid();
        const QJsonObject calendar {{QStringLiteral("name"), QStringLiteral("Moscow office")},
            {QStringLiteral("calendar"),
                QJsonObject {{QStringLiteral("timezone"), QStringLiteral("Europe/Moscow")},
                    {QStringLiteral("weekly"),
                        QJsonObject {{QStringLiteral("mon"),
                            QJsonArray {QJsonArray {QStringLiteral("09:00"), QStringLiteral("18:00")}}}}},
                    {QStringLiteral("holidays"), QJsonArray {QStringLiteral("2026-01-01")}}}}};
        QCOMPARE(
            m_agent1->send("PUT", QStringLiteral("/api/v1/calendars/") + cal, toJson(calendar)).status, 403);
        QString cursor
            = m_admin->get(QStringLiteral("/api/v1/health")).json().value(QStringLiteral("head")).toString();
        QCOMPARE(
            m_admin->send("PUT", QStringLiteral("/api/v1/calendars/") + cal, toJson(calendar)).status, 200);
        QJsonObject bad = calendar;
        bad.insert(QStringLiteral("calendar"),
            QJsonObject {{QStringLiteral("timezone"), QStringLiteral("Mars/Olympus")}});
        const HttpResult invalid
            = m_admin->send("PUT", QStringLiteral("/api/v1/calendars/") + cal, toJson(bad));
        QCOMPARE(invalid.status, 422);
        QCOMPARE(invalid.problemType(), QStringLiteral("validation"));
        const QJsonArray cals = m_agent1->get(QStringLiteral("/api/v1/calendars"))
                                    .json()
                                    .value(QStringLiteral("calendars"))
                                    .toArray();
        QCOMPARE(cals.size(), 1);
        QCOMPARE(
            cals.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Moscow office"));

        const QString pol = newUuid();
        const QJsonObject policy {{QStringLiteral("name"), QStringLiteral("Standard")},
            {QStringLiteral("policy"),
                QJsonObject {{QStringLiteral("targets"),
                    QJsonObject {
                        {QStringLiteral("first_response"), 15}, {QStringLiteral("resolution"), 120}}}}}};
        QCOMPARE(
            m_admin->send("PUT", QStringLiteral("/api/v1/sla-policies/") + pol, toJson(policy)).status, 200);
        QCOMPARE(m_agent1->get(QStringLiteral("/api/v1/sla-policies"))
                     .json()
                     .value(QStringLiteral("sla_policies"))
                     .toArray()
                     .size(),
            1);
        // Both reach staff through the change feed.
        const QJsonArray changes = drain(*m_agent1, &cursor);
        QStringList entities;
        for (const QJsonValue &v : changes)
            entities << v.toObject().value(QStringLiteral("entity")).toString();
        QCOMPARE(entities, (QStringList {QStringLiteral("calendar"), QStringLiteral("sla_policy")}));
        QCOMPARE(m_admin->del(QStringLiteral("/api/v1/sla-policies/") + pol).status, 204);
        QCOMPARE(m_admin->del(QStringLiteral("/api/v1/sla-policies/") + pol).status, 404);
        auto req = client(QStringLiteral("requester02"));
        QCOMPARE(req->get(QStringLiteral("/api/v1/calendars")).status, 403);
    }

    void gracefulShutdown()
    {
        QCOMPARE(m_server.stop(), 0);
        QVERIFY(m_server.stderrLog().contains("shutting down"));
        // The log never carries tokens or passwords.
        QVERIFY(!m_server.stderrLog().contains(m_agent1->token()));
        QVERIFY(!m_server.stderrLog().contains("s3cret-pass"));
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_server_api.moc"
