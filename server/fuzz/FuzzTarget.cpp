// Fuzz target for what triaged parses from the network before any storage is touched: the JSON
// body reader, the mutation batch decoder (and the ticket/comment codecs it calls), the router,
// the UTF-8 validator and the query-parameter parsers. Must never crash, hang or throw.
#include "api/ApiUtil.h"
#include "api/Router.h"
#include "http/HttpTypes.h"
#include "sync/MutationCodec.h"

#include <QJsonArray>

#include <cstddef>
#include <cstdint>

using namespace triage;
using namespace triage::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    (void)isValidUtf8(bytes.constData(), static_cast<size_t>(bytes.size()));

    HttpRequest request;
    request.method = "POST";
    request.body = bytes;
    request.headers.insert("content-type", size % 3 ? QByteArray("application/json") : bytes.left(40));
    HttpResponse error;
    if (const auto object = parseJsonObject(request, &error)) {
        FieldErrors errors;
        if (const auto batch = decodeMutationBatch(*object, &errors)) {
            for (const Mutation &m : batch->mutations)
                (void)m.payloadHash.size();
        }
        FieldErrors single;
        (void)decodeMutation(*object, QStringLiteral("m"), &single);
        (void)Ticket::fromJson(*object, &single);
        (void)Comment::fromJson(*object, &single);
    }

    // The same bytes as a path and as query parameters.
    static const Router router = [] {
        Router r;
        for (const char *p : {"/api/v1/tickets", "/api/v1/tickets/{id}", "/api/v1/tickets/{id}/comments",
                 "/api/v1/changes", "/api/v1/users/{id}"})
            r.add("GET", QString::fromLatin1(p), true, [](Call &) { return HttpResponse {}; });
        return r;
    }();
    const QString path = QString::fromUtf8(bytes.left(300));
    const Route *route = nullptr;
    QStringList params;
    (void)router.match("GET", path, &route, &params);
    (void)router.match(bytes.left(8), QStringLiteral("/api/v1/tickets/") + path, &route, &params);
    HttpRequest query;
    query.query.append({QStringLiteral("limit"), path.left(40)});
    (void)parseLimit(query, 100, 1000, &error);
    (void)validPathId(path.left(64), &error, QStringLiteral("ticket"));
    return 0;
}
