// Alerts for agents in Telegram (issue 16, "Agents"): a real triaged and the fake Bot API. An agent
// links their account with a one-time code (single use, refused when reused), then receives the
// alerts they chose — a critical ticket in their group with "Take"/"Open" buttons, a ticket
// assigned to them, SLA warnings and breaches, an escalation to them as a lead — each once. "Take"
// assigns through the server and is refused clearly when someone else took the ticket first;
// a chat that blocked the bot is unlinked without touching the ticket. SQLite and PostgreSQL.
#include "../integration/ServerTestBase.h"
#include "FakeTelegram.h"

#include <QtTest>

using namespace triage::test;

namespace {

constexpr qint64 kAgent1Chat = 9001; // Денис Орлов, ru, IT, on duty
constexpr qint64 kAgent2Chat = 9002; // Sam Carter, en, IT
constexpr qint64 kLeadChat = 9003; // Мария Иванова, ru, leads every group

QJsonObject callback(qint64 from, const QString &data)
{
    static int n = 0;
    const QJsonObject user {{u"id"_qs, from}, {u"is_bot"_qs, false}, {u"first_name"_qs, u"Agent"_qs}};
    return QJsonObject {{u"callback_query"_qs,
        QJsonObject {{u"id"_qs, u"cbq-%1"_qs.arg(++n)}, {u"from"_qs, user}, {u"chat_instance"_qs, u"1"_qs},
            {u"data"_qs, data},
            {u"message"_qs,
                QJsonObject {{u"message_id"_qs, 1}, {u"date"_qs, QDateTime::currentSecsSinceEpoch()},
                    {u"chat"_qs, QJsonObject {{u"id"_qs, from}, {u"type"_qs, u"private"_qs}}},
                    {u"text"_qs, u"alert"_qs}}}}}};
}

} // namespace

class TestAgentAlerts : public QObject
{
    Q_OBJECT

    FakeTelegram m_bot;
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_admin;
    std::unique_ptr<TestClient> m_agent1;
    std::unique_ptr<TestClient> m_agent2;
    std::unique_ptr<TestClient> m_lead;
    QString m_agent1Id, m_agent2Id, m_leadId;

    QJsonObject channelBody() const
    {
        return QJsonObject {{u"kind"_qs, u"telegram"_qs}, {u"name"_qs, u"Support bot"_qs},
            {u"enabled"_qs, true}, {u"token"_qs, QString::fromLatin1(FakeTelegram::kToken)},
            {u"api_url"_qs, m_bot.url().toString()}, {u"group"_qs, kGroupIt}, {u"long_poll_seconds"_qs, 1}};
    }

    QList<QJsonObject> sentTo(qint64 chat)
    {
        QList<QJsonObject> out;
        for (const QJsonValue &m : m_bot.sent()) {
            if (m[u"chat_id"_qs].toInteger() == chat)
                out << m.toObject();
        }
        return out;
    }
    QStringList textsTo(qint64 chat)
    {
        QStringList out;
        for (const QJsonObject &m : sentTo(chat))
            out << m[u"text"_qs].toString();
        return out;
    }
    // Texts sent to `chat` since the `from`th that contain `needle` (a ticket's title).
    QStringList about(qint64 chat, qsizetype from, const QString &needle)
    {
        QStringList out;
        for (const QString &t : textsTo(chat).mid(from)) {
            if (t.contains(needle))
                out << t;
        }
        return out;
    }
    QStringList answers()
    {
        QStringList out;
        TestClient c(m_bot.url());
        for (const QJsonValue &a : c.get(u"/control/answers"_qs).json()[u"result"_qs].toArray())
            out << a[u"text"_qs].toString();
        return out;
    }
    QString userId(const QString &username)
    {
        for (const QJsonValue &u : m_admin->get(u"/api/v1/users"_qs).json()[u"users"_qs].toArray()) {
            if (u[u"username"_qs].toString() == username)
                return u[u"id"_qs].toString();
        }
        return {};
    }
    QJsonObject ticket(const QString &id) { return m_admin->get(u"/api/v1/tickets/"_qs + id).json(); }
    QString ticketTitled(const QString &title)
    {
        for (const QJsonValue &v :
            m_admin->get(u"/api/v1/tickets?limit=500"_qs).json()[u"tickets"_qs].toArray()) {
            if (v[u"title"_qs].toString() == title)
                return v[u"id"_qs].toString();
        }
        return {};
    }
    bool assign(TestClient &as, const QString &ticketId, const QString &to)
    {
        const QByteArray etag = as.get(u"/api/v1/tickets/"_qs + ticketId).header("etag");
        const HttpResult r
            = as.patch(u"/api/v1/tickets/"_qs + ticketId, {{u"assignee_id"_qs, to}}, {{"If-Match", etag}});
        if (r.status != 200)
            qWarning("PATCH: %d %s\n%s", r.status, r.body.constData(),
                m_server.stderrLog().right(3000).constData());
        return r.status == 200;
    }
    // Links `client`'s account to Telegram user `chat` through the bot; returns the bot's answer.
    QString link(TestClient &client, qint64 chat, const QString &language)
    {
        const HttpResult r = client.post(u"/api/v1/me/notifications/telegram/link"_qs, QJsonObject {});
        if (r.status != 201) {
            qWarning("link: %d %s", r.status, r.body.constData());
            return {};
        }
        const qsizetype before = textsTo(chat).size();
        m_bot.push(
            FakeTelegram::privateMessage(chat, u"Agent"_qs, r.json()[u"command"_qs].toString(), language));
        if (!QTest::qWaitFor([&] { return textsTo(chat).size() > before; }, 15000))
            return {};
        return textsTo(chat).last();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bot.start(&error), qPrintable(error));
        TriagedProcess::Options options;
        options.testClock = true; // the SLA case moves time on
        TRIAGE_START_SERVER(m_server, options);
        m_admin = signedInClient(m_server.baseUrl(), u"admin"_qs);
        m_agent1 = signedInClient(m_server.baseUrl(), u"agent1"_qs);
        m_agent2 = signedInClient(m_server.baseUrl(), u"agent2"_qs);
        m_lead = signedInClient(m_server.baseUrl(), u"lead"_qs);
        m_agent1Id = userId(u"agent1"_qs);
        m_agent2Id = userId(u"agent2"_qs);
        m_leadId = userId(u"lead"_qs);
        QVERIFY(!m_agent1Id.isEmpty() && !m_agent2Id.isEmpty() && !m_leadId.isEmpty());
    }

    void linkingNeedsABotAndAOneTimeCode()
    {
        // No bot yet: a clear 409, not a code that leads nowhere.
        HttpResult r = m_agent2->post(u"/api/v1/me/notifications/telegram/link"_qs, QJsonObject {});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), u"no-telegram-bot"_qs);
        QCOMPARE(
            m_agent2->get(u"/api/v1/me/notifications"_qs).json()[u"telegram"_qs][u"available"_qs].toBool(),
            false);
        r = m_admin->send("PUT", u"/api/v1/channels/"_qs + newUuid(), toJson(channelBody()));
        QVERIFY2(r.status == 201, r.body.constData());

        QJsonObject doc = m_agent2->get(u"/api/v1/me/notifications"_qs).json();
        QCOMPARE(doc[u"telegram"_qs][u"available"_qs].toBool(), true);
        QCOMPARE(doc[u"telegram"_qs][u"linked"_qs].toBool(), false);
        QCOMPARE(doc[u"alerts"_qs].toObject(),
            (QJsonObject {{u"assigned"_qs, true}, {u"critical"_qs, true}, {u"sla"_qs, true},
                {u"escalations"_qs, true}}));

        r = m_agent2->post(u"/api/v1/me/notifications/telegram/link"_qs, QJsonObject {});
        QCOMPARE(r.status, 201);
        const QString code = r.json()[u"code"_qs].toString();
        QCOMPARE(code.size(), 20);
        QCOMPARE(r.json()[u"command"_qs].toString(), u"/start "_qs + code);
        QCOMPARE(r.json()[u"url"_qs].toString(), u"https://t.me/triage_test_bot?start="_qs + code);
        QCOMPARE(r.json()[u"bot"_qs].toString(), u"@triage_test_bot"_qs);

        QVERIFY(
            m_bot.push(FakeTelegram::privateMessage(kAgent2Chat, u"Sam"_qs, u"/start "_qs + code, u"en"_qs)));
        QTRY_VERIFY_WITH_TIMEOUT(!textsTo(kAgent2Chat).isEmpty(), 15000);
        QVERIFY2(textsTo(kAgent2Chat).last().startsWith(u"Linked to Triage as Sam Carter"_qs),
            qPrintable(textsTo(kAgent2Chat).last()));
        doc = m_agent2->get(u"/api/v1/me/notifications"_qs).json();
        QCOMPARE(doc[u"telegram"_qs][u"linked"_qs].toBool(), true);

        // Single use: the same code from someone else links nothing and says so.
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(9099, u"Eve"_qs, u"/start "_qs + code, u"en"_qs)));
        QTRY_VERIFY_WITH_TIMEOUT(!textsTo(9099).isEmpty(), 15000);
        QVERIFY2(
            textsTo(9099).last().contains(u"unknown or has expired"_qs), qPrintable(textsTo(9099).last()));
        // A requester's /start with some other argument is the requester's greeting, as before.
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(9098, u"Иван"_qs, u"/start ref-site"_qs)));
        QTRY_VERIFY_WITH_TIMEOUT(!textsTo(9098).isEmpty(), 15000);
        QVERIFY(textsTo(9098).last().startsWith(u"Здравствуйте"_qs));

        // Requesters have no alerts.
        auto requester = signedInClient(m_server.baseUrl(), u"requester01"_qs);
        QCOMPARE(requester->get(u"/api/v1/me/notifications"_qs).status, 403);

        QVERIFY(
            link(*m_agent1, kAgent1Chat, u"ru"_qs).startsWith(u"Telegram привязан к Triage: Денис Орлов"_qs));
        QVERIFY(link(*m_lead, kLeadChat, u"ru"_qs).startsWith(u"Telegram привязан"_qs));
    }

    void criticalTicketAlertsTheGroupAndTakeIsFirstComeFirstServed()
    {
        // Only the messages about this ticket count: linked agents also get their demo tickets'
        // SLA alerts meanwhile.
        const qsizetype a1 = textsTo(kAgent1Chat).size(), a2 = textsTo(kAgent2Chat).size();
        const QString text = u"dev сервер недоступен, ошибка 502, блокирует работу команды (alerts)"_qs;
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(7100, u"Алексей"_qs, text)));
        QString id;
        QTRY_VERIFY_WITH_TIMEOUT(!(id = ticketTitled(text)).isEmpty(), 15000);
        QCOMPARE(ticket(id)[u"priority"_qs].toString(), u"critical"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(about(kAgent1Chat, a1, text).size(), 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(about(kAgent2Chat, a2, text).size(), 1, 15000);
        QJsonObject toSam;
        for (const QJsonObject &m : sentTo(kAgent2Chat).mid(a2)) {
            if (m[u"text"_qs].toString().contains(text))
                toSam = m;
        }
        QVERIFY2(toSam[u"text"_qs].toString().startsWith(u"🔴 Critical ticket\n#"_qs),
            qPrintable(toSam[u"text"_qs].toString()));
        const QJsonArray row = toSam[u"reply_markup"_qs][u"inline_keyboard"_qs][0].toArray();
        QCOMPARE(row.size(), 2);
        QCOMPARE(row[0][u"text"_qs].toString(), u"Take"_qs);
        QCOMPARE(row[0][u"callback_data"_qs].toString(), u"take:"_qs + id);
        QCOMPARE(row[1][u"callback_data"_qs].toString(), u"open:"_qs + id);
        QVERIFY(about(kAgent1Chat, a1, text).first().startsWith(u"🔴 Критическая заявка"_qs));
        QVERIFY(about(kAgent1Chat, a1, text).first().contains(u"Приоритет: критический"_qs));

        // Sam takes it; Denis, a moment later, is told who has it; nothing changes for him.
        QVERIFY(m_bot.push(callback(kAgent2Chat, u"take:"_qs + id)));
        QTRY_COMPARE_WITH_TIMEOUT(ticket(id)[u"assignee_id"_qs].toString(), m_agent2Id, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !answers().isEmpty() && answers().last().endsWith(u"is yours now."_qs), 15000);
        QVERIFY(m_bot.push(callback(kAgent1Chat, u"take:"_qs + id)));
        QTRY_VERIFY_WITH_TIMEOUT(answers().last().contains(u"уже взял(а) Sam Carter"_qs), 15000);
        QCOMPARE(ticket(id)[u"assignee_id"_qs].toString(), m_agent2Id);
        // Sam took it himself: no "assigned to you" alert for his own action.
        QTest::qWait(1500);
        QCOMPARE(about(kAgent2Chat, a2, text).size(), 1);

        // "Open" sends the ticket to the chat; a stranger's button does nothing but say so.
        QVERIFY(m_bot.push(callback(kAgent1Chat, u"open:"_qs + id)));
        QTRY_COMPARE_WITH_TIMEOUT(about(kAgent1Chat, a1, text).size(), 2, 15000);
        QVERIFY(about(kAgent1Chat, a1, text).last().contains(u"Исполнитель: Sam Carter"_qs));
        QVERIFY(m_bot.push(callback(9099, u"take:"_qs + id)));
        QTRY_VERIFY_WITH_TIMEOUT(answers().last().contains(u"not linked"_qs), 15000);
        QCOMPARE(ticket(id)[u"assignee_id"_qs].toString(), m_agent2Id);
    }

    void assignmentAlertsFollowPreferences()
    {
        const QString first = createTicketAs(*m_agent1, u"Printer on 3rd floor"_qs)[u"id"_qs].toString();
        const qsizetype before = textsTo(kAgent2Chat).size();
        QVERIFY(assign(*m_agent1, first, m_agent2Id));
        QTRY_COMPARE_WITH_TIMEOUT(about(kAgent2Chat, before, u"Printer on 3rd floor"_qs).size(), 1, 15000);
        QVERIFY(about(kAgent2Chat, before, u"Printer on 3rd floor"_qs)
                    .first()
                    .startsWith(u"👤 Assigned to you\n#"_qs));

        // Bad preferences are refused with the field named; good ones are kept.
        HttpResult r = m_agent2->send("PUT", u"/api/v1/me/notifications"_qs,
            toJson({{u"alerts"_qs, QJsonObject {{u"weekly"_qs, true}}}}));
        QCOMPARE(r.status, 422);
        r = m_agent2->send("PUT", u"/api/v1/me/notifications"_qs,
            toJson({{u"alerts"_qs, QJsonObject {{u"assigned"_qs, u"yes"_qs}}}}));
        QCOMPARE(r.status, 422);
        r = m_agent2->send("PUT", u"/api/v1/me/notifications"_qs,
            toJson({{u"alerts"_qs, QJsonObject {{u"assigned"_qs, false}}}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[u"alerts"_qs][u"assigned"_qs].toBool(), false);
        QCOMPARE(r.json()[u"alerts"_qs][u"critical"_qs].toBool(), true);

        const QString second = createTicketAs(*m_agent1, u"Scanner jams"_qs)[u"id"_qs].toString();
        QVERIFY(assign(*m_agent1, second, m_agent2Id));
        QTest::qWait(2500);
        QCOMPARE(about(kAgent2Chat, before, u"Scanner jams"_qs).size(), 0);
        r = m_agent2->send("PUT", u"/api/v1/me/notifications"_qs,
            toJson({{u"alerts"_qs, QJsonObject {{u"assigned"_qs, true}}}}));
        QCOMPARE(r.status, 200);
    }

    void slaWarningBreachAndEscalationAlertOnce()
    {
        // A fast policy for IT problems: resolution in 6 s, a warning at 50 %, the lead at 80 %.
        const QJsonObject policy {{u"targets"_qs, QJsonObject {{u"resolution"_qs, 0.1}}},
            {u"warn_at_percent"_qs, QJsonArray {50}},
            {u"escalations"_qs,
                QJsonArray {QJsonObject {{u"percent"_qs, 80}, {u"action"_qs, u"notify_lead"_qs}}}}};
        HttpResult r = m_admin->send("PUT", u"/api/v1/sla-policies/"_qs + newUuid(),
            toJson({{u"name"_qs, u"Alerts test"_qs}, {u"policy"_qs, policy},
                {u"applies_to"_qs,
                    QJsonObject {
                        {u"groups"_qs, QJsonArray {kGroupIt}}, {u"types"_qs, QJsonArray {u"problem"_qs}}}}}));
        QVERIFY2(r.status == 200, r.body.constData());
        const qsizetype sam = textsTo(kAgent2Chat).size(), lead = textsTo(kLeadChat).size();
        r = m_agent1->post(u"/api/v1/tickets"_qs,
            {{u"id"_qs, newUuid()}, {u"title"_qs, u"Build agents hang"_qs}, {u"type"_qs, u"problem"_qs},
                {u"group_id"_qs, kGroupIt}, {u"assignee_id"_qs, m_agent2Id}});
        QVERIFY2(r.status == 201, r.body.constData());
        const QString tag = u"#%1 Build agents hang"_qs.arg(r.json()[u"number"_qs].toInteger());
        // Only this ticket's alerts: moving the clock also brings the demo tickets' SLA moments.
        const auto aboutIt = [&](qint64 chat, qsizetype from) { return about(chat, from, tag); };
        // Assigned (by Denis) → Sam; then the warning and the breach → Sam; the escalation → Maria.
        QTRY_VERIFY2_WITH_TIMEOUT(aboutIt(kAgent2Chat, sam).size() >= 3,
            qPrintable(aboutIt(kAgent2Chat, sam).join(u" | "_qs) + u" / lead: "_qs
                + aboutIt(kLeadChat, lead).join(u" | "_qs)),
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(aboutIt(kLeadChat, lead).size() >= 1, 20000);
        QTest::qWait(2500);
        const QStringList toSam = aboutIt(kAgent2Chat, sam);
        QCOMPARE(toSam.size(), 3);
        QVERIFY(toSam[0].startsWith(u"👤 Assigned to you"_qs));
        QVERIFY2(toSam[1].startsWith(u"⏳ SLA warning: resolution due at "_qs), qPrintable(toSam[1]));
        QVERIFY(toSam[1].contains(u"(50 % of the time used)"_qs));
        QVERIFY2(toSam[2].startsWith(u"⛔ SLA breached: resolution was due at "_qs), qPrintable(toSam[2]));
        const QStringList toLead = aboutIt(kLeadChat, lead);
        QCOMPARE(toLead.size(), 1);
        QVERIFY2(toLead[0].startsWith(u"📣 Эскалация вам как руководителю группы: решение — 80 % срока"_qs),
            qPrintable(toLead[0]));
        // An hour later nothing about it is sent again.
        QVERIFY(advanceClock(*m_admin, 3'600'000) > 0);
        QTest::qWait(2500);
        QCOMPARE(aboutIt(kAgent2Chat, sam).size(), 3);
        QCOMPARE(aboutIt(kLeadChat, lead).size(), 1);
    }

    // Routing found nobody for a new ticket (issue 18): it stays unassigned and the group's lead
    // hears why, once, in their language, with "Take".
    void unroutableTicketAlertsTheLead()
    {
        const QString group = newUuid();
        HttpResult r = m_admin->send("PUT", u"/api/v1/groups/"_qs + group,
            toJson({{u"name"_qs, u"Night desk"_qs}, {u"lead_id"_qs, m_leadId}}));
        QVERIFY2(r.status == 200, r.body.constData());
        r = m_admin->send(
            "PUT", u"/api/v1/groups/%1/routing"_qs.arg(group), toJson({{u"strategy"_qs, u"round_robin"_qs}}));
        QVERIFY2(r.status == 200, r.body.constData());
        const qsizetype lead = textsTo(kLeadChat).size();
        r = m_admin->post(
            u"/api/v1/tickets"_qs, {{u"title"_qs, u"Nobody to route to"_qs}, {u"group_id"_qs, group}});
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(r.json()[u"assignee_id"_qs].toString(), QString());
        const QString tag = u"#%1 Nobody to route to"_qs.arg(r.json()[u"number"_qs].toInteger());
        QTRY_VERIFY_WITH_TIMEOUT(about(kLeadChat, lead, tag).size() >= 1, 20000);
        const QStringList toLead = about(kLeadChat, lead, tag);
        QCOMPARE(toLead.size(), 1);
        QVERIFY2(
            toLead[0].startsWith(
                u"⚠️ Заявку не удалось назначить автоматически — nobody eligible"_qs),
            qPrintable(toLead[0]));
    }

    // An unassigned ticket's SLA warning reaches whoever the group's roster has on duty now (here
    // Sam, on a 24/7 shift; the group has no fixed on-duty agent) and the lead.
    void slaWarningOfAnUnassignedTicketReachesTheRosterOnDuty()
    {
        QString calendar;
        for (const QJsonValue &g : m_admin->get(u"/api/v1/groups"_qs).json()[u"groups"_qs].toArray()) {
            if (g[u"id"_qs].toString() == kGroupIt)
                calendar = g[u"calendar_id"_qs].toString();
        }
        const QString group = newUuid();
        QJsonObject groupBody {{u"name"_qs, u"Roster desk"_qs}, {u"lead_id"_qs, m_leadId}};
        if (!calendar.isEmpty())
            groupBody.insert(u"calendar_id"_qs, calendar); // the same hours as the IT tickets above
        HttpResult r = m_admin->send("PUT", u"/api/v1/groups/"_qs + group, toJson(groupBody));
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray week {u"mon"_qs, u"tue"_qs, u"wed"_qs, u"thu"_qs, u"fri"_qs, u"sat"_qs, u"sun"_qs};
        r = m_admin->send("PUT", u"/api/v1/groups/%1/roster"_qs.arg(group),
            toJson({{u"weekly"_qs,
                QJsonArray {QJsonObject {{u"agent_id"_qs, m_agent2Id}, {u"days"_qs, week},
                    {u"start"_qs, u"00:00"_qs}, {u"end"_qs, u"24:00"_qs}}}}}));
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonObject policy {
            {u"targets"_qs, QJsonObject {{u"resolution"_qs, 0.1}}}, {u"warn_at_percent"_qs, QJsonArray {50}}};
        r = m_admin->send("PUT", u"/api/v1/sla-policies/"_qs + newUuid(),
            toJson({{u"name"_qs, u"Roster desk"_qs}, {u"policy"_qs, policy},
                {u"applies_to"_qs, QJsonObject {{u"groups"_qs, QJsonArray {group}}}}}));
        QVERIFY2(r.status == 200, r.body.constData());
        const qsizetype sam = textsTo(kAgent2Chat).size();
        r = m_admin->post(u"/api/v1/tickets"_qs,
            {{u"title"_qs, u"Unassigned on the night desk"_qs}, {u"group_id"_qs, group}});
        QVERIFY2(r.status == 201, r.body.constData());
        const QString tag = u"#%1 Unassigned on the night desk"_qs.arg(r.json()[u"number"_qs].toInteger());
        QTRY_VERIFY2_WITH_TIMEOUT(!about(kAgent2Chat, sam, tag).isEmpty(),
            m_admin->get(u"/api/v1/groups/%1/on-duty"_qs.arg(group)).body.constData(), 20000);
        QVERIFY2(about(kAgent2Chat, sam, tag).first().startsWith(u"⏳ SLA warning: resolution due at "_qs),
            qPrintable(about(kAgent2Chat, sam, tag).first()));
    }

    void blockedChatIsUnlinkedAndTheTicketUntouched()
    {
        const QString id = createTicketAs(*m_agent2, u"Monitor flickers"_qs)[u"id"_qs].toString();
        const qsizetype comments
            = m_admin->get(u"/api/v1/tickets/%1/comments"_qs.arg(id)).json()[u"comments"_qs].toArray().size();
        QVERIFY(m_bot.control(u"block"_qs, {{u"chat_id"_qs, kAgent1Chat}}));
        QVERIFY(assign(*m_agent2, id, m_agent1Id));
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_agent1->get(u"/api/v1/me/notifications"_qs).json()[u"telegram"_qs][u"linked"_qs].toBool(),
            20000);
        QCOMPARE(
            m_admin->get(u"/api/v1/tickets/%1/comments"_qs.arg(id)).json()[u"comments"_qs].toArray().size(),
            comments);
    }

    void unlinkIsExplicit()
    {
        QCOMPARE(m_lead->send("DELETE", u"/api/v1/me/notifications/telegram"_qs, {}).status, 204);
        QCOMPARE(
            m_lead->get(u"/api/v1/me/notifications"_qs).json()[u"telegram"_qs][u"linked"_qs].toBool(), false);
        QCOMPARE(m_lead->send("DELETE", u"/api/v1/me/notifications/telegram"_qs, {}).status, 404);
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }
};

QTEST_GUILESS_MAIN(TestAgentAlerts)
#include "tst_agent_alerts.moc"
