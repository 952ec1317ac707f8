// triaged benchmarks (issue 3): the change feed (100-change pages, 64 keep-alive connections) and
// mutations, on SQLite and PostgreSQL, driven by wrk on loopback for a bounded time. PostgreSQL runs
// when TRIAGE_TEST_PG_URL (or TRIAGE_BENCH_PG_URL) names a server (tests/support/with-services).
#include "Bench.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <memory>

using namespace triage;
using namespace triage::bench;

namespace {

struct Server {
    std::unique_ptr<QProcess> process;
    QUrl base;
    QByteArray token;
};

QJsonObject call(const QUrl &base, const QByteArray &method, const QString &path, const QByteArray &token,
    const QJsonObject &body = {})
{
    static QNetworkAccessManager nam;
    QUrl url = base;
    const qsizetype q = path.indexOf(u'?');
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply
        = nam.sendCustomRequest(req, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return out;
}

// A fresh database; with `socket`, its URL through the server's Unix socket
// (TRIAGE_TEST_PG_SOCKET_URL, set by tests/support/with-services) instead of TCP.
QString pgUrlForBench(bool socket = false)
{
    const QString socketUrl = qEnvironmentVariable("TRIAGE_TEST_PG_SOCKET_URL");
    if (socket && socketUrl.isEmpty())
        return {};
    QString admin = qEnvironmentVariable("TRIAGE_BENCH_PG_URL");
    if (admin.isEmpty())
        admin = qEnvironmentVariable("TRIAGE_TEST_PG_URL");
    if (admin.isEmpty())
        return {};
    const QUrl url(admin);
    const QString name = u"bench_%1"_qs.arg(QRandomGenerator::global()->generate64() % 1000000000ULL);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_qs, u"benchadmin"_qs);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (!db.open() || !QSqlQuery(db).exec(u"CREATE DATABASE "_qs + name))
            return {};
        db.close();
    }
    QSqlDatabase::removeDatabase(u"benchadmin"_qs);
    QUrl out = socket ? QUrl(socketUrl) : url;
    out.setPath(u'/' + name);
    return out.toString();
}

bool startServer(const Options &opts, const QString &tag, const QString &pgUrl, qint64 tickets, Server *s)
{
    s->process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TRIAGE_PWHASH_OPSLIMIT"_qs, u"1"_qs);
    env.insert(u"TRIAGE_PWHASH_MEMLIMIT"_qs, u"8192"_qs);
    env.insert(u"TRIAGE_RATE_LIMIT"_qs, u"100000000"_qs);
    env.insert(u"TRIAGE_DEMO_TICKETS"_qs, QString::number(tickets));
    s->process->setProcessEnvironment(env);
    s->process->setStandardErrorFile(opts.workDir + u"/triaged-"_qs + tag + u".log"_qs);
    QStringList args {u"serve"_qs, u"--listen"_qs, u"127.0.0.1:0"_qs, u"--demo"_qs};
    if (pgUrl.isEmpty())
        args << u"--data"_qs << opts.workDir + u"/srv-"_qs + tag;
    else
        args << u"--database"_qs << pgUrl;
    s->process->start(QCoreApplication::applicationDirPath() + u"/triaged"_qs, args);
    if (!s->process->waitForStarted(10000))
        return false;
    QByteArray out;
    for (int i = 0; i < 600 && !out.contains('\n'); ++i) {
        s->process->waitForReadyRead(100);
        out += s->process->readAllStandardOutput();
    }
    if (!out.startsWith("listening on "))
        return false;
    s->base = QUrl(QString::fromUtf8(out.mid(13).trimmed()));
    s->token = call(s->base, "POST", u"/api/v1/auth/login"_qs, {},
        QJsonObject {{u"username"_qs, u"admin"_qs}, {u"password"_qs, u"demo"_qs}})
                   .value(u"token"_qs)
                   .toString()
                   .toUtf8();
    return !s->token.isEmpty();
}

void stopServer(Server &s)
{
    if (!s.process)
        return;
    s.process->terminate();
    if (!s.process->waitForFinished(15000))
        s.process->kill();
}

struct WrkResult {
    double rps = 0;
    double p99ms = 0;
    qint64 requests = 0;
    qint64 errors = 0;
    bool ok = false;
};

double toMs(const QString &v)
{
    const QRegularExpression re(u"([0-9.]+)(us|ms|s)"_qs);
    const auto m = re.match(v);
    if (!m.hasMatch())
        return 0;
    const double x = m.captured(1).toDouble();
    return m.captured(2) == u"us"_qs ? x / 1000 : m.captured(2) == u"s"_qs ? x * 1000 : x;
}

WrkResult runWrk(const QString &script, const QString &url, int seconds)
{
    WrkResult r;
    const QString wrk = QStandardPaths::findExecutable(u"wrk"_qs);
    if (wrk.isEmpty()) {
        std::fprintf(stderr, "server bench: wrk not installed\n");
        return r;
    }
    QProcess p;
    p.start(wrk,
        {u"-t2"_qs, u"-c64"_qs, u"-d%1s"_qs.arg(seconds), u"--timeout"_qs, u"5s"_qs, u"--latency"_qs,
            u"-s"_qs, script, url});
    if (!p.waitForFinished((seconds + 30) * 1000)) {
        p.kill();
        return r;
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    for (const QString &line : out.split(u'\n')) {
        const QString t = line.trimmed();
        if (t.startsWith(u"Requests/sec:"_qs))
            r.rps = t.mid(13).trimmed().toDouble();
        else if (t.startsWith(u"99%"_qs))
            r.p99ms = toMs(t.mid(3).trimmed());
        else if (t.contains(u"requests in"_qs))
            r.requests = t.section(u' ', 0, 0).toLongLong();
        else if (t.startsWith(u"Non-2xx or 3xx responses:"_qs))
            r.errors += t.section(u':', 1).trimmed().toLongLong();
        else if (t.startsWith(u"Socket errors:"_qs)) {
            const QRegularExpression num(u"(\\d+)"_qs);
            auto it = num.globalMatch(t);
            while (it.hasNext())
                r.errors += it.next().captured(1).toLongLong();
        }
    }
    r.ok = r.rps > 0;
    if (!r.ok)
        std::fprintf(stderr, "wrk output:\n%s\n%s\n", qPrintable(out), p.readAllStandardError().constData());
    return r;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

int durationSeconds(const Options &opts)
{
    return std::max(1, static_cast<int>(8 * opts.scale + 0.5));
}

void changesFeed(const Options &opts, const QString &backend, const QString &pgUrl, double target)
{
    Server s;
    if (!startServer(opts, u"changes-"_qs + backend, pgUrl,
            std::max<qint64>(300, static_cast<qint64>(3000 * opts.scale)), &s)) {
        std::fprintf(stderr, "server bench: triaged did not start (%s)\n", qPrintable(backend));
        stopServer(s);
        return;
    }
    // A cursor in the middle of the history: every request returns a full 100-change page.
    const QString head = call(s.base, "GET", u"/api/v1/health"_qs, {}).value(u"head"_qs).toString();
    const qsizetype dot = head.lastIndexOf(u'.');
    const QString cursor = head.left(dot + 1) + QString::number(head.mid(dot + 1).toLongLong() / 2);
    waitUntilIdle(s.process->processId());
    const QString script = opts.workDir + u"/changes.lua"_qs;
    writeFile(script, "wrk.headers[\"Authorization\"] = \"Bearer " + s.token + "\"\n");
    const QString url = s.base.toString() + u"/api/v1/changes?limit=100&cursor="_qs + cursor;
    const WrkResult r = runWrk(script, url, durationSeconds(opts));
    stopServer(s);
    if (!r.ok)
        return;
    report(u"server.changes_100.%1.rps"_qs.arg(backend), r.requests, r.rps, u"req/s"_qs, target, true);
    report(u"server.changes_100.%1.p99"_qs.arg(backend), r.requests, r.p99ms, u"ms"_qs, 20);
    report(u"server.changes_100.%1.errors"_qs.arg(backend), r.requests, static_cast<double>(r.errors),
        u"count"_qs, 0);
}

void mutations(const Options &opts, const QString &backend, const QString &pgUrl, double target)
{
    Server s;
    if (!startServer(opts, u"mutations-"_qs + backend, pgUrl, 200, &s)) {
        std::fprintf(stderr, "server bench: triaged did not start (%s)\n", qPrintable(backend));
        stopServer(s);
        return;
    }
    QStringList tickets;
    for (int i = 0; i < 50; ++i) {
        tickets << call(s.base, "POST", u"/api/v1/tickets"_qs, s.token,
            QJsonObject {{u"title"_qs, u"bench %1"_qs.arg(i)}})
                       .value(u"id"_qs)
                       .toString();
    }
    const QString startCursor = call(s.base, "GET", u"/api/v1/health"_qs, {}).value(u"head"_qs).toString();
    // One mutation per request, each from a fresh client (client_seq 1), alternating an internal
    // note and a priority change on 50 tickets.
    QByteArray lua = "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                     "wrk.headers[\"Authorization\"] = \"Bearer "
        + s.token
        + "\"\n"
          "local tickets = {";
    for (const QString &t : tickets)
        lua += '"' + t.toUtf8() + "\",";
    lua += "}\n"
           "local threads = 0\n"
           "function setup(thread) threads = threads + 1; thread:set(\"tid\", threads) end\n"
           "local n = 0\n"
           "local prios = {\"low\", \"high\", \"normal\", \"critical\"}\n"
           "function request()\n"
           "  n = n + 1\n"
           "  local cid = string.format(\"%08x-0000-7000-8000-%012x\", tid, n)\n"
           "  local mid = string.format(\"%08x-0001-7000-8000-%012x\", tid, n)\n"
           "  local t = tickets[(n % #tickets) + 1]\n"
           "  local m\n"
           "  if n % 2 == 0 then\n"
           "    local c = string.format(\"%08x-0002-7000-8000-%012x\", tid, n)\n"
           "    m = '{\"id\":\"' .. mid .. "
           "'\",\"client_seq\":1,\"type\":\"comment.create\",\"comment\":{\"id\":\"' .. c ..\n"
           "        '\",\"ticket_id\":\"' .. t .. '\",\"public\":false,\"body\":\"bench note ' .. n .. "
           "'\"}}'\n"
           "  else\n"
           "    m = '{\"id\":\"' .. mid .. '\",\"client_seq\":1,\"type\":\"ticket.update\",\"ticket_id\":\"' "
           ".. t ..\n"
           "        "
           "'\",\"base_version\":1,\"changes\":[{\"field\":\"priority\",\"from\":\"normal\",\"to\":\"' .. "
           "prios[(n % 4) + 1] .. '\"}]}'\n"
           "  end\n"
           "  return wrk.format(nil, nil, nil, '{\"client_id\":\"' .. cid .. '\",\"mutations\":[' .. m .. "
           "']}')\n"
           "end\n";
    waitUntilIdle(s.process->processId());
    const QString script = opts.workDir + u"/mutations.lua"_qs;
    writeFile(script, lua);
    const WrkResult r = runWrk(script, s.base.toString() + u"/api/v1/mutations"_qs, durationSeconds(opts));
    if (!r.ok) {
        stopServer(s);
        return;
    }
    // wrk stops with requests still in flight: wait until the head is quiet before comparing.
    QString lastHead;
    for (int i = 0; i < 50; ++i) {
        const QString h = call(s.base, "GET", u"/api/v1/health"_qs, {}).value(u"head"_qs).toString();
        if (h == lastHead)
            break;
        lastHead = h;
        QEventLoop pause;
        QTimer::singleShot(300, &pause, &QEventLoop::quit);
        pause.exec();
    }
    // Zero skipped changes: every comment on the bench tickets arrives through the feed, in order.
    qint64 stored = 0;
    for (const QString &t : tickets)
        stored += call(s.base, "GET", u"/api/v1/tickets/%1/comments"_qs.arg(t), s.token)
                      .value(u"comments"_qs)
                      .toArray()
                      .size();
    qint64 fed = 0;
    qint64 previous = 0;
    bool ordered = true;
    QString cursor = startCursor;
    for (;;) {
        const QJsonObject page
            = call(s.base, "GET", u"/api/v1/changes?limit=1000&cursor="_qs + cursor, s.token);
        for (const QJsonValue &v : page.value(u"changes"_qs).toArray()) {
            const qint64 seq = v.toObject().value(u"seq"_qs).toInteger();
            ordered = ordered && seq > previous;
            previous = seq;
            if (v.toObject().value(u"entity"_qs).toString() == u"comment"_qs)
                ++fed;
        }
        cursor = page.value(u"next_cursor"_qs).toString();
        if (!page.value(u"has_more"_qs).toBool() || cursor.isEmpty())
            break;
    }
    stopServer(s);
    report(u"server.mutations.%1.rate"_qs.arg(backend), r.requests, r.rps, u"mutations/s"_qs, target, true);
    report(u"server.mutations.%1.p99"_qs.arg(backend), r.requests, r.p99ms, u"ms"_qs, 50);
    report(u"server.mutations.%1.errors"_qs.arg(backend), r.requests, static_cast<double>(r.errors),
        u"count"_qs, 0);
    report(u"server.mutations.%1.skipped_changes"_qs.arg(backend), stored,
        static_cast<double>(std::abs(stored - fed) + (ordered ? 0 : 1)), u"count"_qs, 0);
}

void sqliteBench(const Options &opts)
{
    changesFeed(opts, u"sqlite"_qs, {}, 5000);
    mutations(opts, u"sqlite"_qs, {}, 1000);
}

void pgBench(const Options &opts)
{
    const QString a = pgUrlForBench();
    if (a.isEmpty()) {
        std::fprintf(
            stderr, "server bench: no PostgreSQL (set TRIAGE_TEST_PG_URL or TRIAGE_BENCH_PG_URL); skipped\n");
        return;
    }
    changesFeed(opts, u"pg"_qs, a, 3000);
    mutations(opts, u"pg"_qs, pgUrlForBench(), 2000);
    // The same against PostgreSQL's Unix socket: how a PostgreSQL on the same machine is reached.
    if (const QString s = pgUrlForBench(true); !s.isEmpty()) {
        changesFeed(opts, u"pg_socket"_qs, s, 3000);
        mutations(opts, u"pg_socket"_qs, pgUrlForBench(true), 2000);
    }
}

} // namespace

TRIAGE_BENCH("server.sqlite", sqliteBench);
TRIAGE_BENCH("server.pg", pgBench);
