// Sync benchmarks (issue 4): initial sync of 100k tickets from a local triaged (SQLite) with peak
// RSS and resumption after a kill at ~50 %, applying a 500-change page, and push latency from one
// client's edit to another client's cache.
#include "Bench.h"
#include "net/ApiClient.h"
#include "store/Database.h"
#include "store/TicketStore.h"
#include "sync/LocalEditor.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QProcess>
#include <QTimer>

#include <sys/resource.h>
#include <sys/wait.h>

using namespace triage;
using namespace triage::bench;

namespace {

struct Server {
    std::unique_ptr<QProcess> process;
    QUrl base;
};

bool start(const Options &opts, qint64 tickets, Server *s)
{
    s->process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TRIAGE_PWHASH_OPSLIMIT"_qs, u"1"_qs);
    env.insert(u"TRIAGE_PWHASH_MEMLIMIT"_qs, u"8192"_qs);
    env.insert(u"TRIAGE_RATE_LIMIT"_qs, u"100000000"_qs);
    env.insert(u"TRIAGE_DEMO_TICKETS"_qs, QString::number(tickets));
    s->process->setProcessEnvironment(env);
    s->process->setStandardErrorFile(opts.workDir + u"/sync-triaged.log"_qs);
    s->process->start(QCoreApplication::applicationDirPath() + u"/triaged"_qs,
        {u"serve"_qs, u"--listen"_qs, u"127.0.0.1:0"_qs, u"--demo"_qs, u"--data"_qs,
            opts.workDir + u"/sync-srv-%1"_qs.arg(tickets)});
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (!out.contains('\n') && t.elapsed() < 600000 && s->process->state() != QProcess::NotRunning) {
        s->process->waitForReadyRead(200);
        out += s->process->readAllStandardOutput();
    }
    if (!out.startsWith("listening on "))
        return false;
    s->base = QUrl(QString::fromUtf8(out.mid(13).trimmed()));
    return true;
}

void stop(Server &s)
{
    s.process->terminate();
    if (!s.process->waitForFinished(15000))
        s.process->kill();
}

QString token(const QUrl &base, const QString &user)
{
    ApiClient api(base);
    return api
        .call("POST", u"auth/login"_qs, {},
            QJsonDocument(QJsonObject {{u"username"_qs, user}, {u"password"_qs, u"demo"_qs}}))
        .json.object()
        .value(u"token"_qs)
        .toString();
}

// Runs `triagectl sync` in a child process so its peak RSS is its own.
struct CtlRun {
    int code = -1;
    double ms = 0;
    long maxRssKb = 0;
    QJsonObject json; // the --json answer, when asked for
};

CtlRun ctl(const QStringList &args, const QString &profile, int killAfterMs = -1)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TRIAGE_PASSWORD"_qs, u"demo"_qs);
    p.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    p.start(QCoreApplication::applicationDirPath() + u"/triagectl"_qs,
        QStringList {u"--profile"_qs, profile} + args);
    p.waitForStarted();
    const qint64 pid = p.processId();
    if (killAfterMs >= 0) {
        p.waitForFinished(killAfterMs);
        if (p.state() != QProcess::NotRunning)
            p.kill();
    }
    p.waitForFinished(600000);
    CtlRun r;
    r.ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    Q_UNUSED(pid);
    rusage ru {};
    getrusage(RUSAGE_CHILDREN, &ru);
    r.maxRssKb = ru.ru_maxrss; // max over all children so far: run the measured one first
    r.json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    return r;
}

void initialSync(const Options &opts)
{
    const qint64 n = std::max<qint64>(2000, std::llround(100000 * opts.scale));
    Server s;
    QElapsedTimer seed;
    seed.start();
    if (!start(opts, n, &s)) {
        std::fprintf(stderr, "sync bench: triaged did not start\n");
        return;
    }
    std::fprintf(stderr, "sync bench: seeded %lld tickets in %.1f s\n", static_cast<long long>(n),
        static_cast<double>(seed.elapsed()) / 1000);
    const QString url = s.base.toString();
    // 1. a full initial sync, timed as the agent waits for it (login excluded)
    const QString p1 = opts.workDir + u"/sync-profile-1"_qs;
    ctl({u"login"_qs, url, u"--user"_qs, u"admin"_qs, u"--token-file"_qs}, p1);
    const CtlRun full = ctl({u"--json"_qs, u"sync"_qs}, p1);
    // Usable = the sync returned: every ticket, comment and list index in the cache. The search
    // index is built right after (triagectl before it exits, the console in the background).
    report(u"sync.initial_100k"_qs, n, full.json.value(u"sync_ms"_qs).toDouble(), u"ms"_qs, 3000);
    report(u"sync.initial_100k_search_index"_qs, n, full.json.value(u"search_index_ms"_qs).toDouble(),
        u"ms"_qs, 3000);
    report(u"sync.initial_100k_whole_process"_qs, n, full.ms, u"ms"_qs, 6000);
    report(u"sync.initial_100k_peak_rss"_qs, n, static_cast<double>(full.maxRssKb) / 1024.0, u"MB"_qs, 250);

    // 2. killed at ~50 % of that time, then resumed: the second run must not start over
    const QString p2 = opts.workDir + u"/sync-profile-2"_qs;
    ctl({u"login"_qs, url, u"--user"_qs, u"admin"_qs, u"--token-file"_qs}, p2);
    // (half of the sync itself, not of the search index built after it)
    const double syncMs = full.json.value(u"sync_ms"_qs).toDouble(full.ms);
    ctl({u"sync"_qs}, p2, static_cast<int>(syncMs / 2));
    {
        auto db = Database::open(p2 + u"/cache.db"_qs, nullptr, nullptr);
        TicketStore store(db.get());
        report(u"sync.killed_at_half_tickets_kept"_qs, n, static_cast<double>(store.ticketCount()),
            u"tickets"_qs, 1, true);
    }
    const CtlRun resumed = ctl({u"sync"_qs}, p2);
    report(u"sync.resume_after_kill"_qs, n, resumed.ms, u"ms"_qs, full.ms);
    stop(s);
}

void applyPage(const Options &opts)
{
    auto db = Database::open(opts.workDir + u"/sync-page.db"_qs, nullptr, nullptr);
    TicketStore store(db.get());
    QList<Ticket> base;
    for (int i = 0; i < 100000; ++i) {
        Ticket t;
        t.id = u"0190a000-0000-7000-8000-%1"_qs.arg(i, 12, 10, QLatin1Char('0'));
        t.title = u"Ticket %1 about the printer"_qs.arg(i);
        t.createdAt = t.updatedAt = 1772434800000 + i;
        t.version = 1;
        base << t;
    }
    store.beginBulk();
    store.bulkInsert(base, {});
    store.endBulk();
    // Typical pages change status/assignee; some also change the text (re-indexed for search).
    for (const bool retitle : {false, true}) {
        std::vector<double> times;
        for (int round = 0; round < 10; ++round) {
            ServerChanges page;
            for (int i = 0; i < 500; ++i) {
                Ticket t = base.at((i * 197 + round * 31 + (retitle ? 7 : 0)) % base.size()); // scattered
                t.status = round % 2 ? TicketStatus::Waiting : TicketStatus::InProgress;
                if (retitle)
                    t.title += u" (updated %1)"_qs.arg(round);
                t.version += round + 1;
                page.tickets << t;
            }
            page.meta.insert(u"sync.cursor"_qs, u"e.%1"_qs.arg(round));
            QElapsedTimer t;
            t.start();
            store.applyServerChanges(page);
            times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
        report(retitle ? u"sync.apply_500_change_page_text_changed.median"_qs
                       : u"sync.apply_500_change_page.median"_qs,
            500, median(times), u"ms"_qs, 80);
    }
}

void pushLatency(const Options &opts)
{
    Server s;
    if (!start(opts, 200, &s))
        return;
    struct Client {
        std::unique_ptr<Database> db;
        std::unique_ptr<TicketStore> store;
        std::unique_ptr<ApiClient> api;
        std::unique_ptr<SyncEngine> engine;
        std::unique_ptr<LocalEditor> editor;
    };
    auto make = [&](const QString &name, const QString &user) {
        auto c = std::make_unique<Client>();
        c->db = Database::open(opts.workDir + u"/lat-"_qs + name + u".db"_qs, nullptr, nullptr);
        c->store = std::make_unique<TicketStore>(c->db.get());
        c->api = std::make_unique<ApiClient>(s.base);
        c->api->setToken(token(s.base, user));
        c->engine = std::make_unique<SyncEngine>(c->store.get(), c->api.get());
        c->editor = std::make_unique<LocalEditor>(c->store.get(), QString());
        c->engine->syncToIdle();
        return c;
    };
    auto a = make(u"a"_qs, u"admin"_qs);
    auto b = make(u"b"_qs, u"admin"_qs);
    b->engine->start(); // follows the SSE stream
    QString target;
    a->store->forEachTicket([&](Ticket &&t) {
        if (target.isEmpty() && t.status != TicketStatus::Closed)
            target = t.id;
    });
    std::vector<double> latencies;
    const int rounds = std::max(10, static_cast<int>(100 * std::min(1.0, opts.scale * 10)));
    for (int i = 0; i < rounds; ++i) {
        QEventLoop loop;
        QElapsedTimer t;
        const QString title = u"Latency probe %1"_qs.arg(i);
        auto c = QObject::connect(
            b->store.get(), &TicketStore::ticketsChanged, &loop, [&](const QList<Ticket> &ts) {
                for (const auto &x : ts) {
                    if (x.id == target && x.title == title)
                        loop.quit();
                }
            });
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        t.start();
        a->editor->updateFields(target, {{u"title"_qs, title}});
        a->engine->syncNow();
        loop.exec();
        QObject::disconnect(c);
        latencies.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    report(u"sync.push_latency_p50"_qs, rounds, percentile(latencies, 50), u"ms"_qs, 50);
    report(u"sync.push_latency_p99"_qs, rounds, percentile(latencies, 99), u"ms"_qs, 200);
    b->engine->stop();
    a.reset();
    b.reset();
    stop(s);
}

} // namespace

TRIAGE_BENCH("sync.1_apply_page", applyPage);
TRIAGE_BENCH("sync.2_push_latency", pushLatency);
TRIAGE_BENCH("sync.3_initial", initialSync);
