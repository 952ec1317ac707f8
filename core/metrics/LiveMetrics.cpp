#include "LiveMetrics.h"

#include "MetricsReport.h"
#include "MetricsStore.h"

#include <algorithm>

namespace triage {
namespace {
constexpr qint64 kHourMs = 3'600'000;
}

LiveMetrics::LiveMetrics(MetricsStore &store, qint64 now, int hourlyRetentionDays)
    : m_store(store)
    , m_now(now)
    , m_retentionDays(std::max(hourlyRetentionDays, kMinHourlyRetentionDays))
{
    m_rolledBefore = rollBoundary(now); // older contributions go straight to day buckets
    m_versions.assign(size_t(store.size()), 0);
    for (qsizetype i = 0; i < store.size(); ++i) {
        account(i, store.facts(i), 1);
        schedule(i, store.facts(i));
    }
}

qint64 LiveMetrics::localHour(qint64 at) const
{
    return floorDiv(at + m_store.calendar().offsetMsAt(at), kHourMs);
}

qint64 LiveMetrics::rollBoundary(qint64 now) const
{
    return (floorDiv(localHour(now), 24) - m_retentionDays) * 24;
}

void LiveMetrics::rollUp()
{
    const qint64 boundary = rollBoundary(m_now);
    if (boundary <= m_rolledBefore)
        return;
    m_rolledBefore = boundary;
    for (auto it = m_hours.begin(); it != m_hours.end();) {
        if (it->first >= boundary) {
            ++it;
            continue;
        }
        auto &day = m_days[floorDiv(it->first, 24)];
        for (const Entry &e : it->second) {
            if (!e.counters.isZero())
                day[e.dims].add(e.counters);
        }
        it = m_hours.erase(it);
    }
}

MetricCounters &LiveMetrics::cell(qint64 at, quint64 dims)
{
    const qint64 h = localHour(at);
    if (h < m_rolledBefore)
        return m_days[floorDiv(h, 24)][dims];
    std::vector<Entry> &hour = m_hours[h];
    for (Entry &e : hour) {
        if (e.dims == dims)
            return e.counters;
    }
    hour.push_back({dims, {}});
    return hour.back().counters;
}

void LiveMetrics::account(qsizetype ticket, const TicketFacts &facts, qint64 sign)
{
    if (!facts.exists)
        return;
    for (const TicketFacts::SlaCycle &c : facts.cycles) {
        if (c.stoppedAt != TicketFacts::kNone || c.breachAt == TicketFacts::kNone)
            continue;
        const auto key = std::make_tuple(c.breachAt, ticket, int(c.metric));
        if (sign > 0)
            m_running.insert(key);
        else
            m_running.erase(key);
    }
    facts.contributions(m_now, [&](qint64 at, MetricCounters::Field field, qint64 value) {
        cell(at, facts.dims)[field] += sign * value;
    });
    if (facts.isOpen())
        m_open[facts.dims] += sign;
}

void LiveMetrics::schedule(qsizetype ticket, const TicketFacts &facts)
{
    for (const TicketFacts::SlaCycle &c : facts.cycles) {
        // Breaches before now are already in the contributions; later ones wait in the heap.
        if (c.stoppedAt == TicketFacts::kNone && c.breachAt != TicketFacts::kNone && c.breachAt >= m_now)
            m_dues.push({c.breachAt, ticket, m_versions[size_t(ticket)], c.metric});
    }
}

void LiveMetrics::advance(qint64 now)
{
    if (now <= m_now)
        return;
    while (!m_dues.empty() && m_dues.top().at < now) {
        const Due d = m_dues.top();
        m_dues.pop();
        if (d.version != m_versions[size_t(d.ticket)])
            continue; // the ticket changed since; its new facts were scheduled afresh
        cell(d.at, m_store.facts(d.ticket).dims)[MetricCounters::breaches(d.metric)] += 1;
    }
    m_now = now;
    rollUp();
}

qsizetype LiveMetrics::addTicket(const TicketHistory &ticket)
{
    advance(ticket.lastEventAt());
    const qsizetype i = m_store.addTicket(ticket);
    m_versions.push_back(0);
    account(i, m_store.facts(i), 1);
    schedule(i, m_store.facts(i));
    return i;
}

void LiveMetrics::apply(qsizetype ticket, const MetricEvent &event)
{
    advance(event.at);
    account(ticket, m_store.facts(ticket), -1);
    m_store.appendEvent(ticket, event);
    ++m_versions[size_t(ticket)];
    account(ticket, m_store.facts(ticket), 1);
    schedule(ticket, m_store.facts(ticket));
}

void LiveMetrics::replace(qsizetype ticket, std::vector<MetricEvent> events)
{
    if (!events.empty())
        advance(events.back().at);
    account(ticket, m_store.facts(ticket), -1);
    m_store.replaceEvents(ticket, std::move(events));
    ++m_versions[size_t(ticket)];
    account(ticket, m_store.facts(ticket), 1);
    schedule(ticket, m_store.facts(ticket));
}

std::vector<LiveMetrics::AtRisk> LiveMetrics::atRisk(
    const MetricsFilter &filter, size_t limit, qint64 notBefore) const
{
    std::vector<AtRisk> out;
    for (auto it = m_running.lower_bound({notBefore, -1, -1}); it != m_running.end(); ++it) {
        const auto &[due, ticket, metric] = *it;
        if (out.size() >= limit)
            break;
        if (!filter.matches(m_store.facts(ticket).dims))
            continue;
        out.push_back({due, ticket, SlaMetric(metric)});
    }
    return out;
}

qint64 LiveMetrics::runningDueBefore(const MetricsFilter &filter, qint64 before) const
{
    qint64 n = 0;
    for (auto it = m_running.begin(); it != m_running.end() && std::get<0>(*it) < before; ++it)
        n += filter.matches(m_store.facts(std::get<1>(*it)).dims) ? 1 : 0;
    return n;
}

MetricCounters LiveMetrics::sum(qint64 from, qint64 to, const MetricsFilter &filter) const
{
    MetricCounters out;
    if (to <= from)
        return out;
    const qint64 last = localHour(to - 1);
    for (qint64 h = localHour(from); h <= last; ++h) {
        if (h < m_rolledBefore) { // a rolled-up day: counted whole, once
            const qint64 day = floorDiv(h, 24);
            if (const auto d = m_days.find(day); d != m_days.end()) {
                for (const auto &[dims, counters] : d->second) {
                    if (filter.matches(dims))
                        out.add(counters);
                }
            }
            h = (day + 1) * 24 - 1;
            continue;
        }
        const auto it = m_hours.find(h);
        if (it == m_hours.end())
            continue;
        for (const Entry &e : it->second) {
            if (filter.matches(e.dims))
                out.add(e.counters);
        }
    }
    return out;
}

qint64 LiveMetrics::openCount(const MetricsFilter &filter) const
{
    qint64 n = 0;
    for (const auto &[dims, count] : m_open) {
        if (filter.matches(dims))
            n += count;
    }
    return n;
}

WallSnapshot LiveMetrics::snapshot(qint64 now, const MetricsFilter &filter)
{
    advance(now);
    const BusinessCalendar &cal = m_store.calendar();
    WallSnapshot s;
    s.at = m_now;
    const qint64 today = cal.localDay(m_now);
    const qint64 dayStart = localMidnight(cal, today);
    const qint64 weekStart = localMidnight(cal, today - weekdayOf(today));
    s.today = sum(dayStart, m_now + 1, filter);
    s.thisWeek = sum(weekStart, m_now + 1, filter);
    const qint64 firstHour = localHour(dayStart);
    for (qint64 h = firstHour; h < firstHour + 24; ++h) {
        const auto it = m_hours.find(h);
        if (it == m_hours.end())
            continue;
        for (const Entry &e : it->second) {
            if (filter.matches(e.dims))
                s.createdByHourToday[size_t(h - firstHour)] += e.counters[MetricCounters::Created];
        }
    }
    s.openByGroup.assign(size_t(m_store.groupNames().size()) + 1, 0);
    s.openByAgent.assign(size_t(m_store.agentNames().size()), 0);
    for (const auto &[dims, count] : m_open) {
        if (count == 0 || !filter.matches(dims))
            continue;
        const MetricDims d = MetricDims::unpack(dims);
        s.open += count;
        s.openByPriority[size_t(d.priority)] += count;
        s.openByGroup[d.group >= 0 ? size_t(d.group) : s.openByGroup.size() - 1] += count;
        if (d.assignee >= 0)
            s.openByAgent[size_t(d.assignee)] += count;
    }
    return s;
}

size_t LiveMetrics::bucketEntries() const
{
    size_t n = 0;
    for (const auto &[hour, entries] : m_hours)
        n += entries.size();
    for (const auto &[day, entries] : m_days)
        n += entries.size();
    return n;
}

} // namespace triage
