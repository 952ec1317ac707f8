#pragma once

#include "Router.h"
#include "ServerContext.h"

namespace triage::server {

// The caller's own alerts (docs/channels.md "Alerts for agents", docs/api/openapi.yaml), staff only:
// which alerts they want, their Telegram link, and a one-time code to link an account with the bot.
class NotificationsApi
{
public:
    explicit NotificationsApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

private:
    HttpResponse get(Call &call);
    HttpResponse put(Call &call);
    HttpResponse link(Call &call);
    HttpResponse unlink(Call &call);
    QJsonObject document(const QString &userId);

    ServerContext m_ctx;
};

} // namespace triage::server
