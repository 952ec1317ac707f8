// The initial sync's client stages one at a time, by CPU time (issue 4): the feed pages of a
// seeded triaged are fetched into memory first, then go through the real PagePipeline one page at
// a time (parser thread, then writer thread: no overlap, so the stages do not share the CPU), then
// the list indexes are built (SyncWriter::endBulk) and the search index after them. CPU time is
// far less noisy than wall time on a shared machine; `sync.3_initial` is the end-to-end figure.
//
// TRIAGE_BENCH_SYNC_SERVER=http://127.0.0.1:PORT uses an already running (and settled) demo triaged
// instead of seeding one, for quick before/after runs.

#include "Bench.h"
#include "WaitFor.h"
#include "net/ApiClient.h"
#include "store/BulkWriter.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "sync/PagePipeline.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QUrlQuery>

#include <ctime>

using namespace triage;
using namespace triage::bench;
using triage::test::waitForReply;

namespace {

double processCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void stages(const Options &opts)
{
    const qint64 n = std::max<qint64>(2000, std::llround(100000 * opts.scale));
    QProcess server;
    QUrl base(qEnvironmentVariable("TRIAGE_BENCH_SYNC_SERVER"));
    if (base.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TRIAGE_PWHASH_OPSLIMIT"_qs, u"1"_qs);
        env.insert(u"TRIAGE_PWHASH_MEMLIMIT"_qs, u"8192"_qs);
        env.insert(u"TRIAGE_DEMO_TICKETS"_qs, QString::number(n));
        server.setProcessEnvironment(env);
        server.setStandardErrorFile(opts.workDir + u"/stages-triaged.log"_qs);
        server.start(QCoreApplication::applicationDirPath() + u"/triaged"_qs,
            {u"serve"_qs, u"--listen"_qs, u"127.0.0.1:0"_qs, u"--demo"_qs, u"--data"_qs,
                opts.workDir + u"/stages-srv"_qs});
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (!out.contains('\n') && t.elapsed() < 600000 && server.state() != QProcess::NotRunning) {
            server.waitForReadyRead(200);
            out += server.readAllStandardOutput();
        }
        if (!out.startsWith("listening on ")) {
            std::fprintf(stderr, "sync stages bench: triaged did not start\n");
            return;
        }
        base = QUrl(QString::fromUtf8(out.mid(13).trimmed()));
    }
    ApiClient api(base);
    api.setToken(waitForReply(&api, "POST", u"auth/login"_qs, {},
        QJsonDocument(QJsonObject {{u"username"_qs, u"admin"_qs}, {u"password"_qs, u"demo"_qs}}))
                     .json.object()
                     .value(u"token"_qs)
                     .toString());
    // Every page as the initial sync asks for it (1000 changes), kept in memory.
    QList<QByteArray> bodies;
    QList<SkimmedEnvelope> envelopes;
    QString cursor;
    // TRIAGE_BENCH_SYNC_PAGES=N: only the first N pages (e.g. under valgrind).
    const int maxPages = qEnvironmentVariableIntValue("TRIAGE_BENCH_SYNC_PAGES");
    for (;;) {
        QUrlQuery q;
        q.addQueryItem(u"cursor"_qs, cursor);
        q.addQueryItem(u"limit"_qs, u"1000"_qs);
        q.addQueryItem(u"client_id"_qs, u"0190a000-0000-7000-8000-0000000000b1"_qs);
        const ApiResponse r
            = waitForReply(&api, "GET", u"changes"_qs, q, {}, {{ApiClient::kRawBody, QByteArray("1")}});
        SkimmedEnvelope env;
        if (!r.ok() || !skimFeedEnvelope(r.body, &env.nextCursor, &env.hasMore)) {
            std::fprintf(stderr, "sync stages bench: page %d failed\n", static_cast<int>(bodies.size()));
            return;
        }
        env.ok = true;
        bodies << r.body;
        envelopes << env;
        if (!env.hasMore || bodies.size() == maxPages)
            break;
        cursor = env.nextCursor;
    }
    if (server.state() != QProcess::NotRunning) {
        server.terminate();
        server.waitForFinished(15000);
    }

    auto db = CacheDatabase::open(opts.workDir + u"/stages-cache.db"_qs, nullptr, nullptr);
    LocalCache store(db.get());
    store.syncWriter().beginBulk();
    const double cpu0 = processCpuMs();
    QElapsedTimer wall;
    wall.start();
    double parseMs = 0;
    double writeMs = 0;
    {
        PagePipeline pipeline(
            store.syncWriter().takePageWriter(false), {}, u"sync.cursor"_qs, store.eventLogs().slaInputs());
        QEventLoop loop;
        bool failed = false;
        QObject::connect(&pipeline, &PagePipeline::written, &loop, [&] { loop.quit(); });
        QObject::connect(&pipeline, &PagePipeline::failed, &loop, [&](const QString &error) {
            std::fprintf(stderr, "sync stages bench: %s\n", qPrintable(error));
            failed = true;
            loop.quit();
        });
        for (qsizetype i = 0; i < bodies.size() && !failed; ++i) {
            pipeline.submit(bodies.at(i), envelopes.at(i));
            loop.exec(); // one page at a time: the stages do not overlap
        }
        parseMs = pipeline.parserCpuMs();
        writeMs = pipeline.writerCpuMs();
    }
    const double pagesWall = static_cast<double>(wall.elapsed());
    const double pagesCpu = processCpuMs() - cpu0;
    QElapsedTimer t;
    t.start();
    store.syncWriter().endBulk(true); // "usable": every row is in
    store.searchIndex().buildListIndexes();
    const double indexMs = static_cast<double>(t.elapsed());
    const double indexCpu = processCpuMs() - cpu0 - pagesCpu;
    t.restart();
    store.searchIndex().buildSearchIndex();
    const double searchMs = static_cast<double>(t.elapsed());
    const qint64 tickets = store.tickets().ticketCount();
    report(u"sync.stages_parser_cpu"_qs, tickets, parseMs, u"ms"_qs, 1000);
    report(u"sync.stages_writer_cpu"_qs, tickets, writeMs, u"ms"_qs, 1000);
    report(u"sync.stages_pages_process_cpu"_qs, tickets, pagesCpu, u"ms"_qs, 2500);
    report(u"sync.stages_pages_wall"_qs, tickets, pagesWall, u"ms"_qs, 2500);
    report(u"sync.stages_list_indexes"_qs, tickets, indexMs, u"ms"_qs, 300);
    report(u"sync.stages_list_indexes_cpu"_qs, tickets, indexCpu, u"ms"_qs, 300);
    report(u"sync.stages_search_index"_qs, tickets, searchMs, u"ms"_qs, 3000);
}

} // namespace

TRIAGE_BENCH("sync.4_stages", stages);
