#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace triage::server {

// The satisfaction survey's inline keyboard: buttons 1–5 under the bot's "request resolved"
// message, each with callback_data "csat:<ticket id>:<rating>" (the Bot API allows 64 bytes; a
// ticket id is 36). The "csat:" prefix routes the callback (TelegramChannelWorker::handleCallback
// dispatches on the part before the first colon, so other buttons add their own prefix).
class CsatButtons
{
public:
    static constexpr QStringView kPrefix = u"csat";

    struct Vote {
        QString ticketId;
        int rating = 0; // 1–5
    };

    // reply_markup for sendMessage / editMessageReplyMarkup; `chosen` (1–5) marks the rating given.
    static QJsonObject keyboard(const QString &ticketId, int chosen = 0);
    static QString callbackData(const QString &ticketId, int rating);
    // The argument after "csat:", or nullopt when it is not a rating of a ticket (never trusted:
    // a client can send any callback_data).
    static std::optional<Vote> parse(const QString &argument);
};

} // namespace triage::server
