#include "Ticket.h"

#include "ListEdits.h"
#include "Time.h"
#include "Uuid.h"

#include <QJsonArray>

namespace triage {

QString normaliseTag(const QString &tag)
{
    return tag.trimmed().toLower();
}

QJsonObject Ticket::toJson() const
{
    QJsonArray tagArray;
    for (const auto &t : tags)
        tagArray.append(t);
    QJsonArray linkArray;
    for (const auto &l : links)
        linkArray.append(linkToJson(l));
    auto nullable = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    return QJsonObject {
        {u"id"_qs, id},
        {u"number"_qs, number ? QJsonValue(static_cast<double>(*number)) : QJsonValue()},
        {u"title"_qs, title},
        {u"description"_qs, description},
        {u"type"_qs, toWire(type)},
        {u"status"_qs, toWire(status)},
        {u"priority"_qs, toWire(priority)},
        {u"impact"_qs, toWire(impact)},
        {u"urgency"_qs, toWire(urgency)},
        {u"requester_id"_qs, nullable(requesterId)},
        {u"assignee_id"_qs, nullable(assigneeId)},
        {u"group_id"_qs, nullable(groupId)},
        {u"channel"_qs, toWire(channel)},
        {u"tags"_qs, tagArray},
        {u"links"_qs, linkArray},
        {u"csat_rating"_qs, csatRating ? QJsonValue(*csatRating) : QJsonValue()},
        {u"csat_comment"_qs, nullable(csatComment)},
        {u"created_at"_qs, isoUtc(createdAt)},
        {u"updated_at"_qs, isoUtc(updatedAt)},
        {u"version"_qs, static_cast<double>(version)},
        {u"rank"_qs, rank},
    };
}

namespace {

template<typename E>
void readEnum(JsonReader &r, const QString &key, E &out, std::optional<E> (*parse)(QStringView),
    const QStringList &allowed)
{
    if (const auto s = r.string(key, false)) {
        if (const auto v = parse(*s))
            out = *v;
        else
            r.error(key, u"unknown value '%1' (allowed: %2)"_qs.arg(s->left(40), allowed.join(u", "_qs)));
    }
}

} // namespace

std::optional<Ticket> Ticket::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    Ticket t;
    t.id = r.string(u"id"_qs, true).value_or(QString());
    if (r.has(u"number"_qs) && !r.isNull(u"number"_qs))
        t.number = r.integer(u"number"_qs, false, 1, Q_INT64_C(1) << 52);
    else
        r.ignore({u"number"_qs});
    t.title = r.string(u"title"_qs, true).value_or(QString());
    t.description = r.string(u"description"_qs, false).value_or(QString());
    readEnum(r, u"type"_qs, t.type, &ticketTypeFromWire, allTicketTypes());
    readEnum(r, u"status"_qs, t.status, &ticketStatusFromWire, allTicketStatuses());
    readEnum(r, u"priority"_qs, t.priority, &priorityFromWire, allPriorities());
    readEnum(r, u"impact"_qs, t.impact, &levelFromWire, allLevels());
    readEnum(r, u"urgency"_qs, t.urgency, &levelFromWire, allLevels());
    readEnum(r, u"channel"_qs, t.channel, &channelFromWire, allChannels());
    t.requesterId = r.nullableString(u"requester_id"_qs).value_or(QString());
    t.assigneeId = r.nullableString(u"assignee_id"_qs).value_or(QString());
    t.groupId = r.nullableString(u"group_id"_qs).value_or(QString());
    if (const auto tags = r.stringList(u"tags"_qs, false)) {
        for (const auto &tag : *tags)
            t.tags << normaliseTag(tag);
    }
    if (const auto links = r.array(u"links"_qs, false)) {
        for (qsizetype i = 0; i < links->size(); ++i) {
            if (auto link = readLink(r, links->at(i), u"links[%1]"_qs.arg(i)))
                t.links << *link;
        }
    }
    if (r.has(u"csat_rating"_qs) && !r.isNull(u"csat_rating"_qs))
        t.csatRating = static_cast<int>(r.integer(u"csat_rating"_qs, false, 1, 5).value_or(0));
    else
        r.ignore({u"csat_rating"_qs});
    t.csatComment = r.nullableString(u"csat_comment"_qs).value_or(QString());
    t.createdAt = r.timestamp(u"created_at"_qs, false).value_or(0);
    t.updatedAt = r.timestamp(u"updated_at"_qs, false).value_or(t.createdAt);
    t.version = r.integer(u"version"_qs, false, 0, Q_INT64_C(1) << 52).value_or(0);
    if (r.has(u"rank"_qs)) {
        r.ignore({u"rank"_qs});
        const QJsonValue rank = json.value(u"rank"_qs);
        if (rank.isDouble())
            t.rank = rank.toDouble();
        else
            r.error(u"rank"_qs, u"must be a number"_qs);
    }
    // Computed by the server (`sla`) or read separately by the sync engine (`history`, the event log).
    r.ignore({u"sla"_qs, u"history"_qs});
    r.rejectUnknown();

    FieldErrors all = r.errors();
    if (all.isEmpty())
        all = t.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return t;
}

FieldErrors Ticket::validate() const
{
    FieldErrors e;
    if (!isValidId(id))
        e.append({u"id"_qs, u"must be a UUID"_qs});
    const QString trimmed = title.trimmed();
    if (trimmed.isEmpty())
        e.append({u"title"_qs, u"must not be empty"_qs});
    else if (title.size() > kMaxTitleLength)
        e.append({u"title"_qs, u"must be at most %1 characters"_qs.arg(kMaxTitleLength)});
    else if (!isCleanText(title, false))
        e.append({u"title"_qs, u"contains control characters or invalid Unicode"_qs});
    if (description.size() > kMaxDescriptionLength)
        e.append({u"description"_qs, u"must be at most %1 characters"_qs.arg(kMaxDescriptionLength)});
    else if (!isCleanText(description, true))
        e.append({u"description"_qs, u"contains control characters or invalid Unicode"_qs});
    for (const QString *ref : {&requesterId, &assigneeId, &groupId}) {
        if (!ref->isEmpty() && !isValidId(*ref)) {
            const char16_t *name = ref == &requesterId ? u"requester_id"
                : ref == &assigneeId                   ? u"assignee_id"
                                                       : u"group_id";
            e.append({QString::fromUtf16(name), u"must be a UUID"_qs});
        }
    }
    if (tags.size() > kMaxTags)
        e.append({u"tags"_qs, u"at most %1 tags"_qs.arg(kMaxTags)});
    for (const auto &tag : tags) {
        if (tag.isEmpty() || tag.size() > kMaxTagLength || !isCleanText(tag, false) || tag.contains(u',')) {
            e.append({u"tags"_qs, u"invalid tag '%1'"_qs.arg(tag.left(kMaxTagLength))});
            break;
        }
    }
    for (const auto &l : links) {
        if (!isValidId(l.ticketId) || l.ticketId == id) {
            e.append({u"links"_qs, u"must reference another ticket by UUID"_qs});
            break;
        }
    }
    if (csatRating && (*csatRating < 1 || *csatRating > 5))
        e.append({u"csat_rating"_qs, u"must be between 1 and 5"_qs});
    if (csatComment.size() > 10000 || !isCleanText(csatComment, true))
        e.append({u"csat_comment"_qs, u"must be clean text of at most 10000 characters"_qs});
    return e;
}

} // namespace triage
