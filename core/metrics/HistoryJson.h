#pragma once

#include "MetricsStore.h"

#include <QByteArray>

#include <optional>

namespace triage {

// Reads the event-history document of docs/metrics.md ({"calendar", "policy" | "policies",
// "group_ids", "group_calendars", "tickets": [...]}): calendar and policy in the SLA case format
// (both optional: 24x7 UTC, no targets) or stored policy documents selected per ticket, each ticket
// with its attributes and event log. On failure: nullopt and one line naming the offending field.
std::optional<MetricsStore> readHistoryJson(const QByteArray &text, QString *error);

} // namespace triage
