#include "FeedDecoder.h"

#include "domain/Enums.h"

#include <QJsonArray>

namespace triage {

namespace {

int digits(QStringView s, qsizetype from, qsizetype n)
{
    int v = 0;
    for (qsizetype i = from; i < from + n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c - u'0');
    }
    return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = static_cast<int>(y - era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

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

std::optional<qint64> parseWireInstant(QStringView s)
{
    if (s.size() != 24 || s[4] != u'-' || s[7] != u'-' || s[10] != u'T' || s[13] != u':' || s[16] != u':'
        || s[19] != u'.' || s[23] != u'Z')
        return std::nullopt;
    const int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2), h = digits(s, 11, 2),
              mi = digits(s, 14, 2), sec = digits(s, 17, 2), ms = digits(s, 20, 3);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0
        || sec > 59 || ms < 0)
        return std::nullopt;
    return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + sec * 1000 + ms;
}

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
