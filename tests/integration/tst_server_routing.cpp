// Routing against a real triaged (issue 18, docs/automation.md "Routing and roster"): a group's
// routing set through REST by its lead, agents' presence, new tickets assigned by round robin in
// the transaction that creates them (3 agents, 9 tickets → 3 each), an away agent and one at
// capacity skipped, nobody eligible → unassigned with the reason in the ticket's history, a
// non-lead refused, a bad configuration refused with the field's path, who is on duty from a roster.
#include "ServerTestBase.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace triage::test;

class TestServerRouting : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    TriagedProcess::Options m_options;
    std::unique_ptr<TestClient> m_admin, m_lead, m_outsider;
    std::vector<std::unique_ptr<TestClient>> m_agents;
    QString m_group = newUuid();
    QString m_leadId = newUuid();
    QStringList m_agentIds;

    static HttpResult put(TestClient &c, const QString &path, const QJsonObject &body)
    {
        return c.send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
            {{"content-type", "application/json"}});
    }

    bool addUser(const QString &id, const QString &username, const QString &role, const QStringList &groups)
    {
        const HttpResult r = put(*m_admin, QStringLiteral("/api/v1/users/") + id,
            {{QStringLiteral("username"), username}, {QStringLiteral("display_name"), username},
                {QStringLiteral("role"), role},
                {QStringLiteral("group_ids"), QJsonArray::fromStringList(groups)},
                {QStringLiteral("password"), QStringLiteral("demo")}});
        if (r.status != 200)
            qWarning("user %s: %d %s", qPrintable(username), r.status, r.body.constData());
        return r.status == 200;
    }

    bool setPresence(int agent, const QString &state)
    {
        const HttpResult r = put(
            *m_agents[agent], QStringLiteral("/api/v1/me/presence"), {{QStringLiteral("presence"), state}});
        if (r.status != 200)
            qWarning("presence: %d %s", r.status, r.body.constData());
        return r.status == 200 && r.json().value(QStringLiteral("state")).toString() == state;
    }

    // Creates `n` tickets in the routing group; returns their assignees (empty: unassigned).
    QStringList createTickets(int n, QStringList *ids = nullptr)
    {
        QStringList assignees;
        for (int i = 0; i < n; ++i) {
            const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("Routed %1").arg(i), m_group);
            assignees << t.value(QStringLiteral("assignee_id")).toString();
            if (ids)
                *ids << t.value(QStringLiteral("id")).toString();
        }
        return assignees;
    }

    // A ticket created the way the console does offline (a sync mutation): routed like a REST one.
    QString createByMutation(QStringList *ids)
    {
        const QString tid = newUuid();
        const QJsonObject create = mutation(1, QStringLiteral("ticket.create"),
            {{QStringLiteral("ticket"),
                QJsonObject {{QStringLiteral("id"), tid},
                    {QStringLiteral("title"), QStringLiteral("Offline")},
                    {QStringLiteral("group_id"), m_group}}}});
        const HttpResult r = m_admin->post(QStringLiteral("/api/v1/mutations"), batch(newUuid(), {create}));
        const QJsonObject res = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
        if (res.value(QStringLiteral("status")).toString() != QStringLiteral("applied"))
            qWarning("mutation: %d %s", r.status, r.body.constData());
        *ids << tid;
        return res.value(QStringLiteral("ticket")).toObject().value(QStringLiteral("assignee_id")).toString();
    }

    // The `routing` history entries of a ticket, as written in ticket_history.
    QStringList routingHistory(const QString &ticketId)
    {
        QSqlDatabase db
            = serverDatabase(QStringLiteral("routing_test"), m_options.databaseUrl, m_server.dataDir());
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("SELECT new_value FROM ticket_history WHERE ticket_id = ? AND field = 'routing'"));
        q.addBindValue(ticketId);
        QStringList out;
        if (!q.exec())
            return {QStringLiteral("query failed")};
        while (q.next())
            out << q.value(0).toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        TRIAGE_PG_DATABASE_IF_PG_BUILD(m_options.databaseUrl);
        TRIAGE_START_SERVER(m_server, m_options);
        m_admin = signedInClient(m_server.baseUrl(), QStringLiteral("admin"));
        QVERIFY(!m_admin->token().isEmpty());
        QVERIFY(addUser(m_leadId, QStringLiteral("rlead"), QStringLiteral("lead"), {}));
        const HttpResult g = put(*m_admin, QStringLiteral("/api/v1/groups/") + m_group,
            {{QStringLiteral("name"), QStringLiteral("Routing")}, {QStringLiteral("lead_id"), m_leadId}});
        QVERIFY2(g.status == 200, g.body.constData());
        for (int i = 0; i < 3; ++i) {
            m_agentIds << newUuid();
            QVERIFY(addUser(
                m_agentIds.last(), QStringLiteral("ragent%1").arg(i), QStringLiteral("agent"), {m_group}));
            m_agents.push_back(signedInClient(m_server.baseUrl(), QStringLiteral("ragent%1").arg(i)));
            QVERIFY(!m_agents.back()->token().isEmpty());
        }
        QVERIFY(addUser(newUuid(), QStringLiteral("routsider"), QStringLiteral("agent"), {kGroupIt}));
        m_lead = signedInClient(m_server.baseUrl(), QStringLiteral("rlead"));
        m_outsider = signedInClient(m_server.baseUrl(), QStringLiteral("routsider"));
        QVERIFY(!m_lead->token().isEmpty() && !m_outsider->token().isEmpty());
    }

    void cleanupTestCase() { closeServerDatabase(QStringLiteral("routing_test")); }

    void withoutRoutingTicketsStayUnassigned()
    {
        QCOMPARE(m_admin->get(QStringLiteral("/api/v1/groups/%1/routing").arg(m_group)).status, 404);
        QStringList ids;
        QCOMPARE(createTickets(1, &ids), QStringList {QString()});
        QVERIFY(routingHistory(ids.first()).isEmpty());
    }

    void onlyAdminOrLeadConfigures()
    {
        const QString path = QStringLiteral("/api/v1/groups/%1/routing").arg(m_group);
        const QJsonObject rr {{QStringLiteral("strategy"), QStringLiteral("round_robin")}};
        QCOMPARE(put(*m_outsider, path, rr).status, 403);
        QCOMPARE(put(*m_agents[0], path, rr).status, 403);
        QCOMPARE(m_admin->get(path).status, 404); // nothing stored by the refused calls

        const HttpResult bad = put(*m_lead, path,
            {{QStringLiteral("strategy"), QStringLiteral("skills")},
                {QStringLiteral("skills"), QJsonObject {{QStringLiteral("match"), QStringLiteral("most")}}}});
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.problemType(), QStringLiteral("validation"));
        QStringList fields;
        for (const QJsonValue &e : bad.json().value(QStringLiteral("errors")).toArray())
            fields << e[QStringLiteral("field")].toString();
        QVERIFY2(fields.contains(QStringLiteral("skills.match")), qPrintable(fields.join(u',')));
        const HttpResult other = put(*m_lead, path,
            {{QStringLiteral("group_id"), newUuid()},
                {QStringLiteral("strategy"), QStringLiteral("round_robin")}});
        QCOMPARE(other.status, 422);
        QCOMPARE(m_admin->get(path).status, 404);

        const HttpResult ok = put(*m_lead, path, rr);
        QVERIFY2(ok.status == 200, ok.body.constData());
        QCOMPARE(ok.json().value(QStringLiteral("group_id")).toString(), m_group);
        const QJsonObject stored = m_admin->get(path).json();
        QCOMPARE(stored.value(QStringLiteral("strategy")).toString(), QStringLiteral("round_robin"));
    }

    void roundRobinSharesEvenly()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(setPresence(i, QStringLiteral("available")));
        const QJsonArray presence = m_outsider->get(QStringLiteral("/api/v1/presence"))
                                        .json()
                                        .value(QStringLiteral("items"))
                                        .toArray();
        int available = 0;
        for (const QJsonValue &p : presence) {
            if (m_agentIds.contains(p[QStringLiteral("user_id")].toString()))
                available += p[QStringLiteral("state")].toString() == QStringLiteral("available");
        }
        QCOMPARE(available, 3);

        QStringList ids;
        QStringList assignees = createTickets(6, &ids);
        for (int i = 0; i < 3; ++i)
            assignees << createByMutation(&ids);
        QHash<QString, int> count;
        for (const QString &a : assignees)
            ++count[a];
        for (const QString &a : m_agentIds)
            QCOMPARE(count.value(a), 3);
        // Rotation in agent-id order, one after another.
        for (int i = 1; i < 9; ++i)
            QVERIFY(assignees[i] != assignees[i - 1]);
        const QStringList history = routingHistory(ids.first());
        QCOMPARE(history.size(), 1);
        QVERIFY2(history.first().startsWith(QStringLiteral("assigned ")), qPrintable(history.first()));
        // The stored ticket carries the assignee (not only the create answer).
        QCOMPARE(m_admin->get(QStringLiteral("/api/v1/tickets/") + ids.last())
                     .json()
                     .value(QStringLiteral("assignee_id"))
                     .toString(),
            assignees.last());
    }

    void awayAgentGetsNone()
    {
        QVERIFY(setPresence(2, QStringLiteral("away")));
        const QStringList assignees = createTickets(4);
        QCOMPARE(assignees.count(m_agentIds[0]) + assignees.count(m_agentIds[1]), 4);
        QCOMPARE(assignees.count(m_agentIds[0]), 2);
        QVERIFY(!assignees.contains(m_agentIds[2]));
    }

    void atCapacitySkipped()
    {
        // Agent 0 has 3 + 2 open tickets: a capacity of 5 leaves only agent 1 eligible.
        const QString path = QStringLiteral("/api/v1/users/%1/routing-profile").arg(m_agentIds[0]);
        QCOMPARE(put(*m_lead, path, {{QStringLiteral("capacity"), 5}}).status, 403);
        const HttpResult bad = put(*m_admin, path, {{QStringLiteral("capacity"), -1}});
        QCOMPARE(bad.status, 422);
        const HttpResult ok = put(*m_admin, path, {{QStringLiteral("capacity"), 5}});
        QVERIFY2(ok.status == 200, ok.body.constData());
        QCOMPARE(m_lead->get(path).json().value(QStringLiteral("capacity")).toInt(), 5);
        QCOMPARE(createTickets(3), QStringList(3, m_agentIds[1]));
    }

    void nobodyEligibleStaysUnassignedWithReason()
    {
        QVERIFY(setPresence(1, QStringLiteral("away")));
        QStringList ids;
        const QStringList assignees = createTickets(1, &ids);
        QVERIFY2(assignees == QStringList {QString()},
            qPrintable(QStringLiteral("assigned %1 (agents %2): %3")
                           .arg(assignees.value(0), m_agentIds.join(u' '),
                               routingHistory(ids.value(0)).join(u'|'))));
        const QStringList history = routingHistory(ids.first());
        QCOMPARE(history.size(), 1);
        const QString why = history.first();
        QVERIFY2(why.startsWith(QStringLiteral("nobody eligible")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("ragent1 away")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("ragent0 at capacity")), qPrintable(why));
        // Available again: routing resumes.
        QVERIFY(setPresence(1, QStringLiteral("available")));
        QCOMPARE(createTickets(1), QStringList {m_agentIds[1]});
    }

    void onDutyFromRoster()
    {
        const QString path = QStringLiteral("/api/v1/groups/%1/on-duty").arg(m_group);
        QJsonObject none = m_admin->get(path).json();
        QCOMPARE(none.value(QStringLiteral("source")).toString(), QStringLiteral("none"));

        const QString roster = QStringLiteral("/api/v1/groups/%1/roster").arg(m_group);
        const QJsonArray all {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
            QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"), QStringLiteral("sun")};
        const QJsonObject body {{QStringLiteral("weekly"),
            QJsonArray {QJsonObject {{QStringLiteral("agent_id"), m_agentIds[0]},
                            {QStringLiteral("days"), all}, {QStringLiteral("start"), QStringLiteral("00:00")},
                            {QStringLiteral("end"), QStringLiteral("12:00")}},
                QJsonObject {{QStringLiteral("agent_id"), m_agentIds[1]}, {QStringLiteral("days"), all},
                    {QStringLiteral("start"), QStringLiteral("12:00")},
                    {QStringLiteral("end"), QStringLiteral("24:00")}}}}};
        QCOMPARE(put(*m_outsider, roster, body).status, 403);
        QJsonObject badBody = body;
        QJsonArray badWeekly = body.value(QStringLiteral("weekly")).toArray();
        QJsonObject first = badWeekly[0].toObject();
        first.insert(QStringLiteral("start"), QStringLiteral("25:00"));
        badWeekly[0] = first;
        badBody.insert(QStringLiteral("weekly"), badWeekly);
        const HttpResult bad = put(*m_lead, roster, badBody);
        QCOMPARE(bad.status, 422);
        QVERIFY2(bad.body.contains("weekly[0].start"), bad.body.constData());
        const HttpResult ok = put(*m_lead, roster, body);
        QVERIFY2(ok.status == 200, ok.body.constData());

        // At any instant exactly one of the two is on duty and the other is next.
        for (const QString &at :
            {QStringLiteral("2026-03-02T03:00:00.000Z"), QStringLiteral("2026-03-02T15:00:00.000Z")}) {
            const HttpResult r = m_agents[2]->get(path + QStringLiteral("?at=") + at);
            QCOMPARE(r.status, 200);
            const QJsonObject o = r.json();
            QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("roster"));
            const QJsonArray now = o.value(QStringLiteral("on_duty")).toArray();
            QCOMPARE(now.size(), 1);
            const QJsonArray next
                = o.value(QStringLiteral("next")).toObject().value(QStringLiteral("on_duty")).toArray();
            QCOMPARE(next.size(), 1);
            QVERIFY(now[0][QStringLiteral("agent_id")] != next[0][QStringLiteral("agent_id")]);
            QVERIFY(m_agentIds.mid(0, 2).contains(now[0][QStringLiteral("agent_id")].toString()));
            QVERIFY(m_agentIds.mid(0, 2).contains(next[0][QStringLiteral("agent_id")].toString()));
            QCOMPARE(o.value(QStringLiteral("first_responders")).toArray().size(), 1);
        }
        QCOMPARE(m_admin->get(path + QStringLiteral("?at=yesterday")).status, 400);
    }

    void rosterKeepsOffShiftAgentsOut()
    {
        // Agent 2 has no shift: with use_roster (the default) it is off shift, even when available.
        QVERIFY(setPresence(2, QStringLiteral("available")));
        const QString onDuty = m_admin->get(QStringLiteral("/api/v1/groups/%1/on-duty").arg(m_group))
                                   .json()
                                   .value(QStringLiteral("on_duty"))
                                   .toArray()
                                   .at(0)[QStringLiteral("agent_id")]
                                   .toString();
        const QStringList assignees = createTickets(2);
        QVERIFY(!assignees.contains(m_agentIds[2]));
        // Agent 0 is at capacity: only agent 1 can take tickets, and only while on shift.
        for (const QString &a : assignees)
            QVERIFY(a.isEmpty() || (a == m_agentIds[1] && onDuty == m_agentIds[1]));
    }
};

QTEST_GUILESS_MAIN(TestServerRouting)
#include "tst_server_routing.moc"
