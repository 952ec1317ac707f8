#pragma once

#include "MetricsConfig.h"
#include "MetricsStore.h"

#include <memory>

namespace triage {

class LocalCache;

// The metrics input built from the console cache — the synced tickets, their event logs, users,
// groups, calendars and SLA policies — through the same HistoryAssembler and MetricsConfig as
// triaged's reports, so the console and `triagectl report` compute the server's numbers from
// what they hold, offline too (tst_triagectl_report compares them with a real server).
struct CacheMetrics {
    MetricsConfig config;
    std::unique_ptr<MetricsStore> store;
};

CacheMetrics metricsFromCache(const LocalCache &cache);

} // namespace triage
