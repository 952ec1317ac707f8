#pragma once

#include "MetricCounters.h"

#include <QString>

#include <optional>
#include <vector>

namespace triage {

class MetricsStore;

// Which tickets a report counts: each set field must match the ticket's value as of the report
// instant (a ticket moved from IT to HR counts under HR with its whole history).
struct MetricsFilter {
    std::optional<int> group; // store index; -1 = no group
    std::optional<int> assignee; // store index; -1 = unassigned
    std::optional<Channel> channel;
    std::optional<TicketType> type;
    std::optional<Priority> priority;
    // When not empty, the ticket's group must be one of these (a lead's groups on the server).
    std::vector<int> anyGroup;

    bool matches(quint64 dimsKey) const;
    bool isEmpty() const { return !group && !assignee && !channel && !type && !priority && anyGroup.empty(); }
};

// A report request: the period [from, to) and the instant the data is taken at (default `to`:
// events at or after it are ignored, so a past period's report never changes).
struct MetricsQuery {
    qint64 from = 0;
    qint64 to = 0;
    std::optional<qint64> asOf;
    MetricsFilter filter;
    int problemMinTickets = 3; // recurring issues: tickets within the window to flag a group
    int problemWindowDays = 30;

    qint64 effectiveAsOf() const { return asOf.value_or(to); }
};

} // namespace triage
