#include "ReportsApi.h"

#include "ApiUtil.h"
#include "ReportJson.h"
#include "domain/Time.h"
#include "metrics/MetricsReport.h"
#include "storage/DirectoryStore.h"

#include <QJsonArray>

namespace triage::server {

ReportsApi::ReportsApi(ServerContext ctx)
    : m_ctx(ctx)
    , m_metrics(ctx.db ? std::make_unique<MetricsService>(*ctx.db) : nullptr)
{ }

// The wall shows people as the console does (display names), beside the user names the metrics
// are keyed by: "name" on each agent, "assignee_name" on each ticket at risk.
void ReportsApi::addDisplayNames(QJsonObject &wall)
{
    DirectoryStore directory(*m_ctx.db);
    QHash<QString, QString> known;
    const auto displayName = [&](const QString &username) {
        if (username.isEmpty())
            return QString();
        if (const auto it = known.constFind(username); it != known.constEnd())
            return *it;
        const auto u = directory.userByName(username);
        return *known.insert(username, u && !u->user.displayName.isEmpty() ? u->user.displayName : username);
    };
    QJsonArray agents = wall.value(u"agents"_qs).toArray();
    for (QJsonValueRef v : agents) {
        QJsonObject a = v.toObject();
        a.insert(u"name"_qs, displayName(a.value(u"agent"_qs).toString()));
        v = a;
    }
    wall.insert(u"agents"_qs, agents);
    QJsonArray risks = wall.value(u"at_risk"_qs).toArray();
    for (QJsonValueRef v : risks) {
        QJsonObject r = v.toObject();
        const QString assignee = r.value(u"assignee"_qs).toString();
        if (!assignee.isEmpty())
            r.insert(u"assignee_name"_qs, displayName(assignee));
        v = r;
    }
    wall.insert(u"at_risk"_qs, risks);
}

void ReportsApi::registerRoutes(Router &router)
{
    router.add("GET", u"/api/v1/reports/summary"_qs, true, [this](Call &c) { return summary(c); });
    router.add("GET", u"/api/v1/reports/wall"_qs, true, [this](Call &c) { return wall(c); });
    router.add("GET", u"/api/v1/reports/tickets"_qs, true, [this](Call &c) { return tickets(c); });
    router.add("GET", u"/api/v1/reports/history"_qs, true, [this](Call &c) { return history(c); });
}

HttpResponse ReportsApi::summary(Call &call)
{
    if (!call.principal.isStaff())
        return forbidden(u"Reports are for agents, leads and administrators."_qs);
    HttpResponse out;
    m_metrics->run([&](MetricsStore &store, LiveMetrics &, HistoryReader &names) {
        MetricsQuery q;
        if (!reportjson::parseQuery(call, store, names, true, &q, &out))
            return;
        QJsonObject json = MetricsReport::compute(store, q).toJson(store);
        json.insert(u"scope"_qs, reportjson::scopeJson(call.principal, names));
        out = HttpResponse::json(200, json);
        out.setHeader("Cache-Control", "no-store");
    });
    return out;
}

HttpResponse ReportsApi::wall(Call &call)
{
    if (!call.principal.isStaff())
        return forbidden(u"The wall is for agents, leads and administrators."_qs);
    HttpResponse out;
    int limit = 40;
    if (const auto l = parseLimit(call.request, 40, 200, &out))
        limit = *l;
    else
        return out;
    QJsonObject json;
    std::vector<LiveMetrics::AtRisk> risky;
    QStringList ids;
    m_metrics->run([&](MetricsStore &store, LiveMetrics &live, HistoryReader &names) {
        MetricsQuery q;
        if (!reportjson::parseQuery(call, store, names, false, &q, &out))
            return;
        json = reportjson::wallJson(store, live, q.filter, nowMs());
        // Timers breached more than a day ago are backlog, not risk: counted, not listed.
        const qint64 cutoff = live.now() - 86'400'000;
        risky = live.atRisk(q.filter, size_t(limit), cutoff);
        json.insert(u"long_overdue"_qs, double(live.runningDueBefore(q.filter, cutoff)));
        for (const auto &r : risky)
            ids << store.ticket(r.ticket).id;
        json.insert(
            u"at_risk"_qs, reportjson::atRiskJson(store, risky, reportjson::ticketLabels(*m_ctx.db, ids)));
        json.insert(u"scope"_qs, reportjson::scopeJson(call.principal, names));
        addDisplayNames(json);
        out = HttpResponse::json(200, json);
        out.setHeader("Cache-Control", "no-store");
    });
    return out;
}

HttpResponse ReportsApi::tickets(Call &call)
{
    if (!call.principal.isStaff())
        return forbidden(u"Reports are for agents, leads and administrators."_qs);
    HttpResponse out;
    const auto limit = parseLimit(call.request, 200, 1000, &out);
    if (!limit)
        return out;
    m_metrics->run([&](MetricsStore &store, LiveMetrics &, HistoryReader &names) {
        MetricsQuery q;
        if (!reportjson::parseQuery(call, store, names, true, &q, &out))
            return;
        const QString metric = call.request.queryValue(u"metric"_qs);
        std::vector<std::pair<qint64, qsizetype>> hits;
        if (!reportjson::drillDown(store, q, metric, &hits)) {
            out = badRequest(u"invalid-parameter"_qs,
                u"metric: expected one of "_qs + reportjson::drillMetrics().join(u", "_qs));
            return;
        }
        QStringList ids;
        for (size_t i = 0; i < hits.size() && i < size_t(*limit); ++i)
            ids << store.ticket(hits[i].second).id;
        const auto labels = reportjson::ticketLabels(*m_ctx.db, ids);
        QJsonArray rows;
        for (size_t i = 0; i < size_t(ids.size()); ++i) {
            QJsonObject row = labels.value(ids.at(qsizetype(i)));
            row.insert(u"id"_qs, ids.at(qsizetype(i)));
            row.insert(u"at"_qs, store.calendar().formatInstant(hits[i].first));
            rows.append(row);
        }
        out = HttpResponse::json(200,
            QJsonObject {{u"metric"_qs, metric}, {u"count"_qs, double(hits.size())}, {u"tickets"_qs, rows},
                {u"truncated"_qs, hits.size() > size_t(ids.size())}});
        out.setHeader("Cache-Control", "no-store");
    });
    return out;
}

HttpResponse ReportsApi::history(Call &call)
{
    if (!call.principal.isAdmin())
        return forbidden(u"Only administrators can export the event history."_qs);
    HttpResponse out;
    m_metrics->run([&](MetricsStore &store, LiveMetrics &, HistoryReader &) {
        out = HttpResponse::json(200,
            reportjson::historyJson(store, *m_ctx.db, m_metrics->calendarJson(), m_metrics->policyDocs(),
                m_metrics->groupIdsJson(), m_metrics->groupCalendarsJson()));
        out.setHeader("Cache-Control", "no-store");
    });
    return out;
}

} // namespace triage::server
