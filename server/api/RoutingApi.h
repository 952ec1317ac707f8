#pragma once

#include "Router.h"
#include "ServerContext.h"

namespace triage::server {

// Routing and roster configuration over REST (docs/automation.md "Routing and roster",
// docs/api/openapi.yaml): a group's routing and roster (read by staff, changed by an admin or the
// group's lead), who is on duty now and next, an agent's routing profile (admin), and presence
// (each agent sets their own; staff read everyone's).
class RoutingApi
{
public:
    explicit RoutingApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

private:
    HttpResponse getGroupDoc(Call &call, const QString &kind);
    HttpResponse putGroupDoc(Call &call, const QString &kind);
    HttpResponse deleteRouting(Call &call);
    HttpResponse onDuty(Call &call);
    HttpResponse getProfile(Call &call);
    HttpResponse putProfile(Call &call);
    HttpResponse putPresence(Call &call);
    HttpResponse listPresence(Call &call);

    ServerContext m_ctx;
};

} // namespace triage::server
