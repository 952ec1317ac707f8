#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace triage {

class ApiClient;
struct ApiError;

// The signed-in agent's alerts (GET/PUT /api/v1/me/notifications): what reaches them in Telegram
// and whether their Telegram account is linked.
struct NotificationSettings {
    bool assigned = true;
    bool critical = true;
    bool sla = true;
    bool escalations = true;
    bool telegramAvailable = false; // the server has an enabled bot
    bool telegramLinked = false;
    QString telegramUsername; // without @; may be empty for an account without a username
    QDateTime linkedAt;

    QJsonObject alertsJson() const;
    static std::optional<NotificationSettings> fromJson(const QJsonObject &o);
};

// A one-time code that links a Telegram account (POST /me/notifications/telegram/link).
struct TelegramLinkCode {
    QString code;
    QString command; // "/start CODE"
    QString url; // https://t.me/BOT?start=CODE, empty when the server does not know the bot's name
    QString bot; // "@name" or empty
    QDateTime expiresAt;
};

// Reads and changes the agent's notification settings through the session's account. Online only
// (they live on the server, which sends the alerts). Failures are a kind plus the server's words;
// the console words them in its language (core has no translations).
class NotificationsService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationsService)

public:
    using ApiSource = std::function<ApiClient *()>;
    enum class Problem {
        Offline, // no signed-in connection
        Unreachable, // the request got no answer
        NoBot, // the server has no enabled Telegram channel
        Refused, // any other answer: `detail` is the server's sentence
    };
    Q_ENUM(Problem)
    explicit NotificationsService(ApiSource api, QObject *parent = nullptr);

    bool isOnline() const;
    void load();
    void saveAlerts(const NotificationSettings &settings);
    void requestLink();
    void unlink();

Q_SIGNALS:
    void loaded(const triage::NotificationSettings &settings);
    void linkReady(const triage::TelegramLinkCode &code);
    void failed(triage::NotificationsService::Problem problem, const QString &detail);

private:
    void fail(const ApiError &error);
    bool requireOnline();

    ApiSource m_api;
};

} // namespace triage
