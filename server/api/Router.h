#pragma once

#include "Principal.h"
#include "http/HttpTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace triage::server {

// What a route handler gets: the request, the authenticated caller and the `{id}` captures.
struct Call {
    const HttpRequest &request;
    Principal principal;
    QStringList params;
};

using RouteHandler = std::function<HttpResponse(Call &)>;

struct Route {
    QByteArray method;
    QString pattern; // e.g. /api/v1/tickets/{id}/comments
    bool needsAuth = true;
    RouteHandler handler;
};

// The route table. It is also the list docs/api/openapi.yaml is checked against (tst_openapi).
class Router
{
public:
    void add(const QByteArray &method, const QString &pattern, bool needsAuth, RouteHandler handler);
    const QList<Route> &routes() const { return m_routes; }

    enum class Match { Found, WrongMethod, NotFound };
    Match match(
        const QByteArray &method, const QString &path, const Route **route, QStringList *params) const;

private:
    QList<Route> m_routes;
};

} // namespace triage::server
