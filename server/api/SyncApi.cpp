#include "SyncApi.h"

#include "ApiUtil.h"
#include "EventHub.h"
#include "TicketService.h"
#include "ViewService.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "http/RequestMetrics.h"
#include "storage/ChangeFeed.h"
#include "storage/ServerTicketStore.h"
#include "storage/SyncClientStore.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>
#include <optional>

namespace triage::server {

QString ServerContext::cursorFor(qint64 seq) const
{
    return db->epoch() + u'.' + QString::number(seq);
}

void ServerContext::committed() const
{
    if (hub)
        hub->poke();
}

void SyncApi::registerRoutes(Router &router)
{
    router.add("GET", u"/api/v1/changes"_qs, true, [this](Call &c) { return changes(c); });
    router.add("POST", u"/api/v1/mutations"_qs, true, [this](Call &c) { return mutations(c); });
}

std::optional<qint64> SyncApi::parseCursor(const QString &cursor, qint64 head, HttpResponse *error) const
{
    if (cursor.isEmpty())
        return 0;
    const qsizetype dot = cursor.lastIndexOf(u'.');
    bool ok = false;
    const qint64 seq = dot > 0 ? cursor.mid(dot + 1).toLongLong(&ok) : 0;
    if (dot <= 0 || !ok || seq < 0 || cursor.size() > 100) {
        *error = badRequest(u"invalid-cursor"_qs,
            u"The cursor is malformed; use a next_cursor or head value "
            "returned by this server, or omit it to start over."_qs);
        return std::nullopt;
    }
    if (cursor.left(dot) != m_ctx.db->epoch() || seq > head) {
        // Another database, or this one restored from a backup older than the cursor.
        *error = problem(410, u"epoch-changed"_qs, u"Cursor from another server epoch"_qs,
            u"The server's data was replaced or restored since this cursor was issued. "
            "Resync from an empty cursor and keep unsent local changes."_qs,
            QJsonObject {{u"epoch"_qs, m_ctx.db->epoch()}});
        return std::nullopt;
    }
    return seq;
}

HttpResponse SyncApi::changes(Call &call)
{
    HttpResponse err;
    const auto limit = parseLimit(call.request, 100, 1000, &err);
    if (!limit)
        return err;
    const QString clientId = call.request.queryValue(u"client_id"_qs);
    if (!clientId.isEmpty() && !isValidId(clientId))
        return badRequest(u"invalid-parameter"_qs, u"client_id must be a UUID."_qs);

    ServerDatabase &db = *m_ctx.db;
    const auto after
        = parseCursor(call.request.queryValue(u"cursor"_qs), std::numeric_limits<qint64>::max(), &err);
    if (!after)
        return err;
    std::optional<ReadTx> snapshot;
    if (!db.isPostgres())
        snapshot.emplace(db);
    ChangeFeed feed(db);
    QByteArray body = "{\"changes\":";
    const FeedPage page = feed.read(call.principal, *after, *limit, &body);
    if (*after > page.head) {
        // A cursor from the future: this database was restored from an older backup.
        return problem(410, u"epoch-changed"_qs, u"Cursor from another server epoch"_qs,
            u"The server's data was replaced or restored since this cursor was issued. "
            "Resync from an empty cursor and keep unsent local changes."_qs,
            QJsonObject {{u"epoch"_qs, db.epoch()}});
    }

    qint64 lastProcessed = 0;
    QJsonArray recent;
    if (!clientId.isEmpty()) {
        SyncClientStore clients(db);
        if (const auto last = clients.lastProcessed(clientId, call.principal.userId)) {
            lastProcessed = *last;
            for (const QByteArray &json : clients.recentResults(clientId))
                recent.append(QJsonDocument::fromJson(json).object());
        }
    }
    body.append(",\"next_cursor\":\"")
        .append(m_ctx.cursorFor(page.nextSeq).toUtf8())
        .append("\",\"has_more\":")
        .append(page.hasMore ? "true" : "false")
        .append(",\"head\":\"")
        .append(m_ctx.cursorFor(page.head).toUtf8())
        .append("\",\"last_processed_seq\":")
        .append(QByteArray::number(lastProcessed))
        .append(",\"recent_results\":")
        .append(QJsonDocument(recent).toJson(QJsonDocument::Compact))
        .append('}');
    HttpResponse r = HttpResponse::raw(200, body);
    r.setHeader("Cache-Control", "no-store");
    return r;
}

HttpResponse SyncApi::mutations(Call &call)
{
    HttpResponse err;
    const auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    FieldErrors errors;
    const auto batch = decodeMutationBatch(*body, &errors);
    if (!batch)
        return validationProblem(errors, u"The mutation batch is malformed"_qs);

    // The results as JSON text: each applied result was already serialised for mutation_results.
    QByteArray results;
    qint64 lastProcessed = 0;
    for (const Mutation &m : batch->mutations) {
        Step step;
        for (int attempt = 0;; ++attempt) {
            try {
                step = processOne(call.principal, batch->clientId, m);
                break;
            } catch (const DbError &) {
                if (attempt == 2)
                    throw; // 503 from the dispatcher; everything before this mutation is committed
                m_ctx.db->dropThreadConnection(); // deadlock, serialization failure or a lost connection
            }
        }
        if (step.abort) {
            QJsonDocument doc = QJsonDocument::fromJson(step.abort->body);
            QJsonObject o = doc.object();
            o.insert(u"results"_qs, QJsonDocument::fromJson('[' + results + ']').array());
            o.insert(u"last_processed_seq"_qs, step.lastProcessed);
            HttpResponse r = HttpResponse::json(step.abort->status, o);
            r.contentType = "application/problem+json";
            return r;
        }
        if (!results.isEmpty())
            results += ',';
        results += step.resultJson.isEmpty() ? QJsonDocument(step.result).toJson(QJsonDocument::Compact)
                                             : step.resultJson;
        lastProcessed = step.lastProcessed;
    }
    return HttpResponse::raw(200,
        "{\"results\":[" + results + "],\"last_processed_seq\":" + QByteArray::number(lastProcessed) + '}');
}

namespace {

// PostgreSQL: the rows the mutation starts with, sent ahead in the round trip that claims the client
// row (the lock order stays: client row, then ticket). Unused if it turns out a duplicate.
void prefetchTargets(ServerDatabase &db, const Mutation &m)
{
    ServerTicketStore store(db);
    if (m.type == Mutation::Type::CommentCreate) {
        store.prefetchForUpdate(m.comment.ticketId);
        store.prefetchComment(m.comment.id);
    } else if (m.type != Mutation::Type::TicketCreate && !isViewMutation(m.type)) {
        store.prefetchForUpdate(m.ticketId);
    }
}

HttpResponse gapProblem(qint64 expected, qint64 got)
{
    return problem(409, u"mutation-gap"_qs, u"Mutations out of order"_qs,
        u"Expected client_seq %1, got %2; send the missing mutations first."_qs.arg(expected).arg(got),
        QJsonObject {{u"expected_client_seq"_qs, expected}});
}

// A mutation whose payload failed validation: `rejected`, and still processed.
Outcome invalidFields(const FieldErrors &errors)
{
    QJsonArray list;
    for (const FieldError &e : errors)
        list.append(QJsonObject {{u"field"_qs, e.field}, {u"message"_qs, e.message}});
    Outcome o;
    o.status = Outcome::Rejected;
    o.problem = makeProblem(
        422, u"validation"_qs, u"The mutation has invalid fields"_qs, describe(errors).left(2000));
    o.problem.insert(u"errors"_qs, list);
    return o;
}

Outcome apply(TicketService &service, ViewService &views, const Principal &who, const Mutation &m)
{
    if (!m.errors.isEmpty())
        return invalidFields(m.errors);
    switch (m.type) {
    case Mutation::Type::TicketCreate:
        return service.create(who, m.ticket);
    case Mutation::Type::TicketUpdate:
        return service.update(who, m.ticketId, m.changes, m.lists, true);
    case Mutation::Type::CommentCreate:
        return service.addComment(who, m.comment, m.baseVersion, m.confirm, m.attachmentIds);
    case Mutation::Type::TicketMove:
        return service.move(who, m.ticketId, m.status, m.after, m.before);
    case Mutation::Type::TicketDelete:
        return service.remove(who, m.ticketId);
    case Mutation::Type::ViewPut:
        return views.put(who, m.view);
    case Mutation::Type::ViewDelete:
        return views.remove(who, m.viewId);
    }
    return {};
}

QJsonObject resultJson(const Mutation &m, const Outcome &o)
{
    requestMetrics::count("triage_mutations_total", Outcome::statusName(o.status));
    QJsonObject result {
        {u"client_seq"_qs, m.clientSeq}, {u"id"_qs, m.id}, {u"status"_qs, Outcome::statusName(o.status)}};
    if (o.ticket)
        result.insert(u"ticket"_qs, o.ticket->toJson());
    if (o.comment)
        result.insert(u"comment"_qs, o.comment->toJson());
    if (isViewMutation(m.type)) // the server's copy (null: none): a refused client restores it
        result.insert(u"view"_qs, o.view ? QJsonValue(o.view->toJson()) : QJsonValue());
    if (!o.conflicts.isEmpty())
        result.insert(u"conflicts"_qs, o.conflicts);
    if (!o.problem.isEmpty())
        result.insert(u"problem"_qs, o.problem);
    if (o.status == Outcome::Rejected || o.status == Outcome::Held)
        result.insert(u"mutation"_qs, m.raw); // the agent's text is never lost
    return result;
}

} // namespace

SyncApi::Step SyncApi::processOne(const Principal &who, const QString &clientId, const Mutation &m)
{
    ServerDatabase &db = *m_ctx.db;
    // processOne is retried on DbError (mutations()), so BEGIN may ride with the first statement.
    WriteTx tx(db, WriteTx::LazyBegin);
    SyncClientStore clients(db);
    if (db.isPostgres())
        prefetchTargets(db, m);
    // Creates the client row on first use and locks it (PostgreSQL) in one round trip — together
    // with BEGIN and the prefetched reads on PostgreSQL.
    const SyncClientStore::Claim client = clients.claim(clientId, who.userId);
    Step step;
    step.lastProcessed = client.lastProcessed;
    if (client.owner != who.userId) {
        step.abort
            = forbidden(u"This client_id belongs to another user; each install × user has its own."_qs);
        return step;
    }
    if (m.clientSeq <= client.lastProcessed)
        return duplicate(clients, clientId, m, std::move(step));
    if (m.clientSeq != client.lastProcessed + 1) {
        step.abort = gapProblem(client.lastProcessed + 1, m.clientSeq);
        return step;
    }

    TicketService service(db, tx);
    service.expectBaseVersion(m.baseVersion);
    ViewService views(db, tx);
    Outcome o = apply(service, views, who, m); // o.write refers to service or views
    const QJsonObject result = resultJson(m, o);
    step.resultJson = QJsonDocument(result).toJson(QJsonDocument::Compact);
    clients.recordResult(clientId, m.clientSeq, m.payloadHash, step.resultJson, nowMs());
    clients.setLastProcessed(clientId, who.userId, m.clientSeq);
    o.applyWrites(); // the sequence bump and row writes: last before COMMIT
    tx.commit();
    if (o.changed)
        m_ctx.committed();
    step.result = result;
    step.lastProcessed = m.clientSeq;
    return step;
}

// A client_seq already processed: the stored result again, as `duplicate` (422 when the payload
// differs). Results past their retention are answered without the stored body.
SyncApi::Step SyncApi::duplicate(
    SyncClientStore &clients, const QString &clientId, const Mutation &m, Step step)
{
    if (const auto stored = clients.result(clientId, m.clientSeq)) {
        if (stored->payloadHash != m.payloadHash) {
            step.abort = problem(422, u"client-seq-reused"_qs, u"client_seq reused with another payload"_qs,
                u"client_seq %1 was already processed with a different payload."_qs.arg(m.clientSeq));
            return step;
        }
        step.result = QJsonDocument::fromJson(stored->json).object();
    } else {
        step.result = QJsonObject {{u"client_seq"_qs, m.clientSeq}, {u"id"_qs, m.id}};
    }
    step.result.insert(u"original_status"_qs, step.result.value(u"status"_qs));
    step.result.insert(u"status"_qs, u"duplicate"_qs);
    requestMetrics::count("triage_mutations_total", u"duplicate"_qs);
    return step;
}

} // namespace triage::server
