#pragma once

#include "AttachmentsApi.h"
#include "ChannelsApi.h"
#include "ConfigApi.h"
#include "DirectoryApi.h"
#include "NotificationsApi.h"
#include "PrometheusApi.h"
#include "ReportsApi.h"
#include "Router.h"
#include "RulesApi.h"
#include "ServerContext.h"
#include "SyncApi.h"
#include "TestClockApi.h"
#include "TicketsApi.h"

#include <memory>

namespace triage::server {

// The whole REST API v1: owns the route table and turns every request into exactly one response,
// authenticating, rate limiting, and mapping storage failures to problem+json (never a stack trace).
class Api
{
public:
    explicit Api(ServerContext ctx);
    HttpResponse handle(const HttpRequest &request);
    // A GET/HEAD answered from a bounded query (the change feed, a ticket, the directory) runs on
    // the HTTP layer's read pool; the reports may scan every ticket and go to the general pool.
    static bool isQuickRead(const HttpRequest &request);
    // HttpOptions::uploadLimit: the attachment upload route streams its body (AttachmentsApi).
    qint64 uploadLimit(const HttpRequest &request) const { return m_attachments.uploadLimit(request); }
    const Router &router() const { return m_router; }
    ReportsApi &reports() { return m_reports; }
    // `triaged serve --test-clock`: adds POST /api/v1/test/clock (TestClockApi), tests only.
    void enableTestClock(OffsetClock &clock, std::function<void()> settle);

private:
    HttpResponse dispatch(const HttpRequest &request, const Route **route);
    HttpResponse health(Call &call);
    HttpResponse version(Call &call);
    HttpResponse login(Call &call);
    HttpResponse logout(Call &call);
    HttpResponse events(Call &call);

    ServerContext m_ctx;
    Router m_router;
    SyncApi m_sync;
    TicketsApi m_tickets;
    DirectoryApi m_directory;
    ConfigApi m_config;
    RulesApi m_rules;
    ChannelsApi m_channels;
    NotificationsApi m_notifications;
    ReportsApi m_reports;
    AttachmentsApi m_attachments;
    PrometheusApi m_prometheus;
    std::unique_ptr<TestClockApi> m_testClock;
};

} // namespace triage::server
