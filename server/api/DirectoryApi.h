#pragma once

#include "Router.h"
#include "ServerContext.h"

namespace triage::server {

// Users, groups, boards and saved views: read for staff, write for admins (personal views: their
// owner). Requesters only ever see themselves (GET /api/v1/me).
class DirectoryApi
{
public:
    explicit DirectoryApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

private:
    HttpResponse me(Call &call);
    HttpResponse listUsers(Call &call);
    HttpResponse getUser(Call &call);
    HttpResponse putUser(Call &call);
    HttpResponse listGroups(Call &call);
    HttpResponse putGroup(Call &call);
    HttpResponse listBoards(Call &call);
    HttpResponse putBoard(Call &call);
    HttpResponse deleteBoard(Call &call);
    HttpResponse listViews(Call &call);
    HttpResponse putView(Call &call);
    HttpResponse deleteView(Call &call);

    ServerContext m_ctx;
};

} // namespace triage::server
