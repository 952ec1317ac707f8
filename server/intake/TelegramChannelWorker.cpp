#include "TelegramChannelWorker.h"

#include "IntakePipeline.h"
#include "MailOutbox.h"
#include "RequesterDirectory.h"
#include "channels/telegram/BotApi.h"
#include "channels/telegram/TelegramUpdate.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "notify/AgentAlerts.h"
#include "storage/ChannelStore.h"
#include "storage/InboundStore.h"
#include "storage/OutgoingStore.h"
#include "storage/ServerTicketStore.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace triage::server {

namespace {

constexpr int kBatch = 100; // updates per getUpdates

QString describeFailure(const BotApi::Result &r)
{
    switch (r.errorCode) {
    case 401:
        return u"the bot token was refused (401): check it with BotFather"_qs;
    case 409:
        return u"another program polls this bot or a webhook is set (409): %1"_qs.arg(r.description);
    case 429:
        return u"Telegram asked to slow down (429, retry after %1 s)"_qs.arg(r.retryAfter);
    default:
        return r.isNetwork() ? u"the Bot API is unreachable: %1"_qs.arg(r.description)
                             : u"the Bot API answered %1: %2"_qs.arg(r.errorCode).arg(r.description);
    }
}

} // namespace

TelegramChannelWorker::TelegramChannelWorker(
    ServerContext ctx, QString channelId, TelegramChannelConfig config, qint64 version, QString owner)
    : ChannelWorker(ctx, std::move(channelId), version, std::move(owner))
    , m_config(std::move(config))
{ }

TelegramChannelWorker::~TelegramChannelWorker()
{
    stopAndJoin();
}

QString TelegramChannelWorker::pollOnce()
{
    processPending(); // what an earlier run stored and did not finish
    const BotApi api({m_config.apiUrl, m_config.token, stopFlag()});
    if (!m_webhookCleared) {
        const auto r = api.call(u"deleteWebhook"_qs, {}, 30);
        if (!r.ok)
            return describeFailure(r);
        m_webhookCleared = true;
    }
    ServerDatabase &db = *m_ctx.db;
    ChannelStore channels(db);
    const qint64 last = channels.state(m_channelId).cursorLast;
    const QJsonObject params {
        {u"offset"_qs, last + 1},
        {u"timeout"_qs, m_config.longPollSeconds},
        {u"limit"_qs, kBatch},
        {u"allowed_updates"_qs, QJsonArray {u"message"_qs, u"edited_message"_qs, u"callback_query"_qs}},
    };
    const auto r = api.call(u"getUpdates"_qs, params, m_config.longPollSeconds + 15);
    if (!r.ok) {
        if (r.retryAfter > 0)
            waitFor(std::min(r.retryAfter, 300));
        return describeFailure(r);
    }
    for (const QJsonValue &v : r.result.toArray()) {
        const QJsonObject update = v.toObject();
        const qint64 id = update.value(u"update_id"_qs).toInteger();
        if (id <= last)
            continue; // already stored (an offset the API did not honour)
        InboundRecord row;
        row.id = newId();
        row.channelId = m_channelId;
        row.sourceKey = u"update:%1"_qs.arg(id);
        row.messageKey = u"telegram:%1:%2"_qs.arg(m_channelId).arg(id);
        row.raw = QJsonDocument(update).toJson(QJsonDocument::Compact);
        row.receivedAt = nowMs();
        WriteTx tx(db);
        InboundStore(db).insert(row);
        channels.setCursor(m_channelId, 0, id);
        tx.commit();
    }
    processPending();
    return {};
}

bool TelegramChannelWorker::answerCommand(const TelegramUpdate &u, const QString &userId, QString *answer)
{
    const bool english
        = u.languageCode.isEmpty() ? m_config.language == u"en"_qs : !u.languageCode.startsWith(u"ru"_qs);
    if (u.command == u"/start"_qs) {
        *answer = english ? u"Hello! Describe your problem in one message and we will open a request. "
                            "/status lists your open requests, /new starts another one."_qs
                          : u"Здравствуйте! Опишите проблему одним сообщением — мы откроем заявку. "
                            "/status — ваши открытые заявки, /new — новая заявка."_qs;
        return true;
    }
    if (u.command == u"/status"_qs) {
        ServerTicketStore tickets(*m_ctx.db);
        QStringList lines;
        for (const QString &id : tickets.openTicketsOf(userId, 10)) {
            if (const auto t = tickets.load(id, false))
                lines << u"#%1 %2 — %3"_qs.arg(t->ticket.number.value_or(0))
                             .arg(t->ticket.title, toWire(t->ticket.status));
        }
        *answer = lines.isEmpty()
            ? (english ? u"You have no open requests."_qs : u"Открытых заявок нет."_qs)
            : (english ? u"Your open requests:\n"_qs : u"Ваши открытые заявки:\n"_qs) + lines.join(u'\n');
        return true;
    }
    if (u.command == u"/new"_qs && u.commandArgument.isEmpty()) {
        *answer = english ? u"Send /new followed by the description, e.g. /new The printer does not print."_qs
                          : u"Напишите /new и описание, например: /new Не печатает принтер."_qs;
        return true;
    }
    return false;
}

void TelegramChannelWorker::processPending()
{
    ServerDatabase &db = *m_ctx.db;
    processStored([&](const InboundRecord &r, WriteTx &tx) {
        QString why;
        const auto update = TelegramUpdate::decode(QJsonDocument::fromJson(r.raw).object(), &why);
        if (!update)
            throw IntakeRefused(u"unreadable update: "_qs + why);
        // Agents' side first (docs/channels.md "Alerts for agents"): link codes and alert buttons.
        AgentAlerts alerts(db);
        const QString telegramUser = QString::number(update->userId);
        if (update->kind == TelegramUpdate::Kind::Callback) {
            const auto pressed = alerts.button(tx, m_channelId, telegramUser, update->callbackData);
            if (pressed.handled) {
                OutgoingStore(db).enqueue(
                    AgentAlerts::callbackAnswer(m_channelId, update->callbackId, pressed.toast));
                return Processed {false, {}, {}, {}, false};
            }
        }
        if (update->kind == TelegramUpdate::Kind::Message && update->privateChat
            && update->command == u"/start"_qs && !update->commandArgument.isEmpty()) {
            if (const auto answer = alerts.redeem(m_channelId, QString::number(update->chatId), telegramUser,
                    update->username, update->commandArgument.trimmed())) {
                OutgoingStore(db).enqueue(MailOutbox::botMessage(
                    Ticket {}, m_channelId, QString::number(update->chatId), *answer, true));
                return Processed {false, {}, {}, {}, false};
            }
        }
        if (update->kind != TelegramUpdate::Kind::Message || !update->privateChat || update->fromBot) {
            return Processed {true, {}, {},
                update->kind == TelegramUpdate::Kind::Message ? u"not a private chat with a person"_qs
                                                              : u"not a message"_qs};
        }
        const InboundMessage message = update->toInbound();
        const auto sender
            = RequesterDirectory(db, tx).resolve(u"telegram"_qs, message.fromAddress, message.fromName);
        QString answer;
        if (answerCommand(*update, sender.userId, &answer)) {
            OutgoingStore(db).enqueue(MailOutbox::botMessage(
                Ticket {}, m_channelId, QString::number(update->chatId), answer, true));
            return Processed {false, {}, {}, {}, false};
        }
        IntakePipeline::Source source {m_channelId, u"telegram"_qs, Channel::Telegram, m_config.groupId};
        source.chat = QString::number(update->chatId);
        source.language = update->languageCode.isEmpty() ? m_config.language
            : update->languageCode.startsWith(u"ru"_qs)  ? u"ru"_qs
                                                         : u"en"_qs;
        source.forceNew = update->command == u"/new"_qs;
        source.maxAttachmentBytes = m_ctx.maxAttachmentBytes;
        const auto result = IntakePipeline(db, tx).apply(source, message);
        return Processed {
            result.kind == IntakePipeline::Result::Ignored, result.ticketId, result.commentId, result.reason};
    });
}

} // namespace triage::server
