#pragma once

#include "Router.h"
#include "ServerContext.h"
#include "TicketService.h"

namespace triage::server {

// Single-ticket REST for integrations: list with filters and cursor paging, GET with a strong ETag,
// POST with Idempotency-Key, PATCH behind If-Match, DELETE, and comments.
class TicketsApi
{
public:
    explicit TicketsApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

private:
    HttpResponse list(Call &call);
    HttpResponse get(Call &call);
    HttpResponse create(Call &call);
    HttpResponse patch(Call &call);
    HttpResponse remove(Call &call);
    HttpResponse listComments(Call &call);
    HttpResponse addComment(Call &call);
    HttpResponse breaches(Call &call); // sla_breaches rows, read-only
    HttpResponse escalations(Call &call); // sla_escalations rows, read-only, staff only

    ServerContext m_ctx;
};

HttpResponse outcomeProblem(const Outcome &o);
HttpResponse ticketResponse(int status, const Ticket &t);

} // namespace triage::server
