#pragma once

#include "MetricCounters.h"
#include "MetricsQuery.h"
#include "sla/BusinessCalendar.h"

#include <QJsonObject>
#include <QStringList>

#include <array>
#include <vector>

namespace triage {

class MetricsStore;

// Average, median and 90th percentile of a set of durations (linear interpolation between ranks).
struct DurationStats {
    qint64 count = 0;
    double averageMs = 0;
    double medianMs = 0;
    double p90Ms = 0;

    static DurationStats of(std::vector<qint64> &values); // reorders `values`
};

struct DurationPair {
    DurationStats calendar;
    DurationStats business;
};

// One problem candidate: tickets with the same category and text key, N or more within the window.
struct RecurringIssue {
    QString category;
    QString words; // the shared stems
    qint64 firstCreatedAt = 0;
    qint64 lastCreatedAt = 0;
    QStringList ticketIds; // the tickets inside qualifying windows, oldest first
};

// Every metric of docs/metrics.md for one period and filter, computed in one pass over the
// store's cached per-ticket facts.
struct MetricsReport {
    struct Day {
        qint64 localDay = 0; // days since 1970-01-01 in the calendar's zone
        qint64 created = 0;
        qint64 resolved = 0;
        qint64 backlogAtEnd = 0; // open at the end of the day (or at `to`)
    };
    struct Agent {
        QString name;
        qint64 openAssigned = 0; // at the report instant
        qint64 resolved = 0; // resolutions in the period of tickets assigned to the agent
        double handledPerDay = 0;
    };

    MetricsQuery query;
    QString timeZone;
    QString groupName, agentName; // the filter's names, for output
    MetricCounters totals;
    std::vector<Day> days;
    std::array<std::array<qint64, 2>, 24> byHourOfDay {}; // local hour → {created, resolved}
    DurationPair firstResponse;
    DurationPair firstResolution;
    DurationPair fullResolution;
    qint64 backlogAtStart = 0;
    qint64 backlogAtEnd = 0;
    std::vector<Agent> agents; // by name
    std::vector<RecurringIssue> recurring;

    static MetricsReport compute(const MetricsStore &store, const MetricsQuery &query);
    // The documented JSON (docs/metrics.md), with instants in the calendar's zone.
    QJsonObject toJson(const MetricsStore &store) const;
};

// The first instant of a local day in the calendar's zone.
qint64 localMidnight(const BusinessCalendar &calendar, qint64 localDay);

} // namespace triage
