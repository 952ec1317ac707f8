// Metrics benchmarks (issue 7): a million demo tickets with event logs over 180 days. A 90-day
// report (all metrics, then filtered by group), and the wall tick: 50 new events applied to the
// live counters plus a full snapshot (today, this week, open by priority/group/agent). Tickets are
// measured against per-ticket SLA policies (HistoryGenerator::demoPolicies, selected by priority,
// type and group as triaged does); TRIAGE_BENCH_SINGLE_POLICY=1 uses the one demo policy instead,
// for comparison. `metrics.peak_rss` is the process's peak resident set (VmHWM).
#include "Bench.h"
#include "metrics/HistoryGenerator.h"
#include "metrics/LiveMetrics.h"
#include "metrics/MetricsReport.h"
#include "metrics/MetricsStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <cstring>
#include <memory>

using namespace triage;
using namespace triage::bench;

namespace {

constexpr qint64 kMin = 60'000;
const qint64 kEnd = QDateTime::fromString(u"2026-06-30T12:00:00+03:00"_qs, Qt::ISODate).toMSecsSinceEpoch();

// A /proc/self/status field in MB: "VmRSS:" (now) or "VmHWM:" (peak).
double statusMb(const char *field = "VmRSS:")
{
    QFile f(u"/proc/self/status"_qs);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const auto len = qsizetype(std::strlen(field));
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(len).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

double rssMb()
{
    return statusMb();
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

void metricsBench(const Options &opts)
{
    const qint64 n = std::max<qint64>(1000, qint64(1'000'000 * opts.scale));
    const double rssBefore = rssMb();
    const bool single = qEnvironmentVariableIntValue("TRIAGE_BENCH_SINGLE_POLICY") == 1;
    std::fprintf(
        stderr, "metrics: %s\n", single ? "one SLA policy for every ticket" : "per-ticket SLA policies");
    auto store = single
        ? std::make_unique<MetricsStore>(HistoryGenerator::demoCalendar(), HistoryGenerator::demoPolicy())
        : std::make_unique<MetricsStore>(HistoryGenerator::demoCalendar(), HistoryGenerator::demoPolicies());
    HistoryGenerator gen;
    gen.setTimeline(n, kEnd, 180);
    QElapsedTimer t;
    t.start();
    gen.fill(*store, n);
    const double ingestMs = ms(t);
    qint64 events = 0;
    for (qsizetype i = 0; i < store->size(); ++i)
        events += qint64(store->ticket(i).events.size());
    report(u"metrics.ingest"_qs, n, double(n) / (ingestMs / 1000.0), u"tickets/s"_qs, 20'000, true);
    report(u"metrics.memory"_qs, n, rssMb() - rssBefore, u"MB"_qs, 1024);

    MetricsQuery q;
    q.to = kEnd;
    q.from = kEnd - 90 * BusinessCalendar::kDayMs;
    std::vector<double> runs;
    MetricsReport r;
    for (int i = 0; i < 3; ++i) {
        t.restart();
        r = MetricsReport::compute(*store, q);
        runs.push_back(ms(t));
    }
    report(u"metrics.report_90d"_qs, n, median(runs), u"ms"_qs, 1000);
    runs.clear();
    q.filter.group = store->findGroup(u"IT"_qs);
    for (int i = 0; i < 3; ++i) {
        t.restart();
        MetricsReport::compute(*store, q);
        runs.push_back(ms(t));
    }
    report(u"metrics.report_90d_group"_qs, n, median(runs), u"ms"_qs, 1000);
    // A past period: tickets active after its end are recomputed as of then.
    runs.clear();
    q.filter = {};
    q.to = kEnd - 30 * BusinessCalendar::kDayMs;
    q.from = q.to - 30 * BusinessCalendar::kDayMs;
    for (int i = 0; i < 3; ++i) {
        t.restart();
        MetricsReport::compute(*store, q);
        runs.push_back(ms(t));
    }
    report(u"metrics.report_past_30d"_qs, n, median(runs), u"ms"_qs, 1000);

    t.restart();
    LiveMetrics live(*store, kEnd);
    report(u"metrics.live_build"_qs, n, ms(t), u"ms"_qs, 10'000);

    // Wall ticks: every tick 50 events arrive (a third new tickets, the rest replies and status
    // changes on recent tickets), then the wall takes its snapshot.
    QRandomGenerator rng(7);
    const int ticks = std::max(20, int(200 * std::min(1.0, opts.scale * 10)));
    std::vector<double> tickMs, snapMs;
    qint64 now = kEnd;
    qint64 nextId = n;
    const qsizetype recent = std::max<qsizetype>(1, store->size() / 20);
    for (int k = 0; k < ticks; ++k) {
        now += 5'000;
        t.restart();
        for (int e = 0; e < 50; ++e) {
            const qint64 at = now + e;
            if (e % 3 == 0) {
                TicketHistory h;
                h.id = u"new-%1"_qs.arg(nextId++);
                h.title = u"VPN не работает"_qs;
                h.category = u"vpn"_qs;
                h.events.push_back(MetricEvent::created(at, Priority(rng.bounded(4)), rng.bounded(4), -1));
                live.addTicket(h);
                continue;
            }
            const qsizetype i = store->size() - 1 - rng.bounded(int(recent));
            switch (rng.bounded(4)) {
            case 0:
                live.apply(i, MetricEvent::reply(at, true));
                break;
            case 1:
                live.apply(i, MetricEvent::reply(at, false));
                break;
            case 2:
                live.apply(i, MetricEvent::statusChange(at, TicketStatus::Resolved));
                break;
            default:
                live.apply(i, MetricEvent::statusChange(at, TicketStatus::InProgress));
                break;
            }
        }
        QElapsedTimer s;
        s.start();
        const WallSnapshot snap = live.snapshot(now + 60);
        snapMs.push_back(ms(s));
        tickMs.push_back(ms(t));
        if (snap.open < 0)
            std::abort();
    }
    report(u"metrics.wall_tick_p50"_qs, n, median(tickMs), u"ms"_qs, 10);
    report(u"metrics.wall_tick_p95"_qs, n, percentile(tickMs, 95), u"ms"_qs, 10);
    report(u"metrics.wall_snapshot_p95"_qs, n, percentile(snapMs, 95), u"ms"_qs, 10);
    report(u"metrics.peak_rss"_qs, n, statusMb("VmHWM:"), u"MB"_qs, 2048);
    std::fprintf(stderr,
        "metrics: %lld tickets, %lld events, %zu live bucket entries, report created %lld resolved %lld\n",
        static_cast<long long>(n), static_cast<long long>(events), live.bucketEntries(),
        static_cast<long long>(r.totals[MetricCounters::Created]),
        static_cast<long long>(r.totals[MetricCounters::Resolutions]));
}

} // namespace

TRIAGE_BENCH("metrics.report", metricsBench);
