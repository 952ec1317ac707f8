// The channels' intake (issues 15, 16). Email: a backlog in a real Dovecot becomes tickets through a
// real triaged (SQLite) — messages per second from the channel's creation to the last ticket, and
// the server's resident memory growth meanwhile. Targets: 1,000 messages in ≤ 30 s (≥ 33 msg/s),
// RSS growth ≤ 50 MB.
#include "Bench.h"
#include "FakeTelegram.h"
#include "MailServers.h"
#include "TriagedProcess.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>
#include <QUuid>

#include <cstdio>

using namespace triage::test;

namespace triage::bench {
namespace {

double processRssMb(qint64 pid)
{
    QFile f(u"/proc/%1/status"_qs.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// Creates the channel and waits (sampling the server's RSS into *rssPeak) until `n` messages are
// processed or ten minutes passed; returns how many were, -1 when the channel was refused.
qint64 connectAndWait(
    TestClient &admin, const QString &channel, const QJsonObject &body, int n, qint64 pid, double *rssPeak)
{
    QElapsedTimer t;
    t.start();
    if (admin.send("PUT", u"/api/v1/channels/"_qs + channel, toJson(body)).status != 201) {
        std::fprintf(stderr, "intake: the channel was refused\n");
        return -1;
    }
    qint64 processed = 0;
    while (processed < n && t.elapsed() < 600'000) {
        QThread::msleep(100);
        *rssPeak = std::max(*rssPeak, processRssMb(pid));
        processed
            = admin.get(u"/api/v1/channels/%1/status"_qs.arg(channel)).json()[u"processed"_qs].toInteger();
    }
    return processed;
}

// Realistic sizes and shapes: a Russian plain-text request with a quoted reply, a few KB, every
// tenth one with a small attachment; 40 different senders.
QByteArray backlogMessage(int n)
{
    QByteArray m;
    m += "From: =?UTF-8?B?" + QStringLiteral("Сотрудник %1").arg(n % 40).toUtf8().toBase64() + "?= <user"
        + QByteArray::number(n % 40) + "@example.org>\r\n";
    m += "To: support@triage.test\r\n";
    m += "Subject: =?UTF-8?B?" + QStringLiteral("Заявка %1: не работает VPN").arg(n).toUtf8().toBase64()
        + "?=\r\n";
    m += "Date: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    m += "Message-ID: <" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "@example.org>\r\n";
    m += "MIME-Version: 1.0\r\n";
    const QByteArray text = QStringLiteral("Здравствуйте!\r\nС утра не подключается VPN, ошибка 809. "
                                           "Перезагрузка не помогла.\r\n\r\n> Предыдущее письмо\r\n")
                                .repeated(12)
                                .toUtf8();
    if (n % 10 == 0) {
        m += "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n";
        m += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text;
        m += "\r\n--b\r\nContent-Type: application/octet-stream; name=\"log.txt\"\r\n"
             "Content-Transfer-Encoding: base64\r\n\r\n";
        m += QByteArray(6000, 'x').toBase64() + "\r\n--b--\r\n";
    } else {
        m += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text;
    }
    return m;
}

void intakeBench(const Options &opts)
{
    const int n = std::max(10, int(1000 * opts.scale));
    DovecotServer imap;
    SmtpSink smtp;
    QString error;
    if (!imap.start(&error) || !smtp.start(&error)) {
        std::fprintf(stderr, "intake: %s\n", qPrintable(error));
        return;
    }
    QList<QByteArray> backlog;
    for (int i = 0; i < n; ++i)
        backlog << backlogMessage(i);
    if (!imap.deliverMany(backlog, &error)) {
        std::fprintf(stderr, "intake: %s\n", qPrintable(error));
        return;
    }
    TriagedProcess server;
    TriagedProcess::Options o;
    o.dataDir = opts.workDir + u"/intake"_qs;
    if (!server.start(o)) {
        std::fprintf(stderr, "intake: %s\n", qPrintable(server.error()));
        return;
    }
    waitUntilIdle(server.pid());
    TestClient admin(server.baseUrl());
    admin.login(u"admin"_qs);
    const double rssBefore = processRssMb(server.pid());
    double rssPeak = rssBefore;
    const QString channel = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject body {
        {u"kind"_qs, u"email"_qs},
        {u"name"_qs, u"Support"_qs},
        {u"imap"_qs,
            QJsonObject {{u"url"_qs, imap.url().toString()}, {u"username"_qs, DovecotServer::user()},
                {u"password"_qs, DovecotServer::password()}}},
        {u"smtp"_qs, QJsonObject {{u"url"_qs, smtp.url().toString()}}},
        {u"address"_qs, u"support@triage.test"_qs},
        {u"poll_seconds"_qs, 1},
    };
    QElapsedTimer t;
    t.start();
    const qint64 processed = connectAndWait(admin, channel, body, n, server.pid(), &rssPeak);
    if (processed < 0)
        return;
    const double seconds = double(t.elapsed()) / 1000.0;
    if (processed < n)
        std::fprintf(stderr, "intake: only %lld of %d messages processed in %.0f s\n", qlonglong(processed),
            n, seconds);
    report(u"intake.email_msgs_per_s"_qs, n, double(processed) / seconds, u"msg/s"_qs, 33, true);
    report(u"intake.email_backlog_s"_qs, n, seconds, u"s"_qs, 30.0 * n / 1000.0);
    report(u"intake.email_rss_growth"_qs, n, rssPeak - rssBefore, u"MB"_qs, 50);
    server.stop();
}

// Telegram (issue 16): 1,000 queued updates in the fake Bot API → tickets (target ≤ 20 s), and
// the bot's confirmations sent.
void telegramBench(const Options &opts)
{
    const int n = std::max(10, int(1000 * opts.scale));
    FakeTelegram bot;
    QString error;
    if (!bot.start(&error)) {
        std::fprintf(stderr, "intake.telegram: %s\n", qPrintable(error));
        return;
    }
    QJsonArray updates;
    for (int i = 0; i < n; ++i) {
        updates.append(FakeTelegram::privateMessage(
            900000 + i, u"User %1"_qs.arg(i), u"Не работает VPN, заявка %1"_qs.arg(i)));
    }
    bot.push(updates);
    TriagedProcess server;
    TriagedProcess::Options o;
    o.dataDir = opts.workDir + u"/intake-telegram"_qs;
    if (!server.start(o)) {
        std::fprintf(stderr, "intake.telegram: %s\n", qPrintable(server.error()));
        return;
    }
    waitUntilIdle(server.pid());
    TestClient admin(server.baseUrl());
    admin.login(u"admin"_qs);
    const double rssBefore = processRssMb(server.pid());
    double rssPeak = rssBefore;
    const QString channel = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject body {{u"kind"_qs, u"telegram"_qs}, {u"name"_qs, u"Bot"_qs},
        {u"token"_qs, QString::fromLatin1(FakeTelegram::kToken)}, {u"api_url"_qs, bot.url().toString()},
        {u"long_poll_seconds"_qs, 5}};
    QElapsedTimer t;
    t.start();
    const qint64 processed = connectAndWait(admin, channel, body, n, server.pid(), &rssPeak);
    if (processed < 0)
        return;
    const double seconds = double(t.elapsed()) / 1000.0;
    qint64 sent = 0;
    while (sent < n && t.elapsed() < 600'000) {
        sent = bot.sent().size();
        if (sent < n)
            QThread::msleep(200);
    }
    const double withReplies = double(t.elapsed()) / 1000.0;
    report(u"intake.telegram_backlog_s"_qs, n, seconds, u"s"_qs, 20.0 * n / 1000.0);
    report(u"intake.telegram_updates_per_s"_qs, n, double(processed) / seconds, u"upd/s"_qs, 50, true);
    report(u"intake.telegram_confirmed_s"_qs, n, withReplies, u"s"_qs, 40.0 * n / 1000.0);
    report(u"intake.telegram_rss_growth"_qs, n, rssPeak - rssBefore, u"MB"_qs, 50);
    server.stop();
}

} // namespace

TRIAGE_BENCH("intake.email", intakeBench);
TRIAGE_BENCH("intake.telegram", telegramBench);

} // namespace triage::bench
