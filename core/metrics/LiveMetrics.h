#pragma once

#include "MetricCounters.h"
#include "MetricsQuery.h"
#include "TicketFacts.h"

#include <array>
#include <queue>
#include <unordered_map>
#include <vector>

namespace triage {

class MetricsStore;

// What the wall shows on each tick, as of `at`.
struct WallSnapshot {
    qint64 at = 0;
    MetricCounters today;    // since local midnight in the calendar's zone
    MetricCounters thisWeek; // since Monday 00:00 local
    qint64 open = 0;
    std::array<qint64, 4> openByPriority{};
    std::vector<qint64> openByGroup;      // by store group index; the last slot is "no group"
    std::vector<qint64> openByAgent;      // by store agent index
    std::array<qint64, 24> createdByHourToday{};
};

// Online counters for the wall: every ticket's contributions (TicketFacts::contributions) are kept
// summed per local hour and per dimension key, and the open backlog per dimension key. An event
// retracts its ticket's old contributions, refreshes the facts and adds the new ones, so reopens,
// changed ratings and moved tickets stay exact; time alone only adds breach instants of running
// timers (a heap, no timers). Sums over any hour-aligned period equal MetricsReport's totals for
// that period as of now().
class LiveMetrics
{
public:
    // Takes the store's tickets as they are, as of `now`.
    LiveMetrics(MetricsStore &store, qint64 now);

    qint64 now() const { return m_now; }
    // Moves the clock forward: running timers whose breach instant passed are counted.
    void advance(qint64 now);
    // A new ticket (its log holds at least the created event) or an event for an existing one.
    qsizetype addTicket(const struct TicketHistory &ticket);
    void apply(qsizetype ticket, const MetricEvent &event);

    // Counters of the local hours covering [from, to) (rounded out to whole local hours).
    MetricCounters sum(qint64 from, qint64 to, const MetricsFilter &filter = {}) const;
    qint64 openCount(const MetricsFilter &filter = {}) const;
    WallSnapshot snapshot(qint64 now, const MetricsFilter &filter = {});

    size_t bucketEntries() const;

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
    MetricCounters &cell(qint64 at, quint64 dims);
    void account(qsizetype ticket, const TicketFacts &facts, qint64 sign);
    void schedule(qsizetype ticket, const TicketFacts &facts);

    MetricsStore &m_store;
    qint64 m_now = 0;
    std::unordered_map<qint64, std::vector<Entry>> m_hours;
    std::unordered_map<quint64, qint64> m_open;
    std::vector<quint32> m_versions;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_dues;
};

} // namespace triage
