// triaged runs the automation rules (issue 18, docs/automation.md "For the server") against a real
// server on SQLite and PostgreSQL: the rule set is replaced by admins only and refused with the
// engine's field paths; a ticket created through the API gets the rules' changes in the same write,
// with every firing, near miss and chain stop on its log (the change feed's `history`) and each
// change authored by its rule; a time rule fires exactly once per state entry when the server's
// clock moves (`--test-clock`); a dry-run writes nothing and answers what the live run did.
#include "ServerTestBase.h"

#include <QJsonDocument>

using namespace triage;
using namespace triage::test;

namespace {

constexpr qint64 kMinuteMs = 60'000;

QJsonArray rulesJson(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("test rules: %s", qPrintable(error.errorString()));
    return doc.array();
}

// Tags and priority on create; a chain (priority high → critical); a near miss (requester not VIP);
// a note; an assignment that is not carried out yet; a chain of tag rules longer than the limit; a
// time rule on tickets titled "stale-check" in New for 15 minutes.
const char kRules[] = R"([
 {"id": "vpn", "name": "VPN → high", "order": 10, "kind": "event", "triggers": [{"on": "created"}],
  "conditions": {"all": [{"field": "text", "op": "contains", "value": "vpn"}]},
  "actions": [{"type": "add_tags", "tags": ["vpn"]}, {"type": "set_field", "field": "priority", "value": "high"},
              {"type": "note", "text": "VPN checklist: check the tunnel first"}]},
 {"id": "high-critical", "name": "High → critical", "order": 20, "kind": "event",
  "triggers": [{"on": "field_changed", "field": "priority", "to": "high"}],
  "actions": [{"type": "set_field", "field": "priority", "value": "critical"}]},
 {"id": "vip", "name": "VIP", "order": 30, "kind": "event", "triggers": [{"on": "created"}],
  "conditions": {"all": [{"field": "requester.tags", "op": "contains", "value": "vip"}]},
  "actions": [{"type": "add_tags", "tags": ["vip"]}]},
 {"id": "on-duty", "name": "Critical → on duty", "order": 40, "kind": "event",
  "triggers": [{"on": "field_changed", "field": "priority", "to": "critical"}],
  "actions": [{"type": "assign", "strategy": "on_duty"}]},
 {"id": "replied", "name": "Requester replied", "order": 50, "kind": "event",
  "triggers": [{"on": "comment_added", "by": "requester"}],
  "actions": [{"type": "add_tags", "tags": ["customer-replied"]}]},
 {"id": "c0", "name": "chain 0", "order": 100, "kind": "event", "triggers": [{"on": "created"}],
  "conditions": {"all": [{"field": "title", "op": "contains", "value": "chain"}]},
  "actions": [{"type": "add_tags", "tags": ["t1"]}]},
 {"id": "c1", "name": "chain 1", "order": 101, "kind": "event", "triggers": [{"on": "field_changed", "field": "tags", "to": "t1"}], "actions": [{"type": "add_tags", "tags": ["t2"]}]},
 {"id": "c2", "name": "chain 2", "order": 102, "kind": "event", "triggers": [{"on": "field_changed", "field": "tags", "to": "t2"}], "actions": [{"type": "add_tags", "tags": ["t3"]}]},
 {"id": "c3", "name": "chain 3", "order": 103, "kind": "event", "triggers": [{"on": "field_changed", "field": "tags", "to": "t3"}], "actions": [{"type": "add_tags", "tags": ["t4"]}]},
 {"id": "c4", "name": "chain 4", "order": 104, "kind": "event", "triggers": [{"on": "field_changed", "field": "tags", "to": "t4"}], "actions": [{"type": "add_tags", "tags": ["t5"]}]},
 {"id": "c5", "name": "chain 5", "order": 105, "kind": "event", "triggers": [{"on": "field_changed", "field": "tags", "to": "t5"}], "actions": [{"type": "add_tags", "tags": ["t6"]}]},
 {"id": "c6", "name": "chain 6", "order": 106, "kind": "event", "triggers": [{"on": "field_changed", "field": "tags", "to": "t6"}], "actions": [{"type": "add_tags", "tags": ["t7"]}]},
 {"id": "c7", "name": "chain 7", "order": 107, "kind": "event", "triggers": [{"on": "field_changed", "field": "tags", "to": "t7"}], "actions": [{"type": "add_tags", "tags": ["t8"]}]},
 {"id": "stale", "name": "New for 15 minutes", "order": 200, "kind": "time",
  "time": {"field": "status", "in": ["new"], "after_minutes": 15},
  "conditions": {"all": [{"field": "title", "op": "contains", "value": "stale-check"}]},
  "actions": [{"type": "add_tags", "tags": ["stale"]}]}
])";

QString headOf(TestClient &c)
{
    return c.get(QStringLiteral("/api/v1/health")).json().value(QStringLiteral("head")).toString();
}

// The ticket's log as the change feed carries it (the last upsert of the ticket since `cursor`).
QJsonArray feedHistory(TestClient &c, QString cursor, const QString &ticketId)
{
    QJsonArray history;
    for (const QJsonValue &v : drainFeed(c, &cursor)) {
        const QJsonObject ch = v.toObject();
        if (ch.value(QStringLiteral("entity")) == QStringLiteral("ticket")
            && ch.value(QStringLiteral("id")).toString() == ticketId)
            history = ch.value(QStringLiteral("data")).toObject().value(QStringLiteral("history")).toArray();
    }
    return history;
}

// The `rule` entries of a log, parsed (the trace entry is the entry's `to`).
QList<QJsonObject> ruleEntries(const QJsonArray &history, const QString &field = QStringLiteral("rule"))
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : history) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("field")).toString() == field)
            out.append(QJsonDocument::fromJson(e.value(QStringLiteral("to")).toString().toUtf8()).object());
    }
    return out;
}

QStringList firedIds(const QList<QJsonObject> &entries)
{
    QStringList out;
    for (const QJsonObject &e : entries) {
        if (e.value(QStringLiteral("fired")).toBool())
            out << e.value(QStringLiteral("rule_id")).toString();
    }
    return out;
}

QStringList tagsOf(const QJsonObject &ticket)
{
    QStringList out;
    for (const QJsonValue &v : ticket.value(QStringLiteral("tags")).toArray())
        out << v.toString();
    return out;
}

} // namespace

class TestServerRules : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_admin;

    bool putRules(const QJsonArray &rules)
    {
        const HttpResult r = m_admin->send(
            "PUT", QStringLiteral("/api/v1/rules"), toJson(QJsonObject {{QStringLiteral("rules"), rules}}));
        if (r.status != 200)
            qWarning("PUT rules: %d %s", r.status, r.body.constData());
        return r.status == 200;
    }

private Q_SLOTS:
    void initTestCase()
    {
        TriagedProcess::Options o;
        o.testClock = true;
        o.env.insert(
            QStringLiteral("TRIAGE_RULE_SWEEP_MS"), QStringLiteral("0")); // only when the clock moves
        TRIAGE_START_SERVER(m_server, o);
        m_admin = signedInClient(m_server.baseUrl(), QStringLiteral("admin"));
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

    // Only admins replace the rule set; staff read it; a bad rule is refused with its field path and
    // nothing is stored; the set reaches staff through the change feed.
    void ruleSetIsAdminOnlyAndValidated()
    {
        const QString head0 = headOf(*m_admin);
        auto agent = signedInClient(m_server.baseUrl(), QStringLiteral("agent1"));
        const QByteArray body = toJson(QJsonObject {{QStringLiteral("rules"), rulesJson(kRules)}});
        QCOMPARE(agent->send("PUT", QStringLiteral("/api/v1/rules"), body).status, 403);
        auto lead = signedInClient(m_server.baseUrl(), QStringLiteral("lead"));
        QCOMPARE(lead->send("PUT", QStringLiteral("/api/v1/rules"), body).status, 403);

        const char bad[] = R"([{"id": "ok", "name": "fine", "kind": "event", "triggers": [{"on": "created"}],
            "actions": [{"type": "add_tags", "tags": ["x"]}]},
           {"id": "bad", "name": "bad", "kind": "event", "triggers": [{"on": "created"}],
            "conditions": {"all": [{"field": "priority", "op": "equals", "value": "urgent"}]},
            "actions": [{"type": "add_tags", "tags": ["x"]}]}])";
        const HttpResult refused = m_admin->send("PUT", QStringLiteral("/api/v1/rules"),
            toJson(QJsonObject {{QStringLiteral("rules"), rulesJson(bad)}}));
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.header("content-type"), QByteArray("application/problem+json"));
        QStringList fields;
        for (const QJsonValue &e : refused.json().value(QStringLiteral("errors")).toArray())
            fields << e.toObject().value(QStringLiteral("field")).toString();
        QVERIFY2(fields.contains(QStringLiteral("rules[1].conditions.all[0].value")),
            qPrintable(fields.join(u',')));
        QCOMPARE(m_admin->get(QStringLiteral("/api/v1/rules"))
                     .json()
                     .value(QStringLiteral("rules"))
                     .toArray()
                     .size(),
            0);
        QCOMPARE(headOf(*m_admin), head0); // nothing written

        QVERIFY(putRules(rulesJson(kRules)));
        const QJsonArray stored
            = agent->get(QStringLiteral("/api/v1/rules")).json().value(QStringLiteral("rules")).toArray();
        QCOMPARE(stored.size(), rulesJson(kRules).size());
        auto requester = signedInClient(m_server.baseUrl(), QStringLiteral("requester01"));
        QCOMPARE(requester->get(QStringLiteral("/api/v1/rules")).status, 403);

        QString cursor = head0;
        bool inFeed = false;
        for (const QJsonValue &v : drainFeed(*agent, &cursor))
            inFeed |= v.toObject().value(QStringLiteral("entity")) == QStringLiteral("rule_set");
        QVERIFY(inFeed);
        cursor = head0;
        for (const QJsonValue &v : drainFeed(*requester, &cursor))
            QVERIFY(v.toObject().value(QStringLiteral("entity")) != QStringLiteral("rule_set"));
    }

    // A ticket created through the API gets the rules' changes in its create, with the firings, the
    // near miss, the action not carried out yet and each change's rule on its log.
    void rulesRunOnCreate()
    {
        const QString head0 = headOf(*m_admin);
        const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("VPN is down for the whole floor"));
        const QString id = t.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(t.value(QStringLiteral("priority")).toString(), QStringLiteral("critical"));
        QVERIFY(tagsOf(t).contains(QStringLiteral("vpn")));
        QVERIFY(!tagsOf(t).contains(QStringLiteral("vip")));
        // The stored ticket is the same as the answer.
        const QJsonObject got = m_admin->get(QStringLiteral("/api/v1/tickets/") + id).json();
        QCOMPARE(got.value(QStringLiteral("priority")).toString(), QStringLiteral("critical"));
        QCOMPARE(got.value(QStringLiteral("version")).toInteger(), 1);

        const QJsonArray history = feedHistory(*m_admin, head0, id);
        const QList<QJsonObject> rules = ruleEntries(history);
        QCOMPARE(firedIds(rules),
            (QStringList {
                QStringLiteral("vpn"), QStringLiteral("high-critical"), QStringLiteral("on-duty")}));
        bool nearMiss = false;
        for (const QJsonObject &e : rules) {
            if (e.value(QStringLiteral("rule_id")) == QStringLiteral("vip")) {
                QCOMPARE(e.value(QStringLiteral("fired")).toBool(), false);
                QCOMPARE(e.value(QStringLiteral("reason")).toString(), QStringLiteral("condition_failed"));
                QCOMPARE(e.value(QStringLiteral("field")).toString(), QStringLiteral("requester.tags"));
                QCOMPARE(e.value(QStringLiteral("rule_name")).toString(), QStringLiteral("VIP"));
                nearMiss = true;
            }
        }
        QVERIFY(nearMiss);
        // The created entry has the caller's values; the priority changes are the rules'.
        QStringList priorityBy;
        for (const QJsonValue &v : history) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("field")) == QStringLiteral("created"))
                QCOMPARE(e.value(QStringLiteral("initial"))
                             .toObject()
                             .value(QStringLiteral("priority"))
                             .toString(),
                    QStringLiteral("normal"));
            if (e.value(QStringLiteral("field")) == QStringLiteral("priority"))
                priorityBy << e.value(QStringLiteral("by")).toString() + u':'
                        + e.value(QStringLiteral("to")).toString();
        }
        QCOMPARE(priorityBy, QStringList {QStringLiteral("rule:high-critical:critical")});
        // The assignment is recorded as not carried out yet (routing is wired separately).
        bool assignRecorded = false;
        for (const QJsonObject &a : ruleEntries(history, QStringLiteral("rule_action"))) {
            if (a.value(QStringLiteral("action")) == QStringLiteral("assign")) {
                QCOMPARE(a.value(QStringLiteral("carried_out")).toBool(), false);
                assignRecorded = true;
            }
        }
        QVERIFY(assignRecorded);
        QVERIFY(got.value(QStringLiteral("assignee_id")).toString().isEmpty());
        // The note is an internal comment by the rule.
        const QJsonArray comments
            = m_admin->get(QStringLiteral("/api/v1/tickets/") + id + QStringLiteral("/comments"))
                  .json()
                  .value(QStringLiteral("comments"))
                  .toArray();
        QCOMPARE(comments.size(), 1);
        QCOMPARE(comments.at(0).toObject().value(QStringLiteral("author_id")).toString(),
            QStringLiteral("00000000-0000-7000-8000-000000000001"));
        QVERIFY(comments.at(0)
                    .toObject()
                    .value(QStringLiteral("body"))
                    .toString()
                    .startsWith(QStringLiteral("Rule 'VPN → high': VPN checklist")));
        QCOMPARE(comments.at(0).toObject().value(QStringLiteral("public")).toBool(), false);

        // A ticket the rules do not match is left as it was.
        const QJsonObject plain = createTicketAs(*m_admin, QStringLiteral("Printer jam"));
        QCOMPARE(plain.value(QStringLiteral("priority")).toString(), QStringLiteral("normal"));
        QVERIFY(tagsOf(plain).isEmpty());
    }

    // Rules also run on a change (REST PATCH; sync mutations and channel intake call the same
    // TicketService): raising the priority to high chains to critical.
    void rulesRunOnUpdate()
    {
        const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("Keyboard sticky"));
        const QString id = t.value(QStringLiteral("id")).toString();
        const HttpResult r = m_admin->patch(QStringLiteral("/api/v1/tickets/") + id,
            QJsonObject {{QStringLiteral("priority"), QStringLiteral("high")}}, {{"If-Match", "*"}});
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json().value(QStringLiteral("priority")).toString(), QStringLiteral("critical"));
    }

    // The console's path (a sync mutation) and a requester's comment run the same rules.
    void rulesRunOnEveryPath()
    {
        auto agent = signedInClient(m_server.baseUrl(), QStringLiteral("agent1"));
        const QString tid = newUuid();
        const QJsonObject create = mutation(1, QStringLiteral("ticket.create"),
            {{QStringLiteral("ticket"),
                QJsonObject {{QStringLiteral("id"), tid},
                    {QStringLiteral("title"), QStringLiteral("VPN via sync")},
                    {QStringLiteral("group_id"), kGroupIt}}}});
        const HttpResult r = agent->post(QStringLiteral("/api/v1/mutations"), batch(newUuid(), {create}));
        QCOMPARE(r.status, 200);
        const QJsonObject res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        QCOMPARE(res.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
        const QJsonObject synced = m_admin->get(QStringLiteral("/api/v1/tickets/") + tid).json();
        QCOMPARE(synced.value(QStringLiteral("priority")).toString(), QStringLiteral("critical"));
        QVERIFY(tagsOf(synced).contains(QStringLiteral("vpn")));

        auto requester = signedInClient(m_server.baseUrl(), QStringLiteral("requester01"));
        const QJsonObject mine = createTicketAs(*requester, QStringLiteral("Monitor flickers"));
        const QString id = mine.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QVERIFY(!tagsOf(mine).contains(QStringLiteral("customer-replied")));
        const HttpResult c
            = requester->post(QStringLiteral("/api/v1/tickets/") + id + QStringLiteral("/comments"),
                QJsonObject {{QStringLiteral("id"), newUuid()},
                    {QStringLiteral("body"), QStringLiteral("Still flickering")}});
        QVERIFY2(c.status == 201, c.body.constData());
        QVERIFY(tagsOf(m_admin->get(QStringLiteral("/api/v1/tickets/") + id).json())
                    .contains(QStringLiteral("customer-replied")));
        // An agent's comment is not the requester's: the rule does not fire for it.
        const QJsonObject other = createTicketAs(*m_admin, QStringLiteral("Mouse broken"));
        const QString otherId = other.value(QStringLiteral("id")).toString();
        QCOMPARE(m_admin
                     ->post(QStringLiteral("/api/v1/tickets/") + otherId + QStringLiteral("/comments"),
                         QJsonObject {{QStringLiteral("id"), newUuid()},
                             {QStringLiteral("body"), QStringLiteral("On it")}})
                     .status,
            201);
        QVERIFY(!tagsOf(m_admin->get(QStringLiteral("/api/v1/tickets/") + otherId).json())
                     .contains(QStringLiteral("customer-replied")));
    }

    // A chain longer than the depth limit stops there, and the log says so.
    void chainStopsAtTheLimit()
    {
        const QString head0 = headOf(*m_admin);
        const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("chain reaction"));
        const QString id = t.value(QStringLiteral("id")).toString();
        const QStringList tags = tagsOf(t);
        QVERIFY2(tags.contains(QStringLiteral("t1")) && tags.contains(QStringLiteral("t5")),
            qPrintable(tags.join(u',')));
        QVERIFY2(!tags.contains(QStringLiteral("t8")), qPrintable(tags.join(u',')));
        bool stopped = false;
        for (const QJsonObject &e : ruleEntries(feedHistory(*m_admin, head0, id)))
            stopped |= e.value(QStringLiteral("reason")) == QStringLiteral("chain_depth_limit");
        QVERIFY(stopped);
    }

    // A dry-run writes nothing and answers what the live run did; a candidate rule can be tried.
    void dryRunWritesNothingAndMatchesTheLiveRun()
    {
        const QString head0 = headOf(*m_admin);
        const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("VPN again"));
        const QString id = t.value(QStringLiteral("id")).toString();
        const QStringList live = firedIds(ruleEntries(feedHistory(*m_admin, head0, id)));
        QVERIFY(!live.isEmpty());

        const QString head1 = headOf(*m_admin);
        auto lead = signedInClient(m_server.baseUrl(), QStringLiteral("lead"));
        const HttpResult one = lead->post(
            QStringLiteral("/api/v1/rules/dry-run"), QJsonObject {{QStringLiteral("ticket_id"), id}});
        QVERIFY2(one.status == 200, one.body.constData());
        QStringList dry;
        for (const QJsonValue &v : one.json().value(QStringLiteral("trace")).toArray()) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("fired")).toBool())
                dry << e.value(QStringLiteral("rule_id")).toString();
        }
        QCOMPARE(dry, live);

        const HttpResult history = m_admin->post(
            QStringLiteral("/api/v1/rules/dry-run"), QJsonObject {{QStringLiteral("days"), 30}});
        QVERIFY2(history.status == 200, history.body.constData());
        QVERIFY(history.json().value(QStringLiteral("tickets")).toArray().size() >= 3);

        const char candidate[]
            = R"([{"id": "try", "name": "Try me", "kind": "event", "triggers": [{"on": "created"}],
            "conditions": {"all": [{"field": "title", "op": "contains", "value": "again"}]},
            "actions": [{"type": "add_tags", "tags": ["tried"]}]}])";
        const HttpResult tried = m_admin->post(QStringLiteral("/api/v1/rules/dry-run"),
            QJsonObject {{QStringLiteral("ticket_id"), id}, {QStringLiteral("rules"), rulesJson(candidate)}});
        QVERIFY2(tried.status == 200, tried.body.constData());
        QCOMPARE(tried.json().value(QStringLiteral("rule_set")).toString(), QStringLiteral("candidate"));
        QStringList triedFired;
        for (const QJsonValue &v : tried.json().value(QStringLiteral("trace")).toArray()) {
            if (v.toObject().value(QStringLiteral("fired")).toBool())
                triedFired << v.toObject().value(QStringLiteral("rule_id")).toString();
        }
        QCOMPARE(triedFired, QStringList {QStringLiteral("try")});
        QCOMPARE(headOf(*m_admin), head1); // nothing written by any dry-run
        QVERIFY(!tagsOf(m_admin->get(QStringLiteral("/api/v1/tickets/") + id).json())
                     .contains(QStringLiteral("tried")));

        // Agents cannot dry-run; a bad candidate is refused with its path.
        auto agent = signedInClient(m_server.baseUrl(), QStringLiteral("agent1"));
        QCOMPARE(
            agent->post(QStringLiteral("/api/v1/rules/dry-run"), QJsonObject {{QStringLiteral("days"), 30}})
                .status,
            403);
        const HttpResult bad = m_admin->post(QStringLiteral("/api/v1/rules/dry-run"),
            QJsonObject {{QStringLiteral("days"), 30},
                {QStringLiteral("rules"),
                    QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("x")}}}}});
        QCOMPARE(bad.status, 422);
        QVERIFY(bad.body.contains("rules[0]."));
    }

    // A time rule fires once when its ticket has been in New for 15 minutes, not again later.
    void timeRuleFiresOncePerStateEntry()
    {
        const QString head0 = headOf(*m_admin);
        const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("stale-check printer"));
        const QString id = t.value(QStringLiteral("id")).toString();
        QVERIFY(!tagsOf(t).contains(QStringLiteral("stale")));
        QVERIFY(advanceClock(*m_admin, 10 * kMinuteMs) > 0);
        QVERIFY(!tagsOf(m_admin->get(QStringLiteral("/api/v1/tickets/") + id).json())
                     .contains(QStringLiteral("stale")));
        QVERIFY(advanceClock(*m_admin, 6 * kMinuteMs) > 0);
        QVERIFY(tagsOf(m_admin->get(QStringLiteral("/api/v1/tickets/") + id).json())
                    .contains(QStringLiteral("stale")));
        QVERIFY(advanceClock(*m_admin, 60 * kMinuteMs) > 0);
        // Removing the tag by hand does not make it fire again: still the same entry into New.
        const HttpResult patched = m_admin->patch(QStringLiteral("/api/v1/tickets/") + id,
            QJsonObject {{QStringLiteral("tags_remove"), QJsonArray {QStringLiteral("stale")}}},
            {{"If-Match", "*"}});
        QVERIFY2(patched.status == 200, patched.body.constData());
        QVERIFY(advanceClock(*m_admin, 60 * kMinuteMs) > 0);
        QVERIFY(!tagsOf(m_admin->get(QStringLiteral("/api/v1/tickets/") + id).json())
                     .contains(QStringLiteral("stale")));
        const QStringList fired = firedIds(ruleEntries(feedHistory(*m_admin, head0, id)));
        QCOMPARE(fired.count(QStringLiteral("stale")), 1);
    }
};

QTEST_MAIN(TestServerRules)
#include "tst_server_rules.moc"
