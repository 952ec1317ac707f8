// The Telegram channel's latency as a requester and an agent feel it (issue 16): a message put into
// the fake Bot API → the ticket visible to a connected client through push, the way the console
// receives it (GET /api/v1/events wakes it with `event: head`, then it reads GET /api/v1/changes
// from its cursor), p50 ≤ 1 s and p99 ≤ 2 s; and → the bot's confirmation sent, p50 ≤ 1 s (both
// instants taken by the fake's clock). Messages one after another, each from a new user (a ticket
// each), with a realistic long poll (25 s: the worker waits in getUpdates when a message arrives).
#include "Bench.h"
#include "FakeTelegram.h"
#include "TriagedProcess.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <cstdio>

using namespace triage::test;

namespace triage::bench {
namespace {

// The client's side of push: the SSE stream's `head` events, counted as they arrive.
class PushListener
{
public:
    explicit PushListener(TestClient &client)
        : m_reply(client.start("GET", u"/api/v1/events"_qs, {}, {{"Accept", "text/event-stream"}}))
    {
        QObject::connect(m_reply, &QNetworkReply::readyRead, m_reply,
            [this] { m_heads += int(m_reply->readAll().count("event: head")); });
    }
    ~PushListener()
    {
        m_reply->abort();
        m_reply->deleteLater();
    }
    // Runs the event loop until a head event newer than `seen` arrived (or `timeoutMs`).
    bool waitForHead(int seen, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (m_heads <= seen && t.elapsed() < timeoutMs) {
            QEventLoop loop;
            QTimer::singleShot(2, &loop, &QEventLoop::quit);
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        }
        return m_heads > seen;
    }
    int heads() const { return m_heads; }

private:
    QNetworkReply *m_reply;
    int m_heads = 0;
};

// Reads the feed from `cursor` to the head (as the console's sync does); true when a ticket titled
// `title` came by.
bool feedHasTicket(TestClient &c, QString *cursor, const QString &title)
{
    bool found = false;
    for (int page = 0; page < 100; ++page) {
        const QJsonObject o = c.get(u"/api/v1/changes?limit=200&cursor="_qs + *cursor).json();
        for (const QJsonValue &v : o.value(u"changes"_qs).toArray()) {
            if (v[u"entity"_qs].toString() == u"ticket"_qs && v[u"data"_qs][u"title"_qs].toString() == title)
                found = true;
        }
        *cursor = o.value(u"next_cursor"_qs).toString();
        if (!o.value(u"has_more"_qs).toBool())
            break;
    }
    return found;
}

void telegramLatencyBench(const Options &opts)
{
    const int n = std::max(10, int(60 * opts.scale));
    FakeTelegram bot;
    QString error;
    if (!bot.start(&error)) {
        std::fprintf(stderr, "intake.telegram_latency: %s\n", qPrintable(error));
        return;
    }
    TriagedProcess server;
    TriagedProcess::Options o;
    o.dataDir = opts.workDir + u"/telegram-latency"_qs;
    if (!server.start(o)) {
        std::fprintf(stderr, "intake.telegram_latency: %s\n", qPrintable(server.error()));
        return;
    }
    waitUntilIdle(server.pid());
    TestClient admin(server.baseUrl());
    admin.login(u"admin"_qs);
    TestClient console(server.baseUrl());
    console.login(u"admin"_qs);
    const QString channel = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject body {{u"kind"_qs, u"telegram"_qs}, {u"name"_qs, u"Bot"_qs},
        {u"token"_qs, QString::fromLatin1(FakeTelegram::kToken)}, {u"api_url"_qs, bot.url().toString()},
        {u"long_poll_seconds"_qs, 25}};
    if (admin.send("PUT", u"/api/v1/channels/"_qs + channel, toJson(body)).status != 201) {
        std::fprintf(stderr, "intake.telegram_latency: the channel was refused\n");
        return;
    }
    QString cursor = console.get(u"/api/v1/changes?limit=1"_qs).json()[u"head"_qs].toString();
    PushListener push(console);
    // Warm-up: the worker started and waits in its long poll.
    bot.push(FakeTelegram::privateMessage(919999, u"Warm"_qs, u"Warm-up request"_qs));
    QElapsedTimer warm;
    warm.start();
    while (!feedHasTicket(console, &cursor, u"Warm-up request"_qs) && warm.elapsed() < 30000)
        push.waitForHead(push.heads(), 1000);
    QThread::msleep(500);

    std::vector<double> visible;
    for (int i = 0; i < n; ++i) {
        const QString title = u"Latency probe %1: принтер не печатает"_qs.arg(i);
        const int seen = push.heads();
        QElapsedTimer t;
        t.start();
        bot.push(FakeTelegram::privateMessage(920000 + i, u"User %1"_qs.arg(i), title));
        bool found = false;
        int heads = seen;
        while (!found && t.elapsed() < 10000) {
            if (!push.waitForHead(heads, 10000 - int(t.elapsed())))
                break;
            heads = push.heads();
            found = feedHasTicket(console, &cursor, title);
        }
        if (!found) {
            std::fprintf(stderr, "intake.telegram_latency: message %d not visible within 10 s\n", i);
            continue;
        }
        visible.push_back(double(t.elapsed()));
    }
    // Confirmations: the fake's clock at the push and at the bot's sendMessage.
    QElapsedTimer wait;
    wait.start();
    QJsonArray sent;
    while ((sent = bot.sent()).size() < n + 1 && wait.elapsed() < 30000)
        QThread::msleep(100);
    TestClient fake(bot.url());
    const QJsonObject pushed = fake.get(u"/control/pushed"_qs).json()[u"result"_qs].toObject();
    // update ids were given in push order: the warm-up's first, then probe i's.
    QList<double> pushTimes;
    for (auto it = pushed.begin(); it != pushed.end(); ++it)
        pushTimes << it.value().toDouble();
    std::sort(pushTimes.begin(), pushTimes.end());
    std::vector<double> confirmed;
    for (const QJsonValue &m : sent) {
        const qint64 chat = m[u"chat_id"_qs].toInteger();
        const int i = int(chat - 920000);
        if (i < 0 || i >= n || i + 1 >= pushTimes.size())
            continue;
        confirmed.push_back((m[u"at"_qs].toDouble() - pushTimes[i + 1]) * 1000.0);
    }
    report(u"intake.telegram_push_visible_p50"_qs, qint64(visible.size()), median(visible), u"ms"_qs, 1000);
    report(u"intake.telegram_push_visible_p99"_qs, qint64(visible.size()), percentile(visible, 99), u"ms"_qs,
        2000);
    report(
        u"intake.telegram_confirmation_p50"_qs, qint64(confirmed.size()), median(confirmed), u"ms"_qs, 1000);
    report(u"intake.telegram_confirmation_p99"_qs, qint64(confirmed.size()), percentile(confirmed, 99),
        u"ms"_qs, 2000);
    server.stop();
}

} // namespace

TRIAGE_BENCH("intake.telegram_latency", telegramLatencyBench);

} // namespace triage::bench
