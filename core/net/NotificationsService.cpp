#include "NotificationsService.h"

#include "ApiClient.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace triage {

QJsonObject NotificationSettings::alertsJson() const
{
    return QJsonObject {{u"assigned"_qs, assigned}, {u"critical"_qs, critical}, {u"sla"_qs, sla},
        {u"escalations"_qs, escalations}};
}

std::optional<NotificationSettings> NotificationSettings::fromJson(const QJsonObject &o)
{
    const QJsonObject alerts = o.value(u"alerts"_qs).toObject();
    const QJsonObject telegram = o.value(u"telegram"_qs).toObject();
    if (alerts.isEmpty() || telegram.isEmpty())
        return std::nullopt;
    NotificationSettings s;
    s.assigned = alerts.value(u"assigned"_qs).toBool(true);
    s.critical = alerts.value(u"critical"_qs).toBool(true);
    s.sla = alerts.value(u"sla"_qs).toBool(true);
    s.escalations = alerts.value(u"escalations"_qs).toBool(true);
    s.telegramAvailable = telegram.value(u"available"_qs).toBool();
    s.telegramLinked = telegram.value(u"linked"_qs).toBool();
    s.telegramUsername = telegram.value(u"username"_qs).toString();
    s.linkedAt = QDateTime::fromString(telegram.value(u"linked_at"_qs).toString(), Qt::ISODateWithMs);
    return s;
}

NotificationsService::NotificationsService(ApiSource api, QObject *parent)
    : QObject(parent)
    , m_api(std::move(api))
{ }

bool NotificationsService::isOnline() const
{
    ApiClient *api = m_api ? m_api() : nullptr;
    return api && api->hasToken();
}

void NotificationsService::fail(const ApiError &error)
{
    if (error.isNetwork())
        Q_EMIT failed(Problem::Unreachable, error.message());
    else if (error.type == u"no-telegram-bot"_qs)
        Q_EMIT failed(Problem::NoBot, error.message());
    else
        Q_EMIT failed(Problem::Refused, error.message());
}

bool NotificationsService::requireOnline()
{
    if (isOnline())
        return true;
    Q_EMIT failed(Problem::Offline, {});
    return false;
}

void NotificationsService::load()
{
    if (!requireOnline())
        return;
    m_api()->request("GET", u"me/notifications"_qs, {}, {}, [this](const ApiResponse &r) {
        const auto s = r.ok() ? NotificationSettings::fromJson(r.json.object()) : std::nullopt;
        if (s)
            Q_EMIT loaded(*s);
        else
            fail(r.error);
    });
}

void NotificationsService::saveAlerts(const NotificationSettings &settings)
{
    if (!requireOnline())
        return;
    m_api()->request("PUT", u"me/notifications"_qs, {},
        QJsonDocument(QJsonObject {{u"alerts"_qs, settings.alertsJson()}}), [this](const ApiResponse &r) {
            const auto s = r.ok() ? NotificationSettings::fromJson(r.json.object()) : std::nullopt;
            if (s)
                Q_EMIT loaded(*s);
            else
                fail(r.error);
        });
}

void NotificationsService::requestLink()
{
    if (!requireOnline())
        return;
    m_api()->request("POST", u"me/notifications/telegram/link"_qs, {}, QJsonDocument(QJsonObject {}),
        [this](const ApiResponse &r) {
            if (!r.ok()) {
                fail(r.error);
                return;
            }
            const QJsonObject o = r.json.object();
            TelegramLinkCode c;
            c.code = o.value(u"code"_qs).toString();
            c.command = o.value(u"command"_qs).toString();
            c.url = o.value(u"url"_qs).toString();
            c.bot = o.value(u"bot"_qs).toString();
            c.expiresAt = QDateTime::fromString(o.value(u"expires_at"_qs).toString(), Qt::ISODateWithMs);
            Q_EMIT linkReady(c);
        });
}

void NotificationsService::unlink()
{
    if (!requireOnline())
        return;
    m_api()->request("DELETE", u"me/notifications/telegram"_qs, {}, {}, [this](const ApiResponse &r) {
        if (!r.ok() && r.httpStatus != 404) {
            fail(r.error);
            return;
        }
        load();
    });
}

} // namespace triage
