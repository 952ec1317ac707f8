#include "MetricsReport.h"

#include "MetricsStore.h"
#include "RecurringIssues.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace triage {
namespace {

constexpr qint64 kHourMs = 3'600'000;

// Value at fractional rank p * (n - 1) of `v`, interpolated; O(n) with nth_element.
double rankValue(std::vector<qint64> &v, double p)
{
    const double idx = p * double(v.size() - 1);
    const auto lo = size_t(std::floor(idx));
    std::nth_element(v.begin(), v.begin() + qsizetype(lo), v.end());
    const double a = double(v[lo]);
    if (double(lo) == idx)
        return a;
    const double b = double(*std::min_element(v.begin() + qsizetype(lo) + 1, v.end()));
    return a + (b - a) * (idx - double(lo));
}

} // namespace

qint64 localMidnight(const BusinessCalendar &cal, qint64 localDay)
{
    // The first instant whose local day is `localDay`; binary search because offsets vary.
    const qint64 guess = localDay * BusinessCalendar::kDayMs;
    qint64 lo = guess - 27 * kHourMs; // local day < localDay here
    qint64 hi = guess + 27 * kHourMs; // and >= here
    while (hi - lo > 1) {
        const qint64 mid = lo + (hi - lo) / 2;
        (cal.localDay(mid) >= localDay ? hi : lo) = mid;
    }
    return hi;
}

DurationStats DurationStats::of(std::vector<qint64> &values)
{
    DurationStats s;
    s.count = qint64(values.size());
    if (values.empty())
        return s;
    double sum = 0;
    for (const qint64 x : values)
        sum += double(x);
    s.averageMs = sum / double(values.size());
    s.p90Ms = rankValue(values, 0.9);
    s.medianMs = rankValue(values, 0.5);
    return s;
}

MetricsReport MetricsReport::compute(const MetricsStore &store, const MetricsQuery &query)
{
    MetricsReport r;
    r.query = query;
    const BusinessCalendar &cal = store.calendar();
    r.timeZone = QString::fromUtf8(cal.timeZone().id());
    if (query.filter.group)
        r.groupName = store.groupName(*query.filter.group);
    if (query.filter.assignee)
        r.agentName = store.agentName(*query.filter.assignee);
    const qint64 from = query.from;
    const qint64 to = query.to;
    const qint64 asOf = query.effectiveAsOf();
    if (to <= from)
        return r;

    // Days of the period in the calendar's zone; samples are the instants each day ends.
    const qint64 firstDay = cal.localDay(from);
    const qint64 lastDay = cal.localDay(to - 1);
    std::vector<qint64> samples;
    for (qint64 d = firstDay; d <= lastDay; ++d) {
        Day day;
        day.localDay = d;
        r.days.push_back(day);
        samples.push_back(std::min(to, localMidnight(cal, d + 1)));
    }
    std::vector<qint64> backlogDiff(samples.size() + 1, 0);

    std::vector<qint64> frtCal, frtBiz, firstCal, firstBiz, fullCal, fullBiz;
    std::vector<qint64> agentOpen(size_t(store.agentNames().size()), 0);
    std::vector<qint64> agentResolved(agentOpen.size(), 0);
    std::vector<RecurringCandidate> candidates;
    TicketFacts scratch;

    for (qsizetype i = 0; i < store.size(); ++i) {
        const TicketLog &t = store.ticket(i);
        if (t.createdAt() >= asOf)
            continue;
        const TicketFacts &f = store.factsAsOf(i, asOf, scratch);
        if (!f.exists || !query.filter.matches(f.dims))
            continue;
        const MetricDims dims = MetricDims::unpack(f.dims);
        const bool open = f.isOpen();
        if (open && dims.assignee >= 0)
            ++agentOpen[size_t(dims.assignee)];
        // Nothing of a ticket done before the period, or created after it, can fall inside it.
        if (f.quietFrom(from) || f.createdAt >= to)
            continue;
        if (f.createdAt >= from && t.textKey != 0)
            candidates.push_back({i, f.createdAt, t.textKey});

        f.contributions(asOf, [&](qint64 at, MetricCounters::Field field, qint64 value) {
            if (at < from || at >= to)
                return;
            r.totals[field] += value;
            switch (field) {
            case MetricCounters::Created:
            case MetricCounters::Resolutions: {
                const int col = field == MetricCounters::Created ? 0 : 1;
                const qint64 local = at + cal.offsetMsAt(at);
                const qint64 day = floorDiv(local, BusinessCalendar::kDayMs);
                auto &row = r.days[size_t(std::clamp(day - firstDay, qint64(0), qint64(r.days.size()) - 1))];
                (col == 0 ? row.created : row.resolved) += value;
                r.byHourOfDay[size_t(floorDiv(local, kHourMs) % 24)][size_t(col)] += value;
                if (col == 1 && dims.assignee >= 0)
                    agentResolved[size_t(dims.assignee)] += value;
                break;
            }
            case MetricCounters::FirstResponseCalMs:
                frtCal.push_back(value);
                break;
            case MetricCounters::FirstResponseBizMs:
                frtBiz.push_back(value);
                break;
            case MetricCounters::FirstResolutionCalMs:
                firstCal.push_back(value);
                break;
            case MetricCounters::FirstResolutionBizMs:
                firstBiz.push_back(value);
                break;
            case MetricCounters::FullResolutionCalMs:
                fullCal.push_back(value);
                break;
            case MetricCounters::FullResolutionBizMs:
                fullBiz.push_back(value);
                break;
            default:
                break;
            }
        });

        // Backlog: the ticket is open for samples s with a < s <= b over its open stretches (a, b].
        if (f.openBefore(from))
            ++r.backlogAtStart;
        const qint64 fullAt = f.fullResolvedAt();
        if (fullAt != TicketFacts::kNone && fullAt <= from)
            continue;
        auto mark = [&](qint64 a, qint64 b) {
            const auto lo = std::upper_bound(samples.begin(), samples.end(), a) - samples.begin();
            const auto hi = std::upper_bound(samples.begin(), samples.end(), b) - samples.begin();
            if (lo < hi) {
                ++backlogDiff[size_t(lo)];
                --backlogDiff[size_t(hi)];
            }
        };
        qint64 openFrom = f.createdAt;
        for (size_t k = 0; k < f.transitions.size(); ++k) {
            if (k % 2 == 0)
                mark(openFrom, f.transitions[k]);
            else
                openFrom = f.transitions[k];
        }
        if (f.isOpen())
            mark(openFrom, std::numeric_limits<qint64>::max());
    }

    qint64 running = 0;
    for (size_t k = 0; k < samples.size(); ++k) {
        running += backlogDiff[k];
        r.days[k].backlogAtEnd = running;
    }
    r.backlogAtEnd = r.days.empty() ? 0 : r.days.back().backlogAtEnd;

    r.firstResponse = {DurationStats::of(frtCal), DurationStats::of(frtBiz)};
    r.firstResolution = {DurationStats::of(firstCal), DurationStats::of(firstBiz)};
    r.fullResolution = {DurationStats::of(fullCal), DurationStats::of(fullBiz)};

    const double periodDays = double(to - from) / double(BusinessCalendar::kDayMs);
    std::map<QString, Agent> agents;
    for (size_t a = 0; a < agentOpen.size(); ++a) {
        if (agentOpen[a] == 0 && agentResolved[a] == 0)
            continue;
        Agent ag;
        ag.name = store.agentName(int(a));
        ag.openAssigned = agentOpen[a];
        ag.resolved = agentResolved[a];
        ag.handledPerDay = double(ag.resolved) / periodDays;
        agents.emplace(ag.name, ag);
    }
    for (auto &[name, ag] : agents)
        r.agents.push_back(ag);

    r.recurring
        = findRecurringIssues(store, std::move(candidates), query.problemMinTickets, query.problemWindowDays);
    return r;
}

} // namespace triage
