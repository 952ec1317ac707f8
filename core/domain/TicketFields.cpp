#include "TicketFields.h"

#include "Ticket.h"
#include "Uuid.h"

#include <iterator>

namespace triage {

namespace {

// In TicketField order.
constexpr QStringView kWireNames[] = {u"assignee_id", u"csat_comment", u"csat_rating", u"description",
    u"group_id", u"impact", u"priority", u"status", u"title", u"type", u"urgency"};
static_assert(std::size(kWireNames) == size_t(TicketField::Urgency) + 1);

} // namespace

QString toWire(TicketField field)
{
    return kWireNames[size_t(field)].toString();
}

std::optional<TicketField> ticketFieldFromWire(QStringView name)
{
    for (size_t i = 0; i < std::size(kWireNames); ++i) {
        if (name == kWireNames[i])
            return TicketField(i);
    }
    return std::nullopt;
}

} // namespace triage

namespace triage::ticketfields {

const QStringList &editable()
{
    static const QStringList fields = [] {
        QStringList out;
        for (const TicketField f :
            {TicketField::Title, TicketField::Description, TicketField::Type, TicketField::Status,
                TicketField::Priority, TicketField::Impact, TicketField::Urgency, TicketField::Assignee,
                TicketField::Group, TicketField::CsatRating, TicketField::CsatComment})
            out << toWire(f);
        return out;
    }();
    return fields;
}

QJsonValue value(const Ticket &t, TicketField field)
{
    auto nullable = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    switch (field) {
    case TicketField::Title:
        return t.title;
    case TicketField::Description:
        return t.description;
    case TicketField::Type:
        return toWire(t.type);
    case TicketField::Status:
        return toWire(t.status);
    case TicketField::Priority:
        return toWire(t.priority);
    case TicketField::Impact:
        return toWire(t.impact);
    case TicketField::Urgency:
        return toWire(t.urgency);
    case TicketField::Assignee:
        return nullable(t.assigneeId);
    case TicketField::Group:
        return nullable(t.groupId);
    case TicketField::CsatRating:
        return t.csatRating ? QJsonValue(*t.csatRating) : QJsonValue();
    case TicketField::CsatComment:
        return nullable(t.csatComment);
    }
    return QJsonValue(QJsonValue::Undefined);
}

QJsonValue value(const Ticket &t, const QString &field)
{
    const auto f = ticketFieldFromWire(field);
    return f ? value(t, *f) : QJsonValue(QJsonValue::Undefined);
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

// Title must be a string; description and the rating's comment may also be null (cleared).
std::optional<QString> setText(QString &out, const QJsonValue &v, bool nullable)
{
    if (!v.isString() && !(nullable && v.isNull()))
        return u"must be a string"_qs;
    out = v.toString();
    return std::nullopt;
}

} // namespace

std::optional<QString> apply(Ticket &t, TicketField field, const QJsonValue &v)
{
    switch (field) {
    case TicketField::Title:
        return setText(t.title, v, false);
    case TicketField::Description:
        return setText(t.description, v, true);
    case TicketField::CsatComment:
        return setText(t.csatComment, v, true);
    case TicketField::Type:
        return setEnum(t.type, v, &ticketTypeFromWire);
    case TicketField::Status:
        return setEnum(t.status, v, &ticketStatusFromWire);
    case TicketField::Priority:
        return setEnum(t.priority, v, &priorityFromWire);
    case TicketField::Impact:
        return setEnum(t.impact, v, &levelFromWire);
    case TicketField::Urgency:
        return setEnum(t.urgency, v, &levelFromWire);
    case TicketField::Assignee:
        return setId(t.assigneeId, v);
    case TicketField::Group:
        return setId(t.groupId, v);
    case TicketField::CsatRating: {
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
    }
    return u"is not an editable field"_qs;
}

std::optional<QString> apply(Ticket &t, const QString &field, const QJsonValue &v)
{
    const auto f = ticketFieldFromWire(field);
    return f ? apply(t, *f, v) : std::optional<QString>(u"is not an editable field"_qs);
}

} // namespace triage::ticketfields
