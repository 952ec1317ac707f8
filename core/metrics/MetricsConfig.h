#pragma once

#include "sla/BusinessCalendar.h"
#include "sla/SlaPolicy.h"

#include <QJsonObject>
#include <QList>

namespace triage {

// The calendar and policy the metrics use: the first calendar and SLA policy documents (by id)
// that parse, else 24x7 UTC with resolution targets of 4 h, 8 h, 24 h, 72 h. triaged (reports,
// wall) and the console cache (CacheHistory) choose through this one function, so they agree.
struct MetricsConfig {
    BusinessCalendar calendar;
    SlaPolicy policy;
    QJsonObject calendarJson; // the document used; empty = 24x7 UTC
    QJsonObject policyJson;

    static MetricsConfig fromDocs(const QList<QJsonObject> &calendars, const QList<QJsonObject> &policies);
    static QJsonObject defaultPolicyJson();
};

} // namespace triage
