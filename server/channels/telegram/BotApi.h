#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

#include <atomic>

namespace triage::server {

// The Telegram adapter's client of the Bot API: `{api_url}/bot{token}/METHOD` with a JSON body,
// blocking with a timeout (it runs on the channel's own thread), through libcurl. The token is
// part of every URL: no error text this class returns contains it (mask()).
class BotApi
{
public:
    struct Config {
        QUrl apiUrl; // https://api.telegram.org by default
        QString token;
        // Set → a call under way ends at once (a long poll must not hold up a shutdown).
        const std::atomic<bool> *abort = nullptr;
    };
    struct Result {
        bool ok = false;
        int errorCode = 0; // the API's error_code, or the HTTP status, or 0 when nothing answered
        QString description; // for people and logs, token masked
        int retryAfter = -1; // 429: seconds
        QJsonValue result;

        bool isNetwork() const { return errorCode == 0 && !ok; }
    };

    explicit BotApi(Config config);

    // `timeoutSeconds`: the whole call (getUpdates' long poll adds its own timeout to it).
    Result call(const QString &method, const QJsonObject &params, int timeoutSeconds) const;
    // A file's bytes from {api_url}/file/bot{token}/{filePath}, at most `maxBytes`.
    Result download(const QString &filePath, qint64 maxBytes, QByteArray *bytes, int timeoutSeconds) const;

    QString mask(QString text) const;

private:
    Result perform(const QByteArray &url, const QByteArray *body, qint64 maxBytes, QByteArray *out,
        int timeoutSeconds) const;

    Config m_config;
};

} // namespace triage::server
