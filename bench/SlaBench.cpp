// SLA engine benchmarks (issue 5): due instants for 100k tickets, one scheduler tick with 100k
// tickets, calendar arithmetic over year-long spans, and `triagectl sla eval` on 1,000 events.
#include "Bench.h"
#include "sla/SlaCase.h"
#include "sla/SlaScheduler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>

#include <cstdio>

using namespace triage;
using namespace triage::bench;

namespace {

constexpr qint64 kMin = 60'000;
const qint64 kNow = QDateTime::fromString(u"2026-03-02T12:00:00+03:00"_qs, Qt::ISODate).toMSecsSinceEpoch();

BusinessCalendar moscowOffice()
{
    QString error;
    const auto cal
        = BusinessCalendar::fromJson(QJsonDocument::fromJson(R"({"timezone": "Europe/Moscow", "weekly": {
        "mon": [["09:00","13:00"],["14:00","18:00"]], "tue": [["09:00","13:00"],["14:00","18:00"]],
        "wed": [["09:00","13:00"],["14:00","18:00"]], "thu": [["09:00","13:00"],["14:00","18:00"]],
        "fri": [["09:00","13:00"],["14:00","17:00"]]},
        "holidays": ["2026-01-01","2026-01-02","2026-01-05","2026-01-06","2026-01-07","2026-01-08","2026-02-23","2026-03-09"]})")
                                         .object(),
            &error);
    return *cal;
}

SlaPolicy policy()
{
    SlaPolicy p;
    p.targets = {240.0, 120.0, 2880.0};
    p.targetsByPriority[size_t(Priority::Critical)] = {30.0, 30.0, 480.0};
    p.warnAtPercent = {75, 90};
    p.escalations
        = {{90, EscalationAction::NotifyLead, std::nullopt}, {100, EscalationAction::Reassign, std::nullopt}};
    return p;
}

// Open tickets created over the last 30 days, some answered, some waiting.
std::vector<std::vector<SlaEvent>> openTickets(int n)
{
    QRandomGenerator rng(5);
    std::vector<std::vector<SlaEvent>> tickets(static_cast<size_t>(n));
    for (auto &events : tickets) {
        const qint64 created = kNow - qint64(rng.bounded(30 * 1440)) * kMin;
        events.push_back(SlaEvent::created(created, Priority(rng.bounded(4))));
        const qint64 span = kNow - created;
        if (span > 10 * kMin && rng.bounded(2)) {
            events.push_back(SlaEvent::reply(created + span / 4, true));
            events.push_back(SlaEvent::reply(created + span / 2, false));
        }
        if (span > 10 * kMin && rng.bounded(4) == 0)
            events.push_back(SlaEvent::statusChange(created + span * 3 / 4, u"waiting"_qs));
    }
    return tickets;
}

void dueFor100k(const Options &opts)
{
    const int n = std::max(100, int(100'000 * opts.scale));
    const auto tickets = openTickets(n);
    const SlaPolicy p = policy();
    QElapsedTimer t;
    t.start();
    const BusinessCalendar cal = moscowOffice(); // from scratch: cold day cache
    qint64 dues = 0;
    for (const auto &events : tickets) {
        for (const SlaTimer &timer : SlaEngine::evaluate(cal, p, events, kNow))
            dues += timer.due ? 1 : 0;
    }
    const double ms = double(t.nsecsElapsed()) / 1e6;
    if (dues == 0)
        std::fprintf(stderr, "sla.due: no due instants computed\n");
    report(u"sla.due_from_scratch_100k"_qs, n, ms, u"ms"_qs, 1000 * opts.scale);
}

void schedulerTick(const Options &opts)
{
    const int n = std::max(100, int(100'000 * opts.scale));
    const auto tickets = openTickets(n);
    const SlaPolicy p = policy();
    const BusinessCalendar cal = moscowOffice();
    SlaScheduler scheduler;
    std::vector<qint64> all;
    for (size_t i = 0; i < tickets.size(); ++i) {
        const QString id = u"T-"_qs + QString::number(i);
        const auto transitions = slaTransitions(id, SlaEngine::evaluate(cal, p, tickets[i], kNow), kNow);
        for (const auto &tr : transitions)
            all.push_back(tr.at);
        scheduler.upsert(id, transitions);
    }
    // Ticks one minute apart through a busy working day; each must hand out exactly what is due.
    std::vector<double> tickMs;
    qint64 now = kNow;
    size_t fired = 0;
    bool exact = true;
    for (int i = 0; i < 240; ++i) {
        now += kMin;
        QElapsedTimer t;
        t.start();
        const auto due = scheduler.takeDue(now);
        const auto next = scheduler.nextWakeUp();
        tickMs.push_back(double(t.nsecsElapsed()) / 1e6);
        fired += due.size();
        exact = exact && (!next || *next > now);
    }
    const size_t expected
        = size_t(std::count_if(all.begin(), all.end(), [now](qint64 at) { return at <= now; }));
    if (!exact || fired != expected)
        std::fprintf(stderr, "sla.scheduler: fired %zu, expected %zu\n", fired, expected);
    report(
        u"sla.scheduler_tick_100k_max"_qs, n, *std::max_element(tickMs.begin(), tickMs.end()), u"ms"_qs, 8);
    report(u"sla.scheduler_tick_100k_median"_qs, n, median(tickMs), u"ms"_qs, 8);
}

void calendarYearSpans(const Options &opts)
{
    const int calls = std::max(100, int(20'000 * opts.scale));
    const BusinessCalendar cal = moscowOffice();
    QRandomGenerator rng(9);
    std::vector<qint64> starts;
    for (int i = 0; i < calls; ++i)
        starts.push_back(kNow - qint64(rng.bounded(2 * 365 * 1440)) * kMin);
    const qint64 yearOfBusiness = 247LL * 8 * 60 * kMin; // about a year of working days
    qint64 sink = 0;
    QElapsedTimer t;
    t.start();
    for (const qint64 s : starts)
        sink += cal.addBusinessMs(s, yearOfBusiness).value_or(0);
    report(u"sla.add_business_minutes_year"_qs, calls, double(t.nsecsElapsed()) / 1e3 / calls, u"us/call"_qs,
        50);
    t.restart();
    for (const qint64 s : starts)
        sink += cal.businessMsBetween(s, s + 365LL * 1440 * kMin);
    report(
        u"sla.business_ms_between_year"_qs, calls, double(t.nsecsElapsed()) / 1e3 / calls, u"us/call"_qs, 50);
    if (sink == 42)
        std::fprintf(stderr, "unlikely\n");
}

void triagectlEval(const Options &opts)
{
    // created + 999 events: alternating conversation and waiting periods.
    QJsonArray events;
    qint64 at = kNow - 90LL * 1440 * kMin;
    auto iso = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); };
    events.append(
        QJsonObject {{u"at"_qs, iso(at)}, {u"type"_qs, u"created"_qs}, {u"priority"_qs, u"normal"_qs}});
    for (int i = 1; i < 1000; ++i) {
        at += 97 * kMin;
        switch (i % 5) {
        case 0:
            events.append(
                QJsonObject {{u"at"_qs, iso(at)}, {u"type"_qs, u"reply"_qs}, {u"from"_qs, u"agent"_qs}});
            break;
        case 1:
            events.append(
                QJsonObject {{u"at"_qs, iso(at)}, {u"type"_qs, u"reply"_qs}, {u"from"_qs, u"requester"_qs}});
            break;
        case 2:
            events.append(
                QJsonObject {{u"at"_qs, iso(at)}, {u"type"_qs, u"status"_qs}, {u"to"_qs, u"waiting"_qs}});
            break;
        case 3:
            events.append(
                QJsonObject {{u"at"_qs, iso(at)}, {u"type"_qs, u"status"_qs}, {u"to"_qs, u"in_progress"_qs}});
            break;
        default:
            events.append(QJsonObject {{u"at"_qs, iso(at)}, {u"type"_qs, u"priority"_qs},
                {u"to"_qs, i % 10 == 4 ? u"high"_qs : u"normal"_qs}});
            break;
        }
    }
    const QJsonObject doc {
        {u"calendar"_qs,
            QJsonDocument::fromJson(R"({"timezone": "Europe/Moscow", "weekly": {"mon": [["09:00","18:00"]],
            "tue": [["09:00","18:00"]], "wed": [["09:00","18:00"]], "thu": [["09:00","18:00"]], "fri": [["09:00","18:00"]]}})")
                .object()},
        {u"policy"_qs,
            QJsonDocument::fromJson(
                R"({"targets": {"first_response": 60, "next_response": 120, "resolution": 2880},
            "warn_at_percent": [75, 90], "on_priority_change": "restart"})")
                .object()},
        {u"events"_qs, events}};
    const QString path = opts.workDir + u"/sla-1000-events.json"_qs;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.write(QJsonDocument(doc).toJson());
    f.close();
    const QString bin = QCoreApplication::applicationDirPath() + u"/triagectl"_qs;
    std::vector<double> runs;
    for (int i = 0; i < 7; ++i) {
        QProcess p;
        QElapsedTimer t;
        t.start();
        p.start(bin, {u"sla"_qs, u"eval"_qs, path});
        p.waitForFinished(30'000);
        runs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (p.exitCode() != 0) {
            std::fprintf(stderr, "triagectl failed: %s\n", p.readAllStandardError().constData());
            return;
        }
    }
    report(u"sla.triagectl_eval_1000_events"_qs, 1000, median(runs), u"ms"_qs, 50);
}

} // namespace

TRIAGE_BENCH("sla.due", dueFor100k);
TRIAGE_BENCH("sla.scheduler", schedulerTick);
TRIAGE_BENCH("sla.calendar", calendarYearSpans);
TRIAGE_BENCH("sla.triagectl", triagectlEval);
