#include "ChannelsApi.h"

#include "ApiUtil.h"
#include "domain/Time.h"
#include "intake/ChannelKinds.h"
#include "storage/ChannelStore.h"
#include "storage/DirectoryStore.h"
#include "storage/InboundStore.h"
#include "storage/OutgoingStore.h"

#include <QJsonArray>

namespace triage::server {

namespace {

HttpResponse adminOnly()
{
    return forbidden(u"Only administrators can manage channels."_qs);
}

// Every channel route: administrators only, and the path's ids valid (channel, then message).
// Returns the answer when the call stops here.
std::optional<HttpResponse> refused(const Call &call, int ids)
{
    if (!call.principal.isAdmin())
        return adminOnly();
    HttpResponse err;
    if (ids >= 1 && !validPathId(call.params.value(0), &err, u"channel"_qs))
        return err;
    if (ids >= 2 && !validPathId(call.params.value(1), &err, u"message"_qs))
        return err;
    return std::nullopt;
}

QJsonValue timeOrNull(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(isoUtc(*ms)) : QJsonValue(QJsonValue::Null);
}

QJsonObject publicChannel(const ChannelRecord &c)
{
    QJsonObject o = channelkinds::publicView(c.kind, c.config);
    o.insert(u"id"_qs, c.id);
    o.insert(u"kind"_qs, c.kind);
    o.insert(u"created_at"_qs, isoUtc(c.createdAt));
    o.insert(u"updated_at"_qs, isoUtc(c.updatedAt));
    return o;
}

} // namespace

void ChannelsApi::registerRoutes(Router &router)
{
    const QString base = u"/api/v1/channels"_qs;
    router.add("GET", base, true, [this](Call &c) { return list(c); });
    router.add("GET", base + u"/{id}"_qs, true, [this](Call &c) { return get(c); });
    router.add("PUT", base + u"/{id}"_qs, true, [this](Call &c) { return put(c); });
    router.add("DELETE", base + u"/{id}"_qs, true, [this](Call &c) { return remove(c); });
    router.add("GET", base + u"/{id}/status"_qs, true, [this](Call &c) { return status(c); });
    router.add("GET", base + u"/{id}/quarantine"_qs, true, [this](Call &c) { return quarantine(c); });
    router.add("GET", base + u"/{id}/messages/{message}/raw"_qs, true, [this](Call &c) { return raw(c); });
    router.add(
        "POST", base + u"/{id}/messages/{message}/retry"_qs, true, [this](Call &c) { return retry(c); });
}

HttpResponse ChannelsApi::list(Call &call)
{
    if (auto r = refused(call, 0))
        return *r;
    QJsonArray a;
    for (const ChannelRecord &c : ChannelStore(*m_ctx.db).list())
        a.append(publicChannel(c));
    return HttpResponse::json(200, QJsonObject {{u"channels"_qs, a}});
}

HttpResponse ChannelsApi::get(Call &call)
{
    if (auto r = refused(call, 1))
        return *r;
    const QString id = call.params.value(0);
    const auto c = ChannelStore(*m_ctx.db).find(id);
    if (!c)
        return notFound(u"channel"_qs);
    return HttpResponse::json(200, publicChannel(*c));
}

HttpResponse ChannelsApi::put(Call &call)
{
    if (auto r = refused(call, 1))
        return *r;
    const QString id = call.params.value(0);
    HttpResponse err;
    auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    if (body->contains(u"id"_qs) && body->value(u"id"_qs) != QJsonValue(id))
        return validationProblem({{u"id"_qs, u"must match the id in the path"_qs}});
    const QString kind = body->value(u"kind"_qs).toString();
    if (!body->contains(u"kind"_qs))
        return validationProblem({{u"kind"_qs, u"is required"_qs}});
    ServerDatabase &db = *m_ctx.db;
    WriteTx tx(db);
    ChannelStore channels(db);
    const auto previous = channels.find(id);
    if (previous && previous->kind != kind)
        return validationProblem(
            {{u"kind"_qs, u"a channel keeps its kind (it is %1)"_qs.arg(previous->kind)}});
    FieldErrors errors;
    QString groupId;
    const auto stored = channelkinds::storedFromBody(
        kind, *body, previous ? previous->config : QJsonObject(), &errors, &groupId);
    if (stored && !groupId.isEmpty() && !DirectoryStore(db).group(groupId))
        errors.append({u"group"_qs, u"no such group"_qs});
    if (!stored || !errors.isEmpty())
        return validationProblem(errors);
    ChannelRecord record;
    record.id = id;
    record.kind = kind;
    record.config = *stored;
    record.updatedAt = nowMs();
    record.createdAt = previous ? previous->createdAt : record.updatedAt;
    // Two PUTs within one millisecond must still restart the channel's worker (it compares versions).
    if (previous && record.updatedAt <= previous->updatedAt)
        record.updatedAt = previous->updatedAt + 1;
    const bool created = channels.put(record);
    tx.commit();
    return HttpResponse::json(created ? 201 : 200, publicChannel(record));
}

HttpResponse ChannelsApi::remove(Call &call)
{
    if (auto r = refused(call, 1))
        return *r;
    const QString id = call.params.value(0);
    WriteTx tx(*m_ctx.db);
    if (!ChannelStore(*m_ctx.db).remove(id))
        return notFound(u"channel"_qs);
    tx.commit();
    return HttpResponse::raw(204, {});
}

HttpResponse ChannelsApi::status(Call &call)
{
    if (auto r = refused(call, 1))
        return *r;
    const QString id = call.params.value(0);
    ServerDatabase &db = *m_ctx.db;
    ReadTx tx(db);
    if (!ChannelStore(db).find(id))
        return notFound(u"channel"_qs);
    const ChannelState s = ChannelStore(db).state(id);
    InboundStore inbound(db);
    OutgoingStore outgoing(db);
    using In = InboundRecord::State;
    using Out = OutgoingRecord::State;
    return HttpResponse::json(200,
        QJsonObject {
            {u"last_poll_at"_qs, timeOrNull(s.lastPollAt)},
            {u"last_error"_qs,
                s.lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.lastError)},
            {u"processed"_qs, s.processed},
            {u"pending"_qs, inbound.countIn(id, In::Pending)},
            {u"quarantined"_qs, inbound.countIn(id, In::Quarantined)},
            {u"ignored"_qs, inbound.countIn(id, In::Ignored)},
            {u"outgoing_queued"_qs, outgoing.countIn(id, Out::Queued) + outgoing.countIn(id, Out::Sending)},
            {u"outgoing_sent"_qs, outgoing.countIn(id, Out::Sent)},
            {u"outgoing_failed"_qs, outgoing.countIn(id, Out::Failed)},
            {u"polled_by"_qs, s.owner.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.owner)},
        });
}

HttpResponse ChannelsApi::quarantine(Call &call)
{
    if (auto r = refused(call, 1))
        return *r;
    const QString id = call.params.value(0);
    HttpResponse err;
    const auto limit = parseLimit(call.request, 100, 1000, &err);
    if (!limit)
        return err;
    QJsonArray a;
    for (const InboundRecord &r : InboundStore(*m_ctx.db).held(id, *limit)) {
        a.append(QJsonObject {
            {u"id"_qs, r.id},
            {u"state"_qs, InboundRecord::stateName(r.state)},
            {u"reason"_qs, r.error},
            {u"received_at"_qs, isoUtc(r.receivedAt)},
            {u"size"_qs, r.size},
            {u"attempts"_qs, r.attempts},
            {u"message_key"_qs, r.messageKey},
        });
    }
    return HttpResponse::json(200, QJsonObject {{u"messages"_qs, a}});
}

HttpResponse ChannelsApi::raw(Call &call)
{
    if (auto r = refused(call, 2))
        return *r;
    const QString id = call.params.value(0);
    const QString message = call.params.value(1);
    const auto bytes = InboundStore(*m_ctx.db).rawOf(id, message);
    if (!bytes)
        return notFound(u"message"_qs);
    HttpResponse r = HttpResponse::raw(200, *bytes, "message/rfc822");
    r.setHeader("Content-Disposition", "attachment; filename=\"" + message.toLatin1() + ".eml\"");
    r.setHeader("X-Content-Type-Options", "nosniff");
    return r;
}

HttpResponse ChannelsApi::retry(Call &call)
{
    if (auto r = refused(call, 2))
        return *r;
    const QString id = call.params.value(0);
    const QString message = call.params.value(1);
    WriteTx tx(*m_ctx.db);
    if (!InboundStore(*m_ctx.db).retry(id, message))
        return notFound(u"quarantined message"_qs);
    tx.commit();
    return HttpResponse::json(202, QJsonObject {{u"id"_qs, message}, {u"state"_qs, u"pending"_qs}});
}

} // namespace triage::server
