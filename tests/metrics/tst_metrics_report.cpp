// Hand-computed expectations on a small fixed history (Moscow, Mon–Fri 09–18, targets 60 / 120 /
// 480 business minutes). Week of Monday 2026-03-02; every number below is worked out in comments.
#include "MetricsTestSupport.h"

using namespace triage;
using triage::test::at;
using triage::test::kMinute;

namespace {

const char *kHistory = R"({
 "calendar": {"timezone": "Europe/Moscow", "weekly": {"mon": [["09:00","18:00"]], "tue": [["09:00","18:00"]],
   "wed": [["09:00","18:00"]], "thu": [["09:00","18:00"]], "fri": [["09:00","18:00"]]}},
 "policy": {"targets": {"first_response": 60, "next_response": 120, "resolution": 480}, "on_reopen": "resume"},
 "tickets": [
  {"id": "T1", "title": "VPN не работает", "category": "vpn", "type": "incident", "channel": "email", "events": [
    {"at": "2026-03-02T10:00:00+03:00", "type": "created", "priority": "normal", "group": "IT", "assignee": "a1"},
    {"at": "2026-03-02T10:30:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T10:30:00+03:00", "type": "status", "to": "in_progress"},
    {"at": "2026-03-02T11:00:00+03:00", "type": "reply", "from": "requester", "public": false},
    {"at": "2026-03-02T12:00:00+03:00", "type": "status", "to": "resolved"},
    {"at": "2026-03-02T13:00:00+03:00", "type": "rating", "value": 5}]},
  {"id": "T2", "title": "Printer jam", "category": "printer", "channel": "web", "events": [
    {"at": "2026-03-02T17:00:00+03:00", "type": "created", "priority": "normal", "group": "IT", "assignee": "a1"},
    {"at": "2026-03-03T09:30:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-03T09:30:00+03:00", "type": "status", "to": "waiting"},
    {"at": "2026-03-03T11:00:00+03:00", "type": "reply", "from": "requester"},
    {"at": "2026-03-03T11:00:00+03:00", "type": "status", "to": "in_progress"},
    {"at": "2026-03-03T11:30:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-03T12:00:00+03:00", "type": "status", "to": "resolved"},
    {"at": "2026-03-04T10:00:00+03:00", "type": "reply", "from": "requester"},
    {"at": "2026-03-04T10:00:00+03:00", "type": "status", "to": "in_progress"},
    {"at": "2026-03-04T10:20:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-04T11:00:00+03:00", "type": "status", "to": "resolved"},
    {"at": "2026-03-04T12:00:00+03:00", "type": "rating", "value": 2},
    {"at": "2026-03-05T09:00:00+03:00", "type": "rating", "value": 4}]},
  {"id": "T3", "title": "Справка 2-НДФЛ", "category": "documents", "type": "request", "channel": "phone", "events": [
    {"at": "2026-03-03T09:00:00+03:00", "type": "created", "priority": "normal", "group": "HR"},
    {"at": "2026-03-03T09:05:00+03:00", "type": "assign", "to": "a2"},
    {"at": "2026-03-03T09:10:00+03:00", "type": "priority", "to": "high"},
    {"at": "2026-03-03T10:00:00+03:00", "type": "status", "to": "resolved"},
    {"at": "2026-03-03T15:00:00+03:00", "type": "status", "to": "closed"}]},
  {"id": "T4", "title": "Не работает VPN, №12", "category": "vpn", "channel": "telegram", "events": [
    {"at": "2026-03-04T09:00:00+03:00", "type": "created", "priority": "normal", "group": "IT"}]},
  {"id": "T5", "title": "Badge reader", "category": "office", "channel": "api", "events": [
    {"at": "2026-03-01T20:00:00+03:00", "type": "created", "priority": "low", "group": "HR", "assignee": "a2"},
    {"at": "2026-03-02T09:10:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T09:30:00+03:00", "type": "status", "to": "resolved"}]}
 ]})";

MetricsQuery week()
{
    MetricsQuery q;
    q.from = at("2026-03-02T00:00:00+03:00");
    q.to = at("2026-03-06T00:00:00+03:00");
    return q;
}

} // namespace

class TestMetricsReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void volumeReopensAndBacklog()
    {
        const MetricsStore store = test::storeFrom(kHistory);
        const MetricsReport r = MetricsReport::compute(store, week());
        using F = MetricCounters;
        QCOMPARE(r.totals[F::Created], 4); // T5 was created on Sunday, before the period
        QCOMPARE(r.totals[F::Resolutions], 5); // T1, T5 Mon; T2, T3 Tue; T2 again Wed (closing T3 is not one)
        QCOMPARE(r.totals[F::Reopens], 1); // T2 on Wednesday
        QCOMPARE(r.backlogAtStart, 1); // T5 open at Monday 00:00
        QCOMPARE(r.backlogAtEnd, 1); // T4
        QCOMPARE(r.days.size(), size_t(4));
        const std::vector<std::array<qint64, 3>> days {{2, 2, 1}, {1, 2, 0}, {1, 1, 1}, {0, 0, 1}};
        for (size_t d = 0; d < days.size(); ++d) {
            QCOMPARE(r.days[d].created, days[d][0]);
            QCOMPARE(r.days[d].resolved, days[d][1]);
            QCOMPARE(r.days[d].backlogAtEnd, days[d][2]);
        }
        QCOMPARE(r.byHourOfDay[9][0], 2); // T3, T4 created at 09:00 local
        QCOMPARE(r.byHourOfDay[17][0], 1);
        QCOMPARE(r.byHourOfDay[9][1], 1); // T5 resolved 09:30
        const QJsonObject json = r.toJson(store);
        QCOMPARE(json[u"reopen"_qs][u"rate"_qs].toDouble(), 0.2);
        QCOMPARE(json[u"volume"_qs][u"by_day"_qs][0][u"date"_qs].toString(), u"2026-03-02"_qs);
    }

    void responseAndResolutionTimes()
    {
        const MetricsStore store = test::storeFrom(kHistory);
        const MetricsReport r = MetricsReport::compute(store, week());
        // First response: T1 30/30, T2 Mon 17:00 → Tue 09:30 = 990 cal / 60 + 30 = 90 business,
        // T5 Sun 20:00 → Mon 09:10 = 790 / 10. T3 was resolved without a reply: no response time.
        QCOMPARE(r.firstResponse.calendar.count, 3);
        QCOMPARE(r.firstResponse.calendar.averageMs, (30 + 990 + 790) / 3.0 * kMinute);
        QCOMPARE(r.firstResponse.calendar.medianMs, 790 * kMinute);
        QCOMPARE(r.firstResponse.calendar.p90Ms, (790 + 0.8 * 200) * kMinute); // rank 1.8 of [30, 790, 990]
        QCOMPARE(r.firstResponse.business.medianMs, 30 * kMinute);
        QCOMPARE(r.firstResponse.business.p90Ms, (30 + 0.8 * 60) * kMinute);
        // First resolution: T1 120/120, T2 Tue 12:00 = 1140 / 240, T3 60/60, T5 810/30.
        QCOMPARE(r.firstResolution.calendar.count, 4);
        QCOMPARE(r.firstResolution.calendar.averageMs, 2130 / 4.0 * kMinute);
        QCOMPARE(r.firstResolution.calendar.medianMs, 465 * kMinute);
        QCOMPARE(r.firstResolution.calendar.p90Ms, (810 + 0.7 * 330) * kMinute);
        QCOMPARE(r.firstResolution.business.averageMs, 112.5 * kMinute);
        QCOMPARE(r.firstResolution.business.medianMs, 90 * kMinute);
        // Full resolution: T2 finally Wed 11:00 = 2520 cal / 60 + 540 + 120 = 720 business.
        QCOMPARE(r.fullResolution.calendar.count, 4);
        QCOMPARE(r.fullResolution.calendar.averageMs, (120 + 2520 + 60 + 810) / 4.0 * kMinute);
        QCOMPARE(r.fullResolution.business.averageMs, (120 + 720 + 60 + 30) / 4.0 * kMinute);
        QCOMPARE(r.fullResolution.business.p90Ms, (120 + 0.7 * 600) * kMinute);
    }

    void slaCompliancePausesAndBreaches()
    {
        const MetricsStore store = test::storeFrom(kHistory);
        const MetricsReport r = MetricsReport::compute(store, week());
        using F = MetricCounters;
        // First response: T1, T5 met; T3 met exactly at its due instant (resolved at 60 min);
        // T2 breached (due Mon 18:00). T4 still runs: not completed, but its breach (Wed 10:00) counts.
        QCOMPARE(r.totals[F::slaMet(SlaMetric::FirstResponse)], 3);
        QCOMPARE(r.totals[F::slaBreached(SlaMetric::FirstResponse)], 1);
        QCOMPARE(r.totals.compliance(SlaMetric::FirstResponse), 0.75);
        QCOMPARE(r.totals[F::breaches(SlaMetric::FirstResponse)], 2);
        // Next response: T2 twice, 30 and 20 minutes.
        QCOMPARE(r.totals[F::slaMet(SlaMetric::NextResponse)], 2);
        QCOMPARE(r.totals[F::slaBreached(SlaMetric::NextResponse)], 0);
        // Resolution: T2's cycle paused while waiting and resumed on reopen: 60 + 30 + 60 + 60 = 210
        // business minutes, met, counted once at its final stop. T4 breaches Wed 17:00.
        QCOMPARE(r.totals[F::slaMet(SlaMetric::Resolution)], 4);
        QCOMPARE(r.totals[F::slaBreached(SlaMetric::Resolution)], 0);
        QCOMPARE(r.totals[F::breaches(SlaMetric::Resolution)], 1);
        // As of Wednesday 16:00 T4's resolution timer has not breached yet.
        MetricsQuery early = week();
        early.asOf = at("2026-03-04T16:00:00+03:00");
        QCOMPARE(MetricsReport::compute(store, early).totals[F::breaches(SlaMetric::Resolution)], 0);
        const QJsonObject json = r.toJson(store);
        QCOMPARE(json[u"sla"_qs][u"first_response"_qs][u"compliance"_qs].toDouble(), 0.75);
        QVERIFY(json[u"sla"_qs][u"resolution"_qs][u"compliance"_qs].toDouble() == 1.0);
    }

    void csatFcrAndChangedRatings()
    {
        const MetricsStore store = test::storeFrom(kHistory);
        using F = MetricCounters;
        const MetricsReport r = MetricsReport::compute(store, week());
        // T2's rating 2 was changed to 4 on Thursday: only the latest rating counts.
        QCOMPARE(r.totals[F::Ratings], 2);
        QCOMPARE(r.totals[F::RatingPositive], 2);
        QCOMPARE(r.totals[F::RatingSum], 9);
        // FCR: T1 (the internal note is not contact), T3, T5; not T2 (requester wrote, reopened).
        QCOMPARE(r.totals[F::FcrResolved], 4);
        QCOMPARE(r.totals[F::FcrFirstContact], 3);
        // Up to Thursday 00:00 the change had not happened: the report for Mon–Wed keeps the 2.
        MetricsQuery monToWed = week();
        monToWed.to = at("2026-03-05T00:00:00+03:00");
        const MetricsReport early = MetricsReport::compute(store, monToWed);
        QCOMPARE(early.totals[F::Ratings], 2);
        QCOMPARE(early.totals[F::RatingSum], 7);
        const QJsonObject csat = early.toJson(store)[u"csat"_qs].toObject();
        QCOMPARE(csat[u"share_positive"_qs].toDouble(), 0.5);
        QCOMPARE(csat[u"average"_qs].toDouble(), 3.5);
        // Thursday alone: T2's rating moved there, so Thursday has it and Mon–Wed as of now does not.
        MetricsQuery thu = week();
        thu.from = at("2026-03-05T00:00:00+03:00");
        QCOMPARE(MetricsReport::compute(store, thu).totals[F::Ratings], 1);
        MetricsQuery monToWedNow = monToWed;
        monToWedNow.asOf = at("2026-03-06T00:00:00+03:00");
        QCOMPARE(MetricsReport::compute(store, monToWedNow).totals[F::Ratings], 1);
    }

    void filtersAndAgents()
    {
        MetricsStore store = test::storeFrom(kHistory);
        MetricsQuery q = week();
        q.filter.group = store.findGroup(u"IT"_qs);
        MetricsReport it = MetricsReport::compute(store, q);
        QCOMPARE(it.totals[MetricCounters::Created], 3);
        QCOMPARE(it.totals[MetricCounters::Resolutions], 3);
        q = week();
        q.filter.priority = Priority::High; // T3 as of now
        QCOMPARE(MetricsReport::compute(store, q).totals[MetricCounters::Created], 1);
        q = week();
        q.filter.assignee = -1; // unassigned: T4
        QCOMPARE(MetricsReport::compute(store, q).totals[MetricCounters::Created], 1);

        const MetricsReport r = MetricsReport::compute(store, week());
        QCOMPARE(r.agents.size(), size_t(2));
        QCOMPARE(r.agents[0].name, u"a1"_qs);
        QCOMPARE(r.agents[0].resolved, 3);
        QCOMPARE(r.agents[0].handledPerDay, 0.75);
        QCOMPARE(r.agents[1].resolved, 2);
        QCOMPARE(r.agents[1].openAssigned, 0);
    }

    void recurringIssues()
    {
        const MetricsStore store = test::storeFrom(kHistory);
        MetricsQuery q = week();
        q.problemMinTickets = 2;
        const MetricsReport r = MetricsReport::compute(store, q);
        // "VPN не работает" and "Не работает VPN, №12": same stems, same category.
        QCOMPARE(r.recurring.size(), size_t(1));
        QCOMPARE(r.recurring[0].ticketIds, (QStringList {u"T1"_qs, u"T4"_qs}));
        QCOMPARE(r.recurring[0].category, u"vpn"_qs);
        q.problemMinTickets = 3;
        QVERIFY(MetricsReport::compute(store, q).recurring.empty());
    }

    void recurringWindow()
    {
        // Five tickets with one text: days 0, 10, 20 (a window of three) and 60, 95 (apart).
        QJsonArray tickets;
        const int days[] = {0, 10, 20, 60, 95};
        for (int i = 0; i < 5; ++i) {
            const QDateTime t = QDateTime(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::utc()).addDays(days[i]);
            const QJsonObject created {{u"at"_qs, t.toString(Qt::ISODate)}, {u"type"_qs, u"created"_qs},
                {u"priority"_qs, u"normal"_qs}};
            tickets.append(QJsonObject {{u"id"_qs, QString(u"R"_qs + QString::number(i))},
                {u"title"_qs, u"Printers offline again"_qs}, {u"category"_qs, u"printer"_qs},
                {u"events"_qs, QJsonArray {created}}});
        }
        const QByteArray json = QJsonDocument(QJsonObject {{u"tickets"_qs, tickets}}).toJson();
        const MetricsStore store = test::storeFrom(json);
        MetricsQuery q;
        q.from = at("2026-01-01T00:00:00Z");
        q.to = at("2026-06-01T00:00:00Z");
        const MetricsReport r = MetricsReport::compute(store, q);
        QCOMPARE(r.recurring.size(), size_t(1));
        QCOMPARE(r.recurring[0].ticketIds, (QStringList {u"R0"_qs, u"R1"_qs, u"R2"_qs}));
    }

    void emptyAndOutsidePeriods()
    {
        const MetricsStore store = test::storeFrom(kHistory);
        MetricsQuery q = week();
        q.to = q.from; // empty period
        QVERIFY(MetricsReport::compute(store, q).totals.isZero());
        q.from = at("2025-01-01T00:00:00+03:00");
        q.to = at("2025-01-08T00:00:00+03:00"); // before everything
        const MetricsReport before = MetricsReport::compute(store, q);
        QVERIFY(before.totals.isZero());
        QCOMPARE(before.backlogAtEnd, 0);
        const QJsonObject json = before.toJson(store);
        QVERIFY(json[u"csat"_qs][u"average"_qs].isNull());
        QVERIFY(json[u"sla"_qs][u"resolution"_qs][u"compliance"_qs].isNull());
        QVERIFY(json[u"first_response"_qs][u"calendar"_qs][u"median_minutes"_qs].isNull());
        // Ticket created before the period and resolved inside: resolution counted, not creation.
        q.from = at("2026-03-02T00:00:00+03:00");
        q.to = at("2026-03-02T10:00:00+03:00");
        const MetricsReport morning = MetricsReport::compute(store, q);
        QCOMPARE(morning.totals[MetricCounters::Created], 0);
        QCOMPARE(morning.totals[MetricCounters::Resolutions], 1);
        QCOMPARE(morning.firstResolution.calendar.medianMs, 810 * kMinute);
    }

    void dayBoundariesInTheCalendarZone()
    {
        // 00:30 Moscow is 21:30 UTC the day before; 23:30 Moscow is still the same local day.
        const MetricsStore store = test::storeFrom(R"({"calendar": {"timezone": "Europe/Moscow"}, "tickets": [
          {"id": "A", "events": [{"at": "2026-03-02T00:30:00+03:00", "type": "created", "priority": "normal"}]},
          {"id": "B", "events": [{"at": "2026-03-02T23:30:00+03:00", "type": "created", "priority": "normal"}]}]})");
        MetricsQuery q;
        q.from = at("2026-03-02T00:00:00+03:00");
        q.to = at("2026-03-03T00:00:00+03:00");
        const MetricsReport r = MetricsReport::compute(store, q);
        QCOMPARE(r.days.size(), size_t(1));
        QCOMPARE(r.days[0].created, 2);
        QCOMPARE(r.byHourOfDay[0][0], 1);
        QCOMPARE(r.byHourOfDay[23][0], 1);
    }

    // Per-group calendars (like the server's TicketSla::calendarFor): the default calendar is Moscow
    // Mon–Fri 09–18, group NOC works every day 08–20. Worked out by hand:
    //   N1 (NOC) Sat 10:00 created, 11:30 agent reply, 14:00 resolved → business 90 / 240 min under
    //      the NOC calendar (0 / 0 under the default one); first response due Sat 11:00: breached.
    //   D1 (IT) Fri 17:00 created, Mon 09:30 reply, Mon 10:00 resolved → 60 + 30 = 90 / 120 min;
    //      first response due Fri 18:00: breached.
    //   M1 created Fri 19:00 in NOC, moved to IT Sat 09:00, Mon 09:15 reply, 09:45 resolved → counted
    //      with IT's (default) calendar, its group at the report instant: 15 / 45 min (the NOC
    //      calendar would give 60 + 720 + 720 + 75 = 1575); first response due Mon 10:00: met.
    void groupCalendars()
    {
        const QByteArray history = R"({
 "calendar": {"timezone": "Europe/Moscow", "weekly": {"mon": [["09:00","18:00"]], "tue": [["09:00","18:00"]],
   "wed": [["09:00","18:00"]], "thu": [["09:00","18:00"]], "fri": [["09:00","18:00"]]}},
 "group_calendars": {"NOC": {"timezone": "Europe/Moscow", "weekly": {"mon": [["08:00","20:00"]],
   "tue": [["08:00","20:00"]], "wed": [["08:00","20:00"]], "thu": [["08:00","20:00"]], "fri": [["08:00","20:00"]],
   "sat": [["08:00","20:00"]], "sun": [["08:00","20:00"]]}}},
 "policy": {"targets": {"first_response": 60, "resolution": 480}},
 "tickets": [
  {"id": "N1", "events": [
    {"at": "2026-03-07T10:00:00+03:00", "type": "created", "priority": "normal", "group": "NOC"},
    {"at": "2026-03-07T11:30:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-07T14:00:00+03:00", "type": "status", "to": "resolved"}]},
  {"id": "D1", "events": [
    {"at": "2026-03-06T17:00:00+03:00", "type": "created", "priority": "normal", "group": "IT"},
    {"at": "2026-03-09T09:30:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-09T10:00:00+03:00", "type": "status", "to": "resolved"}]},
  {"id": "M1", "events": [
    {"at": "2026-03-06T19:00:00+03:00", "type": "created", "priority": "normal", "group": "NOC"},
    {"at": "2026-03-07T09:00:00+03:00", "type": "group", "to": "IT"},
    {"at": "2026-03-09T09:15:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-09T09:45:00+03:00", "type": "status", "to": "resolved"}]}
 ]})";
        const MetricsStore store = test::storeFrom(history);
        QVERIFY(store.hasGroupCalendars());
        const auto facts = [&](const char *id) -> const TicketFacts & {
            return store.facts(store.find(QString::fromLatin1(id)));
        };
        QCOMPARE(facts("N1").firstResponseBizMs, qint64(90 * kMinute));
        QCOMPARE(facts("N1").fullResolutionBizMs, qint64(240 * kMinute));
        QCOMPARE(facts("D1").firstResponseBizMs, qint64(90 * kMinute));
        QCOMPARE(facts("D1").fullResolutionBizMs, qint64(120 * kMinute));
        QCOMPARE(facts("M1").firstResponseBizMs, qint64(15 * kMinute));
        QCOMPARE(facts("M1").fullResolutionBizMs, qint64(45 * kMinute));

        MetricsQuery q;
        q.from = at("2026-03-02T00:00:00+03:00");
        q.to = at("2026-03-16T00:00:00+03:00");
        const MetricsReport r = MetricsReport::compute(store, q);
        using F = MetricCounters;
        QCOMPARE(r.totals[F::FirstResponses], 3);
        QCOMPARE(r.totals[F::FirstResponseBizMs], qint64((90 + 90 + 15) * kMinute));
        QCOMPARE(r.totals[F::FullResolutionBizMs], qint64((240 + 120 + 45) * kMinute));
        QCOMPARE(r.totals[F::slaMet(SlaMetric::FirstResponse)], 1); // M1
        QCOMPARE(r.totals[F::slaBreached(SlaMetric::FirstResponse)], 2); // N1, D1
        QCOMPARE(r.firstResponse.business.medianMs, 90 * kMinute);

        // Without the group calendar N1 falls on the default calendar's weekend (0 business
        // minutes, first response due Mon 10:00: met), and M1 is unchanged.
        const qsizetype start = history.indexOf("\"group_calendars\"");
        const qsizetype end = history.indexOf("\"policy\"");
        QVERIFY(start > 0 && end > start);
        const MetricsStore single = test::storeFrom(history.left(start) + history.mid(end));
        QVERIFY(!single.hasGroupCalendars());
        QCOMPARE(single.facts(single.find(u"N1"_qs)).firstResponseBizMs, qint64(0));
        QCOMPARE(single.facts(single.find(u"M1"_qs)).firstResponseBizMs, qint64(15 * kMinute));
        const MetricsReport r2 = MetricsReport::compute(single, q);
        QCOMPARE(r2.totals[F::slaMet(SlaMetric::FirstResponse)], 2); // N1, M1
    }

    void daysAcrossDst()
    {
        // Berlin springs forward on 2026-03-29: that local day has 23 hours.
        const MetricsStore store = test::storeFrom(R"({"calendar": {"timezone": "Europe/Berlin"}, "tickets": [
          {"id": "A", "events": [{"at": "2026-03-29T23:30:00+02:00", "type": "created", "priority": "normal"}]},
          {"id": "B", "events": [{"at": "2026-03-30T00:30:00+02:00", "type": "created", "priority": "normal"},
                                  {"at": "2026-03-30T01:00:00+02:00", "type": "status", "to": "resolved"}]}]})");
        MetricsQuery q;
        q.from = localMidnight(store.calendar(), QDate(2026, 3, 28).toJulianDay() - 2440588);
        q.to = localMidnight(store.calendar(), QDate(2026, 3, 31).toJulianDay() - 2440588);
        QCOMPARE(q.from, at("2026-03-28T00:00:00+01:00"));
        QCOMPARE(q.to, at("2026-03-31T00:00:00+02:00"));
        const MetricsReport r = MetricsReport::compute(store, q);
        QCOMPARE(r.days.size(), size_t(3));
        QCOMPARE(r.days[1].created, 1); // the 29th
        QCOMPARE(r.days[1].backlogAtEnd, 1);
        QCOMPARE(r.days[2].created, 1);
        QCOMPARE(r.days[2].resolved, 1);
        QCOMPARE(r.days[2].backlogAtEnd, 1);
        QCOMPARE(r.toJson(store)[u"volume"_qs][u"by_day"_qs][1][u"date"_qs].toString(), u"2026-03-29"_qs);
    }
};

QTEST_GUILESS_MAIN(TestMetricsReport)
#include "tst_metrics_report.moc"
