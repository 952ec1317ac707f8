#pragma once

#include "BusinessCalendar.h"
#include "SlaEngine.h"
#include "SlaEvent.h"
#include "SlaPolicy.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace triage {

// A whole `triagectl sla eval` document: calendar, policy, events and the evaluation instant.
struct SlaCase {
    BusinessCalendar calendar;
    SlaPolicy policy;
    std::vector<SlaEvent> events;
    qint64 now = 0;

    std::vector<SlaTimer> evaluate() const { return SlaEngine::evaluate(calendar, policy, events, now); }
    // evaluate() written as the documented output.
    QByteArray evaluateToJson() const;

    // Reads a case object. Also accepts the examples' wrapper {"id", "case", "expected"} and
    // evaluates its "case". On failure: nullopt and one line naming the offending field.
    static std::optional<SlaCase> fromJson(const QJsonObject &json, QString *error);
    static std::optional<SlaCase> fromJson(const QByteArray &text, QString *error);
};

// The documented output, {"timers": [...]}, with keys in the documented order, instants in the
// calendar's zone with their offset and minutes to at most two decimals. `withEscalations` adds
// an "escalations" list per timer (reached levels), for policies that define them.
QByteArray writeSlaTimers(
    const std::vector<SlaTimer> &timers, const BusinessCalendar &calendar, bool withEscalations = false);

} // namespace triage
