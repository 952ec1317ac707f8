#include "ApiUtil.h"

#include "domain/Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace triage::server {

std::optional<QJsonObject> parseJsonObject(const HttpRequest &request, HttpResponse *error)
{
    const QByteArray type = request.header("content-type");
    if (!type.isEmpty() && !type.startsWith("application/json")
        && !type.startsWith("application/merge-patch+json")) {
        *error = problem(415, u"unsupported-media-type"_qs, u"Unsupported media type"_qs,
            u"Send the body as application/json."_qs);
        return std::nullopt;
    }
    if (request.body.isEmpty()) {
        *error
            = badRequest(u"malformed-json"_qs, u"The request body is empty; a JSON object is required."_qs);
        return std::nullopt;
    }
    if (!isValidUtf8(request.body.constData(), static_cast<size_t>(request.body.size()))
        || request.body.contains('\0')) {
        *error = badRequest(u"malformed-json"_qs,
            u"The body is not valid UTF-8 JSON text (raw NUL bytes are not allowed)."_qs);
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = badRequest(u"malformed-json"_qs,
            u"The body is not valid JSON: %1 at offset %2."_qs.arg(pe.errorString()).arg(pe.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = badRequest(u"malformed-json"_qs, u"The body must be a JSON object."_qs);
        return std::nullopt;
    }
    return doc.object();
}

HttpResponse validationProblem(const FieldErrors &errors, const QString &title)
{
    QJsonArray list;
    for (const FieldError &e : errors)
        list.append(QJsonObject {{u"field"_qs, e.field}, {u"message"_qs, e.message}});
    return problem(422, u"validation"_qs, title.isEmpty() ? u"The request has invalid fields"_qs : title,
        describe(errors).left(2000), QJsonObject {{u"errors"_qs, list}});
}

HttpResponse notFound(const QString &what)
{
    return problem(
        404, u"not-found"_qs, u"Not found"_qs, u"No %1 with that id is visible to you."_qs.arg(what));
}

HttpResponse forbidden(const QString &detail)
{
    return problem(403, u"forbidden"_qs, u"Forbidden"_qs, detail);
}

HttpResponse badRequest(const QString &type, const QString &detail)
{
    return problem(400, type, u"Bad request"_qs, detail);
}

bool validPathId(const QString &id, HttpResponse *error, const QString &what)
{
    if (isValidId(id))
        return true;
    *error = problem(404, u"not-found"_qs, u"Not found"_qs,
        u"'%1' is not a valid %2 id (a UUID is expected)."_qs.arg(id.left(60), what));
    return false;
}

std::optional<int> parseLimit(const HttpRequest &request, int fallback, int max, HttpResponse *error)
{
    bool present = false;
    const QString text = request.queryValue(u"limit"_qs, &present);
    if (!present)
        return fallback;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 1 || v > max) {
        *error = badRequest(u"invalid-parameter"_qs,
            u"limit must be an integer between 1 and %1 (got '%2')."_qs.arg(max).arg(text.left(40)));
        return std::nullopt;
    }
    return static_cast<int>(v);
}

QByteArray etagFor(qint64 version)
{
    return "\"v" + QByteArray::number(version) + '"';
}

} // namespace triage::server
