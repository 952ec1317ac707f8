#include "Router.h"

namespace triage::server {

void Router::add(const QByteArray &method, const QString &pattern, bool needsAuth, RouteHandler handler)
{
    m_routes.append(Route {method, pattern, needsAuth, std::move(handler)});
}

Router::Match Router::match(
    const QByteArray &method, const QString &path, const Route **route, QStringList *params) const
{
    const QList<QStringView> parts = QStringView(path).split(u'/');
    bool pathMatched = false;
    for (const Route &r : m_routes) {
        const QList<QStringView> pat = QStringView(r.pattern).split(u'/');
        if (pat.size() != parts.size())
            continue;
        QStringList captured;
        bool ok = true;
        for (qsizetype i = 0; i < pat.size() && ok; ++i) {
            if (pat[i].startsWith(u'{'))
                captured << parts[i].toString();
            else
                ok = pat[i] == parts[i];
        }
        if (!ok)
            continue;
        pathMatched = true;
        if (r.method == method || (method == "HEAD" && r.method == "GET")) {
            *route = &r;
            *params = captured;
            return Match::Found;
        }
    }
    return pathMatched ? Match::WrongMethod : Match::NotFound;
}

} // namespace triage::server
