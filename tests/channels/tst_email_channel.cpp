// The email channel end to end (issue 15): a real triaged, a real Dovecot it polls, a real SMTP
// server it sends through. Mail becomes tickets and comments exactly once, replies thread both
// ways, automatic mail is never answered, a message that cannot be read waits in the quarantine,
// a killed server loses and duplicates nothing. Runs on SQLite and (the _pg variant) PostgreSQL.
#include "../integration/ServerTestBase.h"
#include "MailFixtures.h"
#include "MailServers.h"
#include "channels/email/MimeParser.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace triage::server;
using namespace triage::test;

namespace {

QByteArray plainMail(const QString &from, const QString &subject, const QString &body,
    const QString &messageId, const QString &inReplyTo = {}, const QByteArray &extraHeaders = {})
{
    QByteArray m;
    m += "From: " + from.toUtf8() + "\r\n";
    m += "To: support@triage.test\r\n";
    m += "Subject: =?UTF-8?B?" + subject.toUtf8().toBase64() + "?=\r\n";
    m += "Date: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    m += "Message-ID: <" + messageId.toUtf8() + ">\r\n";
    if (!inReplyTo.isEmpty())
        m += "In-Reply-To: <" + inReplyTo.toUtf8() + ">\r\nReferences: <" + inReplyTo.toUtf8() + ">\r\n";
    m += extraHeaders;
    m += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
         "8bit\r\n\r\n";
    m += body.toUtf8() + "\r\n";
    return m;
}

QString uniqueId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces) + u"@client.example"_qs;
}

} // namespace

class TestEmailChannel : public QObject
{
    Q_OBJECT

    DovecotServer m_imap;
    SmtpSink m_smtp;
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_admin;
    std::unique_ptr<TestClient> m_agent;
    const QString m_channel = newUuid();

    QJsonObject channelBody(int pollSeconds = 1) const
    {
        return QJsonObject {
            {u"kind"_qs, u"email"_qs},
            {u"name"_qs, u"Support mailbox"_qs},
            {u"enabled"_qs, true},
            {u"imap"_qs,
                QJsonObject {{u"url"_qs, m_imap.url().toString()}, {u"username"_qs, DovecotServer::user()},
                    {u"password"_qs, DovecotServer::password()}}},
            {u"smtp"_qs,
                QJsonObject {{u"url"_qs, m_smtp.url().toString()}, {u"username"_qs, u""_qs},
                    {u"password"_qs, u""_qs}}},
            {u"address"_qs, u"support@triage.test"_qs},
            {u"group"_qs, kGroupIt},
            {u"poll_seconds"_qs, pollSeconds},
        };
    }

    HttpResult putChannel(TestClient &c, const QString &id, const QJsonObject &body)
    {
        return c.send("PUT", u"/api/v1/channels/"_qs + id, toJson(body));
    }

    QJsonObject status() { return m_admin->get(u"/api/v1/channels/%1/status"_qs.arg(m_channel)).json(); }

    // The email tickets, newest first.
    QList<QJsonObject> emailTickets(TestClient &c)
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v :
            c.get(u"/api/v1/tickets?limit=500"_qs).json().value(u"tickets"_qs).toArray()) {
            if (v[u"channel"_qs].toString() == u"email"_qs)
                out << v.toObject();
        }
        return out;
    }

    std::optional<QJsonObject> ticketTitled(const QString &title)
    {
        for (const QJsonObject &t : emailTickets(*m_admin)) {
            if (t[u"title"_qs].toString() == title)
                return t;
        }
        return std::nullopt;
    }

    QJsonArray comments(const QString &ticketId)
    {
        return m_admin->get(u"/api/v1/tickets/%1/comments"_qs.arg(ticketId))
            .json()
            .value(u"comments"_qs)
            .toArray();
    }

    // The sent mail (SMTP sink) whose subject contains `needle`, parsed; with its raw bytes.
    std::optional<std::pair<InboundMessage, QByteArray>> sentMail(const QString &needle, int nth = 0)
    {
        int seen = 0;
        for (const QByteArray &raw : m_smtp.messages()) {
            QString error;
            const auto m = MimeParser().parse(raw, &error);
            if (m && m->subject.contains(needle) && seen++ == nth)
                return std::pair {*m, raw};
        }
        return std::nullopt;
    }

    int sentCount(const QString &needle)
    {
        int n = 0;
        while (sentMail(needle, n))
            ++n;
        return n;
    }

    void deliver(const QByteArray &raw)
    {
        QString error;
        QVERIFY2(m_imap.deliver(raw, &error), qPrintable(error));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_imap.start(&error), qPrintable(error));
        QVERIFY2(m_smtp.start(&error), qPrintable(error));
        TriagedProcess::Options o;
        o.testClock = true;
        o.extraArgs = {u"--max-attachment"_qs, u"200000"_qs};
        TRIAGE_START_SERVER(m_server, o);
        m_admin = signedInClient(m_server.baseUrl(), u"admin"_qs);
        m_agent = signedInClient(m_server.baseUrl(), u"agent1"_qs);
        const HttpResult r = putChannel(*m_admin, m_channel, channelBody());
        QVERIFY2(r.status == 201, r.body.constData());
    }

    void configurationKeepsSecretsWriteOnly()
    {
        const HttpResult got = m_admin->get(u"/api/v1/channels/"_qs + m_channel);
        QCOMPARE(got.status, 200);
        QVERIFY(!got.body.contains(DovecotServer::password().toUtf8()));
        QCOMPARE(got.json()[u"imap"_qs][u"password_set"_qs].toBool(), true);
        QCOMPARE(got.json()[u"smtp"_qs][u"password_set"_qs].toBool(), false);
        QVERIFY(!m_admin->get(u"/api/v1/channels"_qs).body.contains(DovecotServer::password().toUtf8()));
        // Replacing without a password keeps the stored one (the box is still read: next tests).
        QJsonObject body = channelBody();
        QJsonObject imap = body[u"imap"_qs].toObject();
        imap.remove(u"password"_qs);
        body[u"imap"_qs] = imap;
        const HttpResult replaced = putChannel(*m_admin, m_channel, body);
        QCOMPARE(replaced.status, 200);
        QCOMPARE(replaced.json()[u"imap"_qs][u"password_set"_qs].toBool(), true);
        // Only administrators; bad bodies say which field is wrong.
        QCOMPARE(m_agent->get(u"/api/v1/channels"_qs).status, 403);
        QCOMPARE(putChannel(*m_agent, newUuid(), channelBody()).status, 403);
        QJsonObject bad = channelBody();
        bad[u"poll_seconds"_qs] = 0;
        bad[u"imap"_qs] = QJsonObject {{u"url"_qs, u"http://example.org"_qs}, {u"username"_qs, u"x"_qs}};
        bad[u"surprise"_qs] = true;
        const HttpResult refused = putChannel(*m_admin, newUuid(), bad);
        QCOMPARE(refused.status, 422);
        for (const char *field : {"poll_seconds", "imap.url", "surprise"})
            QVERIFY2(refused.body.contains(field), refused.body.constData());
        QJsonObject unknownKind = channelBody();
        unknownKind[u"kind"_qs] = u"pigeon"_qs;
        QCOMPARE(putChannel(*m_admin, newUuid(), unknownKind).status, 422);
        QCOMPARE(m_admin->get(u"/api/v1/channels/"_qs + newUuid()).status, 404);
        // The server log never carries the password.
        QVERIFY(!m_server.stderrLog().contains(QByteArray(DovecotServer::password().toUtf8() + "\n")));
    }

    void triagectlManagesChannels()
    {
        QTemporaryDir profile;
        const auto ctl = [&](const QStringList &args) {
            return runTriagectl(QStringList {u"--profile"_qs, profile.path()} + args);
        };
        CliRun r = ctl(
            {u"login"_qs, m_server.baseUrl().toString(), u"--user"_qs, u"admin"_qs, u"--token-file"_qs});
        QVERIFY2(r.code == 0, r.err.constData());
        QTemporaryDir files;
        const QString file = files.filePath(u"channel.json"_qs);
        QJsonObject body = channelBody();
        body[u"name"_qs] = u"Sales mailbox"_qs;
        body[u"enabled"_qs] = false;
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(toJson(body));
        f.close();
        const QString id = newUuid();
        r = ctl({u"channel"_qs, u"put"_qs, id, file});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("Sales mailbox"));
        QVERIFY(r.out.contains("password set"));
        QVERIFY(!r.out.contains(DovecotServer::password().toUtf8()));
        r = ctl({u"channel"_qs, u"list"_qs});
        QVERIFY(r.out.contains("Sales mailbox") && r.out.contains("Support mailbox")
            && r.out.contains("disabled"));
        r = ctl({u"--json"_qs, u"channel"_qs, u"status"_qs, id});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json()[u"processed"_qs].toInt(), 0);
        QVERIFY(r.json()[u"last_poll_at"_qs].isNull()); // disabled: never polled
        r = ctl({u"channel"_qs, u"remove"_qs, id});
        QCOMPARE(r.code, 0);
        r = ctl({u"channel"_qs, u"show"_qs, id});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("Not found") || r.err.contains("not found"), r.err.constData());
        QCOMPARE(ctl({u"channel"_qs, u"frobnicate"_qs}).code, 2);
        // Agents may not.
        QTemporaryDir agentProfile;
        QCOMPARE(
            runTriagectl({u"--profile"_qs, agentProfile.path(), u"login"_qs, m_server.baseUrl().toString(),
                             u"--user"_qs, u"agent1"_qs, u"--token-file"_qs})
                .code,
            0);
        r = runTriagectl({u"--profile"_qs, agentProfile.path(), u"channel"_qs, u"list"_qs});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("administrators"), r.err.constData());
    }

    void mailBecomesTicketAndRepliesThreadBothWays()
    {
        const QString firstId = uniqueId();
        const QString subject = u"Принтер на 3 этаже не печатает"_qs;
        deliver(plainMail(u"Игорь Лебедев <Igor.Lebedev@Example.org>"_qs, subject,
            u"Здравствуйте! Принтер не печатает с утра."_qs, firstId));
        std::optional<QJsonObject> ticket;
        QTRY_VERIFY_WITH_TIMEOUT((ticket = ticketTitled(subject)).has_value(), 20000);
        QCOMPARE((*ticket)[u"group_id"_qs].toString(), kGroupIt);
        QVERIFY((*ticket)[u"description"_qs].toString().contains(u"не печатает с утра"_qs));
        const QString ticketId = (*ticket)[u"id"_qs].toString();
        const qint64 number = (*ticket)[u"number"_qs].toInteger();
        const QString tag = u"[#%1]"_qs.arg(number);
        // The requester was created from the address, lower-cased, with the sender's name.
        const QString requesterId = (*ticket)[u"requester_id"_qs].toString();
        bool found = false;
        for (const QJsonValue &u : m_admin->get(u"/api/v1/users"_qs).json()[u"users"_qs].toArray()) {
            if (u[u"id"_qs].toString() == requesterId) {
                found = true;
                QCOMPARE(u[u"email"_qs].toString(), u"igor.lebedev@example.org"_qs);
                QCOMPARE(u[u"display_name"_qs].toString(), u"Игорь Лебедев"_qs);
                QCOMPARE(u[u"role"_qs].toString(), u"requester"_qs);
            }
        }
        QVERIFY(found);

        // The confirmation: automatic, threaded to the request, tagged.
        std::optional<std::pair<InboundMessage, QByteArray>> ack;
        QTRY_VERIFY_WITH_TIMEOUT((ack = sentMail(tag)).has_value(), 20000);
        QVERIFY(ack->second.contains("Auto-Submitted: auto-generated"));
        QCOMPARE(ack->first.replyTo.value(0), firstId);
        QVERIFY(ack->second.contains("X-RcptTo: igor.lebedev@example.org"));
        // The same words as the Telegram bot's confirmation, with the SLA's resolution target.
        QVERIFY2(ack->first.text.contains(u"Request #%1 accepted, expected resolution by "_qs.arg(number)),
            qPrintable(ack->first.text));

        // An agent's public reply goes out threaded; an internal note does not leave.
        HttpResult r = m_agent->post(u"/api/v1/tickets/%1/comments"_qs.arg(ticketId),
            {{u"body"_qs, u"Internal: check the spooler first."_qs}, {u"public"_qs, false}});
        QCOMPARE(r.status, 201);
        r = m_agent->post(u"/api/v1/tickets/%1/comments"_qs.arg(ticketId),
            {{u"body"_qs, u"Перезапустили службу печати, проверьте, пожалуйста."_qs}, {u"public"_qs, true}});
        QCOMPARE(r.status, 201);
        std::optional<std::pair<InboundMessage, QByteArray>> reply;
        QTRY_VERIFY_WITH_TIMEOUT((reply = sentMail(u"Re: "_qs + tag)).has_value(), 20000);
        QVERIFY(!reply->second.contains("Auto-Submitted"));
        QVERIFY(reply->first.text.contains(u"Перезапустили службу печати"_qs));
        QVERIFY(reply->first.replyTo.contains(firstId));
        QVERIFY2(reply->first.externalId.startsWith(u"ticket-%1."_qs.arg(number)),
            qPrintable(reply->first.externalId));
        QTest::qWait(1500);
        for (const QByteArray &raw : m_smtp.messages())
            QVERIFY(!raw.contains("spooler"));

        // The agent resolves; the requester answers the agent's mail → a comment, the ticket reopens.
        r = m_agent->patch(u"/api/v1/tickets/"_qs + ticketId,
            {{u"assignee_id"_qs, m_agent->get(u"/api/v1/me"_qs).json()[u"id"_qs].toString()}},
            {{"If-Match", "*"}});
        QVERIFY2(r.status == 200, r.body.constData());
        r = m_agent->patch(
            u"/api/v1/tickets/"_qs + ticketId, {{u"status"_qs, u"resolved"_qs}}, {{"If-Match", "*"}});
        QVERIFY2(r.status == 200, r.body.constData());
        const QString answerId = uniqueId();
        const QByteArray answer = plainMail(u"igor.lebedev@example.org"_qs, u"Re: "_qs + reply->first.subject,
            u"Всё равно не печатает.\n\n> Перезапустили службу печати"_qs, answerId, reply->first.externalId);
        deliver(answer);
        QTRY_COMPARE_WITH_TIMEOUT(comments(ticketId).size(), 3, 20000);
        const QJsonObject last = comments(ticketId).last().toObject();
        QCOMPARE(last[u"author_id"_qs].toString(), requesterId);
        QVERIFY(last[u"public"_qs].toBool());
        QVERIFY(last[u"body"_qs].toString().startsWith(u"Всё равно не печатает."_qs));
        QCOMPARE(m_admin->get(u"/api/v1/tickets/"_qs + ticketId).json()[u"status"_qs].toString(),
            u"in_progress"_qs);

        // The same message delivered again is the same comment; a reply that names only the tag,
        // from the requester, threads; from a stranger it is a new ticket.
        deliver(answer);
        deliver(plainMail(
            u"igor.lebedev@example.org"_qs, u"Ещё вопрос "_qs + tag, u"Тег в теме."_qs, uniqueId()));
        deliver(plainMail(u"stranger@example.net"_qs, u"Чужой "_qs + tag, u"Угадал номер."_qs, uniqueId()));
        QTRY_COMPARE_WITH_TIMEOUT(comments(ticketId).size(), 4, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(ticketTitled(u"Чужой "_qs + tag).has_value(), 20000);
        QTest::qWait(2500); // a second copy would have been processed by now
        QCOMPARE(comments(ticketId).size(), 4);
        QVERIFY(status()[u"processed"_qs].toInteger() >= 4);
        QVERIFY(status()[u"last_error"_qs].isNull());
        QVERIFY(!status()[u"last_poll_at"_qs].toString().isEmpty());
    }

    // A mail's files become the ticket's attachments (RFC 2231 names decoded, bytes intact); a file
    // over --max-attachment is dropped and named in an internal note.
    void attachmentsAreStoredAndOversizedOnesNoted()
    {
        QByteArray mail = mailFixture("thunderbird-1251-attachment.eml");
        mail.replace("Message-ID: <8b3c0d2e",
            QByteArray(
                "Message-ID: <att-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + "-8b3c0d2e"));
        QString error;
        const auto parsed = MimeParser().parse(mail, &error);
        QVERIFY2(parsed && parsed->attachments.size() == 1, qPrintable(error));
        deliver(mail);
        std::optional<QJsonObject> ticket;
        QTRY_VERIFY_WITH_TIMEOUT((ticket = ticketTitled(parsed->subject)).has_value(), 20000);
        const QString id = (*ticket)[u"id"_qs].toString();
        const QJsonArray files
            = m_agent->get(u"/api/v1/tickets/%1/attachments"_qs.arg(id)).json()[u"attachments"_qs].toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files[0][u"filename"_qs].toString(), u"отчёт.pdf"_qs);
        const QByteArray bytes = parsed->attachments[0].bytes;
        QCOMPARE(files[0][u"sha256"_qs].toString(),
            QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        const HttpResult download = m_agent->get(u"/api/v1/attachments/"_qs + files[0][u"id"_qs].toString());
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body, bytes);

        // Over the limit (this server: --max-attachment 200000).
        QByteArray big
            = "From: big@example.net\r\nTo: support@triage.test\r\nSubject: Big log\r\nMessage-ID: <"
            + uniqueId().toUtf8()
            + ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
              "Content-Type: text/plain\r\n\r\nThe log is attached.\r\n--b\r\nContent-Type: text/plain; "
              "name=\"huge.log\"\r\n"
              "Content-Disposition: attachment; filename=\"huge.log\"\r\nContent-Transfer-Encoding: "
              "base64\r\n\r\n"
            + QByteArray(300000, 'L').toBase64()
            + "\r\n--b\r\nContent-Type: text/plain; name=\"small.txt\"\r\n"
              "Content-Disposition: attachment; filename=\"small.txt\"\r\n\r\nsmall\r\n--b--\r\n";
        deliver(big);
        QTRY_VERIFY2_WITH_TIMEOUT((ticket = ticketTitled(u"Big log"_qs)).has_value(),
            m_server.stderrLog().right(4000).constData(), 20000);
        const QString bigId = (*ticket)[u"id"_qs].toString();
        const QJsonArray kept = m_agent->get(u"/api/v1/tickets/%1/attachments"_qs.arg(bigId))
                                    .json()[u"attachments"_qs]
                                    .toArray();
        QVERIFY2(kept.size() == 1, QJsonDocument(kept).toJson().constData());
        QCOMPARE(kept[0][u"filename"_qs].toString(), u"small.txt"_qs);
        const QJsonArray notes = comments(bigId);
        QCOMPARE(notes.size(), 1);
        QVERIFY(!notes[0][u"public"_qs].toBool());
        QVERIFY2(notes[0][u"body"_qs].toString().contains(u"huge.log"_qs),
            qPrintable(notes[0][u"body"_qs].toString()));
    }

    void automaticMailIsNeverAnswered()
    {
        // What earlier tests queued has gone out.
        QTRY_COMPARE_WITH_TIMEOUT(status()[u"outgoing_queued"_qs].toInteger(), 0, 20000);
        const int sentBefore = int(m_smtp.messages().size());
        // An out-of-office and a list message become tickets (someone may need them) without a
        // confirmation; a bounce that answers no ticket is recorded and ignored.
        QByteArray ooo = mailFixture("out-of-office.eml");
        ooo.replace("Message-ID: <",
            QByteArray("Message-ID: <ooo-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch())));
        deliver(ooo);
        deliver(plainMail(u"news@lists.example.org"_qs, u"Weekly digest"_qs, u"News."_qs, uniqueId(), {},
            "Precedence: bulk\r\nList-Id: <news.lists.example.org>\r\n"));
        deliver(mailFixture("bounce.eml"));
        const QString last = u"After the automatic ones"_qs;
        deliver(plainMail(u"person@example.net"_qs, last, u"A person."_qs, uniqueId()));
        QTRY_VERIFY_WITH_TIMEOUT(ticketTitled(last).has_value(), 20000);
        QVERIFY(ticketTitled(u"Weekly digest"_qs).has_value());
        QTRY_COMPARE_WITH_TIMEOUT(int(m_smtp.messages().size()), sentBefore + 1, 20000);
        QTest::qWait(1500);
        QCOMPARE(int(m_smtp.messages().size()), sentBefore + 1); // only the person got a confirmation
        QVERIFY(sentMail(u"After the automatic ones"_qs).has_value());
        const QJsonArray held = m_admin->get(u"/api/v1/channels/%1/quarantine"_qs.arg(m_channel))
                                    .json()[u"messages"_qs]
                                    .toArray();
        bool bounceIgnored = false;
        for (const QJsonValue &m : held)
            bounceIgnored |= m[u"state"_qs].toString() == u"ignored"_qs
                && m[u"reason"_qs].toString().contains(u"delivery report"_qs);
        QVERIFY2(bounceIgnored, QJsonDocument(held).toJson().constData());
    }

    void confirmationsAreCappedPerRequester()
    {
        const QString sender = u"flood@example.net"_qs;
        for (int i = 0; i < 7; ++i)
            deliver(plainMail(sender, u"Flood %1"_qs.arg(i), u"Again."_qs, uniqueId()));
        QTRY_VERIFY_WITH_TIMEOUT(ticketTitled(u"Flood 6"_qs).has_value(), 30000);
        QTest::qWait(2500);
        int confirmations = 0;
        for (const QByteArray &raw : m_smtp.messages())
            confirmations += raw.contains(QByteArray("X-RcptTo: " + sender.toUtf8())) ? 1 : 0;
        QCOMPARE(confirmations, 5); // auto_replies_per_hour defaults to 5
    }

    void unreadableMailWaitsInQuarantine()
    {
        // No sender at all: kept raw, listed, downloadable, retryable; the next message is not blocked.
        const QByteArray nameless = "Subject: no sender\r\nMessage-ID: <" + uniqueId().toUtf8()
            + ">\r\nContent-Type: text/plain\r\n\r\nWho am I?\r\n";
        deliver(nameless);
        deliver(plainMail(u"after@example.net"_qs, u"After the nameless one"_qs, u"Fine."_qs, uniqueId()));
        QTRY_VERIFY_WITH_TIMEOUT(ticketTitled(u"After the nameless one"_qs).has_value(), 20000);
        QJsonObject quarantined;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonValue &m : m_admin->get(u"/api/v1/channels/%1/quarantine"_qs.arg(m_channel))
                                               .json()[u"messages"_qs]
                                               .toArray()) {
                    if (m[u"state"_qs].toString() == u"quarantined"_qs) {
                        quarantined = m.toObject();
                        return true;
                    }
                }
                return false;
            }(),
            20000);
        QVERIFY(quarantined[u"reason"_qs].toString().contains(u"sender"_qs));
        QCOMPARE(status()[u"quarantined"_qs].toInteger(), 1);
        const QString id = quarantined[u"id"_qs].toString();
        const HttpResult raw = m_admin->get(u"/api/v1/channels/%1/messages/%2/raw"_qs.arg(m_channel, id));
        QCOMPARE(raw.status, 200);
        QCOMPARE(raw.body.trimmed(), nameless.trimmed());
        QCOMPARE(m_agent->get(u"/api/v1/channels/%1/messages/%2/raw"_qs.arg(m_channel, id)).status, 403);
        const HttpResult retried
            = m_admin->send("POST", u"/api/v1/channels/%1/messages/%2/retry"_qs.arg(m_channel, id), {});
        QCOMPARE(retried.status, 202);
        // Still nameless: back in quarantine, with the second attempt counted.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonValue &m : m_admin->get(u"/api/v1/channels/%1/quarantine"_qs.arg(m_channel))
                                               .json()[u"messages"_qs]
                                               .toArray()) {
                    if (m[u"id"_qs].toString() == id)
                        return m[u"attempts"_qs].toInt() == 2
                            && m[u"state"_qs].toString() == u"quarantined"_qs;
                }
                return false;
            }(),
            20000);
    }

    // The SMTP server is down: the reply waits in the queue and goes out once it is back.
    void outgoingMailSurvivesAnSmtpOutage()
    {
        const QString subject = u"Outage test"_qs;
        deliver(plainMail(u"patient@example.net"_qs, subject, u"Hello."_qs, uniqueId()));
        std::optional<QJsonObject> ticket;
        QTRY_VERIFY_WITH_TIMEOUT((ticket = ticketTitled(subject)).has_value(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sentMail(subject).has_value(), 20000); // the confirmation
        m_smtp.stop();
        const HttpResult r
            = m_agent->post(u"/api/v1/tickets/%1/comments"_qs.arg((*ticket)[u"id"_qs].toString()),
                {{u"body"_qs, u"Sent while the mail server is down."_qs}, {u"public"_qs, true}});
        QCOMPARE(r.status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(m_server.stderrLog().contains("will retry"), 20000);
        QVERIFY(status()[u"outgoing_queued"_qs].toInteger() >= 1);
        QString error;
        QVERIFY2(m_smtp.start(&error), qPrintable(error));
        QVERIFY2(putChannel(*m_admin, m_channel, channelBody()).status == 200, "new SMTP port");
        QVERIFY(advanceClock(*m_admin, 60'000) > 0); // past the first backoff
        QTRY_VERIFY_WITH_TIMEOUT(
            sentMail(u"Re: "_qs).has_value() &&
                [&] {
                    for (const QByteArray &raw : m_smtp.messages())
                        if (raw.contains("mail server is down"))
                            return true;
                    return false;
                }(),
            20000);
        QTRY_COMPARE_WITH_TIMEOUT(status()[u"outgoing_queued"_qs].toInteger(), 0, 10000);
    }
};

QTEST_GUILESS_MAIN(TestEmailChannel)
#include "tst_email_channel.moc"
