// The Telegram channel end to end (issue 16, first part): a real triaged long-polls the fake Bot
// API (tests/support/fake_telegram.py). A private message becomes a ticket (key phrases set the
// priority) and the bot confirms with its number; later messages add to it, /new starts another,
// /status lists them; agents' public replies reach the chat, internal notes never do; 429 is
// honoured, a blocked bot is noted on the ticket, a refused token shows in the status; the token
// never appears in a response or a log line. SQLite and PostgreSQL.
#include "../integration/ServerTestBase.h"
#include "FakeTelegram.h"

#include <QElapsedTimer>
#include <QSet>
#include <QtTest>

using namespace triage::test;

class TestTelegramChannel : public QObject
{
    Q_OBJECT

    FakeTelegram m_bot;
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_admin;
    std::unique_ptr<TestClient> m_agent;
    const QString m_channel = newUuid();

    QJsonObject channelBody(const QString &token = QString::fromLatin1(FakeTelegram::kToken)) const
    {
        return QJsonObject {{u"kind"_qs, u"telegram"_qs}, {u"name"_qs, u"Support bot"_qs},
            {u"enabled"_qs, true}, {u"token"_qs, token}, {u"api_url"_qs, m_bot.url().toString()},
            {u"group"_qs, kGroupIt}, {u"long_poll_seconds"_qs, 2}};
    }

    std::optional<QJsonObject> ticketTitled(const QString &title)
    {
        for (const QJsonValue &v :
            m_admin->get(u"/api/v1/tickets?limit=500"_qs).json()[u"tickets"_qs].toArray()) {
            if (v[u"title"_qs].toString() == title)
                return v.toObject();
        }
        return std::nullopt;
    }

    QJsonArray comments(const QString &ticketId)
    {
        return m_admin->get(u"/api/v1/tickets/%1/comments"_qs.arg(ticketId)).json()[u"comments"_qs].toArray();
    }

    // Texts the bot sent to `chat`.
    QStringList sentTo(qint64 chat)
    {
        QStringList out;
        for (const QJsonValue &m : m_bot.sent()) {
            if (m[u"chat_id"_qs].toInteger() == chat)
                out << m[u"text"_qs].toString();
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bot.start(&error), qPrintable(error));
        TRIAGE_START_SERVER(m_server, TriagedProcess::Options {});
        m_admin = signedInClient(m_server.baseUrl(), u"admin"_qs);
        m_agent = signedInClient(m_server.baseUrl(), u"agent1"_qs);
        const HttpResult r = m_admin->send("PUT", u"/api/v1/channels/"_qs + m_channel, toJson(channelBody()));
        QVERIFY2(r.status == 201, r.body.constData());
        QVERIFY(!r.body.contains(FakeTelegram::kToken));
        QCOMPARE(r.json()[u"token_set"_qs].toBool(), true);
    }

    void messageBecomesTicketAndConversationFlowsBothWays()
    {
        const qint64 user = 7001;
        const QString text = u"dev сервер недоступен, ошибка 502, блокирует работу команды"_qs;
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(user, u"Алексей"_qs, text)));
        std::optional<QJsonObject> ticket;
        QTRY_VERIFY_WITH_TIMEOUT((ticket = ticketTitled(text)).has_value(), 15000);
        QCOMPARE((*ticket)[u"channel"_qs].toString(), u"telegram"_qs);
        QCOMPARE((*ticket)[u"priority"_qs].toString(), u"critical"_qs); // «блокирует работу команды»
        QCOMPARE((*ticket)[u"group_id"_qs].toString(), kGroupIt);
        const QString ticketId = (*ticket)[u"id"_qs].toString();
        const qint64 number = (*ticket)[u"number"_qs].toInteger();
        // The bot confirms at once, in the user's language, with the number.
        QTRY_VERIFY_WITH_TIMEOUT(!sentTo(user).isEmpty(), 15000);
        QVERIFY2(sentTo(user).first().contains(u"Заявка #%1 принята"_qs.arg(number)),
            qPrintable(sentTo(user).first()));

        // A second message adds to the open ticket.
        QVERIFY(
            m_bot.push(FakeTelegram::privateMessage(user, u"Алексей"_qs, u"Уже 20 минут не работает"_qs)));
        QTRY_COMPARE_WITH_TIMEOUT(comments(ticketId).size(), 1, 15000);
        QCOMPARE(comments(ticketId)[0][u"body"_qs].toString(), u"Уже 20 минут не работает"_qs);

        // Agents: a public reply reaches the chat literally (HTML-escaped), a note never does.
        HttpResult r = m_agent->post(u"/api/v1/tickets/%1/comments"_qs.arg(ticketId),
            {{u"body"_qs, u"internal: check nginx"_qs}, {u"public"_qs, false}});
        QCOMPARE(r.status, 201);
        const QString reply = u"Перезапустили <nginx> & upstream — проверьте, пожалуйста."_qs;
        r = m_agent->post(
            u"/api/v1/tickets/%1/comments"_qs.arg(ticketId), {{u"body"_qs, reply}, {u"public"_qs, true}});
        QCOMPARE(r.status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(sentTo(user).size() == 2, 15000);
        QCOMPARE(
            sentTo(user).last(), u"Перезапустили &lt;nginx&gt; &amp; upstream — проверьте, пожалуйста."_qs);
        QTest::qWait(1500);
        for (const QString &t : sentTo(user))
            QVERIFY(!t.contains(u"nginx"_qs) || t.contains(u"Перезапустили"_qs));

        // /new starts another ticket; /status lists both.
        QVERIFY(
            m_bot.push(FakeTelegram::privateMessage(user, u"Алексей"_qs, u"/new Не печатает принтер"_qs)));
        QTRY_VERIFY_WITH_TIMEOUT(ticketTitled(u"Не печатает принтер"_qs).has_value(), 15000);
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(user, u"Алексей"_qs, u"/status"_qs)));
        QTRY_VERIFY_WITH_TIMEOUT(sentTo(user).last().startsWith(u"Ваши открытые заявки"_qs), 15000);
        QVERIFY(sentTo(user).last().contains(u"#%1"_qs.arg(number)));
        QVERIFY(sentTo(user).last().contains(u"Не печатает принтер"_qs));
        // The same update delivered twice by the API (no offset honoured) is stored once.
        QCOMPARE(comments(ticketId).size(), 3); // the message, the note and the reply: nothing twice
    }

    void longRepliesAreSplitAndThrottlingHonoured()
    {
        const qint64 user = 7002;
        QVERIFY(
            m_bot.push(FakeTelegram::privateMessage(user, u"Bob"_qs, u"VPN drops every hour"_qs, u"en"_qs)));
        std::optional<QJsonObject> ticket;
        QTRY_VERIFY_WITH_TIMEOUT((ticket = ticketTitled(u"VPN drops every hour"_qs)).has_value(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(sentTo(user).size() == 1, 15000);
        QVERIFY(sentTo(user).first().startsWith(u"Request #"_qs)); // English for an English user
        QVERIFY(m_bot.control(u"throttle"_qs, {{u"count"_qs, 1}, {u"retry_after"_qs, 2}}));
        QString longText;
        for (int i = 0; i < 700; ++i)
            longText += u"line %1 <x>\n"_qs.arg(i);
        const HttpResult r
            = m_agent->post(u"/api/v1/tickets/%1/comments"_qs.arg((*ticket)[u"id"_qs].toString()),
                {{u"body"_qs, longText}, {u"public"_qs, true}});
        QCOMPARE(r.status, 201);
        const auto joined = [&] { return sentTo(user).mid(1).join(QString()); };
        QTRY_VERIFY_WITH_TIMEOUT(joined().contains(u"line 699 &lt;x&gt;"_qs), 20000);
        QVERIFY(sentTo(user).size() >= 4); // the confirmation and at least three parts
        for (const QString &part : sentTo(user))
            QVERIFY(part.size() <= 4096);
        QVERIFY(joined().startsWith(u"line 0 &lt;x&gt;\nline 1 &lt;x&gt;"_qs));
        QCOMPARE(joined().count(u"&lt;x&gt;"_qs), 700); // nothing lost or sent twice at the cuts
        QVERIFY(m_server.stderrLog().contains("will retry"));
    }

    void blockedBotIsNotedOnTheTicket()
    {
        const qint64 user = 7003;
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(user, u"Carol"_qs, u"Mouse is broken"_qs, u"en"_qs)));
        std::optional<QJsonObject> ticket;
        QTRY_VERIFY_WITH_TIMEOUT((ticket = ticketTitled(u"Mouse is broken"_qs)).has_value(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(sentTo(user).size() == 1, 15000);
        QVERIFY(m_bot.control(u"block"_qs, {{u"chat_id"_qs, user}}));
        const QString id = (*ticket)[u"id"_qs].toString();
        QCOMPARE(m_agent
                     ->post(u"/api/v1/tickets/%1/comments"_qs.arg(id),
                         {{u"body"_qs, u"Replaced."_qs}, {u"public"_qs, true}})
                     .status,
            201);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonValue &c : comments(id)) {
                    if (!c[u"public"_qs].toBool() && c[u"body"_qs].toString().contains(u"blocked the bot"_qs))
                        return true;
                }
                return false;
            }(),
            15000);
    }

    // A second server: killed while it works through a batch of kUpdates updates, restarted on the
    // same data → exactly kUpdates tickets (offsets confirm only what was stored).
    void killMidBatchLosesNothing()
    {
        FakeTelegram bot;
        QString error;
        QVERIFY2(bot.start(&error), qPrintable(error));
        constexpr int kUpdates = 200;
        QJsonArray batch;
        for (int i = 0; i < kUpdates; ++i)
            batch.append(
                FakeTelegram::privateMessage(8000 + i, u"User %1"_qs.arg(i), u"Batch request %1"_qs.arg(i)));
        QVERIFY(bot.push(batch));
        TriagedProcess server;
        TRIAGE_START_SERVER(server, TriagedProcess::Options {});
        auto admin = signedInClient(server.baseUrl(), u"admin"_qs);
        QJsonObject body = channelBody();
        body[u"api_url"_qs] = bot.url().toString();
        const QString id = newUuid();
        QCOMPARE(admin->send("PUT", u"/api/v1/channels/"_qs + id, toJson(body)).status, 201);
        const auto batchTitles = [](TestClient &c) {
            QStringList out;
            for (const QJsonValue &v :
                c.get(u"/api/v1/tickets?limit=500"_qs).json()[u"tickets"_qs].toArray()) {
                if (v[u"title"_qs].toString().startsWith(u"Batch request "_qs))
                    out << v[u"title"_qs].toString();
            }
            return out;
        };
        const auto processed = [&] {
            return admin->get(u"/api/v1/channels/%1/status"_qs.arg(id)).json()[u"processed"_qs].toInteger();
        };
        QTRY_VERIFY_WITH_TIMEOUT(processed() >= 1, 30000);
        const qint64 before = processed();
        server.kill();
        qInfo("killed with %lld of %d updates processed", qlonglong(before), kUpdates);
        QVERIFY(before < kUpdates);
        TriagedProcess::Options again;
        again.dataDir = server.dataDir();
        again.databaseUrl = server.databaseUrl();
        again.testClock = true;
        QVERIFY2(server.start(again), qPrintable(server.error()));
        admin = signedInClient(server.baseUrl(), u"admin"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(batchTitles(*admin).size(), kUpdates, 60000);
        // Messages the killed server had claimed for sending wait for their lease to run out.
        QVERIFY(advanceClock(*admin, 6 * 60 * 1000) > 0);
        QTest::qWait(3000); // another long poll: nothing more
        const QStringList titles = batchTitles(*admin);
        QCOMPARE(QSet<QString>(titles.begin(), titles.end()).size(), kUpdates);
        QCOMPARE(titles.size(), kUpdates);
        // Every user got a confirmation.
        QTRY_COMPARE_WITH_TIMEOUT(int(bot.sent().size()) >= kUpdates, true, 30000);
        QSet<qint64> chats;
        for (const QJsonValue &m : bot.sent())
            chats.insert(m[u"chat_id"_qs].toInteger());
        QCOMPARE(chats.size(), kUpdates);
        qInfo("%lld confirmations for %d requests (a kill between a send and its mark may repeat one)",
            qlonglong(bot.sent().size()), kUpdates);
    }

    // A long poll under way does not hold up a shutdown (systemd restarts, upgrades).
    void shutdownDoesNotWaitForALongPoll()
    {
        QJsonObject body = channelBody();
        body[u"long_poll_seconds"_qs] = 50;
        QCOMPARE(m_admin->send("PUT", u"/api/v1/channels/"_qs + m_channel, toJson(body)).status, 200);
        QTest::qWait(4000); // the supervisor restarted the worker; it waits in getUpdates now
        QElapsedTimer t;
        t.start();
        QCOMPARE(m_server.stop(), 0);
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        TriagedProcess::Options again;
        again.dataDir = m_server.dataDir();
        again.databaseUrl = m_server.databaseUrl();
        QVERIFY2(m_server.start(again), qPrintable(m_server.error()));
        m_admin = signedInClient(m_server.baseUrl(), u"admin"_qs);
        m_agent = signedInClient(m_server.baseUrl(), u"agent1"_qs);
    }

    void refusedTokenShowsInTheStatusAndNeverLeaks()
    {
        QVERIFY2(m_server.isRunning(), m_server.stderrLog().right(3000).constData());
        const QString other = newUuid();
        const QString wrong = u"999999:WRONG-token-value"_qs;
        QCOMPARE(
            m_admin->send("PUT", u"/api/v1/channels/"_qs + other, toJson(channelBody(wrong))).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(m_admin->get(u"/api/v1/channels/%1/status"_qs.arg(other))
                                     .json()[u"last_error"_qs]
                                     .toString()
                                     .contains(u"token was refused"_qs),
            15000);
        const QByteArray status = m_admin->get(u"/api/v1/channels/%1/status"_qs.arg(other)).body;
        QVERIFY(!status.contains(wrong.toUtf8()));
        QCOMPARE(m_admin->del(u"/api/v1/channels/"_qs + other).status, 204);
        QVERIFY(!m_server.stderrLog().contains(wrong.toUtf8()));
        QVERIFY(!m_server.stderrLog().contains(FakeTelegram::kToken));
        QJsonObject bad = channelBody(u"not a token"_qs);
        QCOMPARE(m_admin->send("PUT", u"/api/v1/channels/"_qs + newUuid(), toJson(bad)).status, 422);
    }
};

QTEST_GUILESS_MAIN(TestTelegramChannel)
#include "tst_telegram_channel.moc"
