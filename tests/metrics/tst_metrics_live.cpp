// Property: the live wall counters, fed one event at a time in time order, equal the batch report
// computed from the whole history "as of" the same instant, for any hour-aligned period and filter.
#include "MetricsTestSupport.h"
#include "domain/Workflow.h"
#include "metrics/LiveMetrics.h"

#include <QRandomGenerator>

#include <algorithm>

using namespace triage;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;

BusinessCalendar calendarIn(const char *zone)
{
    BusinessCalendar::WeekRules week;
    for (int d = 0; d < 6; ++d)
        week[size_t(d)] = {{8 * 60, 13 * 60}, {14 * 60, 20 * 60}};
    return BusinessCalendar(QTimeZone(QByteArray(zone)), week, {QDate(2026, 3, 4)});
}

SlaPolicy randomPolicy(QRandomGenerator &rng)
{
    SlaPolicy p;
    p.targets = {double(rng.bounded(15, 240)), double(rng.bounded(30, 480)), double(rng.bounded(120, 2000))};
    p.targetsByPriority[size_t(Priority::Critical)] = {15.0, 30.0, 240.0};
    p.onReopen = OnReopen(rng.bounded(3));
    p.onPriorityChange = OnPriorityChange(rng.bounded(2));
    return p;
}

void internNames(MetricsStore &s)
{
    for (const char16_t *g : {u"G0", u"G1", u"G2"})
        s.groupIndex(QString::fromUtf16(g));
    for (const char16_t *a : {u"A0", u"A1", u"A2", u"A3"})
        s.agentIndex(QString::fromUtf16(a));
}

// A random but valid life: workflow-allowed status changes, replies, notes, priority, assignment
// and group changes, ratings (sometimes changed), over up to a few days.
TicketHistory randomTicket(QRandomGenerator &rng, int index, qint64 start)
{
    TicketHistory t;
    t.id = u"T%1"_qs.arg(index);
    t.type = TicketType(rng.bounded(4));
    t.channel = Channel(rng.bounded(5));
    qint64 at = start + rng.bounded(10 * 24 * 60) * kMin;
    t.events.push_back(
        MetricEvent::created(at, Priority(rng.bounded(4)), rng.bounded(-1, 3), rng.bounded(-1, 4)));
    TicketStatus status = TicketStatus::New;
    const int steps = rng.bounded(14);
    for (int s = 0; s < steps; ++s) {
        at += rng.bounded(4) == 0 ? 0 : rng.bounded(1, 900) * kMin;
        switch (rng.bounded(9)) {
        case 0:
        case 1:
        case 2: {
            const QList<TicketStatus> to = workflow::allowedTargets(status);
            if (to.isEmpty())
                break;
            status = to.at(rng.bounded(int(to.size())));
            t.events.push_back(MetricEvent::statusChange(at, status));
            break;
        }
        case 3:
        case 4:
            t.events.push_back(MetricEvent::reply(at, rng.bounded(2) == 0, rng.bounded(5) != 0));
            break;
        case 5:
            t.events.push_back(MetricEvent::priorityChange(at, Priority(rng.bounded(4))));
            break;
        case 6:
            t.events.push_back(MetricEvent::assign(at, rng.bounded(-1, 4)));
            break;
        case 7:
            t.events.push_back(MetricEvent::groupChange(at, rng.bounded(-1, 3)));
            break;
        case 8:
            t.events.push_back(MetricEvent::rated(at, rng.bounded(1, 6)));
            break;
        }
    }
    return t;
}

} // namespace

class TestMetricsLive : public QObject
{
    Q_OBJECT

private:
    void runProperty(const char *zone, quint32 seed, int retentionDays)
    {
        QRandomGenerator rng(seed);
        const BusinessCalendar cal = calendarIn(zone);
        const SlaPolicy policy = randomPolicy(rng);
        const qint64 firstDay = cal.localDay(test::at("2026-03-01T12:00:00Z"));
        const qint64 start = localMidnight(cal, firstDay);

        MetricsStore batch(cal, policy);
        internNames(batch);
        std::vector<TicketHistory> tickets;
        for (int i = 0; i < 120; ++i) {
            tickets.push_back(randomTicket(rng, i, start));
            batch.addTicket(tickets.back());
        }
        struct Step {
            qint64 at;
            int ticket;
            int event;
        };
        std::vector<Step> steps;
        for (int i = 0; i < int(tickets.size()); ++i) {
            for (int e = 0; e < int(tickets[size_t(i)].events.size()); ++e)
                steps.push_back({tickets[size_t(i)].events[size_t(e)].at, i, e});
        }
        std::stable_sort(
            steps.begin(), steps.end(), [](const Step &a, const Step &b) { return a.at < b.at; });

        MetricsStore liveStore(cal, policy);
        internNames(liveStore);
        LiveMetrics live(liveStore, start, retentionDays);
        std::vector<qsizetype> index(tickets.size(), -1);
        std::vector<MetricsFilter> filters(5);
        filters[1].group = 0;
        filters[2].assignee = -1;
        filters[3].priority = Priority::Critical;
        filters[4].channel = Channel::Email;
        filters[4].type = TicketType::Incident;

        size_t next = 0;
        int compared = 0;
        for (qint64 checkpoint = start + 5 * kHour; checkpoint < start + 16 * 24 * kHour;
             checkpoint += 7 * kHour) {
            for (; next < steps.size() && steps[next].at < checkpoint; ++next) {
                const Step &s = steps[next];
                TicketHistory &t = tickets[size_t(s.ticket)];
                if (s.event == 0) {
                    TicketHistory created = t;
                    created.events.resize(1);
                    index[size_t(s.ticket)] = live.addTicket(created);
                } else {
                    live.apply(index[size_t(s.ticket)], t.events[size_t(s.event)]);
                }
            }
            live.advance(checkpoint);
            for (const qint64 from : {start, checkpoint - 24 * kHour, checkpoint - 5 * kHour}) {
                for (const MetricsFilter &f : filters) {
                    MetricsQuery q;
                    q.from = from;
                    q.to = checkpoint;
                    q.filter = f;
                    const MetricsReport expected = MetricsReport::compute(batch, q);
                    const MetricCounters got = live.sum(from, checkpoint, f);
                    if (got != expected.totals) {
                        qWarning("live %s\nbatch %s",
                            QJsonDocument(got.toJson()).toJson(QJsonDocument::Compact).constData(),
                            QJsonDocument(expected.totals.toJson())
                                .toJson(QJsonDocument::Compact)
                                .constData());
                        QFAIL(qPrintable(u"live != batch at %1 from %2 (seed %3)"_qs
                                             .arg(cal.formatInstant(checkpoint), cal.formatInstant(from))
                                             .arg(seed)));
                    }
                    QCOMPARE(live.openCount(f), expected.backlogAtEnd);
                    ++compared;
                }
            }
            // The wall's "today" is the same sum from local midnight.
            const qint64 dayStart = localMidnight(cal, cal.localDay(checkpoint));
            MetricsQuery today;
            today.from = dayStart;
            today.to = checkpoint;
            if (dayStart < checkpoint)
                QCOMPARE(live.snapshot(checkpoint).today, MetricsReport::compute(batch, today).totals);
        }
        QCOMPARE(next, steps.size());
        QVERIFY(compared > 500);
        // With a short retention the early days were rolled up (and `start`, a local midnight, is
        // where the sums from the start begin, so they stay exact).
        QCOMPARE(live.dayBuckets() > 0, retentionDays < 16);
        if (retentionDays < 16)
            QVERIFY(live.hourBuckets() <= size_t(retentionDays + 1) * 24);
    }

private Q_SLOTS:
    void liveEqualsBatch_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("retention");
        for (quint32 seed = 1; seed <= 6; ++seed) {
            QTest::newRow(qPrintable(u"moscow-%1"_qs.arg(seed))) << QByteArray("Europe/Moscow") << seed << 35;
            QTest::newRow(qPrintable(u"kolkata-%1"_qs.arg(seed)))
                << QByteArray("Asia/Kolkata") << seed * 7919 << 35;
        }
        // Hours older than 8 days rolled up into days while the history is fed.
        for (quint32 seed = 1; seed <= 3; ++seed) {
            QTest::newRow(qPrintable(u"moscow-rolled-%1"_qs.arg(seed)))
                << QByteArray("Europe/Moscow") << seed * 31 << 8;
            QTest::newRow(qPrintable(u"kolkata-rolled-%1"_qs.arg(seed)))
                << QByteArray("Asia/Kolkata") << seed * 131 << 8;
        }
    }

    void liveEqualsBatch()
    {
        QFETCH(QByteArray, zone);
        QFETCH(quint32, seed);
        QFETCH(int, retention);
        runProperty(zone.constData(), seed, retention);
    }

    // Months of uptime: hourly buckets stay within the retention, old days keep exact totals, and
    // a late change to an old ticket is retracted from and re-added to its rolled-up day.
    void hourlyCountersAreRolledUp()
    {
        const BusinessCalendar cal = calendarIn("Europe/Moscow");
        SlaPolicy policy;
        policy.targets = {60.0, 120.0, 480.0};
        MetricsStore batch(cal, policy), liveStore(cal, policy);
        internNames(batch);
        internNames(liveStore);
        const qint64 start = localMidnight(cal, cal.localDay(test::at("2026-01-05T12:00:00Z")));
        LiveMetrics live(liveStore, start, 10);
        std::vector<qsizetype> index;
        const int days = 120;
        for (int d = 0; d < days; ++d) {
            for (int k = 0; k < 12; ++k) { // a ticket every 2 hours, answered and resolved
                const qint64 at = start + d * 24 * kHour + k * 2 * kHour + 7 * kMin;
                TicketHistory t;
                t.id = u"D%1-%2"_qs.arg(d).arg(k);
                t.events = {MetricEvent::created(at, Priority(k % 4), k % 3, k % 4)};
                index.push_back(live.addTicket(t));
                live.apply(index.back(), MetricEvent::reply(at + 30 * kMin, true, true));
                live.apply(index.back(), MetricEvent::statusChange(at + 90 * kMin, TicketStatus::Resolved));
                t.events.push_back(MetricEvent::reply(at + 30 * kMin, true, true));
                t.events.push_back(MetricEvent::statusChange(at + 90 * kMin, TicketStatus::Resolved));
                batch.addTicket(t);
            }
            live.advance(start + (d + 1) * 24 * kHour);
        }
        QVERIFY2(live.hourBuckets() <= 11 * 24, qPrintable(QString::number(live.hourBuckets())));
        QVERIFY(live.dayBuckets() >= size_t(days - 11));
        QVERIFY(live.rolledBeforeHour() % 24 == 0);
        const qint64 now = start + days * 24 * kHour;
        const auto check = [&](qint64 from) {
            MetricsQuery q;
            q.from = from;
            q.to = now;
            QCOMPARE(live.sum(from, now), MetricsReport::compute(batch, q).totals);
            MetricsFilter group0;
            group0.group = 0;
            q.filter = group0;
            QCOMPARE(live.sum(from, now, group0), MetricsReport::compute(batch, q).totals);
        };
        check(start);
        check(start + 30 * 24 * kHour);
        check(now - 3 * kHour); // still hourly
        QCOMPARE(live.sum(start, now)[MetricCounters::Created], days * 12);

        // A ticket from day 2 is reopened now: its resolution stays on day 2 (rolled up), the
        // reopen counts now, and its (changed) facts were retracted from the day bucket exactly.
        live.apply(index[2 * 12 + 5], MetricEvent::statusChange(now + kMin, TicketStatus::InProgress));
        MetricsStore batch2(cal, policy); // the same histories, the reopen included
        internNames(batch2);
        for (qsizetype i = 0; i < liveStore.size(); ++i)
            batch2.addTicket(TicketHistory(liveStore.ticket(i)));
        MetricsQuery q;
        q.from = start;
        q.to = now + kHour;
        const MetricCounters expected = MetricsReport::compute(batch2, q).totals;
        QCOMPARE(live.sum(start, now + kHour), expected);
        QCOMPARE(expected[MetricCounters::Reopens], 1);
    }

    void snapshotGauges()
    {
        MetricsStore store(calendarIn("Europe/Moscow"), SlaPolicy());
        internNames(store);
        const qint64 t0 = test::at("2026-03-02T10:00:00+03:00");
        LiveMetrics live(store, t0);
        TicketHistory a;
        a.id = u"A"_qs;
        a.events.push_back(MetricEvent::created(t0, Priority::High, 1, 2));
        const qsizetype ia = live.addTicket(a);
        TicketHistory b = a;
        b.id = u"B"_qs;
        b.events = {MetricEvent::created(t0 + kHour, Priority::Low, -1, -1)};
        live.addTicket(b);
        WallSnapshot s = live.snapshot(t0 + 2 * kHour);
        QCOMPARE(s.open, 2);
        QCOMPARE(s.openByPriority[size_t(Priority::High)], 1);
        QCOMPARE(s.openByGroup[1], 1);
        QCOMPARE(s.openByGroup.back(), 1); // no group
        QCOMPARE(s.openByAgent[2], 1);
        QCOMPARE(s.createdByHourToday[10], 1);
        QCOMPARE(s.createdByHourToday[11], 1);
        live.apply(ia, MetricEvent::statusChange(t0 + 3 * kHour, TicketStatus::Resolved));
        live.apply(ia, MetricEvent::statusChange(t0 + 4 * kHour, TicketStatus::InProgress)); // reopened
        s = live.snapshot(t0 + 5 * kHour);
        QCOMPARE(s.open, 2);
        QCOMPARE(s.today[MetricCounters::Resolutions], 1);
        QCOMPARE(s.today[MetricCounters::Reopens], 1);
        QCOMPARE(s.today[MetricCounters::FcrFirstContact], 0); // the reopen took FCR back
        QCOMPARE(s.thisWeek[MetricCounters::Created], 2);
    }

    // The store's id index (open addressing, grown from 1024 slots): every id is found after
    // several growths, unknown ids are not, and a re-added id answers with its newest ticket.
    void idIndexFindsEveryTicket()
    {
        MetricsStore store(calendarIn("Europe/Moscow"), SlaPolicy());
        const int n = 5000;
        for (int i = 0; i < n; ++i) {
            TicketHistory t;
            t.id = u"ticket-%1"_qs.arg(i);
            t.events.push_back(MetricEvent::created(1'700'000'000'000 + i, Priority::Normal));
            QCOMPARE(store.addTicket(std::move(t)), qsizetype(i));
        }
        for (int i = 0; i < n; ++i)
            QCOMPARE(store.find(u"ticket-%1"_qs.arg(i)), qsizetype(i));
        QCOMPARE(store.find(u"ticket-5000"_qs), qsizetype(-1));
        QCOMPARE(store.find(QString()), qsizetype(-1));
        TicketHistory again;
        again.id = u"ticket-17"_qs;
        again.events.push_back(MetricEvent::created(1'700'000'000'000, Priority::High));
        QCOMPARE(store.addTicket(std::move(again)), qsizetype(n));
        QCOMPARE(store.find(u"ticket-17"_qs), qsizetype(n));
        QCOMPARE(store.find(u"ticket-18"_qs), qsizetype(18));
        QCOMPARE(MetricsStore().find(u"x"_qs), qsizetype(-1));
    }
};

QTEST_GUILESS_MAIN(TestMetricsLive)
#include "tst_metrics_live.moc"
