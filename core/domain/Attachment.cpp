#include "Attachment.h"

#include "Time.h"

namespace triage {

QJsonObject Attachment::toJson() const
{
    return {{u"id"_qs, id}, {u"ticket_id"_qs, ticketId},
        {u"comment_id"_qs, commentId.isEmpty() ? QJsonValue() : QJsonValue(commentId)},
        {u"filename"_qs, filename}, {u"size"_qs, size}, {u"content_type"_qs, contentType},
        {u"sha256"_qs, sha256}, {u"created_at"_qs, isoUtc(createdAt)},
        {u"created_by"_qs, createdBy.isEmpty() ? QJsonValue() : QJsonValue(createdBy)}};
}

std::optional<Attachment> Attachment::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    Attachment a;
    a.id = r.string(u"id"_qs, true).value_or(QString());
    a.ticketId = r.string(u"ticket_id"_qs, true).value_or(QString());
    a.commentId = r.nullableString(u"comment_id"_qs).value_or(QString());
    a.filename = r.string(u"filename"_qs, true).value_or(QString());
    a.size = r.integer(u"size"_qs, true, 0, Q_INT64_C(1) << 52).value_or(0);
    a.contentType = r.string(u"content_type"_qs, false).value_or(QString());
    a.sha256 = r.string(u"sha256"_qs, false).value_or(QString());
    a.createdAt = r.timestamp(u"created_at"_qs, false).value_or(0);
    a.createdBy = r.nullableString(u"created_by"_qs).value_or(QString());
    if (!r.ok()) {
        if (errors)
            *errors = r.errors();
        return std::nullopt;
    }
    return a;
}

QString attachmentBaseName(const QString &name)
{
    QString base = name.mid(std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\')) + 1);
    QString clean;
    clean.reserve(base.size());
    for (const QChar c : std::as_const(base)) {
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f && c.category() != QChar::Other_Format)
            clean.append(c);
    }
    clean = clean.trimmed();
    // Keep the extension when clipping: "report….pdf" still opens with the right program.
    while (clean.toUtf8().size() > 255) {
        const qsizetype dot = clean.lastIndexOf(u'.');
        const qsizetype cut = dot > 0 && clean.size() - dot <= 16 ? dot - 1 : clean.size() - 1;
        if (clean.at(cut).isLowSurrogate() && cut > 0)
            clean.remove(cut - 1, 2);
        else
            clean.remove(cut, 1);
    }
    if (clean.isEmpty() || clean == u"."_qs || clean == u".."_qs)
        return u"attachment"_qs;
    return clean;
}

} // namespace triage
