#include "SlaTestSupport.h"
#include "sla/BusinessCalendar.h"

#include <QRandomGenerator>

using namespace triage;
using triage::test::at;
using triage::test::calendarFrom;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 60 * kMin;

const char *kBerlinOffice = R"({"timezone": "Europe/Berlin", "weekly": {
    "mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [["09:00","17:00"]],
    "thu": [["09:00","17:00"]], "fri": [["09:00","13:00"], ["14:00","17:00"]],
    "sun": [["01:00","04:00"]]}, "holidays": ["2024-12-25", "2024-12-26"]})";
const char *kMoscowOffice = R"({"timezone": "Europe/Moscow", "weekly": {
    "mon": [["09:00","18:00"]], "tue": [["09:00","18:00"]], "wed": [["09:00","18:00"]],
    "thu": [["09:00","18:00"]], "fri": [["09:00","18:00"]]},
    "holidays": ["2026-01-01","2026-01-02","2026-01-03","2026-01-04","2026-01-05","2026-01-06","2026-01-07","2026-01-08"]})";
const char *kNightShift = R"({"timezone": "America/New_York", "weekly": {
    "mon": [["22:00","24:00"]], "tue": [["00:00","06:00"], ["22:00","24:00"]], "wed": [["00:00","06:00"]],
    "sat": [["01:00","03:00"]], "sun": [["00:00","24:00"]]}})";
const char *kSaoPaulo24x7 = R"({"timezone": "America/Sao_Paulo", "holidays": ["2018-12-25"]})";

// Independent oracle: walk minute by minute through QDateTime's own zone conversion.
qint64 bruteForceMs(const char *calendarJson, qint64 a, qint64 b)
{
    const QJsonObject o = QJsonDocument::fromJson(QByteArray(calendarJson)).object();
    const QTimeZone zone(o.value(u"timezone"_qs).toString().toUtf8());
    const QJsonObject weekly = o.value(u"weekly"_qs).toObject();
    QSet<QString> holidays;
    for (const auto &h : o.value(u"holidays"_qs).toArray())
        holidays.insert(h.toString());
    static const QStringList days {
        u"mon"_qs, u"tue"_qs, u"wed"_qs, u"thu"_qs, u"fri"_qs, u"sat"_qs, u"sun"_qs};
    qint64 sum = 0;
    for (qint64 t = a; t < b; t += kMin) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, zone);
        if (holidays.contains(local.date().toString(Qt::ISODate)))
            continue;
        if (!o.contains(u"weekly"_qs)) {
            sum += kMin;
            continue;
        }
        const QString hhmm = local.time().toString(u"HH:mm"_qs);
        for (const auto &iv : weekly.value(days[local.date().dayOfWeek() - 1]).toArray()) {
            const QString end = iv[1].toString();
            if (iv[0].toString() <= hhmm && (hhmm < end || end == u"24:00"_qs))
                sum += kMin;
        }
    }
    return sum;
}

} // namespace

class TestSlaCalendar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void znunyBerlin24x7AcrossSpringChangeIs2159Hours()
    {
        const auto cal = calendarFrom(R"({"timezone": "Europe/Berlin"})");
        const qint64 a = at("2024-03-01T00:00:00+01:00");
        const qint64 b = at("2024-05-30T00:00:00+02:00"); // 90 wall-clock days later
        QCOMPARE(cal.businessMsBetween(a, b), 2159 * kHour);
        QCOMPARE(cal.addBusinessMs(a, 2159 * kHour), b);
        QCOMPARE(cal.formatInstant(b), u"2024-05-30T00:00:00+02:00"_qs);
        // and back in autumn the day has 25 hours
        QCOMPARE(cal.businessMsBetween(at("2024-10-27T00:00:00+02:00"), at("2024-10-28T00:00:00+01:00")),
            25 * kHour);
    }

    void dstSkippedHourCountsZeroRepeatedHourTwice_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<qint64>("expected");
        // Berlin Sunday shift 01:00-04:00: 2 real hours on the spring day, 4 on the autumn day.
        QTest::newRow("berlin spring") << QString::fromUtf8(kBerlinOffice) << at("2024-03-31T00:00:00+01:00")
                                       << at("2024-04-01T00:00:00+02:00") << 2 * kHour;
        QTest::newRow("berlin autumn") << QString::fromUtf8(kBerlinOffice) << at("2024-10-27T00:00:00+02:00")
                                       << at("2024-10-28T00:00:00+01:00") << 4 * kHour;
        // New York Sunday 00:00-24:00 is 23 h and 25 h; Saturday 01:00-03:00 unaffected.
        QTest::newRow("new york spring") << QString::fromUtf8(kNightShift) << at("2025-03-09T00:00:00-05:00")
                                         << at("2025-03-10T00:00:00-04:00") << 23 * kHour;
        QTest::newRow("new york autumn") << QString::fromUtf8(kNightShift) << at("2025-11-02T00:00:00-04:00")
                                         << at("2025-11-03T00:00:00-05:00") << 25 * kHour;
        // São Paulo's last DST: the 2018-11-04 gap is at midnight, the 2019-02-16 fold at 23:00.
        QTest::newRow("sao paulo midnight gap")
            << QString::fromUtf8(kSaoPaulo24x7) << at("2018-11-03T00:00:00-03:00")
            << at("2018-11-06T00:00:00-02:00") << 71 * kHour;
        QTest::newRow("sao paulo fold") << QString::fromUtf8(kSaoPaulo24x7) << at("2019-02-16T00:00:00-02:00")
                                        << at("2019-02-17T00:00:00-03:00") << 25 * kHour;
        QTest::newRow("sao paulo holiday")
            << QString::fromUtf8(kSaoPaulo24x7) << at("2018-12-24T12:00:00-02:00")
            << at("2018-12-26T12:00:00-02:00") << 24 * kHour;
    }

    void dstSkippedHourCountsZeroRepeatedHourTwice()
    {
        QFETCH(QString, calendar);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(qint64, expected);
        const QByteArray json = calendar.toUtf8();
        const auto cal = calendarFrom(json.constData());
        QCOMPARE(cal.businessMsBetween(from, to), expected);
        QCOMPARE(bruteForceMs(json.constData(), from, to), expected); // the oracle agrees
        QCOMPARE(cal.addBusinessMs(from, expected).value(), cal.addBusinessMs(from, expected).value());
        QCOMPARE(cal.businessMsBetween(from, cal.addBusinessMs(from, expected).value()), expected);
    }

    void saoPauloInstantsPrintWithTheirOffset()
    {
        const auto cal = calendarFrom(kSaoPaulo24x7);
        QCOMPARE(cal.formatInstant(at("2019-02-17T01:30:00Z")), u"2019-02-16T23:30:00-02:00"_qs);
        QCOMPARE(cal.formatInstant(at("2019-02-17T02:30:00Z")), u"2019-02-16T23:30:00-03:00"_qs);
        QCOMPARE(cal.formatInstant(at("2018-11-04T03:00:00Z")), u"2018-11-04T01:00:00-02:00"_qs);
    }

    void overnightShiftCrossesMidnight()
    {
        const auto cal = calendarFrom(kNightShift);
        // Mon 2025-06-02 23:00 + 120 business minutes → Tue 01:00.
        QCOMPARE(cal.addBusinessMinutes(at("2025-06-02T23:00:00-04:00"), 120).value(),
            at("2025-06-03T01:00:00-04:00"));
        // Tue 05:00 + 120 → 60 min until 06:00, then Tue 22:00 + 60 → 23:00.
        QCOMPARE(cal.addBusinessMinutes(at("2025-06-03T05:00:00-04:00"), 120).value(),
            at("2025-06-03T23:00:00-04:00"));
        QVERIFY(cal.isBusinessTime(at("2025-06-03T00:00:00-04:00")));
        QVERIFY(!cal.isBusinessTime(at("2025-06-03T06:00:00-04:00")));
    }

    void targetLandingAtClosingTimeStaysThere()
    {
        const auto cal = calendarFrom(kBerlinOffice);
        QCOMPARE(cal.addBusinessMinutes(at("2024-06-03T09:00:00+02:00"), 480).value(),
            at("2024-06-03T17:00:00+02:00"));
        QCOMPARE(cal.addBusinessMinutes(at("2024-06-03T16:00:00+02:00"), 60).value(),
            at("2024-06-03T17:00:00+02:00"));
        // Friday lunch: 4 h before the break ends at 13:00, not at 14:00.
        QCOMPARE(cal.addBusinessMinutes(at("2024-06-07T09:00:00+02:00"), 240).value(),
            at("2024-06-07T13:00:00+02:00"));
        QCOMPARE(cal.addBusinessMinutes(at("2024-06-07T09:00:00+02:00"), 241).value(),
            at("2024-06-07T14:01:00+02:00"));
        // Starting outside hours: the clock starts at the next opening.
        QCOMPARE(cal.addBusinessMinutes(at("2024-06-03T18:30:00+02:00"), 30).value(),
            at("2024-06-04T09:30:00+02:00"));
        QCOMPARE(
            cal.addBusinessMs(at("2024-06-03T18:30:00+02:00"), 0).value(), at("2024-06-03T18:30:00+02:00"));
    }

    void russianNewYearHolidays()
    {
        const auto cal = calendarFrom(kMoscowOffice);
        // Wed 31 Dec 17:00 + 120 min: 60 on the 31st, holidays 1-8 Jan, Fri 9 Jan 09:00 + 60.
        const qint64 start = at("2025-12-31T17:00:00+03:00");
        const qint64 due = cal.addBusinessMinutes(start, 120).value();
        QCOMPARE(cal.formatInstant(due), u"2026-01-09T10:00:00+03:00"_qs);
        QCOMPARE(cal.businessMsBetween(at("2026-01-01T00:00:00+03:00"), at("2026-01-09T00:00:00+03:00")), 0);
        QCOMPARE(cal.businessMsBetween(start, due), 120 * kMin);
    }

    void holidaysApplyTo24x7()
    {
        const auto cal = calendarFrom(R"({"timezone": "Europe/Moscow", "holidays": ["2026-01-01"]})");
        QVERIFY(cal.is24x7());
        QCOMPARE(cal.addBusinessMinutes(at("2025-12-31T23:00:00+03:00"), 120).value(),
            at("2026-01-02T01:00:00+03:00"));
    }

    void yearLongSpansSkipWeeksCorrectly()
    {
        // Week skipping must agree with summing the same span in small pieces.
        for (const char *json : {kBerlinOffice, kMoscowOffice, kNightShift, kSaoPaulo24x7}) {
            const auto cal = calendarFrom(json);
            const qint64 a = at("2018-10-01T08:17:00Z");
            const qint64 b = at("2019-10-03T19:41:00Z");
            qint64 pieces = 0;
            for (qint64 t = a; t < b; t += 3 * 86'400'000LL)
                pieces += calendarFrom(json).businessMsBetween(t, std::min(b, t + 3 * 86'400'000LL));
            const qint64 total = cal.businessMsBetween(a, b);
            QCOMPARE(total, pieces);
            QCOMPARE(cal.addBusinessMs(a, total).value() <= b, true);
            QCOMPARE(cal.businessMsBetween(a, cal.addBusinessMs(a, total).value()), total);
        }
    }

    void propertyAddThenMeasureRoundTrips()
    {
        QRandomGenerator rng(20260302);
        for (const char *json : {kBerlinOffice, kMoscowOffice, kNightShift, kSaoPaulo24x7}) {
            const auto cal = calendarFrom(json);
            for (int i = 0; i < 400; ++i) {
                const qint64 start = at("2016-01-01T00:00:00Z") + qint64(rng.bounded(10 * 365 * 1440)) * kMin
                    + rng.bounded(60'000);
                const qint64 ms = qint64(rng.bounded(300'000)) * kMin / 7;
                const qint64 end = cal.addBusinessMs(start, ms).value();
                QVERIFY(end >= start);
                QCOMPARE(cal.businessMsBetween(start, end), ms);
                if (ms > 0) { // the first such instant: one millisecond earlier is not enough
                    QCOMPARE(cal.businessMsBetween(start, end - 1), ms - 1);
                    QVERIFY(cal.isBusinessTime(end - 1));
                }
                const qint64 mid = start + (end - start) / 3;
                QCOMPARE(cal.businessMsBetween(start, mid) + cal.businessMsBetween(mid, end), ms);
            }
        }
    }

    void propertyAgreesWithMinuteOracleAroundDst()
    {
        QRandomGenerator rng(7);
        const QList<qint64> pivots {at("2024-03-31T01:00:00Z"), at("2024-10-27T01:00:00Z"),
            at("2025-03-09T07:00:00Z"), at("2025-11-02T06:00:00Z"), at("2018-11-04T03:00:00Z"),
            at("2019-02-17T02:00:00Z")};
        for (const char *json : {kBerlinOffice, kNightShift, kSaoPaulo24x7}) {
            const auto cal = calendarFrom(json);
            for (int i = 0; i < 12; ++i) {
                const qint64 a = pivots[rng.bounded(int(pivots.size()))] - qint64(rng.bounded(1440)) * kMin;
                const qint64 b = a + qint64(rng.bounded(2 * 1440)) * kMin;
                QCOMPARE(cal.businessMsBetween(a, b), bruteForceMs(json, a, b));
            }
        }
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown zone")
            << uR"({"timezone": "Mars/Olympus"})"_qs << uR"(unknown time zone "Mars/Olympus")"_qs;
        QTest::newRow("offset is not a zone")
            << uR"({"timezone": "UTC+03:00"})"_qs << u"unknown time zone"_qs;
        QTest::newRow("no zone") << uR"({"weekly": {}})"_qs << u"calendar.timezone: expected an IANA"_qs;
        QTest::newRow("end before start")
            << uR"({"timezone": "UTC", "weekly": {"mon": [["18:00", "09:00"]]}})"_qs
            << u"calendar.weekly.mon[0]: interval ends at 09:00 before it starts at 18:00"_qs;
        QTest::newRow("empty interval")
            << uR"({"timezone": "UTC", "weekly": {"mon": [["09:00", "09:00"]]}})"_qs
            << u"ends at 09:00 before it starts"_qs;
        QTest::newRow("bad HH:MM") << uR"({"timezone": "UTC", "weekly": {"tue": [["9:00", "17:00"]]}})"_qs
                                   << uR"(calendar.weekly.tue[0]: bad start time "9:00")"_qs;
        QTest::newRow("bad minutes") << uR"({"timezone": "UTC", "weekly": {"tue": [["09:00", "17:60"]]}})"_qs
                                     << uR"(bad end time "17:60")"_qs;
        QTest::newRow("24:00 start") << uR"({"timezone": "UTC", "weekly": {"tue": [["24:00", "24:00"]]}})"_qs
                                     << uR"(bad start time "24:00")"_qs;
        QTest::newRow("bad weekday")
            << uR"({"timezone": "UTC", "weekly": {"monday": [["09:00", "17:00"]]}})"_qs
            << uR"(unknown weekday "monday")"_qs;
        QTest::newRow("overlap")
            << uR"({"timezone": "UTC", "weekly": {"mon": [["09:00", "13:00"], ["12:00", "18:00"]]}})"_qs
            << u"intervals 09:00-13:00 and 12:00-18:00 overlap"_qs;
        QTest::newRow("no hours") << uR"({"timezone": "UTC", "weekly": {"mon": []}})"_qs
                                  << u"no business intervals"_qs;
        QTest::newRow("bad holiday")
            << uR"({"timezone": "UTC", "holidays": ["2026-02-30"]})"_qs
            << uR"(calendar.holidays[0]: expected a date "YYYY-MM-DD", got string "2026-02-30")"_qs;
        QTest::newRow("holiday format")
            << uR"({"timezone": "UTC", "holidays": ["01.01.2026"]})"_qs << u"calendar.holidays[0]"_qs;
        QTest::newRow("interval shape") << uR"({"timezone": "UTC", "weekly": {"mon": ["09:00-17:00"]}})"_qs
                                        << uR"(calendar.weekly.mon[0]: expected ["HH:MM", "HH:MM"])"_qs;
        QTest::newRow("unknown key") << uR"({"timezone": "UTC", "holiday": []})"_qs
                                     << uR"(unknown key "holiday")"_qs;
    }

    void parseErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        QString error;
        const auto cal = BusinessCalendar::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &error);
        QVERIFY(!cal);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!error.contains(u'\n'));
    }
};

QTEST_GUILESS_MAIN(TestSlaCalendar)
#include "tst_slacalendar.moc"
