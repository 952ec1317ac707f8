// triaged's report routes (issue 7), server side: the metrics store a server holds for a million
// demo tickets (180 days of event logs), then
//  - the wall endpoint's work per call: 50 changed tickets re-read and replaced in the live
//    counters (the catch-up path), then the snapshot, the at-risk list and the JSON bytes;
//  - a 90-day summary: MetricsReport + its JSON bytes;
//  - end to end over HTTP against a real triaged (demo data, scaled) for the round trip and the
//    time the server took to build its store from ticket_history.
#include "Bench.h"
#include "WaitFor.h"
#include "api/ReportJson.h"
#include "metrics/HistoryGenerator.h"
#include "metrics/LiveMetrics.h"
#include "metrics/MetricsReport.h"
#include "metrics/MetricsStore.h"
#include "net/ApiClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <memory>

using namespace triage;
using namespace triage::bench;
using triage::test::waitForReply;

namespace {

const qint64 kEnd = QDateTime::fromString(u"2026-06-30T12:00:00+03:00"_qs, Qt::ISODate).toMSecsSinceEpoch();
double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

void serverSideBench(const Options &opts)
{
    const qint64 n = std::max<qint64>(1000, qint64(1'000'000 * opts.scale));
    // Per-ticket SLA policies as on a demo server (TRIAGE_BENCH_SINGLE_POLICY=1: one for all).
    auto store = qEnvironmentVariableIntValue("TRIAGE_BENCH_SINGLE_POLICY") == 1
        ? std::make_unique<MetricsStore>(HistoryGenerator::demoCalendar(), HistoryGenerator::demoPolicy())
        : std::make_unique<MetricsStore>(HistoryGenerator::demoCalendar(), HistoryGenerator::demoPolicies());
    HistoryGenerator gen;
    gen.setTimeline(n, kEnd, 180);
    gen.fill(*store, n);
    LiveMetrics live(*store, kEnd);

    QRandomGenerator rng(11);
    const int ticks = std::max(20, int(200 * std::min(1.0, opts.scale * 10)));
    const qsizetype recent = std::max<qsizetype>(1, store->size() / 20);
    std::vector<double> tickMs, buildMs, scopedMs;
    qint64 now = kEnd, bytes = 0;
    MetricsFilter lead;
    lead.anyGroup = {store->findGroup(u"IT"_qs), store->findGroup(u"HR"_qs)};
    for (int k = 0; k < ticks; ++k) {
        now += 5'000;
        QElapsedTimer t;
        t.start();
        // Catch-up: 50 changed tickets, each re-read as a whole log and replaced.
        for (int e = 0; e < 50; ++e) {
            const qsizetype i = store->size() - 1 - rng.bounded(int(recent));
            std::vector<MetricEvent> events = store->ticket(i).events;
            const qint64 at = std::max(now + e, events.back().at + 1);
            events.push_back(e % 2 ? MetricEvent::reply(at, true)
                                   : MetricEvent::statusChange(at, TicketStatus::InProgress));
            live.replace(i, std::move(events));
        }
        QElapsedTimer b;
        b.start();
        QJsonObject json = server::reportjson::wallJson(*store, live, {}, now + 60);
        const auto risky = live.atRisk({}, 40, live.now() - 86'400'000);
        json.insert(u"long_overdue"_qs, double(live.runningDueBefore({}, live.now() - 86'400'000)));
        json.insert(u"at_risk"_qs, server::reportjson::atRiskJson(*store, risky, {}));
        bytes = QJsonDocument(json).toJson(QJsonDocument::Compact).size();
        buildMs.push_back(ms(b));
        tickMs.push_back(ms(t));
        QElapsedTimer s;
        s.start();
        QJsonObject scoped = server::reportjson::wallJson(*store, live, lead, now + 60);
        scoped.insert(u"at_risk"_qs,
            server::reportjson::atRiskJson(*store, live.atRisk(lead, 40, live.now() - 86'400'000), {}));
        bytes += QJsonDocument(scoped).toJson(QJsonDocument::Compact).size() * 0;
        scopedMs.push_back(ms(s));
    }
    report(u"reports.wall_tick_p50"_qs, n, median(tickMs), u"ms"_qs, 10);
    report(u"reports.wall_tick_p95"_qs, n, percentile(tickMs, 95), u"ms"_qs, 10);
    report(u"reports.wall_response_p95"_qs, n, percentile(buildMs, 95), u"ms"_qs, 10);
    report(u"reports.wall_response_lead_p95"_qs, n, percentile(scopedMs, 95), u"ms"_qs, 10);
    std::fprintf(stderr, "reports: wall JSON %lld bytes, %zu running timers\n", static_cast<long long>(bytes),
        live.runningTimers());

    MetricsQuery q;
    q.to = now;
    q.from = now - 90 * BusinessCalendar::kDayMs;
    std::vector<double> runs;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        const QByteArray body
            = QJsonDocument(MetricsReport::compute(*store, q).toJson(*store)).toJson(QJsonDocument::Compact);
        runs.push_back(ms(t));
        if (body.isEmpty())
            std::abort();
    }
    report(u"reports.summary_90d"_qs, n, median(runs), u"ms"_qs, 1000);
    runs.clear();
    q.filter = lead;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        QJsonDocument(MetricsReport::compute(*store, q).toJson(*store)).toJson(QJsonDocument::Compact);
        runs.push_back(ms(t));
    }
    report(u"reports.summary_90d_lead"_qs, n, median(runs), u"ms"_qs, 1000);
}

void httpBench(const Options &opts)
{
    const qint64 tickets = std::max<qint64>(500, qint64(50'000 * opts.scale));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TRIAGE_DEMO_TICKETS"_qs, QString::number(tickets));
    env.insert(u"TRIAGE_PWHASH_OPSLIMIT"_qs, u"1"_qs);
    env.insert(u"TRIAGE_PWHASH_MEMLIMIT"_qs, u"8192"_qs);
    p.setProcessEnvironment(env);
    p.start(QCoreApplication::applicationDirPath() + u"/triaged"_qs,
        {u"serve"_qs, u"--data"_qs, opts.workDir + u"/reports-http"_qs, u"--listen"_qs, u"127.0.0.1:0"_qs,
            u"--demo"_qs});
    QByteArray out;
    while (!out.contains('\n') && p.waitForReadyRead(300'000))
        out += p.readAllStandardOutput();
    const QString url = QString::fromUtf8(out).section(u' ', 2).trimmed();
    if (url.isEmpty()) {
        std::fprintf(stderr, "reports bench: triaged did not start\n");
        return;
    }
    ApiClient api {QUrl(url)};
    const ApiResponse login = waitForReply(&api, "POST", u"auth/login"_qs, {},
        QJsonDocument(QJsonObject {{u"username"_qs, u"lead"_qs}, {u"password"_qs, u"demo"_qs}}));
    api.setToken(login.json.object().value(u"token"_qs).toString());
    waitForReply(
        &api, "GET", u"reports/wall"_qs); // the first call waits for the store the server builds at start
    std::vector<double> rt;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        if (!waitForReply(&api, "GET", u"reports/wall"_qs).ok())
            break;
        rt.push_back(ms(t));
    }
    report(u"reports.http_wall_p50"_qs, tickets, median(rt), u"ms"_qs, 10);
    report(u"reports.http_wall_p95"_qs, tickets, percentile(rt, 95), u"ms"_qs, 10);
    QElapsedTimer t;
    t.start();
    const QDate today = QDate::currentDate();
    waitForReply(&api, "GET", u"reports/summary"_qs,
        QUrlQuery {
            {u"from"_qs, today.addDays(-89).toString(Qt::ISODate)}, {u"to"_qs, today.toString(Qt::ISODate)}});
    report(u"reports.http_summary_90d"_qs, tickets, ms(t), u"ms"_qs, 1000);
    p.terminate();
    p.waitForFinished(15000);
    const QString log = QString::fromUtf8(p.readAllStandardError());
    const auto m
        = QRegularExpression(u"built from ticket_history: (\\d+) tickets in (\\d+) ms"_qs).match(log);
    if (m.hasMatch())
        report(u"reports.store_build"_qs, m.captured(1).toLongLong(),
            m.captured(1).toDouble() / (m.captured(2).toDouble() / 1000.0 + 1e-9), u"tickets/s"_qs, 20'000,
            true);
}

} // namespace

TRIAGE_BENCH("reports.server", serverSideBench);
TRIAGE_BENCH("reports.http", httpBench);
