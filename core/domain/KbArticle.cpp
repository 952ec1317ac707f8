#include "KbArticle.h"

#include "Time.h"
#include "Uuid.h"

#include <QJsonArray>

namespace triage {

QJsonObject KbArticle::toJson() const
{
    return QJsonObject {{u"id"_qs, id}, {u"title"_qs, title}, {u"body"_qs, body},
        {u"tags"_qs, QJsonArray::fromStringList(tags)},
        {u"source_ticket_id"_qs, sourceTicketId.isEmpty() ? QJsonValue() : QJsonValue(sourceTicketId)},
        {u"updated_at"_qs, isoUtc(updatedAt)}};
}

std::optional<KbArticle> KbArticle::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    KbArticle a;
    a.id = r.string(u"id"_qs, true).value_or(QString());
    a.title = r.string(u"title"_qs, true).value_or(QString());
    a.body = r.string(u"body"_qs, false).value_or(QString());
    a.tags = r.stringList(u"tags"_qs, false).value_or(QStringList());
    a.sourceTicketId = r.nullableString(u"source_ticket_id"_qs).value_or(QString());
    a.updatedAt = r.timestamp(u"updated_at"_qs, false).value_or(0);
    r.rejectUnknown();
    if (!isValidId(a.id))
        r.error(u"id"_qs, u"must be a UUID"_qs);
    if (a.title.trimmed().isEmpty() || a.title.size() > 500 || !isCleanText(a.title, false))
        r.error(u"title"_qs, u"must be clean, non-empty text of at most 500 characters"_qs);
    if (!isCleanText(a.body, true))
        r.error(u"body"_qs, u"contains control characters or invalid Unicode"_qs);
    if (!r.ok()) {
        if (errors)
            *errors = r.errors();
        return std::nullopt;
    }
    return a;
}

} // namespace triage
