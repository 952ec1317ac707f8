#include "BusinessCalendar.h"

#include <QDate>

#include <algorithm>
#include <cmath>

namespace triage {
namespace {

constexpr qint64 kJulianEpoch = 2440588; // QDate::toJulianDay() of 1970-01-01
// Wall-clock offsets stay within ±26 h of UTC, so a local day's instants lie in this margin.
constexpr qint64 kMarginMs = 26 * 3'600'000LL;
// Searching further than this for business time means the calendar has (almost) none.
constexpr qint64 kMaxSearchDays = 366 * 50;

} // namespace

BusinessCalendar::BusinessCalendar()
    : BusinessCalendar(QTimeZone::utc(), std::nullopt, {})
{ }

BusinessCalendar::BusinessCalendar(
    const QTimeZone &zone, std::optional<WeekRules> weekly, const std::vector<QDate> &holidays)
    : m_offsets(zone)
    , m_weekly(std::move(weekly))
{
    for (const QDate &d : holidays)
        m_holidays.push_back(d.toJulianDay() - kJulianEpoch);
    std::sort(m_holidays.begin(), m_holidays.end());
    m_holidays.erase(std::unique(m_holidays.begin(), m_holidays.end()), m_holidays.end());
    if (!m_weekly) {
        m_weekMs = 7 * kDayMs;
    } else {
        for (const DayRules &rules : *m_weekly) {
            for (const auto &[s, e] : rules)
                m_weekMs += qint64(e - s) * 60'000;
        }
    }
}

bool BusinessCalendar::isHoliday(qint64 localDay) const
{
    return std::binary_search(m_holidays.begin(), m_holidays.end(), localDay);
}

qint64 BusinessCalendar::localDay(qint64 utcMs) const
{
    return floorDiv(utcMs + m_offsets.offsetMsAt(utcMs), kDayMs);
}

const BusinessCalendar::Day &BusinessCalendar::day(qint64 localDay) const
{
    const auto found = m_days.find(localDay);
    if (found != m_days.end())
        return found->second;
    if (m_days.size() > 200'000) // a long-lived process walking decades; cheap to rebuild
        m_days.clear();

    Day d;
    if (!isHoliday(localDay)) {
        static const DayRules kAllDay {{0, 24 * 60}};
        const DayRules &rules = m_weekly ? (*m_weekly)[size_t(weekdayOf(localDay))] : kAllDay;
        if (!rules.empty()) {
            const qint64 dayStartLocal = localDay * kDayMs;
            // Instants whose wall clock is in [L1, L2): within each constant-offset piece of the
            // timeline that is [L1 - offset, L2 - offset). Gaps yield nothing, folds yield twice.
            const auto segs
                = m_offsets.segments(dayStartLocal - kMarginMs, dayStartLocal + kDayMs + kMarginMs);
            for (const auto &[s, e] : rules) {
                const qint64 l1 = dayStartLocal + qint64(s) * 60'000;
                const qint64 l2 = dayStartLocal + qint64(e) * 60'000;
                for (const auto &seg : segs) {
                    const qint64 a = std::max(seg.fromMs, l1 - seg.offsetMs);
                    const qint64 b = std::min(seg.toMs, l2 - seg.offsetMs);
                    if (a < b)
                        d.intervals.push_back({a, b});
                }
            }
            std::sort(d.intervals.begin(), d.intervals.end(),
                [](const Interval &x, const Interval &y) { return x.fromMs < y.fromMs; });
            std::vector<Interval> merged;
            for (const Interval &iv : d.intervals) {
                if (!merged.empty() && iv.fromMs <= merged.back().toMs)
                    merged.back().toMs = std::max(merged.back().toMs, iv.toMs);
                else
                    merged.push_back(iv);
            }
            d.intervals = std::move(merged);
            for (const Interval &iv : d.intervals)
                d.totalMs += iv.toMs - iv.fromMs;
        }
    }
    return m_days.emplace(localDay, std::move(d)).first->second;
}

const std::vector<BusinessCalendar::Interval> &BusinessCalendar::intervalsOnDay(qint64 localDay) const
{
    return day(localDay).intervals;
}

bool BusinessCalendar::canSkipWeek(qint64 firstDay) const
{
    if (m_weekMs <= 0)
        return false;
    const auto h = std::lower_bound(m_holidays.begin(), m_holidays.end(), firstDay);
    if (h != m_holidays.end() && *h < firstDay + 7)
        return false;
    const qint64 from = firstDay * kDayMs - kMarginMs;
    return !m_offsets.changesWithin(from, (firstDay + 7) * kDayMs + kMarginMs);
}

std::optional<qint64> BusinessCalendar::addBusinessMs(qint64 startMs, qint64 ms) const
{
    if (ms <= 0)
        return startMs;
    qint64 left = ms;
    const qint64 first = localDay(startMs);
    for (const Interval &iv : day(first).intervals) {
        if (iv.toMs <= startMs)
            continue;
        const qint64 from = std::max(iv.fromMs, startMs);
        if (left <= iv.toMs - from)
            return from + left;
        left -= iv.toMs - from;
    }
    for (qint64 d = first + 1; d <= first + kMaxSearchDays;) {
        if (left > m_weekMs && canSkipWeek(d)) {
            left -= m_weekMs;
            d += 7;
            continue;
        }
        const Day &today = day(d);
        if (left > today.totalMs) {
            left -= today.totalMs;
        } else {
            for (const Interval &iv : today.intervals) {
                if (left <= iv.toMs - iv.fromMs)
                    return iv.fromMs + left;
                left -= iv.toMs - iv.fromMs;
            }
        }
        ++d;
    }
    return std::nullopt;
}

std::optional<qint64> BusinessCalendar::addBusinessMinutes(qint64 startMs, double minutes) const
{
    return addBusinessMs(startMs, std::llround(minutes * 60'000.0));
}

qint64 BusinessCalendar::businessMsBetween(qint64 aMs, qint64 bMs) const
{
    if (bMs <= aMs)
        return 0;
    const qint64 first = localDay(aMs);
    const qint64 last = localDay(bMs);
    qint64 sum = 0;
    for (qint64 d = first; d <= last;) {
        if (d > first && d + 7 <= last && canSkipWeek(d)) {
            sum += m_weekMs;
            d += 7;
            continue;
        }
        const Day &today = day(d);
        if (d > first && d < last) {
            sum += today.totalMs;
        } else {
            for (const Interval &iv : today.intervals) {
                const qint64 a = std::max(iv.fromMs, aMs);
                const qint64 b = std::min(iv.toMs, bMs);
                if (a < b)
                    sum += b - a;
            }
        }
        ++d;
    }
    return sum;
}

bool BusinessCalendar::isBusinessTime(qint64 ms) const
{
    const auto &ivs = day(localDay(ms)).intervals;
    return std::any_of(
        ivs.begin(), ivs.end(), [ms](const Interval &iv) { return iv.fromMs <= ms && ms < iv.toMs; });
}

QString BusinessCalendar::formatInstant(qint64 utcMs) const
{
    const qint64 offset = m_offsets.offsetMsAt(utcMs);
    const qint64 local = utcMs + offset;
    const qint64 dayNo = floorDiv(local, kDayMs);
    const qint64 msOfDay = local - dayNo * kDayMs;
    const QDate date = QDate::fromJulianDay(dayNo + kJulianEpoch);
    const int h = int(msOfDay / 3'600'000);
    const int m = int(msOfDay / 60'000 % 60);
    const int s = int(msOfDay / 1000 % 60);
    const int milli = int(msOfDay % 1000);
    QString out = date.toString(Qt::ISODate) + u'T'
        + QStringLiteral("%1:%2:%3")
              .arg(h, 2, 10, QChar(u'0'))
              .arg(m, 2, 10, QChar(u'0'))
              .arg(s, 2, 10, QChar(u'0'));
    if (milli != 0)
        out += u'.' + QStringLiteral("%1").arg(milli, 3, 10, QChar(u'0'));
    const qint64 absOff = offset < 0 ? -offset : offset;
    const int offH = int(absOff / 3'600'000);
    const int offM = int(absOff / 60'000 % 60);
    const int offS = int(absOff / 1000 % 60);
    out += (offset < 0 ? u'-' : u'+')
        + QStringLiteral("%1:%2").arg(offH, 2, 10, QChar(u'0')).arg(offM, 2, 10, QChar(u'0'));
    if (offS != 0) // pre-1900 local mean time; not ISO 8601 but not lossy either
        out += u':' + QStringLiteral("%1").arg(offS, 2, 10, QChar(u'0'));
    return out;
}

} // namespace triage
