#include "ApiClient.h"

#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace triage {

QString ApiError::message() const
{
    if (isNetwork())
        return u"Server unreachable: "_qs + (detail.isEmpty() ? title : detail);
    QString s = title.isEmpty() ? u"HTTP %1"_qs.arg(httpStatus) : title;
    if (!detail.isEmpty() && detail != title)
        s += u": "_qs + detail;
    return s;
}

ApiClient::ApiClient(QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_base(std::move(baseUrl))
    , m_nam(new QNetworkAccessManager(this))
{
    // Never let the network stack resend a POST on its own on a dropped keep-alive connection:
    // our retries carry idempotency keys, the stack's would not (sync.md, failure modes).
    m_nam->setAutoDeleteReplies(false);
}

ApiClient::ApiClient(QUrl baseUrl, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_base(std::move(baseUrl))
    , m_nam(network)
{
    m_nam->setAutoDeleteReplies(false);
}

ApiClient::~ApiClient() = default;

QUrl ApiClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_base;
    QString base = url.path();
    if (!base.endsWith(u'/'))
        base += u'/';
    url.setPath(base + u"api/v1/"_qs + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

ApiResponse ApiClient::parseReply(QNetworkReply *reply)
{
    ApiResponse r;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.etag = reply->rawHeader("ETag");
    const QByteArray body = reply->readAll();
    if (r.ok() && reply->property("triage_raw").toBool()) {
        r.body = body; // the caller parses it (elsewhere, e.g. on a worker thread)
        return r;
    }
    if (!body.isEmpty()) {
        QJsonParseError pe;
        r.json = QJsonDocument::fromJson(body, &pe);
        if (pe.error != QJsonParseError::NoError && r.ok()) {
            r.error.httpStatus = r.httpStatus;
            r.error.title = u"Unreadable response from the server"_qs;
            r.error.detail = pe.errorString();
            r.httpStatus = 502; // treat as a server failure, never as success
            return r;
        }
    }
    if (r.httpStatus == 0) {
        r.error.title = reply->errorString();
        r.error.detail = reply->errorString();
        return r;
    }
    if (!r.ok()) {
        r.error.httpStatus = r.httpStatus;
        r.error.problem = r.json.object();
        QString type = r.error.problem.value(u"type"_qs).toString();
        // "https://triage.invalid/problems/cursor-expired" and "cursor-expired" are the same type.
        if (const auto slash = type.lastIndexOf(u'/'); slash >= 0)
            type = type.mid(slash + 1);
        r.error.type = type;
        r.error.title = r.error.problem.value(u"title"_qs)
                            .toString(QString::fromUtf8(
                                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray()));
        r.error.detail = r.error.problem.value(u"detail"_qs).toString();
        bool ok = false;
        const int retry = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        if (ok && retry >= 0)
            r.error.retryAfterSeconds = retry;
    }
    return r;
}

QNetworkReply *ApiClient::request(const QByteArray &verb, const QString &path, const QUrlQuery &query,
    const QJsonDocument &body, Handler done, const Headers &headers)
{
    QNetworkRequest req(urlFor(path, query));
    req.setTransferTimeout(m_timeoutMs);
    req.setRawHeader("Accept", "application/json, application/problem+json");
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", authorization());
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        if (it.key() != kRawBody)
            req.setRawHeader(it.key(), it.value());
    }
    QByteArray payload;
    if (!body.isNull()) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        payload = body.toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_nam->sendCustomRequest(req, verb, payload);
    if (headers.contains(kRawBody))
        reply->setProperty("triage_raw", true);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        const ApiResponse r = parseReply(reply);
        reply->deleteLater();
        if (r.httpStatus == 401)
            Q_EMIT unauthorized();
        if (done)
            done(r);
    });
    return reply;
}

} // namespace triage
