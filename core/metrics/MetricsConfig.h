#pragma once

#include "sla/BusinessCalendar.h"
#include "sla/SlaPolicySet.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace triage {

class MetricsStore;

// The calendar and SLA policies the metrics use: the first calendar document (by id) that parses,
// else 24x7 UTC — the fallback of TicketSla::calendarFor — and every stored SLA policy as one
// SlaPolicySet, which picks each ticket's policy exactly as the ticket's own `sla` object does
// (nothing stored or nothing matching: SlaPolicySet::builtInDefault()). triaged (reports, wall)
// and the console cache (CacheHistory) choose through this one function, so they agree.
struct MetricsConfig {
    BusinessCalendar calendar;
    SlaPolicySet policies;
    QJsonObject calendarJson; // the document used; empty = 24x7 UTC
    QList<QJsonObject> policyDocs; // the stored policy documents that parse, by id

    static MetricsConfig fromDocs(const QList<QJsonObject> &calendars, const QList<QJsonObject> &policies);
};

} // namespace triage
