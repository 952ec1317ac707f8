#pragma once

#include "Router.h"
#include "ServerContext.h"
#include "sync/MutationCodec.h"

namespace triage::server {

class SyncClientStore;

// GET /api/v1/changes and POST /api/v1/mutations: the sync protocol (docs/sync-protocol.md).
class SyncApi
{
public:
    explicit SyncApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);

    // "<epoch>.<seq>" → seq; 400/410 problems otherwise. Empty cursor = 0.
    std::optional<qint64> parseCursor(const QString &cursor, qint64 head, HttpResponse *error) const;

private:
    HttpResponse changes(Call &call);
    HttpResponse mutations(Call &call);

    struct Step {
        QJsonObject result; // appended to results
        QByteArray resultJson; // `result` serialised (compact), when already done for storage
        std::optional<HttpResponse> abort; // stops the batch (gap, reuse, foreign client)
        qint64 lastProcessed = 0;
    };
    Step processOne(const Principal &who, const QString &clientId, const Mutation &m);
    static Step duplicate(SyncClientStore &clients, const QString &clientId, const Mutation &m, Step step);

    ServerContext m_ctx;
};

} // namespace triage::server
