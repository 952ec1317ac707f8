#pragma once

#include "Router.h"
#include "metrics/LiveMetrics.h"
#include "metrics/MetricsStore.h"
#include "storage/HistoryReader.h"
#include "storage/ServerDatabase.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace triage::server::reportjson {

// Query parameters of the report routes (from, to, as_of, group, agent, channel, type, priority,
// problem_min) plus the caller's scope: agents are limited to their own tickets, leads to their
// groups. Dates are local to the metrics calendar (`to` inclusive), or ISO 8601 instants.
bool parseQuery(const Call &call, MetricsStore &store, const HistoryReader &names, bool needPeriod,
    MetricsQuery *query, HttpResponse *error);
QJsonObject scopeJson(const Principal &principal, const HistoryReader &names);

// The wall tick (docs/api/openapi.yaml, WallSnapshot) without the at-risk list.
QJsonObject wallJson(const MetricsStore &store, LiveMetrics &live, const MetricsFilter &filter, qint64 now);
QJsonArray atRiskJson(const MetricsStore &store, const std::vector<LiveMetrics::AtRisk> &risky,
    const QHash<QString, QJsonObject> &labels);
// {number, title} of a few tickets, by id.
QHash<QString, QJsonObject> ticketLabels(ServerDatabase &db, const QStringList &ids);

// Drill-down: the tickets behind one number of the summary, with the instant they count at.
QStringList drillMetrics();
bool drillDown(const MetricsStore &store, const MetricsQuery &query, const QString &metric,
    std::vector<std::pair<qint64, qsizetype>> *hits);

// The event-history document of docs/metrics.md (`triagectl report --input` reads it): the
// calendar, the stored SLA policy documents (`policies`), group name → id (`group_ids`, what
// the policies' `applies_to.groups` name) and group calendars, and every ticket's log.
QJsonObject historyJson(const MetricsStore &store, ServerDatabase &db, const QJsonObject &calendar,
    const QList<QJsonObject> &policies, const QJsonObject &groupIds, const QJsonObject &groupCalendars);

} // namespace triage::server::reportjson
