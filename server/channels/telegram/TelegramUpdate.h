#pragma once

#include "channels/InboundMessage.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace triage::server {

// One Bot API Update as the intake needs it (message or callback_query; everything else is
// `Other`). Decoded defensively: the API is an outside system, wrong types and missing fields give
// nullopt or an empty field, never a crash.
struct TelegramUpdate {
    enum class Kind { Message, Callback, Other };
    struct File {
        QString fileId;
        QString fileName; // documents only; photos get "photo.jpg"
        QString mimeType;
        qint64 size = 0;
    };

    qint64 updateId = 0;
    Kind kind = Kind::Other;
    qint64 chatId = 0;
    bool privateChat = false;
    qint64 messageId = 0;
    qint64 userId = 0;
    bool fromBot = false;
    QString firstName;
    QString lastName;
    QString username;
    QString languageCode;
    QString text; // the text or the caption
    QString command; // "/start", "/new", "/status" (lower-case, without @botname), or empty
    QString commandArgument; // what follows the command
    qint64 date = 0; // ms
    QList<File> files; // the largest photo size, a document
    QString callbackId; // callback_query only
    QString callbackData;
    qint64 callbackMessageId = 0; // the bot's message that carried the button

    // callback_data is "<kind>:<argument>" (CsatButtons: "csat"); handlers are chosen by the kind.
    QString callbackKind() const { return callbackData.section(u':', 0, 0); }
    QString callbackArgument() const { return callbackData.section(u':', 1); }

    static std::optional<TelegramUpdate> decode(const QJsonObject &update, QString *error);
    QString displayName() const;
    // The message as the shared intake sees it: the user id as the sender's address, the text,
    // the files named (their bytes are fetched by the worker).
    InboundMessage toInbound() const;
};

} // namespace triage::server
