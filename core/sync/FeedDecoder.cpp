#include "FeedDecoder.h"

#include "domain/Enums.h"
#include "domain/Time.h"

#include <QJsonArray>

namespace triage {

namespace {

// A wrong JSON type or an unparsable value: the strict parser decides.
struct Bad {
};

QString str(const QJsonValue &v)
{
    if (!v.isString())
        throw Bad {};
    return v.toString();
}

QString nullableStr(const QJsonValue &v)
{
    return v.isNull() ? QString() : str(v);
}

template<typename E> E enumOf(const QJsonValue &v, std::optional<E> (*parse)(QStringView))
{
    const auto e = parse(str(v));
    if (!e)
        throw Bad {};
    return *e;
}

qint64 instant(const QJsonValue &v)
{
    const auto ms = parseWireInstant(str(v));
    if (!ms)
        throw Bad {};
    return *ms;
}

qint64 integer(const QJsonValue &v)
{
    if (!v.isDouble())
        throw Bad {};
    return static_cast<qint64>(v.toDouble());
}

} // namespace

std::optional<Ticket> decodeFeedTicket(const QJsonObject &data, FieldErrors *errors)
{
    Ticket t;
    bool hasUpdated = false;
    try {
        for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            if (key == u"id")
                t.id = str(v);
            else if (key == u"number")
                t.number = v.isNull() ? std::nullopt : std::optional<qint64>(integer(v));
            else if (key == u"title")
                t.title = str(v);
            else if (key == u"description")
                t.description = nullableStr(v);
            else if (key == u"type")
                t.type = enumOf(v, &ticketTypeFromWire);
            else if (key == u"status")
                t.status = enumOf(v, &ticketStatusFromWire);
            else if (key == u"priority")
                t.priority = enumOf(v, &priorityFromWire);
            else if (key == u"impact")
                t.impact = enumOf(v, &levelFromWire);
            else if (key == u"urgency")
                t.urgency = enumOf(v, &levelFromWire);
            else if (key == u"channel")
                t.channel = enumOf(v, &channelFromWire);
            else if (key == u"requester_id")
                t.requesterId = nullableStr(v);
            else if (key == u"assignee_id")
                t.assigneeId = nullableStr(v);
            else if (key == u"group_id")
                t.groupId = nullableStr(v);
            else if (key == u"tags") {
                if (!v.isArray() && !v.isNull())
                    throw Bad {};
                const QJsonArray a = v.toArray();
                t.tags.reserve(a.size());
                for (const auto &tag : a)
                    t.tags << normaliseTag(str(tag));
            } else if (key == u"links") {
                if (!v.isArray() && !v.isNull())
                    throw Bad {};
                for (const auto &l : v.toArray()) {
                    const QJsonObject o = l.toObject();
                    t.links << TicketLink {
                        enumOf(o.value(u"kind"_qs), &linkKindFromWire), str(o.value(u"ticket_id"_qs))};
                }
            } else if (key == u"csat_rating")
                t.csatRating = v.isNull() ? std::nullopt : std::optional<int>(static_cast<int>(integer(v)));
            else if (key == u"csat_comment")
                t.csatComment = nullableStr(v);
            else if (key == u"created_at")
                t.createdAt = instant(v);
            else if (key == u"updated_at") {
                t.updatedAt = instant(v);
                hasUpdated = true;
            } else if (key == u"version")
                t.version = integer(v);
            else if (key == u"rank") {
                if (!v.isDouble())
                    throw Bad {};
                t.rank = v.toDouble();
            }
        }
        if (t.id.isEmpty() || t.title.trimmed().isEmpty())
            throw Bad {};
    } catch (const Bad &) {
        return Ticket::fromJson(data, errors); // reads it, or says what is wrong
    }
    if (!hasUpdated)
        t.updatedAt = t.createdAt;
    return t;
}

std::optional<Comment> decodeFeedComment(const QJsonObject &data, FieldErrors *errors)
{
    Comment c;
    try {
        for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            if (key == u"id")
                c.id = str(v);
            else if (key == u"ticket_id")
                c.ticketId = str(v);
            else if (key == u"author_id")
                c.authorId = nullableStr(v);
            else if (key == u"public") {
                if (!v.isBool())
                    throw Bad {};
                c.isPublic = v.toBool();
            } else if (key == u"body")
                c.body = str(v);
            else if (key == u"created_at")
                c.createdAt = instant(v);
        }
        if (c.id.isEmpty() || c.ticketId.isEmpty() || c.body.isEmpty())
            throw Bad {};
    } catch (const Bad &) {
        return Comment::fromJson(data, errors);
    }
    return c;
}

} // namespace triage
