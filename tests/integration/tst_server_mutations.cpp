// POST /api/v1/mutations against a real triaged (SQLite, or PostgreSQL when built as
// tst_server_mutations_pg): exactly-once, ordering, merge rules, held replies, delete wins.
#include "ServerTestBase.h"

#include <QSet>

using namespace triage::test;

class TestServerMutations : public QObject
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

    void mutationsExactlyOnce()
    {
        const QString cid = newUuid();
        const QString tid = newUuid();
        const QJsonObject create = mutation(1, QStringLiteral("ticket.create"),
            {{QStringLiteral("ticket"),
                QJsonObject {{QStringLiteral("id"), tid},
                    {QStringLiteral("title"), QStringLiteral("Offline ticket")},
                    {QStringLiteral("group_id"), kGroupIt}}}});
        HttpResult r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, {create}));
        QCOMPARE(r.status, 200);
        QJsonObject res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
        const qint64 number
            = res.value(QStringLiteral("ticket")).toObject().value(QStringLiteral("number")).toInteger();
        QVERIFY(number > 0);
        QCOMPARE(r.json().value(QStringLiteral("last_processed_seq")).toInteger(), 1);
        // Replay (lost response, HTTP stack resend): duplicate, same number, no second ticket.
        r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, {create}));
        res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("duplicate"));
        QCOMPARE(res.value(QStringLiteral("ticket")).toObject().value(QStringLiteral("number")).toInteger(),
            number);
        // Same client_seq, different payload → 422.
        QJsonObject altered = create;
        altered.insert(QStringLiteral("id"), newUuid());
        r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, {altered}));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.problemType(), QStringLiteral("client-seq-reused"));
        // Gap → 409, nothing past it applied.
        const QJsonObject third = mutation(3, QStringLiteral("ticket.update"),
            {{QStringLiteral("ticket_id"), tid}, {QStringLiteral("base_version"), 1},
                {QStringLiteral("changes"),
                    QJsonArray {change(
                        QStringLiteral("priority"), QStringLiteral("normal"), QStringLiteral("low"))}}});
        r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, {third}));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), QStringLiteral("mutation-gap"));
        QCOMPARE(r.json().value(QStringLiteral("expected_client_seq")).toInteger(), 2);
        // A gap after an applied mutation in the same batch: the problem carries what was applied.
        const QJsonObject second = mutation(2, QStringLiteral("comment.create"),
            {{QStringLiteral("comment"),
                QJsonObject {{QStringLiteral("id"), newUuid()}, {QStringLiteral("ticket_id"), tid},
                    {QStringLiteral("public"), false},
                    {QStringLiteral("body"), QStringLiteral("before the gap")}}}});
        QJsonObject fourth = third;
        fourth.insert(QStringLiteral("client_seq"), 4);
        r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, {second, fourth}));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), QStringLiteral("mutation-gap"));
        QCOMPARE(r.json().value(QStringLiteral("expected_client_seq")).toInteger(), 3);
        QCOMPARE(r.json().value(QStringLiteral("last_processed_seq")).toInteger(), 2);
        const QJsonArray applied = r.json().value(QStringLiteral("results")).toArray();
        QCOMPARE(applied.size(), 1);
        QCOMPARE(applied.at(0)[QStringLiteral("client_seq")].toInteger(), 2);
        QCOMPARE(applied.at(0)[QStringLiteral("status")].toString(), QStringLiteral("applied"));
        QCOMPARE(applied.at(0)[QStringLiteral("comment")][QStringLiteral("body")].toString(),
            QStringLiteral("before the gap"));
        QCOMPARE(m_agent1->get(QStringLiteral("/api/v1/tickets/") + tid)
                     .json()
                     .value(QStringLiteral("priority"))
                     .toString(),
            QStringLiteral("normal"));
        // The changes feed reports last_processed_seq and the recent results for this client.
        const HttpResult feed = m_agent1->get(QStringLiteral("/api/v1/changes?limit=1&client_id=") + cid);
        QCOMPARE(feed.json().value(QStringLiteral("last_processed_seq")).toInteger(), 2);
        QCOMPARE(feed.json().value(QStringLiteral("recent_results")).toArray().size(), 2);
        // Another user cannot use this client_id.
        r = m_agent4->post(QStringLiteral("/api/v1/mutations"),
            batch(cid, {mutation(2, QStringLiteral("ticket.delete"), {{QStringLiteral("ticket_id"), tid}})}));
        QCOMPARE(r.status, 403);
    }

    void mergeRules()
    {
        const QJsonObject t = createTicket(*m_agent1, QStringLiteral("Original title"));
        const QString tid = t.value(QStringLiteral("id")).toString();
        const QString cid = newUuid();
        // Someone else changes title and priority on the server.
        QCOMPARE(m_admin
                     ->patch(QStringLiteral("/api/v1/tickets/") + tid,
                         QJsonObject {{QStringLiteral("title"), QStringLiteral("Server title")},
                             {QStringLiteral("priority"), QStringLiteral("high")},
                             {QStringLiteral("tags_add"), QJsonArray {QStringLiteral("server")}}},
                         {{"If-Match", "\"v1\""}})
                     .status,
            200);
        // The offline agent edited title, priority, description and tags from version 1.
        const QJsonObject upd = mutation(1, QStringLiteral("ticket.update"),
            {{QStringLiteral("ticket_id"), tid}, {QStringLiteral("base_version"), 1},
                {QStringLiteral("changes"),
                    QJsonArray {change(QStringLiteral("title"), QStringLiteral("Original title"),
                                    QStringLiteral("Agent title")),
                        change(QStringLiteral("priority"), QStringLiteral("normal"), QStringLiteral("low")),
                        change(
                            QStringLiteral("description"), QStringLiteral(""), QStringLiteral("details"))}},
                {QStringLiteral("tags_add"), QJsonArray {QStringLiteral("Agent")}}});
        const HttpResult r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, {upd}));
        QCOMPARE(r.status, 200);
        const QJsonObject res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("conflict"));
        const QJsonArray conflicts = res.value(QStringLiteral("conflicts")).toArray();
        QCOMPARE(conflicts.size(), 1);
        const QJsonObject c = conflicts.at(0).toObject();
        QCOMPARE(c.value(QStringLiteral("field")).toString(), QStringLiteral("title"));
        QCOMPARE(c.value(QStringLiteral("base")).toString(), QStringLiteral("Original title"));
        QCOMPARE(c.value(QStringLiteral("yours")).toString(), QStringLiteral("Agent title"));
        QCOMPARE(c.value(QStringLiteral("current")).toString(), QStringLiteral("Server title"));
        const QJsonObject cur = res.value(QStringLiteral("ticket")).toObject();
        QCOMPARE(cur.value(QStringLiteral("title")).toString(),
            QStringLiteral("Server title")); // server value kept
        QCOMPARE(
            cur.value(QStringLiteral("priority")).toString(), QStringLiteral("low")); // last arrival wins
        QCOMPARE(cur.value(QStringLiteral("description")).toString(),
            QStringLiteral("details")); // unchanged on server: applied
        QCOMPARE(cur.value(QStringLiteral("tags")).toArray(),
            (QJsonArray {QStringLiteral("server"), QStringLiteral("agent")}));
    }

    void heldRepliesAndDeleteWins()
    {
        const QJsonObject t = createTicket(*m_agent1, QStringLiteral("Held reply case"));
        const QString tid = t.value(QStringLiteral("id")).toString();
        const QString cid = newUuid();
        // Another agent replies publicly after version 1.
        QCOMPARE(m_admin
                     ->post(QStringLiteral("/api/v1/tickets/%1/comments").arg(tid),
                         QJsonObject {{QStringLiteral("body"), QStringLiteral("Admin answered")}})
                     .status,
            201);
        const QString commentId = newUuid();
        QJsonObject reply = mutation(1, QStringLiteral("comment.create"),
            {{QStringLiteral("base_version"), 1},
                {QStringLiteral("comment"),
                    QJsonObject {{QStringLiteral("id"), commentId}, {QStringLiteral("ticket_id"), tid},
                        {QStringLiteral("body"), QStringLiteral("My answer")}}}});
        HttpResult r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, {reply}));
        QJsonObject res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("held"));
        QCOMPARE(res.value(QStringLiteral("mutation"))
                     .toObject()
                     .value(QStringLiteral("comment"))
                     .toObject()
                     .value(QStringLiteral("body"))
                     .toString(),
            QStringLiteral("My answer"));
        // The agent confirms: a new mutation with confirm=true.
        QJsonObject confirmed = mutation(2, QStringLiteral("comment.create"),
            {{QStringLiteral("confirm"), true},
                {QStringLiteral("comment"), reply.value(QStringLiteral("comment"))}});
        r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, {confirmed}));
        QCOMPARE(r.json()
                     .value(QStringLiteral("results"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("applied"));
        // Kanban move between two tickets.
        const QString a
            = createTicket(*m_agent1, QStringLiteral("rank a")).value(QStringLiteral("id")).toString();
        const QString b
            = createTicket(*m_agent1, QStringLiteral("rank b")).value(QStringLiteral("id")).toString();
        const double ra = m_agent1->get(QStringLiteral("/api/v1/tickets/") + a)
                              .json()
                              .value(QStringLiteral("rank"))
                              .toDouble();
        const double rb = m_agent1->get(QStringLiteral("/api/v1/tickets/") + b)
                              .json()
                              .value(QStringLiteral("rank"))
                              .toDouble();
        r = m_agent1->post(QStringLiteral("/api/v1/mutations"),
            batch(cid,
                {mutation(3, QStringLiteral("ticket.move"),
                    {{QStringLiteral("ticket_id"), tid}, {QStringLiteral("base_version"), 3},
                        {QStringLiteral("status"), QStringLiteral("waiting")}, {QStringLiteral("after"), a},
                        {QStringLiteral("before"), b}})}));
        res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
        QCOMPARE(res.value(QStringLiteral("ticket")).toObject().value(QStringLiteral("rank")).toDouble(),
            (ra + rb) / 2);
        QCOMPARE(res.value(QStringLiteral("ticket")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("waiting"));
        // Delete wins: a later edit is rejected and its text is kept in the result.
        QCOMPARE(m_admin->del(QStringLiteral("/api/v1/tickets/") + tid).status, 204);
        r = m_agent1->post(QStringLiteral("/api/v1/mutations"),
            batch(cid,
                {mutation(4, QStringLiteral("ticket.update"),
                    {{QStringLiteral("ticket_id"), tid}, {QStringLiteral("base_version"), 4},
                        {QStringLiteral("changes"),
                            QJsonArray {change(QStringLiteral("description"), QStringLiteral(""),
                                QStringLiteral("long text I wrote"))}}})}));
        res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(
            res.value(QStringLiteral("problem")).toObject().value(QStringLiteral("status")).toInt(), 410);
        QVERIFY(QJsonDocument(res.value(QStringLiteral("mutation")).toObject())
                    .toJson()
                    .contains("long text I wrote"));
        // A rejected mutation still counts as processed: the queue moves on.
        QCOMPARE(r.json().value(QStringLiteral("last_processed_seq")).toInteger(), 4);
        // An invalid payload is rejected (not a batch failure) and counted as processed.
        r = m_agent1->post(QStringLiteral("/api/v1/mutations"),
            batch(cid,
                {mutation(5, QStringLiteral("ticket.create"),
                    {{QStringLiteral("ticket"),
                        QJsonObject {
                            {QStringLiteral("id"), newUuid()}, {QStringLiteral("title"), QString()}}}})}));
        QCOMPARE(r.status, 200);
        res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(
            res.value(QStringLiteral("problem")).toObject().value(QStringLiteral("status")).toInt(), 422);
        QCOMPARE(r.json().value(QStringLiteral("last_processed_seq")).toInteger(), 5);
    }

    void repeatedBisectionKeepsStrictOrder()
    {
        // Cards A and B are neighbours; 200 cards are moved in right after A, each between A and the
        // card placed before it: the gap halves every time, far past what a double can represent.
        const QString a
            = createTicket(*m_agent1, QStringLiteral("rank A")).value(QStringLiteral("id")).toString();
        const QString b
            = createTicket(*m_agent1, QStringLiteral("rank B")).value(QStringLiteral("id")).toString();
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QString cursor
            = m_admin->get(QStringLiteral("/api/v1/health")).json().value(QStringLiteral("head")).toString();
        const QString cid = newUuid();
        qint64 seq = 0;
        QStringList cards;
        QJsonArray creates;
        for (int i = 0; i < 200; ++i) {
            cards << newUuid();
            creates.append(mutation(++seq, QStringLiteral("ticket.create"),
                {{QStringLiteral("ticket"),
                    QJsonObject {{QStringLiteral("id"), cards.last()},
                        {QStringLiteral("title"), QStringLiteral("card %1").arg(i)},
                        {QStringLiteral("group_id"), kGroupIt}}}}));
        }
        QJsonArray moves;
        QString previous = b;
        for (int i = 0; i < 200; ++i) {
            moves.append(mutation(++seq, QStringLiteral("ticket.move"),
                {{QStringLiteral("ticket_id"), cards[i]}, {QStringLiteral("base_version"), 1},
                    {QStringLiteral("after"), a}, {QStringLiteral("before"), previous}}));
            previous = cards[i];
        }
        for (const QJsonArray &part : {creates, moves}) {
            const HttpResult r = m_agent1->post(QStringLiteral("/api/v1/mutations"), batch(cid, part));
            QCOMPARE(r.status, 200);
            for (const QJsonValue &v : r.json().value(QStringLiteral("results")).toArray())
                QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
        }
        // What a syncing client ends up with: the last version of each ticket in the feed.
        QHash<QString, double> rank;
        for (const QJsonValue &v : drainFeed(*m_admin, &cursor, 500)) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("entity")).toString() == QStringLiteral("ticket")
                && c.value(QStringLiteral("op")).toString() == QStringLiteral("upsert")) {
                rank.insert(c.value(QStringLiteral("id")).toString(),
                    c.value(QStringLiteral("data")).toObject().value(QStringLiteral("rank")).toDouble());
            }
        }
        // B never moved: it is in the feed only because the column was renumbered.
        QVERIFY(rank.contains(a) && rank.contains(b));
        QStringList expected {a};
        for (qsizetype i = cards.size() - 1; i >= 0; --i)
            expected << cards[i];
        expected << b;
        for (qsizetype i = 1; i < expected.size(); ++i) {
            QVERIFY2(rank.contains(expected[i]), qPrintable(expected[i]));
            QVERIFY2(rank.value(expected[i - 1]) < rank.value(expected[i]),
                qPrintable(QStringLiteral("position %1: %2 !< %3")
                               .arg(i)
                               .arg(rank.value(expected[i - 1]), 0, 'g', 17)
                               .arg(rank.value(expected[i]), 0, 'g', 17)));
        }
    }

    // Links are intents like tags: a union across agents, never a conflict; every new target must be
    // another ticket the caller can see.
    void linksAreAUnionOfIntents()
    {
        const QJsonObject a = createTicket(*m_agent1, QStringLiteral("Mail down"));
        const QJsonObject b = createTicket(*m_agent1, QStringLiteral("Mail down too"));
        const QJsonObject c = createTicket(*m_agent1, QStringLiteral("Outlook cannot connect"));
        const QJsonObject hr = createTicket(*m_agent4, QStringLiteral("Payroll question"), kGroupHr);
        const QString aid = a.value(QStringLiteral("id")).toString();
        const auto link = [](const QString &kind, const QJsonObject &t) {
            return QJsonObject {
                {QStringLiteral("kind"), kind}, {QStringLiteral("ticket_id"), t.value(QStringLiteral("id"))}};
        };
        const auto update = [&](qint64 seq, const QJsonObject &extra) {
            QJsonObject m = mutation(seq, QStringLiteral("ticket.update"),
                {{QStringLiteral("ticket_id"), aid}, {QStringLiteral("base_version"), 1}});
            for (auto it = extra.begin(); it != extra.end(); ++it)
                m.insert(it.key(), it.value());
            return m;
        };
        // Two agents link the same ticket from the same (stale) base: both links are kept.
        HttpResult r = m_agent1->post(QStringLiteral("/api/v1/mutations"),
            batch(newUuid(),
                {update(1,
                    {{QStringLiteral("links_add"), QJsonArray {link(QStringLiteral("duplicate_of"), b)}}})}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[QStringLiteral("results")][0][QStringLiteral("status")].toString(),
            QStringLiteral("applied"));
        r = m_admin->post(QStringLiteral("/api/v1/mutations"),
            batch(newUuid(),
                {update(1,
                    {{QStringLiteral("links_add"), QJsonArray {link(QStringLiteral("relates_to"), c)}}})}));
        QCOMPARE(r.json()[QStringLiteral("results")][0][QStringLiteral("status")].toString(),
            QStringLiteral("applied"));
        QJsonArray links = m_agent1->get(QStringLiteral("/api/v1/tickets/") + aid)
                               .json()[QStringLiteral("links")]
                               .toArray();
        QCOMPARE(links.size(), 2);
        QVERIFY(links.contains(link(QStringLiteral("duplicate_of"), b)));
        QVERIFY(links.contains(link(QStringLiteral("relates_to"), c)));
        // The same link again changes nothing (no new version); removing one keeps the other.
        const HttpResult same = m_agent1->patch(QStringLiteral("/api/v1/tickets/") + aid,
            {{QStringLiteral("links_add"), QJsonArray {link(QStringLiteral("relates_to"), c)}}},
            {{"If-Match", "*"}});
        QCOMPARE(same.status, 200);
        const qint64 version = same.json()[QStringLiteral("version")].toInteger();
        QCOMPARE(version, 3);
        const HttpResult removed = m_agent1->patch(QStringLiteral("/api/v1/tickets/") + aid,
            {{QStringLiteral("links_remove"), QJsonArray {link(QStringLiteral("duplicate_of"), b)}}},
            {{"If-Match", "*"}});
        QCOMPARE(removed.status, 200);
        links = removed.json()[QStringLiteral("links")].toArray();
        QCOMPARE(links, QJsonArray {link(QStringLiteral("relates_to"), c)});
        // Refused with the field named: an invisible (other group) or missing target, itself, a bad kind.
        const QList<QPair<QJsonObject, QString>> bad {
            {link(QStringLiteral("relates_to"), hr), QStringLiteral("links_add[0].ticket_id")},
            {QJsonObject {{QStringLiteral("ticket_id"), newUuid()}},
                QStringLiteral("links_add[0].ticket_id")},
            {link(QStringLiteral("relates_to"), a), QStringLiteral("links_add[0].ticket_id")},
            {link(QStringLiteral("sibling_of"), b), QStringLiteral("links_add[0].kind")},
            {QJsonObject {{QStringLiteral("kind"), QStringLiteral("relates_to")}},
                QStringLiteral("links_add[0].ticket_id")},
        };
        for (const auto &[l, field] : bad) {
            const HttpResult refused = m_agent1->patch(QStringLiteral("/api/v1/tickets/") + aid,
                {{QStringLiteral("links_add"), QJsonArray {l}}}, {{"If-Match", "*"}});
            QCOMPARE(refused.status, 422);
            bool named = false;
            for (const QJsonValue &e : refused.json()[QStringLiteral("errors")].toArray())
                named = named || e[QStringLiteral("field")].toString() == field;
            QVERIFY2(named, refused.body.constData());
        }
        QCOMPARE(m_agent1->get(QStringLiteral("/api/v1/tickets/") + aid)
                     .json()[QStringLiteral("version")]
                     .toInteger(),
            4);
        // The feed carries the result to every agent of the group.
        QString cursor;
        QJsonObject last;
        for (const QJsonValue &ch : drain(*m_admin, &cursor))
            if (ch[QStringLiteral("id")].toString() == aid)
                last = ch[QStringLiteral("data")].toObject();
        QCOMPARE(last.value(QStringLiteral("links")).toArray(),
            QJsonArray {link(QStringLiteral("relates_to"), c)});
    }

    void cleanupTestCase()
    {
        if (m_server.isRunning()) // not started when PostgreSQL is missing and the case skipped
            QCOMPARE(m_server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerMutations)
#include "tst_server_mutations.moc"
