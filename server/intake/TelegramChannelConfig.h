#pragma once

#include "domain/Validation.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace triage::server {

// A Telegram bot channel's settings as PUT /api/v1/channels/{id} takes them (docs/channels.md
// "Telegram"). The token is write-only like the mail passwords: toPublic() says `token_set`, a PUT
// that leaves it out keeps the stored one.
struct TelegramChannelConfig {
    QString name;
    bool enabled = true;
    QString token;
    QUrl apiUrl = QUrl(u"https://api.telegram.org"_qs);
    QString groupId;
    int longPollSeconds = 25; // getUpdates' timeout
    QString language = u"ru"_qs; // of the bot's own texts when the user's language is unknown

    static std::optional<TelegramChannelConfig> fromJson(
        const QJsonObject &body, const QJsonObject &previous, FieldErrors *errors);
    static std::optional<TelegramChannelConfig> fromStored(const QJsonObject &stored);
    QJsonObject toStored() const;
    QJsonObject toPublic() const;
};

} // namespace triage::server
