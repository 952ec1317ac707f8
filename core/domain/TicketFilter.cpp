#include "TicketFilter.h"

#include "Ticket.h"
#include "Uuid.h"

#include <QJsonArray>

namespace triage {

namespace {

constexpr std::pair<TicketFilter::SortKey, const char16_t *> kSortKeys[] = {
    {TicketFilter::SortKey::Due, u"due"},
    {TicketFilter::SortKey::Updated, u"updated"},
    {TicketFilter::SortKey::Created, u"created"},
    {TicketFilter::SortKey::Priority, u"priority"},
    {TicketFilter::SortKey::Number, u"number"},
};
constexpr std::pair<TicketFilter::Assignee, const char16_t *> kAssignees[] = {
    {TicketFilter::Assignee::Any, u"any"},
    {TicketFilter::Assignee::Me, u"me"},
    {TicketFilter::Assignee::Unassigned, u"unassigned"},
    {TicketFilter::Assignee::Specific, u"specific"},
};

template<typename E, typename Table> QString nameOf(const Table &table, E v)
{
    for (const auto &[e, n] : table) {
        if (e == v)
            return QString::fromUtf16(n);
    }
    return {};
}

template<typename E, typename Table> std::optional<E> parseOf(const Table &table, const QString &s)
{
    for (const auto &[e, n] : table) {
        if (s == QStringView(n))
            return e;
    }
    return std::nullopt;
}

template<typename E> QJsonArray wireArray(const QList<E> &list)
{
    QJsonArray a;
    for (auto v : list)
        a.append(toWire(v));
    return a;
}

template<typename E>
QList<E> parseList(JsonReader &r, const QString &key, std::optional<E> (*parse)(QStringView))
{
    QList<E> out;
    for (const auto &s : r.stringList(key, false).value_or(QStringList())) {
        if (const auto v = parse(s))
            out << *v;
        else
            r.error(key, u"unknown value '%1'"_qs.arg(s.left(40)));
    }
    return out;
}

} // namespace

bool TicketFilter::matches(const Ticket &t, const QString &me) const
{
    if (!statuses.isEmpty() && !statuses.contains(t.status))
        return false;
    if (!priorities.isEmpty() && !priorities.contains(t.priority))
        return false;
    if (!types.isEmpty() && !types.contains(t.type))
        return false;
    if (!groupIds.isEmpty() && !groupIds.contains(t.groupId))
        return false;
    switch (assignee) {
    case Assignee::Any:
        break;
    case Assignee::Me:
        if (me.isEmpty() || t.assigneeId != me)
            return false;
        break;
    case Assignee::Unassigned:
        if (!t.assigneeId.isEmpty())
            return false;
        break;
    case Assignee::Specific:
        if (t.assigneeId != assigneeId)
            return false;
        break;
    }
    if (!requesterId.isEmpty() && t.requesterId != requesterId)
        return false;
    if (!tag.isEmpty() && !t.tags.contains(normaliseTag(tag)))
        return false;
    return true;
}

QJsonObject TicketFilter::toJson() const
{
    QJsonObject o;
    if (!statuses.isEmpty())
        o[u"statuses"_qs] = wireArray(statuses);
    if (!priorities.isEmpty())
        o[u"priorities"_qs] = wireArray(priorities);
    if (!types.isEmpty())
        o[u"types"_qs] = wireArray(types);
    if (!groupIds.isEmpty())
        o[u"group_ids"_qs] = QJsonArray::fromStringList(groupIds);
    if (assignee != Assignee::Any)
        o[u"assignee"_qs] = nameOf(kAssignees, assignee);
    if (!assigneeId.isEmpty())
        o[u"assignee_id"_qs] = assigneeId;
    if (!requesterId.isEmpty())
        o[u"requester_id"_qs] = requesterId;
    if (!text.isEmpty())
        o[u"text"_qs] = text;
    if (!tag.isEmpty())
        o[u"tag"_qs] = tag;
    if (breachingWithinMinutes > 0)
        o[u"breaching_within_minutes"_qs] = breachingWithinMinutes;
    o[u"sort"_qs] = nameOf(kSortKeys, sortKey);
    o[u"descending"_qs] = descending;
    return o;
}

std::optional<TicketFilter> TicketFilter::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    TicketFilter f;
    f.statuses = parseList(r, u"statuses"_qs, &ticketStatusFromWire);
    f.priorities = parseList(r, u"priorities"_qs, &priorityFromWire);
    f.types = parseList(r, u"types"_qs, &ticketTypeFromWire);
    f.groupIds = r.stringList(u"group_ids"_qs, false).value_or(QStringList());
    if (const auto a = r.string(u"assignee"_qs, false)) {
        if (const auto v = parseOf<Assignee>(kAssignees, *a))
            f.assignee = *v;
        else
            r.error(u"assignee"_qs, u"must be any, me, unassigned or specific"_qs);
    }
    f.assigneeId = r.string(u"assignee_id"_qs, false).value_or(QString());
    f.requesterId = r.string(u"requester_id"_qs, false).value_or(QString());
    f.text = r.string(u"text"_qs, false).value_or(QString());
    f.tag = r.string(u"tag"_qs, false).value_or(QString());
    f.breachingWithinMinutes
        = static_cast<int>(r.integer(u"breaching_within_minutes"_qs, false, 0, 525600).value_or(0));
    if (const auto s = r.string(u"sort"_qs, false)) {
        if (const auto v = parseOf<SortKey>(kSortKeys, *s))
            f.sortKey = *v;
        else
            r.error(u"sort"_qs, u"must be due, updated, created, priority or number"_qs);
    }
    f.descending = r.boolean(u"descending"_qs, false).value_or(false);
    r.rejectUnknown();
    if (f.assignee == Assignee::Specific && !isValidId(f.assigneeId))
        r.error(u"assignee_id"_qs, u"must be a UUID when assignee is 'specific'"_qs);
    if (!r.ok()) {
        if (errors)
            *errors = r.errors();
        return std::nullopt;
    }
    return f;
}

QJsonObject SavedView::toJson() const
{
    return QJsonObject {{u"id"_qs, id}, {u"name"_qs, name},
        {u"owner_id"_qs, ownerId.isEmpty() ? QJsonValue() : QJsonValue(ownerId)},
        {u"filter"_qs, filter.toJson()}, {u"position"_qs, position}};
}

std::optional<SavedView> SavedView::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    SavedView v;
    v.id = r.string(u"id"_qs, true).value_or(QString());
    v.name = r.string(u"name"_qs, true).value_or(QString());
    v.ownerId = r.nullableString(u"owner_id"_qs).value_or(QString());
    v.position = static_cast<int>(r.integer(u"position"_qs, false, 0, 100000).value_or(0));
    if (const auto f = r.object(u"filter"_qs, true)) {
        FieldErrors fe;
        if (auto parsed = TicketFilter::fromJson(*f, &fe))
            v.filter = *parsed;
        for (const auto &e : fe)
            r.error(u"filter."_qs + e.field, e.message);
    }
    r.rejectUnknown();
    if (!isValidId(v.id))
        r.error(u"id"_qs, u"must be a UUID"_qs);
    if (v.name.trimmed().isEmpty() || v.name.size() > 200)
        r.error(u"name"_qs, u"must be non-empty text of at most 200 characters"_qs);
    if (!r.ok()) {
        if (errors)
            *errors = r.errors();
        return std::nullopt;
    }
    return v;
}

} // namespace triage
