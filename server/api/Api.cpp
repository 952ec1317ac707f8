#include "Api.h"

#include "ApiUtil.h"
#include "Auth.h"
#include "EventHub.h"
#include "domain/Time.h"
#include "storage/DirectoryStore.h"

#include <QJsonArray>

#include <cstdio>

namespace triage::server {

bool Api::isQuickRead(const HttpRequest &request)
{
    return (request.method == "GET" || request.method == "HEAD")
        && !request.path.startsWith(u"/api/v1/reports/"_qs);
}

Api::Api(ServerContext ctx)
    : m_ctx(ctx)
    , m_sync(ctx)
    , m_tickets(ctx)
    , m_directory(ctx)
    , m_config(ctx)
    , m_rules(ctx)
    , m_channels(ctx)
    , m_notifications(ctx)
    , m_reports(ctx)
    , m_attachments(ctx)
    , m_prometheus(ctx)
{
    m_router.add("GET", u"/api/v1/health"_qs, false, [this](Call &c) { return health(c); });
    m_router.add("GET", u"/api/v1/version"_qs, true, [this](Call &c) { return version(c); });
    m_router.add("POST", u"/api/v1/auth/login"_qs, false, [this](Call &c) { return login(c); });
    m_router.add("POST", u"/api/v1/auth/logout"_qs, true, [this](Call &c) { return logout(c); });
    m_router.add("GET", u"/api/v1/events"_qs, true, [this](Call &c) { return events(c); });
    m_sync.registerRoutes(m_router);
    m_tickets.registerRoutes(m_router);
    m_directory.registerRoutes(m_router);
    m_config.registerRoutes(m_router);
    m_rules.registerRoutes(m_router);
    m_channels.registerRoutes(m_router);
    m_notifications.registerRoutes(m_router);
    m_reports.registerRoutes(m_router);
    m_attachments.registerRoutes(m_router);
    m_prometheus.registerRoutes(m_router);
}

void Api::enableTestClock(OffsetClock &clock, std::function<void()> settle)
{
    m_testClock = std::make_unique<TestClockApi>(clock, std::move(settle));
    m_testClock->registerRoutes(m_router);
}

HttpResponse Api::handle(const HttpRequest &request)
{
    const Route *route = nullptr;
    HttpResponse r = dispatch(request, &route);
    r.logRoute = route ? route->pattern : QString();
    return r;
}

HttpResponse Api::dispatch(const HttpRequest &request, const Route **matched)
{
    const Route *&route = *matched;
    QStringList params;
    switch (m_router.match(request.method, request.path, &route, &params)) {
    case Router::Match::NotFound:
        return problem(404, u"not-found"_qs, u"Not found"_qs,
            u"There is no such route; see /api/v1 in docs/api/openapi.yaml."_qs);
    case Router::Match::WrongMethod:
        return problem(405, u"method-not-allowed"_qs, u"Method not allowed"_qs,
            u"This route does not accept %1."_qs.arg(QString::fromLatin1(request.method.left(16))));
    case Router::Match::Found:
        break;
    }
    Call call {request, {}, params};
    try {
        if (route->needsAuth) {
            std::optional<Principal> principal;
            try {
                principal = m_ctx.auth->authenticate(request.header("authorization"));
            } catch (const DbError &) {
                m_ctx.db->dropThreadConnection(); // a read: retry once on a fresh connection
                principal = m_ctx.auth->authenticate(request.header("authorization"));
            }
            if (!principal) {
                HttpResponse r = problem(401, u"unauthorized"_qs, u"Authentication required"_qs,
                    u"Send a valid, unexpired bearer token from POST /api/v1/auth/login."_qs);
                r.setHeader("WWW-Authenticate", "Bearer realm=\"triage\"");
                return r;
            }
            call.principal = *principal;
            if (!principal->canWrite() && request.method != "GET" && request.method != "HEAD"
                && route->pattern != u"/api/v1/auth/logout"_qs) {
                HttpResponse r = problem(403, u"read-only"_qs, u"Read-only account"_qs,
                    u"This account (role viewer) may read tickets and reports but not change anything."_qs);
                r.logUser = principal->username;
                return r;
            }
            if (const int wait = m_ctx.auth->rateLimit(principal->tokenHash)) {
                HttpResponse r = problem(429, u"rate-limited"_qs, u"Too many requests"_qs,
                    u"This token exceeded its request rate; retry after %1 s."_qs.arg(wait));
                r.setHeader("Retry-After", QByteArray::number(wait));
                r.logUser = principal->username;
                return r;
            }
        }
        HttpResponse r;
        try {
            r = route->handler(call);
        } catch (const DbError &e) {
            // A read is safe to repeat: retry once on a fresh connection (e.g. after a database
            // restart) before answering 503.
            if (request.method != "GET" && request.method != "HEAD")
                throw;
            std::fprintf(stderr, "error: storage (retrying on a new connection): %s\n", e.what());
            m_ctx.db->dropThreadConnection();
            r = route->handler(call);
        }
        r.logUser = call.principal.username;
        return r;
    } catch (const DbError &e) {
        std::fprintf(stderr, "error: storage: %s\n", e.what());
        m_ctx.db->dropThreadConnection(); // rolls back whatever the failed request had begun
        if (e.storageFull()) {
            // Nothing of this request was kept; the client keeps its change and retries later.
            HttpResponse r = problem(507, u"storage-full"_qs, u"Server storage full"_qs,
                u"The server's disk is full, so nothing was saved. Retry after an administrator frees space."_qs);
            r.setHeader("Retry-After", "30");
            r.logUser = call.principal.username;
            return r;
        }
        HttpResponse r = problem(503, u"storage-unavailable"_qs, u"Storage unavailable"_qs,
            u"The database did not answer in time; retry shortly."_qs);
        r.setHeader("Retry-After", "1");
        r.logUser = call.principal.username;
        return r;
    }
}

HttpResponse Api::health(Call &)
{
    qint64 head = 0;
    try {
        head = readHead(*m_ctx.db);
    } catch (const DbError &) {
        m_ctx.db->dropThreadConnection();
        HttpResponse r = problem(
            503, u"storage-unavailable"_qs, u"Storage unavailable"_qs, u"The database is not reachable."_qs);
        r.setHeader("Retry-After", "1");
        return r;
    }
    return HttpResponse::json(200,
        QJsonObject {{u"status"_qs, u"ok"_qs},
            {u"database"_qs, m_ctx.db->isPostgres() ? u"postgresql"_qs : u"sqlite"_qs},
            {u"head"_qs, m_ctx.cursorFor(head)}});
}

HttpResponse Api::version(Call &)
{
    return HttpResponse::json(200,
        QJsonObject {{u"server"_qs, u"triaged"_qs}, {u"version"_qs, QStringLiteral(TRIAGE_VERSION)},
            {u"api"_qs, u"v1"_qs}, {u"epoch"_qs, m_ctx.db->epoch()}, {u"push"_qs, u"sse"_qs}});
}

HttpResponse Api::login(Call &call)
{
    HttpResponse err;
    const auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    JsonReader r(*body);
    const QString username = r.string(u"username"_qs, true).value_or(QString());
    const QString password = r.string(u"password"_qs, true).value_or(QString());
    r.rejectUnknown();
    if (!r.ok())
        return validationProblem(r.errors());
    if (username.size() > 64 || password.size() > 1024)
        return validationProblem({{u"username"_qs, u"too long"_qs}});
    const auto result = m_ctx.auth->login(username, password, call.request.remoteAddress);
    if (result.kind == Auth::LoginResult::Throttled) {
        HttpResponse t = problem(429, u"login-throttled"_qs, u"Too many failed sign-ins"_qs,
            u"Wait %1 s before trying again."_qs.arg(result.retryAfterSeconds));
        t.setHeader("Retry-After", QByteArray::number(result.retryAfterSeconds));
        return t;
    }
    if (result.kind == Auth::LoginResult::Invalid) {
        return problem(401, u"invalid-credentials"_qs, u"Wrong username or password"_qs,
            u"The username or password is wrong, or the account is disabled."_qs);
    }
    const auto user = DirectoryStore(*m_ctx.db).userById(result.userId);
    HttpResponse ok = HttpResponse::json(200,
        QJsonObject {{u"token"_qs, result.token}, {u"expires_at"_qs, isoUtc(result.expiresAt)},
            {u"user"_qs, user ? user->user.toJson() : QJsonObject()}});
    ok.setHeader("Cache-Control", "no-store");
    ok.logUser = username;
    return ok;
}

HttpResponse Api::logout(Call &call)
{
    m_ctx.auth->revoke(call.principal.tokenHash);
    return HttpResponse::raw(204, {});
}

HttpResponse Api::events(Call &)
{
    HttpResponse r;
    r.contentType = "text/event-stream";
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("X-Accel-Buffering", "no");
    r.stream = m_ctx.hub->subscribe();
    return r;
}

} // namespace triage::server
