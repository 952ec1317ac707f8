#include "TicketFields.h"

#include "Ticket.h"
#include "Uuid.h"

namespace triage::ticketfields {

const QStringList &editable()
{
    static const QStringList fields {u"title"_qs, u"description"_qs, u"type"_qs, u"status"_qs, u"priority"_qs,
        u"impact"_qs, u"urgency"_qs, u"assignee_id"_qs, u"group_id"_qs, u"csat_rating"_qs,
        u"csat_comment"_qs};
    return fields;
}

QJsonValue value(const Ticket &t, const QString &field)
{
    auto nullable = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    if (field == u"title")
        return t.title;
    if (field == u"description")
        return t.description;
    if (field == u"type")
        return toWire(t.type);
    if (field == u"status")
        return toWire(t.status);
    if (field == u"priority")
        return toWire(t.priority);
    if (field == u"impact")
        return toWire(t.impact);
    if (field == u"urgency")
        return toWire(t.urgency);
    if (field == u"assignee_id")
        return nullable(t.assigneeId);
    if (field == u"group_id")
        return nullable(t.groupId);
    if (field == u"csat_rating")
        return t.csatRating ? QJsonValue(*t.csatRating) : QJsonValue();
    if (field == u"csat_comment")
        return nullable(t.csatComment);
    return QJsonValue(QJsonValue::Undefined);
}

namespace {

template<typename E>
std::optional<QString> setEnum(E &out, const QJsonValue &v, std::optional<E> (*parse)(QStringView))
{
    if (!v.isString())
        return u"must be a string"_qs;
    const auto parsed = parse(v.toString());
    if (!parsed)
        return u"unknown value '%1'"_qs.arg(v.toString().left(40));
    out = *parsed;
    return std::nullopt;
}

std::optional<QString> setId(QString &out, const QJsonValue &v)
{
    if (v.isNull()) {
        out.clear();
        return std::nullopt;
    }
    if (!v.isString() || !isValidId(v.toString()))
        return u"must be a UUID or null"_qs;
    out = v.toString();
    return std::nullopt;
}

} // namespace

std::optional<QString> apply(Ticket &t, const QString &field, const QJsonValue &v)
{
    if (field == u"title" || field == u"description" || field == u"csat_comment") {
        if (!v.isString() && !(field != u"title" && v.isNull()))
            return u"must be a string"_qs;
        QString &target = field == u"title" ? t.title
            : field == u"description"       ? t.description
                                            : t.csatComment;
        target = v.toString();
        return std::nullopt;
    }
    if (field == u"type")
        return setEnum(t.type, v, &ticketTypeFromWire);
    if (field == u"status")
        return setEnum(t.status, v, &ticketStatusFromWire);
    if (field == u"priority")
        return setEnum(t.priority, v, &priorityFromWire);
    if (field == u"impact")
        return setEnum(t.impact, v, &levelFromWire);
    if (field == u"urgency")
        return setEnum(t.urgency, v, &levelFromWire);
    if (field == u"assignee_id")
        return setId(t.assigneeId, v);
    if (field == u"group_id")
        return setId(t.groupId, v);
    if (field == u"csat_rating") {
        if (v.isNull()) {
            t.csatRating.reset();
            return std::nullopt;
        }
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != static_cast<int>(d) || d < 1 || d > 5)
            return u"must be an integer from 1 to 5 or null"_qs;
        t.csatRating = static_cast<int>(d);
        return std::nullopt;
    }
    return u"is not an editable field"_qs;
}

} // namespace triage::ticketfields
