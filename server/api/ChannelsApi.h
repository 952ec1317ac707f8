#pragma once

#include "Router.h"
#include "ServerContext.h"

namespace triage::server {

// Channels (docs/channels.md, docs/api/openapi.yaml), administrators only: configuration with
// write-only secrets, the intake status, and the quarantine (messages that could not become work,
// kept raw: an administrator reads, downloads and retries them).
class ChannelsApi
{
public:
    explicit ChannelsApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

private:
    HttpResponse list(Call &call);
    HttpResponse get(Call &call);
    HttpResponse put(Call &call);
    HttpResponse remove(Call &call);
    HttpResponse status(Call &call);
    HttpResponse quarantine(Call &call);
    HttpResponse raw(Call &call);
    HttpResponse retry(Call &call);

    ServerContext m_ctx;
};

} // namespace triage::server
