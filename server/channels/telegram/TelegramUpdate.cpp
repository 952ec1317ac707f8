#include "TelegramUpdate.h"

#include <QJsonArray>

#include <algorithm>

namespace triage::server {

namespace {

qint64 integer(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    return v.isDouble() ? v.toInteger() : 0;
}

} // namespace

std::optional<TelegramUpdate> TelegramUpdate::decode(const QJsonObject &u, QString *error)
{
    TelegramUpdate t;
    t.updateId = integer(u, u"update_id"_qs);
    if (t.updateId <= 0) {
        *error = u"the update has no update_id"_qs;
        return std::nullopt;
    }
    QJsonObject message = u.value(u"message"_qs).toObject();
    if (message.isEmpty())
        message = u.value(u"edited_message"_qs).toObject();
    const QJsonObject callback = u.value(u"callback_query"_qs).toObject();
    QJsonObject from;
    if (!message.isEmpty()) {
        t.kind = Kind::Message;
        from = message.value(u"from"_qs).toObject();
    } else if (!callback.isEmpty()) {
        t.kind = Kind::Callback;
        from = callback.value(u"from"_qs).toObject();
        t.callbackId = callback.value(u"id"_qs).toString().left(200);
        t.callbackData = callback.value(u"data"_qs).toString().left(64);
        message = callback.value(u"message"_qs).toObject();
    } else {
        return t;
    }
    const QJsonObject chat = message.value(u"chat"_qs).toObject();
    t.chatId = integer(chat, u"id"_qs);
    t.privateChat = chat.value(u"type"_qs).toString() == u"private"_qs;
    t.messageId = integer(message, u"message_id"_qs);
    if (t.kind == Kind::Callback)
        t.callbackMessageId = t.messageId;
    // Unix seconds; anything outside 1970..9999 is no date (and would overflow as milliseconds:
    // found by fuzz_telegram_update).
    const qint64 seconds = integer(message, u"date"_qs);
    t.date = seconds > 0 && seconds < 253'402'300'800 ? seconds * 1000 : 0;
    t.userId = integer(from, u"id"_qs);
    t.fromBot = from.value(u"is_bot"_qs).toBool();
    t.firstName = from.value(u"first_name"_qs).toString().left(200);
    t.lastName = from.value(u"last_name"_qs).toString().left(200);
    t.username = from.value(u"username"_qs).toString().left(100);
    t.languageCode = from.value(u"language_code"_qs).toString().left(10);
    if (t.kind == Kind::Message) {
        t.text = message.value(u"text"_qs).toString();
        if (t.text.isEmpty())
            t.text = message.value(u"caption"_qs).toString();
        if (t.text.startsWith(u'/')) {
            const qsizetype space = t.text.indexOf(u' ');
            t.command = t.text.left(space < 0 ? t.text.size() : space).section(u'@', 0, 0).toLower().left(32);
            t.commandArgument = space < 0 ? QString() : t.text.mid(space + 1).trimmed();
        }
        // Photos come as several PhotoSizes of one picture: only the largest is kept (by pixels,
        // then bytes; the API lists them smallest first but does not promise it).
        const QJsonArray photos = message.value(u"photo"_qs).toArray();
        QJsonObject largest;
        qint64 bestPixels = -1;
        qint64 bestBytes = -1;
        for (const QJsonValue &v : photos) {
            const QJsonObject size = v.toObject();
            if (size.value(u"file_id"_qs).toString().isEmpty())
                continue;
            // Sides bounded first: an absurd width × height must not overflow (found by the fuzzer).
            const auto side
                = [&](const QString &key) { return std::clamp<qint64>(integer(size, key), 0, 1 << 20); };
            const qint64 pixels = side(u"width"_qs) * side(u"height"_qs);
            const qint64 bytes = integer(size, u"file_size"_qs);
            if (pixels > bestPixels || (pixels == bestPixels && bytes > bestBytes)) {
                largest = size;
                bestPixels = pixels;
                bestBytes = bytes;
            }
        }
        if (!largest.isEmpty()) {
            t.files.append({largest.value(u"file_id"_qs).toString().left(200), u"photo.jpg"_qs,
                u"image/jpeg"_qs, integer(largest, u"file_size"_qs)});
        }
        const QJsonObject document = message.value(u"document"_qs).toObject();
        if (!document.isEmpty()) {
            t.files.append({document.value(u"file_id"_qs).toString().left(200),
                document.value(u"file_name"_qs).toString().left(255).isEmpty()
                    ? u"document"_qs
                    : document.value(u"file_name"_qs).toString().left(255),
                document.value(u"mime_type"_qs).toString().left(100), integer(document, u"file_size"_qs)});
        }
    }
    if (t.kind == Kind::Callback && t.chatId == 0 && t.userId != 0) {
        // A button under a message too old to be sent along: the private chat's id is the user's.
        t.chatId = t.userId;
        t.privateChat = true;
    }
    if (t.chatId == 0 || t.userId == 0) {
        *error = u"the update names no chat or sender"_qs;
        return std::nullopt;
    }
    return t;
}

QString TelegramUpdate::displayName() const
{
    const QString joined = firstName + u' ' + lastName;
    const QString name = joined.simplified();
    if (!name.isEmpty())
        return name;
    return username.isEmpty() ? u"Telegram user %1"_qs.arg(userId) : u'@' + username;
}

InboundMessage TelegramUpdate::toInbound() const
{
    InboundMessage m;
    m.externalId = u"%1:%2"_qs.arg(chatId).arg(messageId);
    m.fromAddress = QString::number(userId);
    m.fromName = displayName();
    m.text = command == u"/new"_qs ? commandArgument : text;
    m.sentAt = date;
    if (fromBot)
        m.automatic = AutoKind::AutoGenerated;
    QStringList names;
    for (const File &f : files) {
        InboundAttachment a;
        a.filename = f.fileName;
        a.declaredType = f.mimeType;
        a.declaredSize = f.size;
        m.attachments.append(a);
        names << f.fileName;
    }
    // A photo or file without a caption still says something in the conversation.
    if (m.text.trimmed().isEmpty() && !names.isEmpty())
        m.text = u'[' + names.join(u", "_qs) + u']';
    return m;
}

} // namespace triage::server
