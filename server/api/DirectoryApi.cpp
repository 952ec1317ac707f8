#include "DirectoryApi.h"

#include "ApiUtil.h"
#include "Auth.h"
#include "TicketsApi.h"
#include "ViewService.h"
#include "storage/DirectoryStore.h"

#include <QJsonArray>

namespace triage::server {

namespace {

HttpResponse staffOnly()
{
    return forbidden(u"Only staff can read the directory."_qs);
}
HttpResponse adminOnly()
{
    return forbidden(u"Only administrators can change configuration."_qs);
}

template<typename T> HttpResponse listOf(const QString &key, const QList<T> &items)
{
    QJsonArray a;
    for (const T &i : items)
        a.append(i.toJson());
    return HttpResponse::json(200, QJsonObject {{key, a}});
}

// Parses a PUT body as T, insisting on the path id.
template<typename T> std::optional<T> parseBody(Call &call, HttpResponse *err, QJsonObject *bodyOut = nullptr)
{
    if (!validPathId(call.params.value(0), err, u"resource"_qs))
        return std::nullopt;
    auto body = parseJsonObject(call.request, err);
    if (!body)
        return std::nullopt;
    if (!body->contains(u"id"_qs))
        body->insert(u"id"_qs, call.params.value(0));
    if (body->value(u"id"_qs) != QJsonValue(call.params.value(0))) {
        *err = validationProblem({{u"id"_qs, u"must match the id in the path"_qs}});
        return std::nullopt;
    }
    if (bodyOut)
        *bodyOut = *body;
    FieldErrors errors;
    auto v = T::fromJson(*body, &errors);
    if (!v)
        *err = validationProblem(errors);
    return v;
}

} // namespace

void DirectoryApi::registerRoutes(Router &router)
{
    router.add("GET", u"/api/v1/me"_qs, true, [this](Call &c) { return me(c); });
    router.add("GET", u"/api/v1/users"_qs, true, [this](Call &c) { return listUsers(c); });
    router.add("GET", u"/api/v1/users/{id}"_qs, true, [this](Call &c) { return getUser(c); });
    router.add("PUT", u"/api/v1/users/{id}"_qs, true, [this](Call &c) { return putUser(c); });
    router.add("GET", u"/api/v1/groups"_qs, true, [this](Call &c) { return listGroups(c); });
    router.add("PUT", u"/api/v1/groups/{id}"_qs, true, [this](Call &c) { return putGroup(c); });
    router.add("GET", u"/api/v1/boards"_qs, true, [this](Call &c) { return listBoards(c); });
    router.add("PUT", u"/api/v1/boards/{id}"_qs, true, [this](Call &c) { return putBoard(c); });
    router.add("DELETE", u"/api/v1/boards/{id}"_qs, true, [this](Call &c) { return deleteBoard(c); });
    router.add("GET", u"/api/v1/views"_qs, true, [this](Call &c) { return listViews(c); });
    router.add("PUT", u"/api/v1/views/{id}"_qs, true, [this](Call &c) { return putView(c); });
    router.add("DELETE", u"/api/v1/views/{id}"_qs, true, [this](Call &c) { return deleteView(c); });
}

HttpResponse DirectoryApi::me(Call &call)
{
    DirectoryStore dir(*m_ctx.db);
    const auto u = dir.userById(call.principal.userId);
    if (!u)
        return notFound(u"user"_qs);
    return HttpResponse::json(200, u->user.toJson());
}

HttpResponse DirectoryApi::listUsers(Call &call)
{
    if (!call.principal.isStaff())
        return staffOnly();
    return listOf(u"users"_qs, DirectoryStore(*m_ctx.db).users());
}

HttpResponse DirectoryApi::getUser(Call &call)
{
    HttpResponse err;
    if (!validPathId(call.params.value(0), &err, u"user"_qs))
        return err;
    if (!call.principal.isStaff() && call.params.value(0) != call.principal.userId)
        return staffOnly();
    const auto u = DirectoryStore(*m_ctx.db).userById(call.params.value(0));
    if (!u)
        return notFound(u"user"_qs);
    return HttpResponse::json(200, u->user.toJson());
}

HttpResponse DirectoryApi::putUser(Call &call)
{
    if (!call.principal.isAdmin())
        return adminOnly();
    HttpResponse err;
    // The password travels next to the user document and is never stored or echoed as such.
    if (!validPathId(call.params.value(0), &err, u"user"_qs))
        return err;
    auto raw = parseJsonObject(call.request, &err);
    if (!raw)
        return err;
    QString password;
    if (raw->contains(u"password"_qs)) {
        if (!raw->value(u"password"_qs).isString() || raw->value(u"password"_qs).toString().size() < 4
            || raw->value(u"password"_qs).toString().size() > 1024) {
            return validationProblem({{u"password"_qs, u"must be a string of 4 to 1024 characters"_qs}});
        }
        password = raw->value(u"password"_qs).toString();
        raw->remove(u"password"_qs);
    }
    if (!raw->contains(u"id"_qs))
        raw->insert(u"id"_qs, call.params.value(0));
    if (raw->value(u"id"_qs) != QJsonValue(call.params.value(0)))
        return validationProblem({{u"id"_qs, u"must match the id in the path"_qs}});
    FieldErrors errors;
    const auto user = User::fromJson(*raw, &errors);
    if (!user)
        return validationProblem(errors);
    const QString hash = password.isEmpty() ? QString() : hashPassword(password);
    ServerDatabase &db = *m_ctx.db;
    WriteTx tx(db);
    DirectoryStore dir(db);
    if (const auto other = dir.userByName(user->username); other && other->user.id != user->id)
        return problem(
            409, u"username-taken"_qs, u"Username taken"_qs, u"Another user has this username."_qs);
    dir.upsertUser(*user, hash, tx.bumpHead(1));
    tx.commit();
    m_ctx.committed();
    return HttpResponse::json(200, user->toJson());
}

HttpResponse DirectoryApi::listGroups(Call &call)
{
    if (!call.principal.isStaff())
        return staffOnly();
    return listOf(u"groups"_qs, DirectoryStore(*m_ctx.db).groups());
}

HttpResponse DirectoryApi::putGroup(Call &call)
{
    if (!call.principal.isAdmin())
        return adminOnly();
    HttpResponse err;
    const auto g = parseBody<Group>(call, &err);
    if (!g)
        return err;
    WriteTx tx(*m_ctx.db);
    DirectoryStore(*m_ctx.db).upsertGroup(*g, tx.bumpHead(1));
    tx.commit();
    m_ctx.committed();
    return HttpResponse::json(200, g->toJson());
}

HttpResponse DirectoryApi::listBoards(Call &call)
{
    if (!call.principal.isStaff())
        return staffOnly();
    return listOf(u"boards"_qs, DirectoryStore(*m_ctx.db).boards());
}

HttpResponse DirectoryApi::putBoard(Call &call)
{
    if (!call.principal.isAdmin())
        return adminOnly();
    HttpResponse err;
    const auto b = parseBody<Board>(call, &err);
    if (!b)
        return err;
    WriteTx tx(*m_ctx.db);
    DirectoryStore(*m_ctx.db).upsertBoard(*b, tx.bumpHead(1));
    tx.commit();
    m_ctx.committed();
    return HttpResponse::json(200, b->toJson());
}

HttpResponse DirectoryApi::deleteBoard(Call &call)
{
    if (!call.principal.isAdmin())
        return adminOnly();
    HttpResponse err;
    if (!validPathId(call.params.value(0), &err, u"board"_qs))
        return err;
    WriteTx tx(*m_ctx.db);
    DirectoryStore dir(*m_ctx.db);
    if (!dir.board(call.params.value(0)))
        return notFound(u"board"_qs);
    dir.deleteBoard(call.params.value(0), tx.bumpHead(1));
    tx.commit();
    m_ctx.committed();
    return HttpResponse::raw(204, {});
}

HttpResponse DirectoryApi::listViews(Call &call)
{
    if (!call.principal.isStaff())
        return staffOnly();
    QList<SavedView> visible;
    for (const SavedView &v : DirectoryStore(*m_ctx.db).views()) {
        if (v.ownerId.isEmpty() || v.ownerId == call.principal.userId)
            visible.append(v);
    }
    return listOf(u"views"_qs, visible);
}

HttpResponse DirectoryApi::putView(Call &call)
{
    if (const auto no = ViewService::refuseCaller(call.principal))
        return outcomeProblem(*no);
    HttpResponse err;
    const auto v = parseBody<SavedView>(call, &err);
    if (!v)
        return err;
    WriteTx tx(*m_ctx.db);
    ViewService views(*m_ctx.db, tx); // outlives `o`: its deferred write calls back into it
    Outcome o = views.put(call.principal, *v);
    if (o.status != Outcome::Applied)
        return outcomeProblem(o);
    o.applyWrites();
    tx.commit();
    m_ctx.committed();
    return HttpResponse::json(200, v->toJson());
}

HttpResponse DirectoryApi::deleteView(Call &call)
{
    if (const auto no = ViewService::refuseCaller(call.principal))
        return outcomeProblem(*no);
    HttpResponse err;
    if (!validPathId(call.params.value(0), &err, u"view"_qs))
        return err;
    WriteTx tx(*m_ctx.db);
    ViewService views(*m_ctx.db, tx);
    Outcome o = views.remove(call.principal, call.params.value(0));
    if (o.status != Outcome::Applied)
        return outcomeProblem(o);
    o.applyWrites();
    tx.commit();
    m_ctx.committed();
    return HttpResponse::raw(204, {});
}

} // namespace triage::server
