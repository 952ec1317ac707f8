// The SLA timeline (core/sla/SlaTimeline): pauses, stops and reopenings found in the events, and
// the engine's business-time instants for warnings, escalations, due and breach. Every expected
// instant is derived by hand in the comment next to it.
#include "SlaTestSupport.h"
#include "sla/SlaPolicy.h"
#include "sla/SlaTimeline.h"

using namespace triage;
using namespace triage::test;
using Kind = SlaTimelineEntry::Kind;

namespace {

const char *kOffice = R"({"timezone": "Europe/Berlin", "weekly": {
    "mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [["09:00","17:00"]],
    "thu": [["09:00","17:00"]], "fri": [["09:00","17:00"]]}})";

SlaPolicy policyFrom(const char *json)
{
    QString error;
    const auto p = SlaPolicy::fromJson(QJsonDocument::fromJson(QByteArray(json)).object(), &error);
    if (!p)
        qFatal("bad policy in test: %s", qPrintable(error));
    return *p;
}

const SlaTimelineTimer *find(const SlaTimeline &t, SlaMetric metric, int cycle = 1)
{
    for (const auto &timer : t.timers) {
        if (timer.timer.metric == metric && timer.timer.cycle == cycle)
            return &timer;
    }
    return nullptr;
}

QList<Kind> kinds(const SlaTimelineTimer &t)
{
    QList<Kind> out;
    for (const auto &e : t.entries)
        out << e.kind;
    return out;
}

} // namespace

class TestSlaTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pauseAndBusinessHoursMoveTheInstants()
    {
        const auto policy = policyFrom(R"({"targets": {"first_response": 60, "resolution": 480},
            "warn_at_percent": [75], "escalations": [{"percent": 90, "action": "notify_lead"}]})");
        // Monday 3 June 2024, Berlin office hours 09–17.
        const std::vector<SlaEvent> events {
            SlaEvent::created(at("2024-06-03T09:00:00+02:00"), Priority::Normal),
            SlaEvent::statusChange(at("2024-06-03T09:30:00+02:00"), u"in_progress"_qs),
            SlaEvent::reply(at("2024-06-03T09:40:00+02:00"), true),
            SlaEvent::statusChange(at("2024-06-03T10:00:00+02:00"), u"waiting"_qs),
            SlaEvent::statusChange(at("2024-06-03T14:00:00+02:00"), u"in_progress"_qs)};
        const qint64 now = at("2024-06-04T10:00:00+02:00");
        // The resume at 14:00 is a local change the server has not confirmed.
        const SlaTimeline tl = SlaTimeline::build(
            calendarFrom(kOffice), policy, events, now, {false, false, false, false, true});
        QVERIFY(tl.businessHours);
        QCOMPARE(tl.timeZone, u"Europe/Berlin"_qs);
        QVERIFY(tl.pauseStatuses.contains(u"waiting"_qs));

        // First response: 40 of 60 min used when the agent replied; the 75 % warning (45 min) was
        // never reached, so the timeline is start → met.
        const auto *first = find(tl, SlaMetric::FirstResponse);
        QVERIFY(first);
        QCOMPARE(kinds(*first), (QList<Kind> {Kind::Started, Kind::Met}));
        QCOMPARE(first->entries[1].at, at("2024-06-03T09:40:00+02:00"));
        QVERIFY(first->entries[1].status.isEmpty()); // stopped by a reply, not a status
        QCOMPARE(first->timer.remainingMs, 20 * 60000);

        // Resolution, 8 business hours: Mon 09–10 (1 h), paused 10–14, Mon 14–17 (3 h), Tue 09–10
        // (1 h) = 5 h used at Tue 10:00. 75 % = 6 h → Tue 11:00; 90 % = 7 h 12 min → Tue 12:12;
        // due at 8 h → Tue 13:00. All three still ahead: projected.
        const auto *res = find(tl, SlaMetric::Resolution);
        QVERIFY(res);
        QCOMPARE(kinds(*res),
            (QList<Kind> {
                Kind::Started, Kind::Paused, Kind::Resumed, Kind::Warning, Kind::Escalation, Kind::Due}));
        QCOMPARE(res->entries[0].status, u"new"_qs);
        QCOMPARE(res->entries[1].at, at("2024-06-03T10:00:00+02:00"));
        QCOMPARE(res->entries[1].status, u"waiting"_qs);
        QCOMPARE(res->entries[2].at, at("2024-06-03T14:00:00+02:00"));
        QCOMPARE(res->entries[3].at, at("2024-06-04T11:00:00+02:00"));
        QCOMPARE(res->entries[3].percent, 75.0);
        QCOMPARE(res->entries[4].at, at("2024-06-04T12:12:00+02:00"));
        QCOMPARE(res->entries[5].at, at("2024-06-04T13:00:00+02:00"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(!res->entries[i].projected);
        for (int i = 3; i < 6; ++i)
            QVERIFY(res->entries[i].projected);
        QCOMPARE(res->timer.businessElapsedMs, 5 * 3600000LL);
        QCOMPARE(*res->timer.due, at("2024-06-04T13:00:00+02:00"));
        QVERIFY(!res->entries[1].unconfirmed);
        QVERIFY(res->entries[2].unconfirmed);

        // While paused there is no due instant; the timeline ends at the pause.
        const SlaTimeline paused
            = SlaTimeline::build(calendarFrom(kOffice), policy, {events.begin(), events.end() - 1}, now);
        const auto *p = find(paused, SlaMetric::Resolution);
        QCOMPARE(p->timer.state, SlaTimerState::Paused);
        QCOMPARE(kinds(*p), (QList<Kind> {Kind::Started, Kind::Paused}));
        QCOMPARE(p->timer.remainingMs, 7 * 3600000LL);
    }

    void breachedThenResolvedLate()
    {
        const auto policy = policyFrom(R"({"targets": {"resolution": 60}, "warn_before_minutes": [15]})");
        const BusinessCalendar allDay; // 24×7 UTC
        const qint64 t0 = at("2024-06-05T09:00:00Z");
        const std::vector<SlaEvent> events {
            SlaEvent::created(t0, Priority::High), SlaEvent::statusChange(t0 + 90 * 60000, u"resolved"_qs)};
        const SlaTimeline tl = SlaTimeline::build(allDay, policy, events, t0 + 120 * 60000);
        QVERIFY(!tl.businessHours);
        const auto *res = find(tl, SlaMetric::Resolution);
        QVERIFY(res);
        // 15 min before due (09:45), due passed at 10:00 (a breach, not projected), resolved 10:30.
        QCOMPARE(kinds(*res), (QList<Kind> {Kind::Started, Kind::Warning, Kind::Breached, Kind::Missed}));
        QCOMPARE(res->entries[1].at, t0 + 45 * 60000);
        QCOMPARE(res->entries[1].beforeMinutes, 15.0);
        QCOMPARE(res->entries[2].at, t0 + 60 * 60000);
        QVERIFY(!res->entries[2].projected);
        QCOMPARE(res->entries[3].at, t0 + 90 * 60000);
        QCOMPARE(res->entries[3].status, u"resolved"_qs);
        QVERIFY(res->timer.breached);
    }

    void resolvedAndReopenedResumesTheTimer()
    {
        const auto policy = policyFrom(R"({"targets": {"resolution": 60}})"); // on_reopen: resume
        const BusinessCalendar allDay;
        const qint64 t0 = at("2024-06-05T09:00:00Z");
        const std::vector<SlaEvent> events {SlaEvent::created(t0, Priority::Normal),
            SlaEvent::statusChange(t0 + 30 * 60000, u"resolved"_qs),
            SlaEvent::statusChange(t0 + 50 * 60000, u"in_progress"_qs)};
        const SlaTimeline tl = SlaTimeline::build(allDay, policy, events, t0 + 60 * 60000);
        const auto *res = find(tl, SlaMetric::Resolution);
        QVERIFY(res);
        // 30 min before the stop + 10 since the reopen = 40 used; due 20 min after now (10:20).
        QCOMPARE(kinds(*res), (QList<Kind> {Kind::Started, Kind::Stopped, Kind::Reopened, Kind::Due}));
        QCOMPARE(res->entries[1].status, u"resolved"_qs);
        QCOMPARE(res->entries[2].at, t0 + 50 * 60000);
        QCOMPARE(res->entries[3].at, t0 + 80 * 60000);
        QVERIFY(res->entries[3].projected);
        QCOMPARE(res->timer.state, SlaTimerState::Running);
    }
};

QTEST_GUILESS_MAIN(TestSlaTimeline)
#include "tst_slatimeline.moc"
