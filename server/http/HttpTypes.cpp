#include "HttpTypes.h"

#include <QJsonDocument>

namespace triage::server {

QString HttpRequest::queryValue(const QString &name, bool *present) const
{
    for (const auto &[k, v] : query) {
        if (k == name) {
            if (present)
                *present = true;
            return v;
        }
    }
    if (present)
        *present = false;
    return {};
}

bool HttpRequest::hasQuery(const QString &name) const
{
    bool present = false;
    queryValue(name, &present);
    return present;
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return raw(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::raw(int status, QByteArray body, QByteArray contentType)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.contentType = std::move(contentType);
    return r;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

HttpResponse problem(int status, const QString &type, const QString &title, const QString &detail,
                     const QJsonObject &extra)
{
    QJsonObject o = extra;
    o.insert(u"type"_qs, QString(u"https://triage.invalid/problems/"_qs + type));
    o.insert(u"title"_qs, title);
    o.insert(u"status"_qs, status);
    if (!detail.isEmpty())
        o.insert(u"detail"_qs, detail);
    HttpResponse r = HttpResponse::json(status, o);
    r.contentType = "application/problem+json";
    return r;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace triage::server
