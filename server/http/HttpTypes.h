#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace triage::server {

class MultipartUpload;
class PieceStream;
class SseStream;

// One fully received HTTP request, handed to a handler on a worker thread.
struct HttpRequest {
    QByteArray method;
    QString path; // percent-decoded by the HTTP layer
    QList<QPair<QString, QString>> query; // in order, decoded
    QHash<QByteArray, QByteArray> headers; // names lower-case
    QByteArray body;
    QString remoteAddress;
    // Set instead of `body` on the routes HttpOptions::uploadLimit names: the parsed form, its file
    // part spooled to a temporary file.
    std::shared_ptr<const MultipartUpload> upload;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    // First value of a query parameter; `present` tells "absent" from "empty".
    QString queryValue(const QString &name, bool *present = nullptr) const;
    bool hasQuery(const QString &name) const;
};

// What a handler answers. A set `stream` turns it into a long-lived Server-Sent Events response.
struct HttpResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    std::shared_ptr<SseStream> stream;
    // A set `pieces` replaces `body`: a download streamed from a producer (Content-Length known).
    std::shared_ptr<PieceStream> pieces;
    QString logUser; // for the request log line only
    QString logRoute; // the matched route pattern (metrics: never the raw path, ids would be series)

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse raw(int status, QByteArray body, QByteArray contentType = "application/json");
    void setHeader(const QByteArray &name, const QByteArray &value);
};

// RFC 9457 problem details. `type` is a stable slug; the URI is https://triage.invalid/problems/<type>.
HttpResponse problem(int status, const QString &type, const QString &title, const QString &detail,
    const QJsonObject &extra = {});

QByteArray reasonPhrase(int status);

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool isValidUtf8(const char *data, size_t size);

} // namespace triage::server
