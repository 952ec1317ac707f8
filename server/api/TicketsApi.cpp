#include "TicketsApi.h"

#include "ApiUtil.h"
#include "TicketSla.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "sla/SlaJsonUtil.h"
#include "storage/IdempotencyStore.h"
#include "storage/ServerTicketStore.h"
#include "storage/SlaBreachStore.h"
#include "storage/SlaEscalationStore.h"
#include "storage/TicketReader.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace triage::server {

HttpResponse outcomeProblem(const Outcome &o)
{
    HttpResponse r = HttpResponse::json(o.httpStatus, o.problem);
    r.contentType = "application/problem+json";
    return r;
}

HttpResponse ticketResponse(int status, const Ticket &t)
{
    HttpResponse r = HttpResponse::json(status, t.toJson());
    r.setHeader("ETag", etagFor(t.version));
    r.setHeader("Cache-Control", "no-cache");
    return r;
}

namespace {

// `sla_at` (ISO instant with offset): evaluate the `sla` object as of that instant instead of now.
std::optional<qint64> slaInstant(const HttpRequest &request, HttpResponse *err)
{
    bool present = false;
    const QString text = request.queryValue(u"sla_at"_qs, &present);
    if (!present)
        return nowMs();
    const auto at = text.size() <= 40 ? slajson::parseInstant(text, QTimeZone::utc()) : std::nullopt;
    if (!at)
        *err = badRequest(u"invalid-parameter"_qs, u"sla_at: must be an ISO 8601 instant"_qs);
    return at;
}

} // namespace

void TicketsApi::registerRoutes(Router &router)
{
    router.add("GET", u"/api/v1/tickets"_qs, true, [this](Call &c) { return list(c); });
    router.add("POST", u"/api/v1/tickets"_qs, true, [this](Call &c) { return create(c); });
    router.add("GET", u"/api/v1/tickets/{id}"_qs, true, [this](Call &c) { return get(c); });
    router.add("PATCH", u"/api/v1/tickets/{id}"_qs, true, [this](Call &c) { return patch(c); });
    router.add("DELETE", u"/api/v1/tickets/{id}"_qs, true, [this](Call &c) { return remove(c); });
    router.add("GET", u"/api/v1/tickets/{id}/comments"_qs, true, [this](Call &c) { return listComments(c); });
    router.add("POST", u"/api/v1/tickets/{id}/comments"_qs, true, [this](Call &c) { return addComment(c); });
    router.add("GET", u"/api/v1/tickets/{id}/breaches"_qs, true, [this](Call &c) { return breaches(c); });
    router.add(
        "GET", u"/api/v1/tickets/{id}/escalations"_qs, true, [this](Call &c) { return escalations(c); });
}

HttpResponse TicketsApi::list(Call &call)
{
    HttpResponse err;
    const auto limit = parseLimit(call.request, 50, 500, &err);
    if (!limit)
        return err;
    const Principal &p = call.principal;
    TicketReader::ListFilter filter;
    filter.limit = *limit;
    const auto badParam = [](const QString &name, const QString &why) {
        return badRequest(u"invalid-parameter"_qs, u"%1: %2"_qs.arg(name, why));
    };
    bool present = false;
    if (const QString s = call.request.queryValue(u"status"_qs, &present); present) {
        for (const QString &part : s.split(u',', Qt::SkipEmptyParts)) {
            if (!ticketStatusFromWire(part))
                return badParam(u"status"_qs, u"unknown status '%1'"_qs.arg(part.left(40)));
            filter.statuses << part;
        }
        if (filter.statuses.isEmpty())
            return badParam(u"status"_qs, u"must list at least one status"_qs);
    }
    if (const QString s = call.request.queryValue(u"priority"_qs, &present); present) {
        if (!priorityFromWire(s))
            return badParam(u"priority"_qs, u"unknown priority '%1'"_qs.arg(s.left(40)));
        filter.priority = s;
    }
    const std::pair<QString, std::optional<QString> *> idParams[] = {{u"group_id"_qs, &filter.groupId},
        {u"requester_id"_qs, &filter.requesterId}, {u"assignee_id"_qs, &filter.assigneeId}};
    for (const auto &[name, target] : idParams) {
        QString v = call.request.queryValue(name, &present);
        if (!present)
            continue;
        if (name == u"assignee_id"_qs && v == u"me"_qs)
            v = p.userId;
        else if (v == u"none"_qs)
            v.clear();
        else if (!isValidId(v))
            return badParam(name,
                u"must be a UUID or 'none'"_qs + (name == u"assignee_id"_qs ? u" or 'me'"_qs : QString()));
        *target = v;
    }
    if (const QString q = call.request.queryValue(u"q"_qs, &present); present && !q.isEmpty()) {
        if (q.size() > 200 || !isCleanText(q, false))
            return badParam(u"q"_qs, u"must be clean text of at most 200 characters"_qs);
        filter.text = q;
    }
    if (const QString c = call.request.queryValue(u"cursor"_qs, &present); present && !c.isEmpty()) {
        bool ok = false;
        const qint64 n = c.startsWith(u'n') ? c.mid(1).toLongLong(&ok) : 0;
        if (!ok || n < 0)
            return badRequest(u"invalid-cursor"_qs, u"Use the next_cursor of the previous page."_qs);
        filter.beforeNumber = n;
    }
    const auto slaAt = slaInstant(call.request, &err);
    if (!slaAt)
        return err;

    TicketSla sla(*m_ctx.db); // before the page query: it reads the policy on the same connection
    const TicketReader::Page page = TicketReader(*m_ctx.db).list(p.ticketVisibility(), filter);
    QByteArray out = "{\"tickets\":[";
    int n = 0;
    for (const QByteArray &row : page.tickets) {
        if (n++)
            out.append(',');
        out.append(sla.withSla(row, *slaAt));
    }
    out.append("],\"next_cursor\":");
    out.append(page.more ? "\"n" + QByteArray::number(page.lastNumber) + '"' : QByteArray("null"));
    out.append('}');
    return HttpResponse::raw(200, out);
}

HttpResponse TicketsApi::get(Call &call)
{
    HttpResponse err;
    if (!validPathId(call.params.value(0), &err, u"ticket"_qs))
        return err;
    ServerTicketStore store(*m_ctx.db);
    const auto s = store.load(call.params.value(0), false);
    if (!s || s->deleted || !call.principal.canSeeTicket(s->ticket.groupId, s->ticket.requesterId))
        return notFound(u"ticket"_qs);
    const QByteArray etag = etagFor(s->ticket.version);
    if (call.request.header("if-none-match") == etag) {
        HttpResponse r = HttpResponse::raw(304, {});
        r.setHeader("ETag", etag);
        return r;
    }
    const auto slaAt = slaInstant(call.request, &err);
    if (!slaAt)
        return err;
    QJsonObject body = s->ticket.toJson();
    std::vector<SlaTimer> timers;
    body.insert(u"sla"_qs, TicketSla(*m_ctx.db).toJson(s->ticket, *slaAt, &timers));
    if (bool asOf = false;
        call.request.queryValue(u"sla_at"_qs, &asOf), !asOf) // reads at now notice breaches
        SlaBreachStore(*m_ctx.db).record(s->ticket.id, timers, *slaAt);
    HttpResponse r = HttpResponse::json(200, body);
    r.setHeader("ETag", etag);
    r.setHeader("Cache-Control", "no-cache");
    return r;
}

HttpResponse TicketsApi::create(Call &call)
{
    HttpResponse err;
    auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    const QByteArray key = call.request.header("idempotency-key");
    if (key.size() > 200)
        return badRequest(u"invalid-header"_qs, u"Idempotency-Key must be at most 200 characters."_qs);
    if (!body->contains(u"id"_qs))
        body->insert(u"id"_qs, newId());
    FieldErrors errors;
    const auto ticket = Ticket::fromJson(*body, &errors);
    if (!ticket)
        return validationProblem(errors);
    const QString requestHash = QString::fromLatin1(
        QCryptographicHash::hash(call.request.body, QCryptographicHash::Sha256).toHex());
    ServerDatabase &db = *m_ctx.db;
    WriteTx tx(db);
    IdempotencyStore answers(db);
    if (!key.isEmpty()) {
        if (const auto answer = answers.find(call.principal.userId, QString::fromUtf8(key))) {
            if (answer->requestHash != requestHash) {
                return problem(422, u"idempotency-key-reused"_qs, u"Idempotency-Key reused"_qs,
                    u"This Idempotency-Key was used for a different request body."_qs);
            }
            HttpResponse r = HttpResponse::raw(answer->status, answer->body);
            const QJsonObject stored = QJsonDocument::fromJson(r.body).object();
            r.setHeader("ETag", etagFor(stored.value(u"version"_qs).toInteger()));
            r.setHeader("Location", "/api/v1/tickets/" + stored.value(u"id"_qs).toString().toUtf8());
            r.setHeader("Idempotency-Replayed", "true");
            return r;
        }
    }
    // A client-chosen id that already exists with an identical ticket would be a replay without a key:
    // reported as 409 id-conflict.
    TicketService service(db, tx);
    Outcome o = service.create(call.principal, *ticket);
    if (o.status != Outcome::Applied)
        return outcomeProblem(o);
    HttpResponse r = ticketResponse(201, *o.ticket);
    r.setHeader("Location", "/api/v1/tickets/" + o.ticket->id.toUtf8());
    if (!key.isEmpty())
        answers.insert(call.principal.userId, QString::fromUtf8(key), {requestHash, 201, r.body}, nowMs());
    o.applyWrites();
    tx.commit();
    m_ctx.committed();
    return r;
}

HttpResponse TicketsApi::patch(Call &call)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"ticket"_qs))
        return err;
    const QByteArray ifMatch = call.request.header("if-match");
    if (ifMatch.isEmpty()) {
        return problem(428, u"precondition-required"_qs, u"If-Match required"_qs,
            u"Send the ETag of the ticket you edited in If-Match."_qs);
    }
    const auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    JsonReader r(*body);
    QList<FieldChange> changes;
    for (const QString &field : updatableTicketFields()) {
        if (!body->contains(field))
            continue;
        r.ignore({field});
        const QJsonValue v = body->value(field);
        if (v.isArray() || v.isObject())
            r.error(field, u"must be a string, number or null"_qs);
        changes.append({field, QJsonValue(), v});
    }
    const ListEdits lists = ListEdits::read(r);
    r.rejectUnknown();
    if (!r.ok())
        return validationProblem(r.errors());

    ServerDatabase &db = *m_ctx.db;
    WriteTx tx(db);
    ServerTicketStore store(db);
    const auto s = store.load(id, true);
    if (!s || s->deleted || !call.principal.canSeeTicket(s->ticket.groupId, s->ticket.requesterId))
        return notFound(u"ticket"_qs);
    if (ifMatch != etagFor(s->ticket.version) && ifMatch != "*") {
        HttpResponse stale = problem(412, u"precondition-failed"_qs, u"Ticket changed"_qs,
            u"The ticket changed since you read it; the current version is included."_qs,
            QJsonObject {{u"current"_qs, s->ticket.toJson()}});
        stale.setHeader("ETag", etagFor(s->ticket.version));
        return stale;
    }
    TicketService service(db, tx);
    Outcome o = service.update(call.principal, id, changes, lists, false);
    if (o.status == Outcome::Rejected)
        return outcomeProblem(o);
    o.applyWrites();
    tx.commit();
    if (o.changed)
        m_ctx.committed();
    return ticketResponse(200, *o.ticket);
}

HttpResponse TicketsApi::remove(Call &call)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"ticket"_qs))
        return err;
    WriteTx tx(*m_ctx.db);
    TicketService service(*m_ctx.db, tx);
    Outcome o = service.remove(call.principal, id);
    if (o.status == Outcome::Rejected)
        return outcomeProblem(o);
    o.applyWrites();
    tx.commit();
    m_ctx.committed();
    return HttpResponse::raw(204, {});
}

HttpResponse TicketsApi::listComments(Call &call)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"ticket"_qs))
        return err;
    ServerTicketStore store(*m_ctx.db);
    const auto s = store.load(id, false);
    if (!s || s->deleted || !call.principal.canSeeTicket(s->ticket.groupId, s->ticket.requesterId))
        return notFound(u"ticket"_qs);
    QJsonArray list;
    for (const StoredComment &c : store.comments(id)) {
        if (call.principal.canSeeComment(c.comment.isPublic))
            list.append(c.comment.toJson());
    }
    return HttpResponse::json(200, QJsonObject {{u"comments"_qs, list}});
}

HttpResponse TicketsApi::breaches(Call &call)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"ticket"_qs))
        return err;
    const auto s = ServerTicketStore(*m_ctx.db).load(id, false);
    if (!s || s->deleted || !call.principal.canSeeTicket(s->ticket.groupId, s->ticket.requesterId))
        return notFound(u"ticket"_qs);
    return HttpResponse::json(200, QJsonObject {{u"breaches"_qs, SlaBreachStore(*m_ctx.db).list(id)}});
}

HttpResponse TicketsApi::escalations(Call &call)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"ticket"_qs))
        return err;
    const auto s = ServerTicketStore(*m_ctx.db).load(id, false);
    if (!s || s->deleted || !call.principal.isStaff()
        || !call.principal.canSeeTicket(s->ticket.groupId, s->ticket.requesterId))
        return notFound(u"ticket"_qs);
    return HttpResponse::json(200, QJsonObject {{u"escalations"_qs, SlaEscalationStore(*m_ctx.db).list(id)}});
}

HttpResponse TicketsApi::addComment(Call &call)
{
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, u"ticket"_qs))
        return err;
    auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    JsonReader r(*body);
    const bool confirm = r.boolean(u"confirm"_qs, false).value_or(false);
    const auto base = r.integer(u"base_version"_qs, false, 0, Q_INT64_C(1) << 52);
    // Files uploaded to the ticket first (POST …/attachments), now this comment's.
    const QStringList attachmentIds = r.stringList(u"attachment_ids"_qs, false).value_or(QStringList());
    for (const QString &a : attachmentIds) {
        if (!isValidId(a))
            r.error(u"attachment_ids"_qs, u"'%1' is not a UUID"_qs.arg(a.left(40)));
    }
    r.ignore({u"id"_qs, u"body"_qs, u"public"_qs, u"ticket_id"_qs, u"author_id"_qs, u"created_at"_qs});
    r.rejectUnknown();
    if (!r.ok())
        return validationProblem(r.errors());
    body->remove(u"confirm"_qs);
    body->remove(u"base_version"_qs);
    body->remove(u"attachment_ids"_qs);
    if (!body->contains(u"id"_qs))
        body->insert(u"id"_qs, newId());
    if (body->contains(u"ticket_id"_qs) && body->value(u"ticket_id"_qs) != QJsonValue(id))
        return validationProblem({{u"ticket_id"_qs, u"must match the ticket in the path"_qs}});
    body->insert(u"ticket_id"_qs, id);
    FieldErrors errors;
    const auto comment = Comment::fromJson(*body, &errors);
    if (!comment)
        return validationProblem(errors);
    WriteTx tx(*m_ctx.db);
    TicketService service(*m_ctx.db, tx);
    service.expectBaseVersion(base);
    Outcome o = service.addComment(call.principal, *comment, base, confirm, attachmentIds);
    if (o.status != Outcome::Applied)
        return outcomeProblem(o);
    o.applyWrites();
    tx.commit();
    m_ctx.committed();
    return HttpResponse::json(201, o.comment->toJson());
}

} // namespace triage::server
