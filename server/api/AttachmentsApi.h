#pragma once

#include "Router.h"
#include "ServerContext.h"

namespace triage::server {

// Files on tickets and comments: upload (multipart/form-data, streamed to storage), list, and
// download (streamed from storage), only for callers who may see the ticket and the comment.
class AttachmentsApi
{
public:
    explicit AttachmentsApi(ServerContext ctx)
        : m_ctx(ctx)
    { }
    void registerRoutes(Router &router);
    // For HttpOptions::uploadLimit: the largest file a request may upload, 0 for other routes.
    qint64 uploadLimit(const HttpRequest &request) const;

private:
    HttpResponse upload(Call &call);
    HttpResponse list(Call &call);
    HttpResponse download(Call &call);

    ServerContext m_ctx;
};

} // namespace triage::server
