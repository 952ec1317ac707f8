#include "Comment.h"

#include "Time.h"
#include "Uuid.h"

namespace triage {

QJsonObject Comment::toJson() const
{
    return QJsonObject {{u"id"_qs, id}, {u"ticket_id"_qs, ticketId},
        {u"author_id"_qs, authorId.isEmpty() ? QJsonValue() : QJsonValue(authorId)}, {u"public"_qs, isPublic},
        {u"body"_qs, body}, {u"created_at"_qs, isoUtc(createdAt)}};
}

std::optional<Comment> Comment::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    Comment c;
    c.id = r.string(u"id"_qs, true).value_or(QString());
    c.ticketId = r.string(u"ticket_id"_qs, true).value_or(QString());
    c.authorId = r.nullableString(u"author_id"_qs).value_or(QString());
    c.isPublic = r.boolean(u"public"_qs, false).value_or(true);
    c.body = r.string(u"body"_qs, true).value_or(QString());
    c.createdAt = r.timestamp(u"created_at"_qs, false).value_or(0);
    r.rejectUnknown();
    FieldErrors all = r.errors();
    if (all.isEmpty())
        all = c.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return c;
}

FieldErrors Comment::validate() const
{
    FieldErrors e;
    if (!isValidId(id))
        e.append({u"id"_qs, u"must be a UUID"_qs});
    if (!isValidId(ticketId))
        e.append({u"ticket_id"_qs, u"must be a UUID"_qs});
    if (!authorId.isEmpty() && !isValidId(authorId))
        e.append({u"author_id"_qs, u"must be a UUID"_qs});
    if (body.trimmed().isEmpty())
        e.append({u"body"_qs, u"must not be empty"_qs});
    else if (body.size() > kMaxCommentLength)
        e.append({u"body"_qs, u"must be at most %1 characters"_qs.arg(kMaxCommentLength)});
    else if (!isCleanText(body, true))
        e.append({u"body"_qs, u"contains control characters or invalid Unicode"_qs});
    return e;
}

} // namespace triage
