#pragma once

#include "MetricCounters.h"
#include "MetricsQuery.h"
#include "TicketFacts.h"

#include <queue>

#include <array>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace triage {

class MetricsStore;

// What the wall shows on each tick, as of `at`.
struct WallSnapshot {
    qint64 at = 0;
    MetricCounters today; // since local midnight in the calendar's zone
    MetricCounters thisWeek; // since Monday 00:00 local
    qint64 open = 0;
    std::array<qint64, 4> openByPriority {};
    std::vector<qint64> openByGroup; // by store group index; the last slot is "no group"
    std::vector<qint64> openByAgent; // by store agent index
    std::array<qint64, 24> createdByHourToday {};
};

// Online counters for the wall: every ticket's contributions (TicketFacts::contributions) are kept
// summed per local hour and per dimension key, and the open backlog per dimension key. An event
// retracts its ticket's old contributions, refreshes the facts and adds the new ones, so reopens,
// changed ratings and moved tickets stay exact; time alone only adds breach instants of running
// timers (a heap, no timers). Sums over any hour-aligned period equal MetricsReport's totals for
// that period as of now().
//
// Retention: hours older than `hourlyRetentionDays` local days (default 35) are rolled up into one
// bucket per local day and dimension key when the clock passes a local midnight, so a server
// running for months keeps ~35×24 hourly buckets plus one small bucket per day. Sums reaching
// before that horizon are rounded out to whole local days there (the wall only asks for today and
// this week; reports use MetricsReport).
class LiveMetrics
{
public:
    static constexpr int kDefaultHourlyRetentionDays = 35;
    static constexpr int kMinHourlyRetentionDays = 8; // this week (Monday) is always hourly

    // Takes the store's tickets as they are, as of `now`.
    LiveMetrics(MetricsStore &store, qint64 now, int hourlyRetentionDays = kDefaultHourlyRetentionDays);

    qint64 now() const { return m_now; }
    // Moves the clock forward: running timers whose breach instant passed are counted.
    void advance(qint64 now);
    // A new ticket (its log holds at least the created event) or an event for an existing one.
    qsizetype addTicket(const struct TicketHistory &ticket);
    void apply(qsizetype ticket, const MetricEvent &event);
    // Replaces a ticket's whole log (see MetricsStore::replaceEvents): its old contributions are
    // retracted and the new ones added, so a server can re-read a changed ticket's history.
    void replace(qsizetype ticket, std::vector<MetricEvent> events);

    // Running SLA timers (not stopped, not paused) of tickets matching `filter` due at or after
    // `notBefore`, earliest due instant first — already breached ones lead. At most `limit`.
    struct AtRisk {
        qint64 dueAt = 0;
        qsizetype ticket = -1;
        SlaMetric metric = SlaMetric::Resolution;
    };
    std::vector<AtRisk> atRisk(const MetricsFilter &filter, size_t limit, qint64 notBefore = 0) const;
    // Running timers of matching tickets due before `before` (long overdue: backlog, not risk).
    qint64 runningDueBefore(const MetricsFilter &filter, qint64 before) const;
    size_t runningTimers() const { return m_running.size(); }

    // Counters of the local hours covering [from, to) (rounded out to whole local hours).
    MetricCounters sum(qint64 from, qint64 to, const MetricsFilter &filter = {}) const;
    qint64 openCount(const MetricsFilter &filter = {}) const;
    WallSnapshot snapshot(qint64 now, const MetricsFilter &filter = {});

    size_t bucketEntries() const; // hourly + daily (dimension key × bucket) entries
    size_t hourBuckets() const { return m_hours.size(); }
    size_t dayBuckets() const { return m_days.size(); }
    // Hours before this local hour number (a local midnight) live in the day buckets.
    qint64 rolledBeforeHour() const { return m_rolledBefore; }

private:
    struct Entry {
        quint64 dims;
        MetricCounters counters;
    };
    struct Due {
        qint64 at;
        qsizetype ticket;
        quint32 version;
        SlaMetric metric;
        bool operator>(const Due &o) const { return at > o.at; }
    };

    qint64 localHour(qint64 at) const;
    qint64 rollBoundary(qint64 now) const;
    void rollUp(); // hours before rollBoundary(m_now) → day buckets
    MetricCounters &cell(qint64 at, quint64 dims);
    void account(qsizetype ticket, const TicketFacts &facts, qint64 sign);
    void schedule(qsizetype ticket, const TicketFacts &facts);

    MetricsStore &m_store;
    qint64 m_now = 0;
    int m_retentionDays;
    qint64 m_rolledBefore; // local hour number, a multiple of 24
    std::unordered_map<qint64, std::vector<Entry>> m_hours; // by local hour number
    std::unordered_map<qint64, std::unordered_map<quint64, MetricCounters>> m_days; // by local day
    std::unordered_map<quint64, qint64> m_open;
    std::vector<quint32> m_versions;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_dues;
    std::set<std::tuple<qint64, qsizetype, int>> m_running; // (due, ticket, metric) of running timers
};

} // namespace triage
