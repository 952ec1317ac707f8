#pragma once

#include "Router.h"
#include "ServerContext.h"

namespace triage::server {

// GET /metrics for the monitoring an operations team already has (docs/operations.md
// "Monitoring"): Prometheus text format, administrators' tokens only (a scrape job sends a
// bearer token, as for Grafana or GitLab). The HTTP counters come from requestMetrics; the gauges
// are read when scraped (the feed head, push clients, outgoing queues, channels, connections).
class PrometheusApi
{
public:
    explicit PrometheusApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

private:
    HttpResponse metrics(Call &call);

    ServerContext m_ctx;
};

} // namespace triage::server
