#pragma once

#include "MetricsReport.h"

#include <vector>

namespace triage {

class MetricsStore;

struct RecurringCandidate {
    qsizetype ticket = 0;
    qint64 createdAt = 0;
    quint64 textKey = 0;
};

// Groups tickets by (category, text key) and flags each group that has `minTickets` or more
// tickets created within any `windowDays`-day window; the flagged tickets are those inside such
// windows. Sorted by size, then most recent first.
std::vector<RecurringIssue> findRecurringIssues(
    const MetricsStore &store, std::vector<RecurringCandidate> candidates, int minTickets, int windowDays);

} // namespace triage
