// The Telegram channel end to end (issue 16, first part): a real triaged long-polls the fake Bot
// API (tests/support/fake_telegram.py). A private message becomes a ticket (key phrases set the
// priority) and the bot confirms with its number; later messages add to it, /new starts another,
// /status lists them; agents' public replies reach the chat, internal notes never do; 429 is
// honoured, a blocked bot is noted on the ticket, a refused token shows in the status; the token
// never appears in a response or a log line. SQLite and PostgreSQL.
#include "../integration/ServerTestBase.h"
#include "FakeTelegram.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSet>
#include <QTimeZone>
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

    // The confirmation names the SLA's resolution target as the ticket's SLA has it (the demo's IT
    // calendar is Europe/Moscow, 24×7): the time, and the day when it is not today there.
    void checkDueIn(const QString &confirmation, const QString &ticketId)
    {
        const QJsonObject t = m_admin->get(u"/api/v1/tickets/"_qs + ticketId).json();
        const QString dueIso = t[u"sla"_qs][u"resolution"_qs][u"due"_qs].toString();
        QVERIFY2(!dueIso.isEmpty(), QJsonDocument(t).toJson().constData());
        const QTimeZone zone("Europe/Moscow");
        const QDateTime due = QDateTime::fromString(dueIso, Qt::ISODateWithMs).toTimeZone(zone);
        QVERIFY2(confirmation.contains(due.toString(u"HH:mm"_qs)),
            qPrintable(QString(confirmation).replace(u'\n', u' ') + u" / "_qs + dueIso));
        const bool today = due.date() == QDateTime::currentDateTime().toTimeZone(zone).date();
        QCOMPARE(confirmation.contains(u"до %1 "_qs.arg(due.date().day())), !today);
    }

    QJsonArray attachments(const QString &ticketId)
    {
        return m_admin->get(u"/api/v1/tickets/%1/attachments"_qs.arg(ticketId))
            .json()[u"attachments"_qs]
            .toArray();
    }

    // The bot's messages to `chat` with their parameters (reply_markup…).
    QList<QJsonObject> messagesTo(qint64 chat)
    {
        QList<QJsonObject> out;
        for (const QJsonValue &m : m_bot.sent()) {
            if (m[u"chat_id"_qs].toInteger() == chat)
                out << m.toObject();
        }
        return out;
    }

    QString answerTo(const QJsonObject &callbackUpdate)
    {
        const QString id = callbackUpdate[u"callback_query"_qs][u"id"_qs].toString();
        for (const QJsonValue &a : m_bot.answers()) {
            if (a[u"callback_query_id"_qs].toString() == id)
                return a[u"text"_qs].toString();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bot.start(&error), qPrintable(error));
        TriagedProcess::Options options;
        options.env.insert(
            u"TRIAGE_DEMO_SLA"_qs, u"1"_qs); // the demo's calendars (Europe/Moscow) and SLA policies
        TRIAGE_START_SERVER(m_server, options);
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
        QVERIFY2(sentTo(user).first().startsWith(u"Заявка #%1 принята, ожидаемое решение до "_qs.arg(number)),
            qPrintable(sentTo(user).first()));
        checkDueIn(sentTo(user).first(), ticketId);

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
        QTRY_VERIFY2_WITH_TIMEOUT(sentTo(user).last().startsWith(u"Ваши открытые заявки"_qs),
            qPrintable(sentTo(user).join(u" | "_qs)), 15000);
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

    // Photos and documents: the largest PhotoSize only, fetched with getFile and stored as an
    // attachment, the caption as the text; a file over the limit or one that cannot be downloaded
    // leaves a note and the message is still stored exactly once.
    void photosAndDocumentsBecomeAttachments()
    {
        const qint64 user = 7005;
        QByteArray jpeg(70000, '\0');
        for (int i = 0; i < jpeg.size(); ++i)
            jpeg[i] = char((i * 31) % 251);
        jpeg.replace(0, 4, QByteArray::fromHex("ffd8ffe0"));
        QVERIFY(m_bot.addFile(u"ph1"_qs, jpeg));
        QVERIFY(m_bot.addFile(u"ph1-s"_qs, QByteArray(1200, 'x')));
        QVERIFY(m_bot.push(FakeTelegram::photoMessage(
            user, u"Мария"_qs, u"ph1"_qs, jpeg.size(), u"Принтер пишет ошибку, скриншот"_qs)));
        std::optional<QJsonObject> ticket;
        QTRY_VERIFY_WITH_TIMEOUT(
            (ticket = ticketTitled(u"Принтер пишет ошибку, скриншот"_qs)).has_value(), 15000);
        const QString id = (*ticket)[u"id"_qs].toString();
        QJsonArray files;
        QTRY_COMPARE_WITH_TIMEOUT((files = attachments(id)).size(), 1, 15000);
        QCOMPARE(files[0][u"filename"_qs].toString(), u"photo.jpg"_qs);
        QCOMPARE(files[0][u"size"_qs].toInteger(), jpeg.size());
        QCOMPARE(files[0][u"sha256"_qs].toString(),
            QString::fromLatin1(QCryptographicHash::hash(jpeg, QCryptographicHash::Sha256).toHex()));
        QVERIFY(!m_bot.downloads().contains(u"files/ph1-s"_qs)); // the thumbnail is never fetched

        // A document with a caption adds to the open ticket: a comment with the file on it.
        const QByteArray log = "2026-12-07 10:40 ERROR spooler stopped\n";
        QVERIFY(m_bot.addFile(u"doc1"_qs, log));
        QVERIFY(m_bot.push(FakeTelegram::documentMessage(
            user, u"Мария"_qs, u"doc1"_qs, u"spooler.log"_qs, log.size(), u"Лог службы печати"_qs)));
        QTRY_COMPARE_WITH_TIMEOUT(attachments(id).size(), 2, 15000);
        QJsonObject comment;
        for (const QJsonValue &c : comments(id)) {
            if (c[u"body"_qs].toString() == u"Лог службы печати"_qs)
                comment = c.toObject();
        }
        QVERIFY(!comment.isEmpty());
        bool onComment = false;
        for (const QJsonValue &f : attachments(id))
            onComment |= f[u"filename"_qs].toString() == u"spooler.log"_qs
                && f[u"comment_id"_qs].toString() == comment[u"id"_qs].toString();
        QVERIFY(onComment);

        // Over the limit (as Telegram declares it): not downloaded, noted; a broken download: tried
        // again, then noted. Each message is still one comment.
        QVERIFY(m_bot.addFile(u"big"_qs, QByteArray(10, 'b')));
        QVERIFY(m_bot.push(FakeTelegram::documentMessage(
            user, u"Мария"_qs, u"big"_qs, u"dump.bin"_qs, 40LL * 1024 * 1024, u"Дамп памяти"_qs)));
        QVERIFY(m_bot.addFile(u"gone"_qs, QByteArray(10, 'g'), true));
        QVERIFY(m_bot.push(FakeTelegram::documentMessage(
            user, u"Мария"_qs, u"gone"_qs, u"trace.txt"_qs, 10, u"Трассировка"_qs)));
        const auto notes = [&] {
            QStringList out;
            for (const QJsonValue &c : comments(id)) {
                if (!c[u"public"_qs].toBool())
                    out << c[u"body"_qs].toString();
            }
            return out.join(u'\n');
        };
        QTRY_VERIFY_WITH_TIMEOUT(notes().contains(u"trace.txt: could not be retrieved"_qs), 30000);
        QVERIFY2(notes().contains(u"dump.bin: over the limit"_qs), qPrintable(notes()));
        QVERIFY(!m_bot.downloads().contains(u"files/big"_qs));
        QVERIFY(m_bot.downloads().toVariantList().count(u"files/gone"_qs) >= 2); // retried
        int dumps = 0;
        int traces = 0;
        for (const QJsonValue &c : comments(id)) {
            dumps += c[u"body"_qs].toString().startsWith(u"Дамп памяти"_qs) ? 1 : 0;
            traces += c[u"body"_qs].toString().startsWith(u"Трассировка"_qs) ? 1 : 0;
        }
        QCOMPARE(dumps, 1);
        QCOMPARE(traces, 1);
        QCOMPARE(attachments(id).size(), 2);
        QVERIFY(!m_server.stderrLog().contains(FakeTelegram::kToken));
    }

    // CSAT: resolving a Telegram ticket sends buttons 1–5; a tap stores the rating on the ticket (REST,
    // the change feed with who and when), a second tap changes it; foreign, unknown and reopened
    // tickets' buttons are refused politely; every tap is answered.
    void csatButtonsRateTheResolvedTicket()
    {
        const qint64 user = 7010;
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(user, u"Ольга"_qs, u"Не работает сканер"_qs)));
        std::optional<QJsonObject> ticket;
        QTRY_VERIFY_WITH_TIMEOUT((ticket = ticketTitled(u"Не работает сканер"_qs)).has_value(), 15000);
        const QString id = (*ticket)[u"id"_qs].toString();
        const qint64 number = (*ticket)[u"number"_qs].toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(messagesTo(user).size(), 1, 15000); // the confirmation
        QVERIFY(!messagesTo(user).first().contains(u"reply_markup"_qs));
        QString cursor = m_admin->get(u"/api/v1/changes?limit=1"_qs).json()[u"head"_qs].toString();

        const QJsonValue me = m_agent->get(u"/api/v1/me"_qs).json()[u"id"_qs];
        const HttpResult resolved = m_agent->patch(u"/api/v1/tickets/"_qs + id,
            {{u"status"_qs, u"resolved"_qs}, {u"assignee_id"_qs, me}}, {{"If-Match", "*"}});
        QVERIFY2(resolved.status == 200, resolved.body.constData());
        QTRY_COMPARE_WITH_TIMEOUT(messagesTo(user).size(), 2, 15000);
        const QJsonObject survey = messagesTo(user).last();
        QVERIFY2(survey[u"text"_qs].toString().contains(u"#%1"_qs.arg(number)),
            qPrintable(survey[u"text"_qs].toString()));
        const QJsonArray row = survey[u"reply_markup"_qs][u"inline_keyboard"_qs][0].toArray();
        QCOMPARE(row.size(), 5);
        QCOMPARE(row[3][u"text"_qs].toString(), u"4"_qs);
        QCOMPARE(row[3][u"callback_data"_qs].toString(), u"csat:%1:4"_qs.arg(id));
        const qint64 surveyMessage = survey[u"message_id"_qs].toInteger();

        const auto rating
            = [&] { return m_admin->get(u"/api/v1/tickets/"_qs + id).json()[u"csat_rating"_qs]; };
        const QJsonObject four = FakeTelegram::callbackQuery(user, u"csat:%1:4"_qs.arg(id), surveyMessage);
        QVERIFY(m_bot.push(four));
        QTRY_COMPARE_WITH_TIMEOUT(rating().toInt(), 4, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(answerTo(four).contains(u"Спасибо"_qs), 15000);
        // The buttons show the rating given (editMessageReplyMarkup on the survey message).
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                TestClient fake(m_bot.url());
                for (const QJsonValue &e : fake.get(u"/control/edits"_qs).json()[u"result"_qs].toArray()) {
                    if (e[u"message_id"_qs].toInteger() == surveyMessage
                        && e[u"reply_markup"_qs][u"inline_keyboard"_qs][0][3][u"text"_qs].toString()
                            == u"✅ 4"_qs)
                        return true;
                }
                return false;
            }(),
            15000);
        const QJsonObject two = FakeTelegram::callbackQuery(user, u"csat:%1:2"_qs.arg(id), surveyMessage);
        QVERIFY(m_bot.push(two));
        QTRY_COMPARE_WITH_TIMEOUT(rating().toInt(), 2, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(answerTo(two).contains(u"изменена на 2"_qs), 15000);

        // Somebody else's tap (another Telegram user who wrote to the bot) and a forged one change nothing.
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(7011, u"Пётр"_qs, u"/start"_qs)));
        const QJsonObject foreign = FakeTelegram::callbackQuery(7011, u"csat:%1:5"_qs.arg(id), surveyMessage);
        const QJsonObject forged = FakeTelegram::callbackQuery(user, u"csat:%1:9"_qs.arg(id), surveyMessage);
        const QJsonObject unknown = FakeTelegram::callbackQuery(user, u"nothing:here"_qs, surveyMessage);
        QVERIFY(m_bot.push(QJsonArray {foreign, forged, unknown}));
        QTRY_VERIFY_WITH_TIMEOUT(!answerTo(unknown).isEmpty(), 15000);
        QVERIFY2(answerTo(foreign).contains(u"не к вашей заявке"_qs), qPrintable(answerTo(foreign)));
        QVERIFY(answerTo(forged).contains(u"не к вашей заявке"_qs));
        QVERIFY(answerTo(unknown).contains(u"больше не действует"_qs));
        QCOMPARE(rating().toInt(), 2);

        // The change feed carries the rating with who gave it and when (one rating, changed once).
        const QJsonArray feed = drainFeed(*m_admin, &cursor);
        QJsonObject last;
        for (const QJsonValue &c : feed) {
            if (c[u"entity"_qs].toString() == u"ticket"_qs && c[u"id"_qs].toString() == id)
                last = c[u"data"_qs].toObject();
        }
        QCOMPARE(last[u"csat_rating"_qs].toInt(), 2);
        QStringList ratings;
        for (const QJsonValue &e : last[u"history"_qs].toArray()) {
            if (e[u"field"_qs].toString() == u"csat_rating"_qs) {
                ratings << e[u"from"_qs].toString() + u"→"_qs + e[u"to"_qs].toString();
                QCOMPARE(e[u"by"_qs].toString(), last[u"requester_id"_qs].toString());
                QVERIFY(!e[u"at"_qs].toString().isEmpty());
            }
        }
        QCOMPARE(ratings, (QStringList {u"→4"_qs, u"4→2"_qs}));

        // An agent reopens the ticket: the old buttons are refused; resolved and closed: refused too.
        QCOMPARE(
            m_agent
                ->patch(u"/api/v1/tickets/"_qs + id, {{u"status"_qs, u"in_progress"_qs}}, {{"If-Match", "*"}})
                .status,
            200);
        const QJsonObject reopened
            = FakeTelegram::callbackQuery(user, u"csat:%1:5"_qs.arg(id), surveyMessage);
        QVERIFY(m_bot.push(reopened));
        QTRY_VERIFY_WITH_TIMEOUT(answerTo(reopened).contains(u"снова в работе"_qs), 15000);
        for (const char16_t *status : {u"resolved", u"closed"}) {
            QCOMPARE(m_agent
                         ->patch(u"/api/v1/tickets/"_qs + id, {{u"status"_qs, QString::fromUtf16(status)}},
                             {{"If-Match", "*"}})
                         .status,
                200);
        }
        const QJsonObject closed = FakeTelegram::callbackQuery(user, u"csat:%1:5"_qs.arg(id), surveyMessage);
        QVERIFY(m_bot.push(closed));
        QTRY_VERIFY_WITH_TIMEOUT(answerTo(closed).contains(u"уже закрыта"_qs), 15000);
        QCOMPARE(rating().toInt(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(
            messagesTo(user).size(), 3, 15000); // resolving again asked again; closing did not
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
