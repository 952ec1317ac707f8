#include "ChannelKinds.h"

#include "EmailChannelConfig.h"
#include "TelegramChannelConfig.h"

namespace triage::server::channelkinds {

QStringList known()
{
    return {u"email"_qs, u"telegram"_qs};
}

std::optional<QJsonObject> storedFromBody(const QString &kind, const QJsonObject &body,
    const QJsonObject &previous, FieldErrors *errors, QString *groupId)
{
    if (kind == u"email"_qs) {
        const auto c = EmailChannelConfig::fromJson(body, previous, errors);
        if (!c)
            return std::nullopt;
        *groupId = c->groupId;
        return c->toStored();
    }
    if (kind == u"telegram"_qs) {
        const auto c = TelegramChannelConfig::fromJson(body, previous, errors);
        if (!c)
            return std::nullopt;
        *groupId = c->groupId;
        return c->toStored();
    }
    errors->append({u"kind"_qs, u"unknown channel kind (known: %1)"_qs.arg(known().join(u", "_qs))});
    return std::nullopt;
}

QJsonObject publicView(const QString &kind, const QJsonObject &stored)
{
    if (kind == u"email"_qs) {
        if (const auto c = EmailChannelConfig::fromStored(stored))
            return c->toPublic();
    } else if (kind == u"telegram"_qs) {
        if (const auto c = TelegramChannelConfig::fromStored(stored))
            return c->toPublic();
    }
    return QJsonObject {{u"kind"_qs, kind}};
}

bool isEnabled(const QString &kind, const QJsonObject &stored)
{
    if (kind == u"email"_qs) {
        const auto c = EmailChannelConfig::fromStored(stored);
        return c && c->enabled;
    }
    if (kind == u"telegram"_qs) {
        const auto c = TelegramChannelConfig::fromStored(stored);
        return c && c->enabled;
    }
    return false;
}

} // namespace triage::server::channelkinds
