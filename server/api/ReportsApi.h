#pragma once

#include "MetricsService.h"
#include "Router.h"
#include "ServerContext.h"

#include <memory>

namespace triage::server {

// GET /api/v1/reports/...: the metrics of docs/metrics.md computed by core/metrics from
// `ticket_history` — the same code as the console and `triagectl report`. Admins see everything,
// leads the groups they belong to or lead, agents only tickets assigned to them; requesters none.
class ReportsApi
{
public:
    explicit ReportsApi(ServerContext ctx);
    void registerRoutes(Router &router);
    MetricsService *metrics() { return m_metrics.get(); }

private:
    HttpResponse summary(Call &call);
    HttpResponse wall(Call &call);
    HttpResponse tickets(Call &call);
    HttpResponse history(Call &call);
    void addDisplayNames(QJsonObject &wall);

    ServerContext m_ctx;
    std::unique_ptr<MetricsService> m_metrics;
};

} // namespace triage::server
