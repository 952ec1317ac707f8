#include "NotificationsApi.h"

#include "ApiUtil.h"
#include "channels/telegram/BotApi.h"
#include "domain/Time.h"
#include "intake/TelegramChannelConfig.h"
#include "notify/AgentAlerts.h"
#include "storage/AgentLinkStore.h"
#include "storage/ChannelStore.h"

#include <QHash>
#include <QMutex>

namespace triage::server {

namespace {

std::optional<HttpResponse> refused(const Call &call)
{
    if (!call.principal.isStaff())
        return forbidden(u"Alerts are for agents; requesters are answered through their channel."_qs);
    return std::nullopt;
}

// The first enabled bot: where the console sends an agent to link their account.
std::optional<std::pair<QString, TelegramChannelConfig>> firstBot(ServerDatabase &db)
{
    for (const ChannelRecord &c : ChannelStore(db).list()) {
        if (c.kind != u"telegram"_qs)
            continue;
        if (auto config = TelegramChannelConfig::fromStored(c.config); config && config->enabled)
            return std::pair {c.id, *config};
    }
    return std::nullopt;
}

// The bot's @username (getMe), remembered per channel and token: a deep link needs it.
QString botUsername(const QString &channelId, const TelegramChannelConfig &config)
{
    static QMutex mutex;
    static QHash<QString, QString> known; // channel id + token digest → username
    const QString key = channelId + u'/' + AgentLinkStore::digest(config.token);
    {
        QMutexLocker lock(&mutex);
        if (const auto it = known.constFind(key); it != known.constEnd())
            return *it;
    }
    const auto r = BotApi({config.apiUrl, config.token}).call(u"getMe"_qs, {}, 5);
    const QString name = r.ok ? r.result.toObject().value(u"username"_qs).toString() : QString();
    if (!name.isEmpty()) {
        QMutexLocker lock(&mutex);
        known.insert(key, name);
    }
    return name;
}

} // namespace

void NotificationsApi::registerRoutes(Router &router)
{
    const QString base = u"/api/v1/me/notifications"_qs;
    router.add("GET", base, true, [this](Call &c) { return get(c); });
    router.add("PUT", base, true, [this](Call &c) { return put(c); });
    router.add("POST", base + u"/telegram/link"_qs, true, [this](Call &c) { return link(c); });
    router.add("DELETE", base + u"/telegram"_qs, true, [this](Call &c) { return unlink(c); });
}

QJsonObject NotificationsApi::document(const QString &userId)
{
    ServerDatabase &db = *m_ctx.db;
    AgentLinkStore links(db);
    QJsonObject telegram {{u"available"_qs, firstBot(db).has_value()}};
    if (const auto l = links.linkOf(userId)) {
        telegram.insert(u"linked"_qs, true);
        telegram.insert(u"username"_qs,
            l->telegramUsername.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(l->telegramUsername));
        telegram.insert(u"linked_at"_qs, isoUtc(l->linkedAt));
        telegram.insert(u"channel"_qs, l->channelId);
    } else {
        telegram.insert(u"linked"_qs, false);
    }
    return QJsonObject {{u"alerts"_qs, links.prefs(userId).toJson()}, {u"telegram"_qs, telegram}};
}

HttpResponse NotificationsApi::get(Call &call)
{
    if (auto r = refused(call))
        return *r;
    return HttpResponse::json(200, document(call.principal.userId));
}

HttpResponse NotificationsApi::put(Call &call)
{
    if (auto r = refused(call))
        return *r;
    HttpResponse err;
    const auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    for (auto it = body->constBegin(); it != body->constEnd(); ++it) {
        if (it.key() != u"alerts"_qs && it.key() != u"telegram"_qs)
            return validationProblem({{it.key(), u"unknown field (known: alerts)"_qs}});
    }
    if (!body->value(u"alerts"_qs).isObject())
        return validationProblem({{u"alerts"_qs, u"must be an object of true/false values"_qs}});
    ServerDatabase &db = *m_ctx.db;
    AgentLinkStore links(db);
    QString why;
    const auto prefs = AlertPrefs::fromJson(
        body->value(u"alerts"_qs).toObject(), links.prefs(call.principal.userId), &why);
    if (!prefs)
        return validationProblem({{u"alerts"_qs, why}});
    WriteTx tx(db);
    links.setPrefs(call.principal.userId, *prefs, nowMs());
    tx.commit();
    return HttpResponse::json(200, document(call.principal.userId));
}

HttpResponse NotificationsApi::link(Call &call)
{
    if (auto r = refused(call))
        return *r;
    ServerDatabase &db = *m_ctx.db;
    const auto bot = firstBot(db);
    if (!bot) {
        return problem(409, u"no-telegram-bot"_qs, u"No Telegram bot"_qs,
            u"No Telegram channel is enabled: an administrator connects a bot first (docs/channels.md)."_qs);
    }
    const QString code = AgentAlerts::newCode();
    const qint64 expiresAt = nowMs() + AgentAlerts::kCodeLifetimeMs;
    {
        WriteTx tx(db);
        AgentLinkStore(db).addCode(call.principal.userId, code, expiresAt);
        tx.commit();
    }
    const QString username = botUsername(bot->first, bot->second);
    QJsonObject o {
        {u"code"_qs, code},
        {u"command"_qs, QString(u"/start "_qs + code)},
        {u"expires_at"_qs, isoUtc(expiresAt)},
        {u"bot"_qs,
            username.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QString(u"@"_qs + username))},
        {u"url"_qs,
            username.isEmpty() ? QJsonValue(QJsonValue::Null)
                               : QJsonValue(u"https://t.me/%1?start=%2"_qs.arg(username, code))},
    };
    return HttpResponse::json(201, o);
}

HttpResponse NotificationsApi::unlink(Call &call)
{
    if (auto r = refused(call))
        return *r;
    ServerDatabase &db = *m_ctx.db;
    WriteTx tx(db);
    const bool had = AgentLinkStore(db).unlink(call.principal.userId);
    tx.commit();
    if (!had)
        return notFound(u"Telegram link"_qs);
    return HttpResponse::raw(204, {});
}

} // namespace triage::server
