// The on-duty roster (issue 18): weekly pattern, overrides, swaps, holidays and DST on the group's
// business calendar; who is on duty, who is next; its JSON.
#include "routing/Roster.h"
#include "sla/BusinessCalendar.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace triage;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 60 * kMin;

const QString kGroup = u"00000000-0000-7000-8000-0000000000aa"_qs;
const QString kAnna = u"00000000-0000-7000-8000-000000000001"_qs;
const QString kBoris = u"00000000-0000-7000-8000-000000000002"_qs;
const QString kDenis = u"00000000-0000-7000-8000-000000000003"_qs;

qint64 at(const char *iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toMSecsSinceEpoch();
}

BusinessCalendar calendar(const char *json)
{
    QString error;
    auto cal = BusinessCalendar::fromJson(QJsonDocument::fromJson(QByteArray(json)).object(), &error);
    if (!cal)
        qFatal("calendar: %s", qPrintable(error));
    return *cal;
}

// Moscow (no DST since 2014); 2026-03-09 (a Monday) is a public holiday.
BusinessCalendar moscow()
{
    return calendar(R"({"timezone": "Europe/Moscow", "holidays": ["2026-03-09"]})");
}

Roster parse(const QString &json)
{
    FieldErrors errors;
    auto r = Roster::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &errors);
    if (!r)
        qFatal("roster: %s", qPrintable(describe(errors)));
    return *r;
}

// Anna works weekdays 09-18, Boris weekdays 12-21, Denis is on call every night 21:00-09:00
// (holidays included) and all weekend.
QString officeJson(const QString &extra = {})
{
    return uR"({"group_id": "%1", "weekly": [
        {"agent_id": "%2", "days": ["mon","tue","wed","thu","fri"], "start": "09:00", "end": "18:00"},
        {"agent_id": "%3", "days": ["mon","tue","wed","thu","fri"], "start": "12:00", "end": "21:00"},
        {"agent_id": "%4", "days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "21:00", "end": "09:00",
         "on_call": true, "on_holidays": true}]%5})"_qs.arg(kGroup, kAnna, kBoris, kDenis, extra);
}

QStringList ids(const std::vector<Roster::Duty> &duties)
{
    QStringList out;
    for (const auto &d : duties)
        out << d.agentId;
    return out;
}

} // namespace

class TestRoster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weeklyPattern()
    {
        const Roster r = parse(officeJson());
        const BusinessCalendar cal = moscow();
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-03T10:00:00+03:00"))), QStringList {kAnna});
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-03T13:00:00+03:00"))), (QStringList {kAnna, kBoris}));
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-03T20:59:00+03:00"))), QStringList {kBoris});
        // Overnight: Monday's 21:00 shift still runs at 08:59 on Tuesday, not at 09:00.
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-03T08:59:00+03:00"))), QStringList {kDenis});
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-03T09:00:00+03:00"))), QStringList {kAnna});
        const auto night = r.onDutyAt(cal, at("2026-03-03T23:00:00+03:00"));
        QCOMPARE(night.size(), size_t(1));
        QVERIFY(night[0].onCall);
        QCOMPARE(night[0].fromMs, at("2026-03-03T21:00:00+03:00"));
        QCOMPARE(night[0].toMs, at("2026-03-04T09:00:00+03:00"));
        // Saturday: nobody by day, Denis by night.
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-07T12:00:00+03:00"))), QStringList {});
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-07T23:00:00+03:00"))), QStringList {kDenis});
        QVERIFY(r.isOnShift(cal, kAnna, at("2026-03-04T17:59:00+03:00")));
        QVERIFY(!r.isOnShift(cal, kAnna, at("2026-03-04T18:00:00+03:00")));
    }

    void nextHandover()
    {
        const Roster r = parse(officeJson());
        const BusinessCalendar cal = moscow();
        auto next = r.nextHandover(cal, at("2026-03-03T10:00:00+03:00"));
        QVERIFY(next);
        QCOMPARE(next->atMs, at("2026-03-03T12:00:00+03:00"));
        QCOMPARE(ids(next->onDuty), (QStringList {kAnna, kBoris}));
        next = r.nextHandover(cal, at("2026-03-03T19:00:00+03:00"));
        QCOMPARE(next->atMs, at("2026-03-03T21:00:00+03:00"));
        QCOMPARE(ids(next->onDuty), QStringList {kDenis});
        // Friday's night shift ends on Saturday 09:00 into nobody.
        next = r.nextHandover(cal, at("2026-03-06T22:00:00+03:00"));
        QVERIFY(next);
        QCOMPARE(next->atMs, at("2026-03-07T09:00:00+03:00"));
        QVERIFY(next->onDuty.empty());
        // Monday 9 March is a holiday: nobody comes at 09:00, Denis at 21:00, Anna on Tuesday.
        next = r.nextHandover(cal, at("2026-03-09T10:00:00+03:00"));
        QCOMPARE(next->atMs, at("2026-03-09T21:00:00+03:00"));
        QCOMPARE(ids(next->onDuty), QStringList {kDenis});
        next = r.nextHandover(cal, at("2026-03-09T22:00:00+03:00"));
        QCOMPARE(next->atMs, at("2026-03-10T09:00:00+03:00"));
        QCOMPARE(ids(next->onDuty), QStringList {kAnna});
        // An empty roster never hands over.
        Roster empty;
        empty.groupId = kGroup;
        QVERIFY(!empty.nextHandover(cal, at("2026-03-09T22:00:00+03:00")));
    }

    void holiday()
    {
        const Roster r = parse(officeJson());
        const BusinessCalendar cal = moscow();
        // 2026-03-09 is a holiday: Anna and Boris are off; Denis's on-call shift runs anyway.
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-09T10:00:00+03:00"))), QStringList {});
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-09T22:00:00+03:00"))), QStringList {kDenis});
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-10T10:00:00+03:00"))), QStringList {kAnna});
        const auto annaNext = r.nextShiftOf(cal, kAnna, at("2026-03-06T19:00:00+03:00"));
        QVERIFY(annaNext);
        QCOMPARE(annaNext->fromMs, at("2026-03-10T09:00:00+03:00"));
        // The week before has no holiday: Monday 2 March is worked.
        QCOMPARE(r.nextShiftOf(cal, kAnna, at("2026-02-27T19:00:00+03:00"))->fromMs,
            at("2026-03-02T09:00:00+03:00"));
    }

    void dstChange()
    {
        // Berlin: clocks go forward on 2026-03-29 02:00 → 03:00 and back on 2026-10-25 03:00 → 02:00.
        const BusinessCalendar cal = calendar(R"({"timezone": "Europe/Berlin"})");
        const Roster r = parse(uR"({"group_id": "%1", "weekly": [
            {"agent_id": "%2", "days": ["sat"], "start": "22:00", "end": "06:00"},
            {"agent_id": "%3", "days": ["mon"], "start": "09:00", "end": "17:00"}]})"_qs.arg(
            kGroup, kDenis, kAnna));
        const auto spring = r.shiftsStartingOn(cal, cal.localDay(at("2026-03-28T12:00:00+01:00")));
        QCOMPARE(spring.size(), size_t(1));
        QCOMPARE(spring[0].fromMs, at("2026-03-28T22:00:00+01:00"));
        QCOMPARE(spring[0].toMs, at("2026-03-29T06:00:00+02:00"));
        QCOMPARE(spring[0].toMs - spring[0].fromMs, 7 * kHour); // the skipped hour is not worked
        const auto autumn = r.shiftsStartingOn(cal, cal.localDay(at("2026-10-24T12:00:00+02:00")));
        QCOMPARE(autumn.size(), size_t(1));
        QCOMPARE(autumn[0].toMs - autumn[0].fromMs, 9 * kHour); // the repeated hour is worked twice
        // Wall-clock shifts follow the offset: Monday 09:00 is 08:00 UTC before, 07:00 UTC after.
        QVERIFY(r.isOnShift(cal, kAnna, at("2026-03-23T08:00:00Z")));
        QVERIFY(!r.isOnShift(cal, kAnna, at("2026-03-23T07:30:00Z")));
        QVERIFY(r.isOnShift(cal, kAnna, at("2026-03-30T07:30:00Z")));
        QVERIFY(!r.isOnShift(cal, kAnna, at("2026-03-30T15:30:00Z")));
        // At 02:30 UTC on 29 March (04:30 CEST) Denis is on; at 04:00 UTC (06:00 CEST) he is off.
        QVERIFY(r.isOnShift(cal, kDenis, at("2026-03-29T02:30:00Z")));
        QVERIFY(!r.isOnShift(cal, kDenis, at("2026-03-29T04:00:00Z")));
        const auto next = r.nextHandover(cal, at("2026-03-29T02:30:00Z"));
        QVERIFY(next);
        QCOMPARE(next->atMs, at("2026-03-29T04:00:00Z"));
        QVERIFY(next->onDuty.empty());
    }

    void swapsAndOverrides()
    {
        const QString extra = uR"(, "swaps": [{"date": "2026-03-04", "agent_id": "%1", "with_id": "%2"}],
            "overrides": [{"date": "2026-03-05", "agent_id": "%1", "off": true},
                          {"date": "2026-03-05", "agent_id": "%3", "start": "10:00", "end": "14:00"},
                          {"date": "2026-03-07", "agent_id": "%1", "start": "10:00", "end": "12:00", "on_call": true}])"_qs
                                  .arg(kAnna, kBoris, kDenis);
        const Roster r = parse(officeJson(extra));
        const BusinessCalendar cal = moscow();
        // Wednesday 4 March: Anna works Boris's 12-21 and Boris Anna's 09-18.
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-04T10:00:00+03:00"))), QStringList {kBoris});
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-04T19:00:00+03:00"))), QStringList {kAnna});
        // Other days are unchanged.
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-11T10:00:00+03:00"))), QStringList {kAnna});
        // Thursday: Anna off, Denis covers 10-14 (not on call), Boris as usual.
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-05T09:30:00+03:00"))), QStringList {});
        const auto thu = r.onDutyAt(cal, at("2026-03-05T13:00:00+03:00"));
        QCOMPARE(ids(thu), (QStringList {kBoris, kDenis}));
        QVERIFY(!thu[1].onCall);
        // Saturday: Anna added on call for two hours.
        const auto sat = r.onDutyAt(cal, at("2026-03-07T11:00:00+03:00"));
        QCOMPARE(ids(sat), QStringList {kAnna});
        QVERIFY(sat[0].onCall);
        QCOMPARE(r.agentIds(), (QStringList {kAnna, kBoris, kDenis}));
        // First responders: the on-call agent when one is on, else whoever is on shift.
        QCOMPARE(Roster::onDutyIds(&r, &cal, kAnna, at("2026-03-05T13:00:00+03:00")),
            (QStringList {kBoris, kDenis}));
        QCOMPARE(Roster::onDutyIds(&r, &cal, kAnna, at("2026-03-05T23:00:00+03:00")), QStringList {kDenis});
        QCOMPARE(Roster::onDutyIds(&r, &cal, kAnna, at("2026-03-07T11:00:00+03:00")), QStringList {kAnna});
        QCOMPARE(Roster::onDutyIds(nullptr, &cal, kAnna, 0), QStringList {kAnna});
        QCOMPARE(Roster::onDutyIds(&r, nullptr, QString(), 0), QStringList {});
    }

    void vacation()
    {
        // Anna is away for a week and Boris covers her mornings for those days.
        const QString extra = uR"(, "overrides": [
            {"date": "2026-03-16", "until": "2026-03-22", "agent_id": "%1", "off": true},
            {"date": "2026-03-16", "until": "2026-03-20", "agent_id": "%2", "start": "09:00", "end": "12:00"}])"_qs
                                  .arg(kAnna, kBoris);
        const Roster r = parse(officeJson(extra));
        const BusinessCalendar cal = moscow();
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-13T10:00:00+03:00"))), QStringList {kAnna});
        for (const char *day :
            {"2026-03-16T10:00:00+03:00", "2026-03-18T10:00:00+03:00", "2026-03-20T10:00:00+03:00"})
            QCOMPARE(ids(r.onDutyAt(cal, at(day))), QStringList {kBoris});
        QCOMPARE(ids(r.onDutyAt(cal, at("2026-03-23T10:00:00+03:00"))), QStringList {kAnna});
        QCOMPARE(r.nextShiftOf(cal, kAnna, at("2026-03-13T19:00:00+03:00"))->fromMs,
            at("2026-03-23T09:00:00+03:00"));
        const auto back = Roster::fromJson(r.toJson(), nullptr);
        QVERIFY(back);
        QCOMPARE(*back, r);
    }

    // Against a brute-force oracle: random rosters, minute-exact duty sets at random instants.
    void randomAgainstOracle()
    {
        const quint32 seed = qEnvironmentVariableIsSet("TRIAGE_TEST_SEED")
            ? quint32(qEnvironmentVariableIntValue("TRIAGE_TEST_SEED"))
            : 20261208u;
        qInfo("seed %u (set TRIAGE_TEST_SEED to replay)", seed);
        QRandomGenerator rng(seed);
        const BusinessCalendar cal = moscow(); // fixed offset +03:00: the oracle is wall-clock maths
        const QStringList agents {kAnna, kBoris, kDenis};
        for (int round = 0; round < 50; ++round) {
            Roster r;
            r.groupId = kGroup;
            for (int i = 0; i < 4; ++i) {
                Roster::Shift s;
                s.agentId = agents.at(rng.bounded(3));
                s.days = quint8(1 + rng.bounded(127));
                s.startMin = rng.bounded(24) * 60;
                s.endMin = 60 + rng.bounded(24) * 60;
                r.weekly.push_back(s);
            }
            QVERIFY2(r.validate().isEmpty(), qPrintable(describe(r.validate())));
            const auto back = Roster::fromJson(r.toJson(), nullptr);
            QVERIFY(back);
            QCOMPARE(*back, r);
            for (int probe = 0; probe < 40; ++probe) {
                const qint64 t = at("2026-03-02T00:00:00+03:00") + qint64(rng.bounded(14 * 24 * 60)) * kMin;
                QSet<QString> expected;
                const qint64 local = t + 3 * kHour;
                const qint64 day = local / BusinessCalendar::kDayMs;
                const int minute = int(local % BusinessCalendar::kDayMs / kMin);
                for (const auto &s : r.weekly) {
                    const int len
                        = s.endMin > s.startMin ? s.endMin - s.startMin : s.endMin - s.startMin + 1440;
                    for (const qint64 d : {day - 1, day}) {
                        if (!(s.days & (1u << weekdayOf(d))) || cal.isHoliday(d))
                            continue;
                        const int since = int((day - d) * 1440 + minute - s.startMin);
                        if (since >= 0 && since < len)
                            expected.insert(s.agentId);
                    }
                }
                const QStringList got = ids(r.onDutyAt(cal, t));
                QCOMPARE(QSet<QString>(got.begin(), got.end()), expected);
            }
        }
    }

    void jsonRoundTrip()
    {
        const QString extra = uR"(, "swaps": [{"date": "2026-03-04", "agent_id": "%1", "with_id": "%2"}],
            "overrides": [{"date": "2026-03-05", "agent_id": "%1", "off": true},
                          {"date": "2026-03-05", "agent_id": "%3", "start": "10:00", "end": "24:00", "on_call": true}])"_qs
                                  .arg(kAnna, kBoris, kDenis);
        const Roster r = parse(officeJson(extra));
        QCOMPARE(r.weekly.size(), size_t(3));
        QCOMPARE(r.overrides.size(), size_t(2));
        QCOMPARE(r.swaps.size(), size_t(1));
        const auto back = Roster::fromJson(r.toJson(), nullptr);
        QVERIFY(back);
        QCOMPARE(*back, r);
        QCOMPARE(r.toJson().value(u"overrides"_qs).toArray().at(1).toObject().value(u"end"_qs).toString(),
            u"24:00"_qs);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("field");
        const QString g = kGroup;
        const QString a = kAnna;
        QTest::newRow("bad start")
            << uR"({"group_id":"%1","weekly":[{"agent_id":"%2","days":["mon"],"start":"25:00","end":"18:00"}]})"_qs
                   .arg(g, a)
            << u"weekly[0].start"_qs;
        QTest::newRow("bad weekday")
            << uR"({"group_id":"%1","weekly":[{"agent_id":"%2","days":["monday"],"start":"09:00","end":"18:00"}]})"_qs
                   .arg(g, a)
            << u"weekly[0].days"_qs;
        QTest::newRow("no days")
            << uR"({"group_id":"%1","weekly":[{"agent_id":"%2","days":[],"start":"09:00","end":"18:00"}]})"_qs
                   .arg(g, a)
            << u"weekly[0].days"_qs;
        QTest::newRow("unknown key")
            << uR"({"group_id":"%1","weekly":[{"agent_id":"%2","days":["mon"],"start":"09:00","end":"18:00","oncall":true}]})"_qs
                   .arg(g, a)
            << u"weekly[0].oncall"_qs;
        QTest::newRow("bad agent")
            << uR"({"group_id":"%1","weekly":[{"agent_id":"anna","days":["mon"],"start":"09:00","end":"18:00"}]})"_qs
                   .arg(g)
            << u"weekly[0].agent_id"_qs;
        QTest::newRow("off with times")
            << uR"({"group_id":"%1","overrides":[{"date":"2026-03-05","agent_id":"%2","off":true,"start":"09:00"}]})"_qs
                   .arg(g, a)
            << u"overrides[0].off"_qs;
        QTest::newRow("bad date")
            << uR"({"group_id":"%1","overrides":[{"date":"2026-02-30","agent_id":"%2","off":true}]})"_qs.arg(
                   g, a)
            << u"overrides[0].date"_qs;
        QTest::newRow("until before date")
            << uR"({"group_id":"%1","overrides":[{"date":"2026-03-05","until":"2026-03-04","agent_id":"%2","off":true}]})"_qs
                   .arg(g, a)
            << u"overrides[0].until"_qs;
        QTest::newRow("self swap")
            << uR"({"group_id":"%1","swaps":[{"date":"2026-03-05","agent_id":"%2","with_id":"%2"}]})"_qs.arg(
                   g, a)
            << u"swaps[0].with_id"_qs;
        QTest::newRow("top-level key") << uR"({"group_id":"%1","weekley":[]})"_qs.arg(g) << u"weekley"_qs;
        QTest::newRow("no group") << uR"({"weekly":[]})"_qs << u"group_id"_qs;
    }

    void parseErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, field);
        FieldErrors errors;
        QVERIFY(!Roster::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &errors));
        QVERIFY2(
            std::any_of(errors.begin(), errors.end(), [&](const FieldError &e) { return e.field == field; }),
            qPrintable(describe(errors)));
    }
};

QTEST_GUILESS_MAIN(TestRoster)
#include "tst_roster.moc"
