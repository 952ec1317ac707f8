#include "SyncApi.h"

#include "ApiUtil.h"
#include "EventHub.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "storage/ChangeFeed.h"
#include "storage/ServerTicketStore.h"

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
        Sql q(db, u"SELECT last_processed_seq FROM clients WHERE client_id = ? AND user_id = ?"_qs);
        q.bind(clientId).bind(call.principal.userId).exec();
        if (q.next()) {
            lastProcessed = q.i64(0);
            Sql r(db,
                u"SELECT result FROM mutation_results WHERE client_id = ? ORDER BY client_seq DESC LIMIT 20"_qs);
            r.bind(clientId).exec();
            QList<QJsonValue> rows;
            while (r.next())
                rows.prepend(QJsonDocument::fromJson(r.value(0).toByteArray()).object());
            for (const QJsonValue &v : rows)
                recent.append(v);
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

SyncApi::Step SyncApi::processOne(const Principal &who, const QString &clientId, const Mutation &m)
{
    ServerDatabase &db = *m_ctx.db;
    Step step;
    // processOne is retried on DbError (mutations()), so BEGIN may ride with the first statement.
    WriteTx tx(db, WriteTx::LazyBegin);
    QString owner;
    qint64 last = 0;
    {
        // Creates the client row on first use and locks it (PostgreSQL) in one round trip —
        // together with BEGIN on PostgreSQL.
        const QString sql = u"INSERT INTO clients (client_id, user_id, last_processed_seq) VALUES (?, ?, 0)"
                            " ON CONFLICT (client_id) DO UPDATE SET client_id = excluded.client_id"
                            " RETURNING user_id, last_processed_seq"_qs;
        if (db.isPostgres()) {
            // The reads the mutation starts with ride in the same round trip, after the client row
            // (the lock order stays: client row, then ticket). Unused if it turns out a duplicate.
            ServerTicketStore store(db);
            if (m.type == Mutation::Type::CommentCreate) {
                store.prefetchForUpdate(m.comment.ticketId);
                store.prefetchComment(m.comment.id);
            } else if (m.type != Mutation::Type::TicketCreate) {
                store.prefetchForUpdate(m.ticketId);
            }
            QList<QByteArray> row;
            db.flushWrites(sql, {clientId, who.userId}, false, &row);
            if (row.size() == 2) {
                owner = QString::fromUtf8(row[0]);
                last = row[1].toLongLong();
            }
        } else {
            Sql q(db, sql);
            q.bind(clientId).bind(who.userId).exec();
            if (q.next()) {
                owner = q.str(0);
                last = q.i64(1);
            }
        }
    }
    step.lastProcessed = last;
    if (owner != who.userId) {
        step.abort
            = forbidden(u"This client_id belongs to another user; each install × user has its own."_qs);
        return step;
    }
    if (m.clientSeq <= last) {
        Sql q(db,
            u"SELECT payload_hash, result FROM mutation_results WHERE client_id = ? AND client_seq = ?"_qs);
        q.bind(clientId).bind(m.clientSeq).exec();
        if (q.next()) {
            if (q.str(0).toLatin1() != m.payloadHash) {
                step.abort
                    = problem(422, u"client-seq-reused"_qs, u"client_seq reused with another payload"_qs,
                        u"client_seq %1 was already processed with a different payload."_qs.arg(m.clientSeq));
                return step;
            }
            step.result = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
        } else {
            step.result = QJsonObject {{u"client_seq"_qs, m.clientSeq}, {u"id"_qs, m.id}};
        }
        step.result.insert(u"original_status"_qs, step.result.value(u"status"_qs));
        step.result.insert(u"status"_qs, u"duplicate"_qs);
        return step;
    }
    if (m.clientSeq != last + 1) {
        step.abort = problem(409, u"mutation-gap"_qs, u"Mutations out of order"_qs,
            u"Expected client_seq %1, got %2; send the missing mutations first."_qs.arg(last + 1).arg(
                m.clientSeq),
            QJsonObject {{u"expected_client_seq"_qs, last + 1}});
        return step;
    }

    Outcome o;
    TicketService service(db, tx); // outlives o.write, which refers to it
    service.expectBaseVersion(m.baseVersion);
    if (!m.errors.isEmpty()) {
        QJsonArray list;
        for (const FieldError &e : m.errors)
            list.append(QJsonObject {{u"field"_qs, e.field}, {u"message"_qs, e.message}});
        o.status = Outcome::Rejected;
        o.problem = makeProblem(
            422, u"validation"_qs, u"The mutation has invalid fields"_qs, describe(m.errors).left(2000));
        o.problem.insert(u"errors"_qs, list);
    } else {
        switch (m.type) {
        case Mutation::Type::TicketCreate:
            o = service.create(who, m.ticket);
            break;
        case Mutation::Type::TicketUpdate:
            o = service.update(who, m.ticketId, m.changes, m.lists, true);
            break;
        case Mutation::Type::CommentCreate:
            o = service.addComment(who, m.comment, m.baseVersion, m.confirm);
            break;
        case Mutation::Type::TicketMove:
            o = service.move(who, m.ticketId, m.status, m.after, m.before);
            break;
        case Mutation::Type::TicketDelete:
            o = service.remove(who, m.ticketId);
            break;
        }
    }
    QJsonObject result {
        {u"client_seq"_qs, m.clientSeq}, {u"id"_qs, m.id}, {u"status"_qs, Outcome::statusName(o.status)}};
    if (o.ticket)
        result.insert(u"ticket"_qs, o.ticket->toJson());
    if (o.comment)
        result.insert(u"comment"_qs, o.comment->toJson());
    if (!o.conflicts.isEmpty())
        result.insert(u"conflicts"_qs, o.conflicts);
    if (!o.problem.isEmpty())
        result.insert(u"problem"_qs, o.problem);
    if (o.status == Outcome::Rejected || o.status == Outcome::Held)
        result.insert(u"mutation"_qs, m.raw); // the agent's text is never lost
    {
        Sql ins(db,
            u"INSERT INTO mutation_results (client_id, client_seq, payload_hash, result, created_at)"
            " VALUES (?, ?, ?, ?, ?)"_qs);
        step.resultJson = QJsonDocument(result).toJson(QJsonDocument::Compact);
        ins.bind(clientId)
            .bind(m.clientSeq)
            .bind(QString::fromLatin1(m.payloadHash))
            .bind(QString::fromUtf8(step.resultJson))
            .bind(nowMs())
            .execDeferred();
    }
    {
        // An upsert, not UPDATE … WHERE client_id = ?: PostgreSQL may cache a generic plan for the
        // latter while `clients` is still tiny (a sequential scan), and keep it as the table grows;
        // ON CONFLICT always goes through the primary key.
        Sql up(db,
            u"INSERT INTO clients (client_id, user_id, last_processed_seq) VALUES (?, ?, ?)"
            " ON CONFLICT (client_id) DO UPDATE SET last_processed_seq = excluded.last_processed_seq"_qs);
        up.bind(clientId).bind(who.userId).bind(m.clientSeq).execDeferred();
    }
    o.applyWrites(); // the sequence bump and row writes: last before COMMIT
    tx.commit();
    if (o.changed)
        m_ctx.committed();
    step.result = result;
    step.lastProcessed = m.clientSeq;
    return step;
}

} // namespace triage::server
