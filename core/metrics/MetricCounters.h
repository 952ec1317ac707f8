#pragma once

#include "domain/Enums.h"
#include "sla/SlaTypes.h"

#include <QJsonObject>

#include <array>

namespace triage {

// The additive part of every metric: counts and sums that can be added per event, per hour and per
// filter, so the batch report and the live wall share one definition (docs/metrics.md).
struct MetricCounters {
    enum Field : int {
        Created,
        Resolutions, // open → resolved/closed transitions
        Reopens, // resolved/closed → open transitions
        FirstResponses, // tickets whose first public agent reply is here
        FirstResponseCalMs,
        FirstResponseBizMs,
        FirstResolutions, // tickets whose first resolution is here
        FirstResolutionCalMs,
        FirstResolutionBizMs,
        FullResolutions, // tickets whose final (still standing) resolution is here
        FullResolutionCalMs,
        FullResolutionBizMs,
        SlaMet, // + SlaMetric: 3 fields
        SlaBreached = SlaMet + 3, // completed cycles that missed the target, by stop instant
        Breaches = SlaBreached + 3, // cycles (running or not) by their breach instant
        Ratings = Breaches + 3,
        RatingSum,
        RatingPositive, // ratings 4 and 5
        FcrResolved, // = FirstResolutions; the FCR denominator
        FcrFirstContact,
        Count
    };

    std::array<qint64, Count> v {};

    qint64 operator[](Field f) const { return v[size_t(f)]; }
    qint64 &operator[](Field f) { return v[size_t(f)]; }
    static Field slaMet(SlaMetric m) { return Field(SlaMet + int(m)); }
    static Field slaBreached(SlaMetric m) { return Field(SlaBreached + int(m)); }
    static Field breaches(SlaMetric m) { return Field(Breaches + int(m)); }

    void add(const MetricCounters &o, qint64 sign = 1);
    bool isZero() const;
    bool operator==(const MetricCounters &) const = default;

    // met / (met + breached); negative when nothing completed.
    double compliance(SlaMetric m) const;
    // The counters under their wire names, for tests and debugging.
    QJsonObject toJson() const;
    static QString fieldName(Field f);
};

// The dimensions a report can be filtered by, packed into one key (a ticket's values as of the
// report instant).
struct MetricDims {
    int group = -1; // index in the store's group names, -1 none
    int assignee = -1; // index in the store's agent names, -1 none
    Channel channel = Channel::Api;
    TicketType type = TicketType::Incident;
    Priority priority = Priority::Normal;

    quint64 pack() const;
    static MetricDims unpack(quint64 key);
};

} // namespace triage
