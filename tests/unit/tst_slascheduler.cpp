#include "SlaTestSupport.h"
#include "sla/SlaCase.h"
#include "sla/SlaScheduleDriver.h"

#include <QRandomGenerator>
#include <QSignalSpy>

#include <map>

using namespace triage;

namespace {

SlaTransition transition(
    const QString &ticket, qint64 at, double percent, SlaMark::Kind kind = SlaMark::Kind::Warning)
{
    SlaTransition t;
    t.ticketId = ticket;
    t.at = at;
    t.percent = percent;
    t.kind = kind;
    return t;
}

} // namespace

class TestSlaScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordersAcrossTickets()
    {
        SlaScheduler s;
        s.upsert(
            u"a"_qs, {transition(u"a"_qs, 300, 75), transition(u"a"_qs, 400, 100, SlaMark::Kind::Breach)});
        s.upsert(u"b"_qs, {transition(u"b"_qs, 100, 50)});
        s.upsert(u"c"_qs, {transition(u"c"_qs, 200, 50)});
        QCOMPARE(s.nextWakeUp().value(), 100);
        const auto due = s.takeDue(300);
        QCOMPARE(due.size(), size_t(3));
        QCOMPARE(due[0].ticketId, u"b"_qs);
        QCOMPARE(due[1].ticketId, u"c"_qs);
        QCOMPARE(due[2].ticketId, u"a"_qs);
        QCOMPARE(due[2].detectedAt, 300);
        QCOMPARE(s.nextWakeUp().value(), 400);
        QVERIFY(s.takeDue(399).empty());
    }

    void upsertReplacesAndRemoveDrops()
    {
        SlaScheduler s;
        s.upsert(u"a"_qs, {transition(u"a"_qs, 100, 50), transition(u"a"_qs, 200, 100)});
        s.upsert(u"a"_qs, {transition(u"a"_qs, 500, 100)}); // e.g. the ticket was paused and resumed
        QCOMPARE(s.pendingCount(), size_t(1));
        QCOMPARE(s.nextWakeUp().value(), 500);
        s.remove(u"a"_qs);
        QVERIFY(!s.nextWakeUp());
        QCOMPARE(s.ticketCount(), 0);
    }

    void forwardJumpFiresEverythingOnce()
    {
        SlaScheduler s;
        for (int i = 0; i < 100; ++i)
            s.upsert(QString::number(i),
                {transition(QString::number(i), 1000 + i, 50),
                    transition(QString::number(i), 5000 + i, 100)});
        QCOMPARE(s.takeDue(10'000).size(), size_t(200)); // the machine slept through all of them
        QVERIFY(s.takeDue(10'000).empty());
        QVERIFY(!s.nextWakeUp());
    }

    void backwardJumpDoesNotRefire()
    {
        SlaScheduler s;
        const std::vector<SlaTransition> ticket {
            transition(u"t"_qs, 100, 50), transition(u"t"_qs, 200, 75), transition(u"t"_qs, 300, 100)};
        s.upsert(u"t"_qs, ticket);
        QCOMPARE(s.takeDue(250).size(), size_t(2));
        // The clock goes back to 50 and the ticket is recomputed from scratch: same transitions.
        s.upsert(u"t"_qs, ticket);
        QVERIFY(s.takeDue(50).empty());
        QVERIFY(s.takeDue(250).empty());
        const auto rest = s.takeDue(300);
        QCOMPARE(rest.size(), size_t(1));
        QCOMPARE(rest[0].percent, 100.0);
    }

    void randomClockNeverLosesOrRepeats()
    {
        QRandomGenerator rng(42);
        SlaScheduler s;
        std::map<std::pair<QString, quint64>, qint64> all; // (ticket, key) → at
        std::map<QString, std::vector<SlaTransition>> byTicket;
        for (int i = 0; i < 500; ++i) {
            const QString id = u"T"_qs + QString::number(i);
            for (int k = 0; k < 4; ++k) {
                SlaTransition t = transition(id, rng.bounded(100'000), 25.0 * (k + 1),
                    k == 3 ? SlaMark::Kind::Breach : SlaMark::Kind::Warning);
                byTicket[id].push_back(t);
                all[{id, t.key()}] = t.at;
            }
            s.upsert(id, byTicket[id]);
        }
        std::map<std::pair<QString, quint64>, int> fired;
        qint64 clock = 0;
        qint64 maxClock = 0;
        for (int step = 0; step < 400; ++step) {
            const int r = rng.bounded(10);
            clock += r < 2 ? -qint64(rng.bounded(20'000))
                : r < 3    ? qint64(rng.bounded(30'000))
                           : qint64(rng.bounded(500));
            maxClock = std::max(maxClock, clock);
            if (rng.bounded(4) == 0) { // recompute a few tickets, as a wake-up would
                for (int j = 0; j < 20; ++j) {
                    const QString id = u"T"_qs + QString::number(rng.bounded(500));
                    s.upsert(id, byTicket[id]);
                }
            }
            for (const SlaTransition &t : s.takeDue(clock)) {
                QVERIFY2(t.at <= t.detectedAt, "fired early");
                ++fired[{t.ticketId, t.key()}];
            }
        }
        for (const auto &[key, at] : all) {
            const int times = fired.count(key) ? fired[key] : 0;
            QCOMPARE(times, at <= maxClock ? 1 : 0);
        }
    }

    void driverArmsOneTimerForTheNextTransition()
    {
        ManualClock clock(1'000'000);
        const qint64 now = clock.nowMs();
        SlaScheduleDriver driver(&clock);
        driver.setMaxSleepMs(60'000);
        QSignalSpy spy(&driver, &SlaScheduleDriver::transitionsDue);
        QCOMPARE(driver.armedIntervalMs(), -1);
        driver.upsert(
            u"a"_qs, {transition(u"a"_qs, now + 5000, 50), transition(u"a"_qs, now + 500'000, 100)});
        QCOMPARE(driver.armedIntervalMs(), 5000);
        driver.upsert(u"b"_qs, {transition(u"b"_qs, now + 2000, 50)});
        QCOMPARE(driver.armedIntervalMs(), 2000);

        clock.advance(2500); // the timer fires late: one event, re-armed for the rest
        driver.wake();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QList<SlaTransition>>().size(), 1);
        QCOMPARE(driver.armedIntervalMs(), 2500);

        clock.advance(3'600'000); // wall clock jumps an hour ahead: everything passed fires once
        driver.wake();
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).value<QList<SlaTransition>>().size(), 2);
        QCOMPARE(driver.armedIntervalMs(), -1);

        clock.advance(-7'200'000); // and back: nothing fires again
        driver.upsert(u"a"_qs, {transition(u"a"_qs, 1'005'000, 50), transition(u"a"_qs, 1'500'000, 100)});
        driver.wake();
        QCOMPARE(spy.count(), 2);
        QCOMPARE(driver.armedIntervalMs(), -1);

        driver.upsert(u"c"_qs, {transition(u"c"_qs, clock.nowMs() + 10'000'000, 50)});
        QCOMPARE(driver.armedIntervalMs(), 60'000); // long sleeps are capped
    }

    void driverFiresFromTheEventLoop()
    {
        SlaScheduleDriver driver; // real clock
        QSignalSpy spy(&driver, &SlaScheduleDriver::transitionsDue);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        driver.upsert(u"a"_qs, {transition(u"a"_qs, now + 30, 50), transition(u"a"_qs, now + 60, 100)});
        QTRY_COMPARE_WITH_TIMEOUT(spy.count() >= 1, true, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(driver.scheduler().pendingCount(), size_t(0), 2000);
        int total = 0;
        for (const auto &args : spy)
            total += int(args.at(0).value<QList<SlaTransition>>().size());
        QCOMPARE(total, 2);
    }

    void engineToSchedulerEndToEnd()
    {
        // Office hours Mon-Fri 09-17 Berlin, first response 60 with warnings at 50 % and 90 %.
        const QByteArray doc = R"({"calendar": {"timezone": "Europe/Berlin", "weekly": {
            "mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]]}},
            "policy": {"targets": {"first_response": 60}, "warn_at_percent": [50, 90]},
            "events": [{"at": "2024-06-03T16:40:00+02:00", "type": "created", "priority": "normal"}],
            "now": "2024-06-03T16:40:00+02:00"})";
        QString error;
        auto c = SlaCase::fromJson(doc, &error);
        QVERIFY2(c, qPrintable(error));
        SlaScheduler s;
        s.upsert(u"T-1"_qs, slaTransitions(u"T-1"_qs, c->evaluate(), c->now));
        QCOMPARE(s.pendingCount(), size_t(3));
        // 30 min = Mon 16:40 + 20 → Tue 09:10; 54 → Tue 09:34; breach Tue 09:40.
        const auto first = s.takeDue(test::at("2024-06-04T09:30:00+02:00"));
        QCOMPARE(first.size(), size_t(1));
        QCOMPARE(first[0].at, test::at("2024-06-04T09:10:00+02:00"));
        // The agent answers at 09:35; recomputing leaves nothing to schedule.
        c->events.push_back(SlaEvent::reply(test::at("2024-06-04T09:35:00+02:00"), true));
        c->now = test::at("2024-06-04T09:35:00+02:00");
        const auto second = s.takeDue(c->now);
        QCOMPARE(second.size(), size_t(1)); // 90 % at 09:34 was due before the reply
        s.upsert(u"T-1"_qs, slaTransitions(u"T-1"_qs, c->evaluate(), c->now));
        QVERIFY(!s.nextWakeUp());
    }
};

QTEST_GUILESS_MAIN(TestSlaScheduler)
#include "tst_slascheduler.moc"
