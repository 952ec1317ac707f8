// The roster's queries: which shifts are worked on a day, who is on duty, who comes next.
#include "Roster.h"

#include "sla/BusinessCalendar.h"

#include <algorithm>
#include <set>

namespace triage {

namespace {

constexpr qint64 kJulianEpoch = 2440588; // QDate::toJulianDay() of 1970-01-01
constexpr qint64 kMinuteMs = 60'000;
// Wall-clock offsets stay within ±26 h of UTC (as in BusinessCalendar).
constexpr qint64 kMarginMs = 26 * 3'600'000LL;

struct Planned {
    QString agentId;
    int startMin;
    int endMin;
    bool onCall;
};

int lengthMinutes(int startMin, int endMin)
{
    return endMin > startMin ? endMin - startMin : endMin - startMin + 1440;
}

// The real instants whose wall clock lies in [start, start + length) of local day `day`: across a
// spring-forward gap the shift is shorter, across a fall-back fold longer, as worked.
std::optional<Roster::Duty> toUtc(const BusinessCalendar &calendar, qint64 day, const Planned &p)
{
    const qint64 l1 = day * BusinessCalendar::kDayMs + qint64(p.startMin) * kMinuteMs;
    const qint64 l2 = l1 + qint64(lengthMinutes(p.startMin, p.endMin)) * kMinuteMs;
    std::optional<Roster::Duty> out;
    for (const auto &seg : calendar.offsetSegments(l1 - kMarginMs, l2 + kMarginMs)) {
        const qint64 a = std::max(seg.fromMs, l1 - seg.offsetMs);
        const qint64 b = std::min(seg.toMs, l2 - seg.offsetMs);
        if (a >= b)
            continue;
        if (!out)
            out = Roster::Duty {p.agentId, a, b, p.onCall};
        out->fromMs = std::min(out->fromMs, a);
        out->toMs = std::max(out->toMs, b);
    }
    return out;
}

// Folds several shifts of one agent covering the same instant into one entry.
std::vector<Roster::Duty> byAgent(std::vector<Roster::Duty> duties)
{
    std::sort(duties.begin(), duties.end(),
        [](const Roster::Duty &a, const Roster::Duty &b) { return a.agentId < b.agentId; });
    std::vector<Roster::Duty> out;
    for (Roster::Duty &d : duties) {
        if (!out.empty() && out.back().agentId == d.agentId) {
            out.back().fromMs = std::min(out.back().fromMs, d.fromMs);
            out.back().toMs = std::max(out.back().toMs, d.toMs);
            out.back().onCall = out.back().onCall || d.onCall;
        } else {
            out.push_back(std::move(d));
        }
    }
    return out;
}

bool sameCrew(const std::vector<Roster::Duty> &a, const std::vector<Roster::Duty> &b)
{
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(), [](const Roster::Duty &x, const Roster::Duty &y) {
            return x.agentId == y.agentId && x.onCall == y.onCall;
        });
}

std::vector<Roster::Duty> coveringAt(const std::vector<Roster::Duty> &all, qint64 atMs)
{
    std::vector<Roster::Duty> hit;
    for (const Roster::Duty &d : all) {
        if (d.fromMs <= atMs && atMs < d.toMs)
            hit.push_back(d);
    }
    return byAgent(std::move(hit));
}

} // namespace

std::vector<Roster::Duty> Roster::shiftsStartingOn(const BusinessCalendar &calendar, qint64 localDay) const
{
    const QDate date = QDate::fromJulianDay(localDay + kJulianEpoch);
    const bool holiday = calendar.isHoliday(localDay);
    const quint8 bit = quint8(1u << weekdayOf(localDay));

    std::vector<Planned> planned;
    for (const Shift &s : weekly) {
        if ((s.days & bit) && (!holiday || s.onHolidays))
            planned.push_back({s.agentId, s.startMin, s.endMin, s.onCall});
    }
    // Swaps exchange the pattern's shifts; an override then speaks for the person as swapped (an
    // agent swapped onto a day and then given it off is off).
    for (const Swap &sw : swaps) {
        if (sw.date != date)
            continue;
        for (Planned &p : planned) {
            if (p.agentId == sw.agentId)
                p.agentId = sw.withId;
            else if (p.agentId == sw.withId)
                p.agentId = sw.agentId;
        }
    }
    for (const Override &o : overrides) {
        if (o.off && o.appliesOn(date)) {
            planned.erase(std::remove_if(planned.begin(), planned.end(),
                              [&](const Planned &p) { return p.agentId == o.agentId; }),
                planned.end());
        }
    }
    for (const Override &o : overrides) {
        if (!o.off && o.appliesOn(date))
            planned.push_back({o.agentId, o.startMin, o.endMin, o.onCall});
    }

    std::vector<Duty> out;
    out.reserve(planned.size());
    for (const Planned &p : planned) {
        if (auto d = toUtc(calendar, localDay, p))
            out.push_back(std::move(*d));
    }
    return out;
}

std::vector<Roster::Duty> Roster::onDutyAt(const BusinessCalendar &calendar, qint64 atMs) const
{
    const qint64 day = calendar.localDay(atMs);
    // Shifts last at most 24 h, so only the day before can reach into this one.
    std::vector<Duty> all = shiftsStartingOn(calendar, day - 1);
    for (Duty &d : shiftsStartingOn(calendar, day))
        all.push_back(std::move(d));
    return coveringAt(all, atMs);
}

bool Roster::isOnShift(const BusinessCalendar &calendar, const QString &agentId, qint64 atMs) const
{
    const auto duty = onDutyAt(calendar, atMs);
    return std::any_of(duty.begin(), duty.end(), [&](const Duty &d) { return d.agentId == agentId; });
}

std::optional<Roster::Handover> Roster::nextHandover(
    const BusinessCalendar &calendar, qint64 atMs, int horizonDays) const
{
    const qint64 first = calendar.localDay(atMs);
    std::vector<Duty> all;
    for (qint64 day = first - 1; day <= first + horizonDays; ++day) {
        for (Duty &d : shiftsStartingOn(calendar, day))
            all.push_back(std::move(d));
    }
    std::set<qint64> boundaries;
    for (const Duty &d : all) {
        if (d.fromMs > atMs)
            boundaries.insert(d.fromMs);
        if (d.toMs > atMs)
            boundaries.insert(d.toMs);
    }
    // Shifts starting after the horizon are unknown: a boundary past it may look like a change
    // that is not one.
    const qint64 limit = (first + horizonDays) * BusinessCalendar::kDayMs - kMarginMs;
    const std::vector<Duty> now = coveringAt(all, atMs);
    for (const qint64 b : boundaries) {
        if (b > limit)
            break;
        std::vector<Duty> then = coveringAt(all, b);
        if (!sameCrew(now, then))
            return Handover {b, std::move(then)};
    }
    return std::nullopt;
}

std::optional<Roster::Duty> Roster::nextShiftOf(
    const BusinessCalendar &calendar, const QString &agentId, qint64 atMs, int horizonDays) const
{
    const qint64 first = calendar.localDay(atMs);
    std::optional<Duty> best;
    for (qint64 day = first - 1; day <= first + horizonDays; ++day) {
        for (Duty &d : shiftsStartingOn(calendar, day)) {
            if (d.agentId == agentId && d.fromMs > atMs && (!best || d.fromMs < best->fromMs))
                best = std::move(d);
        }
        // Starts on later days are later still (each lies within its own local day).
        if (best && day > first)
            break;
    }
    return best;
}

QStringList Roster::firstResponders(const std::vector<Duty> &onDuty)
{
    QStringList all;
    QStringList onCall;
    for (const Duty &d : onDuty) {
        all << d.agentId;
        if (d.onCall)
            onCall << d.agentId;
    }
    return onCall.isEmpty() ? all : onCall;
}

QStringList Roster::onDutyIds(
    const Roster *roster, const BusinessCalendar *calendar, const QString &fallbackId, qint64 atMs)
{
    if (roster && calendar && !roster->isEmpty())
        return firstResponders(roster->onDutyAt(*calendar, atMs));
    return fallbackId.isEmpty() ? QStringList() : QStringList {fallbackId};
}

QStringList Roster::agentIds() const
{
    std::set<QString> ids;
    for (const Shift &s : weekly)
        ids.insert(s.agentId);
    for (const Override &o : overrides)
        ids.insert(o.agentId);
    for (const Swap &s : swaps) {
        ids.insert(s.agentId);
        ids.insert(s.withId);
    }
    return QStringList(ids.begin(), ids.end());
}

} // namespace triage
