#pragma once

#include "Router.h"
#include "ServerContext.h"

namespace triage::server {

// The automation rule set (issue 18, docs/automation.md): read by staff, replaced as a whole by
// admins (validated by core/rules; refusals name the field), and dry-run by admins and leads over
// one ticket or the last days of history, with the stored rules or a candidate set; a dry-run
// writes nothing.
class RulesApi
{
public:
    explicit RulesApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

private:
    HttpResponse get(Call &call);
    HttpResponse put(Call &call);
    HttpResponse dryRun(Call &call);

    ServerContext m_ctx;
};

} // namespace triage::server
