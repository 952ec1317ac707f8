#include "RoutingApi.h"

#include "ApiUtil.h"
#include "TicketSla.h"
#include "domain/Time.h"
#include "routing/AgentProfile.h"
#include "routing/GroupRouting.h"
#include "routing/Roster.h"
#include "storage/DirectoryStore.h"
#include "storage/RoutingStore.h"

#include <QJsonArray>

namespace triage::server {

namespace {

const QString kRouting = RoutingStore::groupRoutingKind();
const QString kRoster = RoutingStore::rosterKind();
const QString kProfile = RoutingStore::agentProfileKind();

HttpResponse staffOnly()
{
    return forbidden(u"Routing and rosters are for staff."_qs);
}

// The path's id as the document's owner: inserted when the body omits it, refused when it differs.
bool adoptPathId(QJsonObject &body, const QString &key, const QString &id, HttpResponse *err)
{
    if (!body.contains(key))
        body.insert(key, id);
    if (body.value(key) != QJsonValue(id)) {
        *err = validationProblem({{key, u"must equal the id in the path"_qs}});
        return false;
    }
    return true;
}

// Validates a document of `kind` and returns it in its normalised form.
std::optional<QJsonObject> normalised(const QString &kind, const QJsonObject &body, FieldErrors *errors)
{
    if (kind == kRouting) {
        if (const auto g = GroupRouting::fromJson(body, errors))
            return g->toJson();
    } else if (kind == kRoster) {
        if (const auto r = Roster::fromJson(body, errors))
            return r->toJson();
    } else if (const auto p = AgentProfile::fromJson(body, errors)) {
        return p->toJson();
    }
    return std::nullopt;
}

QJsonArray dutyJson(const std::vector<Roster::Duty> &duties, const QHash<QString, QString> &names)
{
    QJsonArray out;
    for (const Roster::Duty &d : duties) {
        out.append(QJsonObject {{u"agent_id"_qs, d.agentId}, {u"name"_qs, names.value(d.agentId)},
            {u"from"_qs, isoUtc(d.fromMs)}, {u"to"_qs, isoUtc(d.toMs)}, {u"on_call"_qs, d.onCall}});
    }
    return out;
}

QJsonObject presenceJson(const QString &userId, const std::optional<RoutingStore::PresenceRow> &row)
{
    AgentPresence p;
    p.userId = userId;
    if (row) {
        p.state = presenceFromWire(row->state).value_or(Presence::Available);
        p.sinceMs = row->since;
    }
    return p.toJson();
}

} // namespace

void RoutingApi::registerRoutes(Router &router)
{
    const QString group = u"/api/v1/groups/{id}"_qs;
    router.add("GET", group + u"/routing"_qs, true, [this](Call &c) { return getGroupDoc(c, kRouting); });
    router.add("PUT", group + u"/routing"_qs, true, [this](Call &c) { return putGroupDoc(c, kRouting); });
    router.add("DELETE", group + u"/routing"_qs, true, [this](Call &c) { return deleteRouting(c); });
    router.add("GET", group + u"/roster"_qs, true, [this](Call &c) { return getGroupDoc(c, kRoster); });
    router.add("PUT", group + u"/roster"_qs, true, [this](Call &c) { return putGroupDoc(c, kRoster); });
    router.add("GET", group + u"/on-duty"_qs, true, [this](Call &c) { return onDuty(c); });
    const QString profile = u"/api/v1/users/{id}/routing-profile"_qs;
    router.add("GET", profile, true, [this](Call &c) { return getProfile(c); });
    router.add("PUT", profile, true, [this](Call &c) { return putProfile(c); });
    router.add("PUT", u"/api/v1/me/presence"_qs, true, [this](Call &c) { return putPresence(c); });
    router.add("GET", u"/api/v1/presence"_qs, true, [this](Call &c) { return listPresence(c); });
}

HttpResponse RoutingApi::getGroupDoc(Call &call, const QString &kind)
{
    if (!call.principal.isStaff())
        return staffOnly();
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"group"_qs))
        return err;
    ServerDatabase &db = *m_ctx.db;
    if (!DirectoryStore(db).group(id))
        return notFound(u"group"_qs);
    if (const auto doc = RoutingStore(db).doc(kind, id))
        return HttpResponse::json(200, *doc);
    if (kind == kRoster) // no roster yet: an empty one (nobody is off shift)
        return HttpResponse::json(200, Roster {id, {}, {}, {}}.toJson());
    return notFound(u"routing configuration for this group"_qs);
}

HttpResponse RoutingApi::putGroupDoc(Call &call, const QString &kind)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"group"_qs))
        return err;
    if (!call.principal.isAdmin() && !call.principal.ledGroups.contains(id))
        return forbidden(u"Only an administrator or the group's lead changes its routing and roster."_qs);
    ServerDatabase &db = *m_ctx.db;
    if (!DirectoryStore(db).group(id))
        return notFound(u"group"_qs);
    auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    if (!adoptPathId(*body, u"group_id"_qs, id, &err))
        return err;
    FieldErrors errors;
    const auto doc = normalised(kind, *body, &errors);
    if (!doc)
        return validationProblem(errors);
    WriteTx tx(db);
    RoutingStore(db).putDoc(kind, id, *doc, nowMs());
    tx.commit();
    return HttpResponse::json(200, *doc);
}

HttpResponse RoutingApi::deleteRouting(Call &call)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"group"_qs))
        return err;
    if (!call.principal.isAdmin() && !call.principal.ledGroups.contains(id))
        return forbidden(u"Only an administrator or the group's lead changes its routing and roster."_qs);
    ServerDatabase &db = *m_ctx.db;
    WriteTx tx(db);
    const bool had = RoutingStore(db).deleteDoc(kRouting, id);
    tx.commit();
    if (!had)
        return notFound(u"routing configuration for this group"_qs);
    return HttpResponse::raw(204, {});
}

HttpResponse RoutingApi::onDuty(Call &call)
{
    if (!call.principal.isStaff())
        return staffOnly();
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"group"_qs))
        return err;
    ServerDatabase &db = *m_ctx.db;
    DirectoryStore directory(db);
    const auto group = directory.group(id);
    if (!group)
        return notFound(u"group"_qs);
    qint64 at = nowMs();
    if (const QString q = call.request.queryValue(u"at"_qs); !q.isEmpty()) {
        const auto parsed = parseWireInstant(q);
        if (!parsed)
            return badRequest(u"bad-query"_qs, u"`at` must be an instant like 2026-03-02T07:00:00.000Z"_qs);
        at = *parsed;
    }
    std::optional<Roster> roster;
    if (const auto doc = RoutingStore(db).doc(kRoster, id))
        roster = Roster::fromJson(*doc, nullptr);
    QHash<QString, QString> names;
    for (const User &u : directory.users())
        names.insert(u.id, u.displayName);
    QJsonObject o {{u"group_id"_qs, id}, {u"at"_qs, isoUtc(at)}};
    if (!roster || roster->isEmpty()) {
        // No roster: the group's fixed on-duty agent, with no shift times.
        const QStringList ids = Roster::onDutyIds(nullptr, nullptr, group->onDutyId, at);
        QJsonArray now;
        for (const QString &a : ids)
            now.append(QJsonObject {{u"agent_id"_qs, a}, {u"name"_qs, names.value(a)}});
        o.insert(u"source"_qs, ids.isEmpty() ? u"none"_qs : u"group"_qs);
        o.insert(u"on_duty"_qs, now);
        o.insert(u"first_responders"_qs, QJsonArray::fromStringList(ids));
        o.insert(u"next"_qs, QJsonValue::Null);
        return HttpResponse::json(200, o);
    }
    TicketSla sla(db); // the group's calendar as the SLA chooses it
    const BusinessCalendar &calendar = sla.calendarFor(id);
    const auto now = roster->onDutyAt(calendar, at);
    o.insert(u"source"_qs, u"roster"_qs);
    o.insert(u"on_duty"_qs, dutyJson(now, names));
    o.insert(u"first_responders"_qs,
        QJsonArray::fromStringList(Roster::onDutyIds(&*roster, &calendar, group->onDutyId, at)));
    if (const auto next = roster->nextHandover(calendar, at)) {
        o.insert(u"next"_qs,
            QJsonObject {{u"at"_qs, isoUtc(next->atMs)}, {u"on_duty"_qs, dutyJson(next->onDuty, names)}});
    } else {
        o.insert(u"next"_qs, QJsonValue::Null);
    }
    return HttpResponse::json(200, o);
}

HttpResponse RoutingApi::getProfile(Call &call)
{
    if (!call.principal.isStaff())
        return staffOnly();
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"user"_qs))
        return err;
    ServerDatabase &db = *m_ctx.db;
    if (!DirectoryStore(db).userById(id))
        return notFound(u"user"_qs);
    if (const auto doc = RoutingStore(db).doc(kProfile, id))
        return HttpResponse::json(200, *doc);
    AgentProfile defaults; // never set: unlimited capacity, nothing known
    defaults.userId = id;
    return HttpResponse::json(200, defaults.toJson());
}

HttpResponse RoutingApi::putProfile(Call &call)
{
    if (!call.principal.isAdmin())
        return forbidden(u"Only an administrator changes routing profiles."_qs);
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"user"_qs))
        return err;
    ServerDatabase &db = *m_ctx.db;
    if (!DirectoryStore(db).userById(id))
        return notFound(u"user"_qs);
    auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    if (!adoptPathId(*body, u"user_id"_qs, id, &err))
        return err;
    FieldErrors errors;
    const auto doc = normalised(kProfile, *body, &errors);
    if (!doc)
        return validationProblem(errors);
    WriteTx tx(db);
    RoutingStore(db).putDoc(kProfile, id, *doc, nowMs());
    tx.commit();
    return HttpResponse::json(200, *doc);
}

HttpResponse RoutingApi::putPresence(Call &call)
{
    if (!call.principal.isStaff())
        return staffOnly();
    HttpResponse err;
    const auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    for (auto it = body->constBegin(); it != body->constEnd(); ++it) {
        if (it.key() != u"presence"_qs)
            return validationProblem({{it.key(), u"unknown field (known: presence)"_qs}});
    }
    const auto state = presenceFromWire(body->value(u"presence"_qs).toString());
    if (!state)
        return validationProblem({{u"presence"_qs, u"must be \"available\" or \"away\""_qs}});
    ServerDatabase &db = *m_ctx.db;
    RoutingStore store(db);
    const qint64 now = nowMs();
    WriteTx tx(db);
    // `since` is when the state last changed: saying "available" twice keeps the first time.
    auto row = store.presence(call.principal.userId);
    if (!row || row->state != toWire(*state)) {
        row = RoutingStore::PresenceRow {toWire(*state), now};
        store.setPresence(call.principal.userId, row->state, row->since);
    }
    tx.commit();
    return HttpResponse::json(200, presenceJson(call.principal.userId, row));
}

HttpResponse RoutingApi::listPresence(Call &call)
{
    if (!call.principal.isStaff())
        return staffOnly();
    ServerDatabase &db = *m_ctx.db;
    const auto rows = RoutingStore(db).allPresence();
    QJsonArray items;
    for (const User &u : DirectoryStore(db).users()) {
        if (!u.canWork() || u.disabled)
            continue;
        const auto it = rows.constFind(u.id);
        items.append(presenceJson(u.id, it == rows.constEnd() ? std::nullopt : std::optional(*it)));
    }
    return HttpResponse::json(200, QJsonObject {{u"items"_qs, items}});
}

} // namespace triage::server
