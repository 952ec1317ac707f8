#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace triage {

// What went wrong with a request, from a dead network to an RFC 9457 problem document.
struct ApiError {
    int httpStatus = 0; // 0 = no HTTP response at all (network, TLS, timeout)
    QString type; // problem "type", e.g. "cursor-expired"; empty for network errors
    QString title;
    QString detail;
    int retryAfterSeconds = -1; // from Retry-After, when the server asked us to slow down
    QJsonObject problem; // the whole problem document

    bool isNetwork() const { return httpStatus == 0; }
    // One sentence for people: "Server unreachable: Connection refused" / "Conflict: …".
    QString message() const;
};

struct ApiResponse {
    int httpStatus = 0;
    QJsonDocument json;
    QByteArray body; // instead of `json` for a successful request made with ApiClient::kRawBody
    QByteArray etag;
    ApiError error; // set when !ok()
    bool ok() const { return httpStatus >= 200 && httpStatus < 300; }
};

// JSON over HTTP(S) to triaged's REST API v1, with the bearer token, timeouts and problem+json
// errors handled in one place. Asynchronous only: answers arrive through the handler (no local
// event loops, so the console never freezes while a request is under way).
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    explicit ApiClient(QUrl baseUrl, QObject *parent = nullptr);
    // Sends through `network` (not owned; it must outlive this client): clients of one account
    // share one connection pool, and tests pass a fake one (tests/support/FakeNetwork).
    ApiClient(QUrl baseUrl, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ApiClient() override;

    const QUrl &baseUrl() const { return m_base; }
    void setToken(const QString &token) { m_token = token.toUtf8(); }
    bool hasToken() const { return !m_token.isEmpty(); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    QNetworkAccessManager *network() const { return m_nam; }

    using Handler = std::function<void(const ApiResponse &)>;
    using Headers = QMap<QByteArray, QByteArray>;
    // Not sent: in `headers`, asks for a successful answer's body as bytes (ApiResponse::body)
    // instead of parsed JSON. Errors are parsed as usual.
    static inline const QByteArray kRawBody = QByteArrayLiteral("x-triage-raw-body");

    // `path` is relative to /api/v1/, e.g. "tickets" or "changes".
    QNetworkReply *request(const QByteArray &verb, const QString &path, const QUrlQuery &query,
        const QJsonDocument &body, Handler done, const Headers &headers = {});

    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;
    QByteArray authorization() const { return m_token.isEmpty() ? QByteArray() : "Bearer " + m_token; }

    static ApiResponse parseReply(QNetworkReply *reply);

Q_SIGNALS:
    // Any request answered 401: the token expired or was revoked.
    void unauthorized();

private:
    QUrl m_base;
    QByteArray m_token;
    int m_timeoutMs = 30000;
    QNetworkAccessManager *m_nam;
};

} // namespace triage

Q_DECLARE_METATYPE(triage::ApiError)
