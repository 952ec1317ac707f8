#pragma once

#include "Router.h"
#include "ServerContext.h"

namespace triage::server {

// Business calendars and SLA policies (core/sla): read for staff, write for admins. Documents are
// {"id", "name", "calendar": {...}} and {"id", "name", "policy": {...}} in the formats of
// docs/sla-case-format.md, validated by BusinessCalendar::fromJson / SlaPolicy::fromJson.
class ConfigApi
{
public:
    explicit ConfigApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

private:
    HttpResponse list(Call &call, const QString &kind);
    HttpResponse put(Call &call, const QString &kind);
    HttpResponse remove(Call &call, const QString &kind);

    ServerContext m_ctx;
};

} // namespace triage::server
