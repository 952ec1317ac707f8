#pragma once

#include "ZoneOffsets.h"

#include <QJsonValue>
#include <QString>
#include <QTimeZone>

#include <array>
#include <optional>
#include <unordered_map>
#include <vector>

namespace triage {

// A team's business hours: an IANA zone, weekly wall-clock intervals and holidays. Business time is
// real elapsed time inside the intervals, so across DST a skipped local hour counts 0 and a
// repeated one counts twice. All instants are UTC milliseconds since the epoch.
//
// Arithmetic works on per-local-day lists of UTC intervals, computed once per date and cached, and
// skips whole weeks when no holiday or offset change falls inside them. The cache makes const
// methods non-thread-safe: give each thread its own copy.
class BusinessCalendar
{
public:
    struct Interval {
        qint64 fromMs; // UTC, inclusive
        qint64 toMs; // UTC, exclusive
    };
    // Local minutes of the day [start, end); end may be 1440 ("24:00").
    using DayRules = std::vector<std::pair<int, int>>;
    using WeekRules = std::array<DayRules, 7>; // Monday first

    static constexpr qint64 kDayMs = 86'400'000;

    // 24x7 in UTC.
    BusinessCalendar();
    // `weekly` empty means 24x7. `holidays` are local dates.
    BusinessCalendar(
        const QTimeZone &zone, std::optional<WeekRules> weekly, const std::vector<QDate> &holidays);

    // Parses the `calendar` object of docs/sla-case-format.md; on failure returns nullopt and a
    // one-line message naming the offending field.
    static std::optional<BusinessCalendar> fromJson(const QJsonValue &json, QString *error);

    const QTimeZone &timeZone() const { return m_offsets.zone(); }
    bool is24x7() const { return !m_weekly.has_value(); }

    // The first instant at which `ms` business milliseconds have accrued since `startMs` (an
    // instant exactly at the end of an interval stays there). nullopt if that never happens.
    std::optional<qint64> addBusinessMs(qint64 startMs, qint64 ms) const;
    std::optional<qint64> addBusinessMinutes(qint64 startMs, double minutes) const;
    // Business milliseconds in [aMs, bMs); 0 when b <= a.
    qint64 businessMsBetween(qint64 aMs, qint64 bMs) const;
    bool isBusinessTime(qint64 ms) const;

    // Local calendar day (days since 1970-01-01 in the zone) of an instant.
    qint64 localDay(qint64 utcMs) const;
    // Business intervals whose wall-clock time falls on `localDay`, in UTC, sorted and merged.
    const std::vector<Interval> &intervalsOnDay(qint64 localDay) const;
    qint64 offsetMsAt(qint64 utcMs) const { return m_offsets.offsetMsAt(utcMs); }
    // Constant-offset pieces of the zone covering [fromMs, toMs): wall-clock times of other
    // schedules on this calendar (core/routing/Roster's shifts) map to UTC through them.
    std::vector<ZoneOffsets::Segment> offsetSegments(qint64 fromMs, qint64 toMs) const
    {
        return m_offsets.segments(fromMs, toMs);
    }
    bool isHoliday(qint64 localDay) const;

    // "2026-03-02T10:15:00+03:00" (milliseconds only when non-zero).
    QString formatInstant(qint64 utcMs) const;

private:
    struct Day {
        std::vector<Interval> intervals;
        qint64 totalMs = 0;
    };
    const Day &day(qint64 localDay) const;
    bool canSkipWeek(qint64 firstDay) const;

    ZoneOffsets m_offsets;
    std::optional<WeekRules> m_weekly;
    std::vector<qint64> m_holidays; // sorted local days
    qint64 m_weekMs = 0; // business ms of a week without holidays or offset changes
    mutable std::unordered_map<qint64, Day> m_days;
};

// Day-of-week of a local day number, Monday = 0.
constexpr int weekdayOf(qint64 localDay)
{
    return int(((localDay + 3) % 7 + 7) % 7);
}

} // namespace triage
