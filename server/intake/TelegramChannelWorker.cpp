#include "TelegramChannelWorker.h"

#include "IntakePipeline.h"
#include "MailOutbox.h"
#include "RequesterDirectory.h"
#include "TelegramCsat.h"
#include "channels/telegram/BotApi.h"
#include "channels/telegram/CsatButtons.h"
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
    const bool english = languageOf(u) == u"en"_qs;
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

QString TelegramChannelWorker::languageOf(const TelegramUpdate &u) const
{
    if (u.languageCode.isEmpty())
        return m_config.language;
    return u.languageCode.startsWith(u"ru"_qs) ? u"ru"_qs : u"en"_qs;
}

InboundAttachment TelegramChannelWorker::fetchFile(const BotApi &api, const TelegramUpdate &u, int index)
{
    const TelegramUpdate::File &f = u.files[index];
    InboundAttachment a;
    a.filename = f.fileName;
    a.declaredType = f.mimeType;
    a.declaredSize = f.size;
    const qint64 limit = m_ctx.maxAttachmentBytes;
    const auto overLimit = [&](qint64 size) {
        return u"over the limit of %1 MiB per file (%2 bytes)"_qs
            .arg(double(limit) / (1024.0 * 1024.0), 0, 'f', 1)
            .arg(size);
    };
    if (f.size > limit) {
        a.missing = overLimit(f.size); // not downloaded at all
        return a;
    }
    // Temporary trouble (no connection, 5xx, 429) is tried again a few times; a refusal (400: the
    // file id is unknown or the file too big for bots) is final. The update is stored either way.
    QString error;
    for (int attempt = 1; attempt <= 3 && !stopping(); ++attempt) {
        auto r = api.call(u"getFile"_qs, {{u"file_id"_qs, f.fileId}}, 60);
        QString path;
        if (r.ok) {
            const QJsonObject file = r.result.toObject();
            path = file.value(u"file_path"_qs).toString();
            if (file.value(u"file_size"_qs).toInteger() > limit) {
                a.missing = overLimit(file.value(u"file_size"_qs).toInteger());
                return a;
            }
            if (path.isEmpty()) {
                a.missing = u"Telegram did not give the file's path (getFile)"_qs;
                return a;
            }
            QByteArray bytes;
            r = api.download(path, limit, &bytes, 300);
            if (r.ok) {
                a.bytes = bytes;
                if (a.bytes.isEmpty())
                    a.missing = u"the file is empty"_qs;
                return a;
            }
            if (r.errorCode == 413) {
                a.missing = overLimit(limit + 1).section(u" ("_qs, 0, 0);
                return a;
            }
        }
        error = r.isNetwork() ? u"the Bot API is unreachable: %1"_qs.arg(r.description)
                              : u"Telegram answered %1: %2"_qs.arg(r.errorCode).arg(r.description);
        const bool temporary = r.isNetwork() || r.errorCode == 429 || r.errorCode >= 500;
        if (!temporary || attempt == 3
            || !waitFor(r.retryAfter > 0 ? std::min(r.retryAfter, 30) : 2 * attempt))
            break;
    }
    a.missing = u"could not be retrieved from Telegram: "_qs + api.mask(error);
    return a;
}

void TelegramChannelWorker::prefetchFiles(const InboundRecord &r)
{
    m_prefetchedFor = r.id;
    m_prefetched.clear();
    QString why;
    const auto update = TelegramUpdate::decode(QJsonDocument::fromJson(r.raw).object(), &why);
    if (!update || update->kind != TelegramUpdate::Kind::Message || !update->privateChat || update->fromBot)
        return;
    const BotApi api({m_config.apiUrl, m_config.token, stopFlag()});
    for (int i = 0; i < update->files.size(); ++i) {
        m_prefetched.append(fetchFile(api, *update, i));
        if (!m_prefetched.last().missing.isEmpty()) {
            std::fprintf(stderr, "triaged: channel %s: update %lld: file %s: %s\n", qPrintable(m_channelId),
                qlonglong(update->updateId), qPrintable(m_prefetched.last().filename),
                qPrintable(m_prefetched.last().missing));
        }
    }
}

ChannelWorker::Processed TelegramChannelWorker::handleCallback(const TelegramUpdate &u, WriteTx &tx)
{
    const QString language = languageOf(u);
    Processed p {true, {}, {}, u"a button of an unknown kind"_qs, false, {}};
    QString answer = language == u"en"_qs ? u"This button is no longer valid."_qs
                                          : u"Эта кнопка больше не действует."_qs;
    QJsonObject markup; // the buttons as they should look now (the chosen rating ticked)
    if (u.callbackKind() == CsatButtons::kPrefix) {
        const auto a
            = TelegramCsat(*m_ctx.db).rate(tx, QString::number(u.userId), u.callbackArgument(), language);
        answer = a.text;
        if (a.ticketId.isEmpty()) {
            p.reason = u"a rating refused: "_qs + a.text;
        } else {
            p = Processed {false, a.ticketId, {}, {}, false, {}};
            markup = CsatButtons::keyboard(a.ticketId, a.rating);
        }
    }
    // Answered through the outgoing queue, as the agents' buttons are: sent once this commits.
    OutgoingStore(*m_ctx.db).enqueue(AgentAlerts::callbackAnswer(m_channelId, u.callbackId, answer));
    // The buttons then show the rating given; best effort, after the commit.
    if (!markup.isEmpty() && u.callbackMessageId != 0) {
        p.afterCommit = [this, markup, chat = u.chatId, message = u.callbackMessageId] {
            const BotApi api({m_config.apiUrl, m_config.token, stopFlag()});
            const auto r = api.call(u"editMessageReplyMarkup"_qs,
                {{u"chat_id"_qs, chat}, {u"message_id"_qs, message}, {u"reply_markup"_qs, markup}}, 15);
            if (!r.ok) // e.g. "message is not modified" for the same rating twice: harmless
                std::fprintf(stderr, "triaged: channel %s: editMessageReplyMarkup: %s\n",
                    qPrintable(m_channelId), qPrintable(r.description));
        };
    }
    return p;
}

void TelegramChannelWorker::processPending()
{
    ServerDatabase &db = *m_ctx.db;
    const auto prepare = [this](const InboundRecord &r) { prefetchFiles(r); };
    processStored(
        [&](const InboundRecord &r, WriteTx &tx) {
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
                if (!update->fromBot)
                    return handleCallback(*update, tx); // the requester's buttons (CSAT)
            }
            if (update->kind == TelegramUpdate::Kind::Message && update->privateChat
                && update->command == u"/start"_qs && !update->commandArgument.isEmpty()) {
                if (const auto answer = alerts.redeem(m_channelId, QString::number(update->chatId),
                        telegramUser, update->username, update->commandArgument.trimmed())) {
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
            InboundMessage message = update->toInbound();
            if (m_prefetchedFor == r.id && m_prefetched.size() == message.attachments.size())
                message.attachments = m_prefetched;
            const QString language = languageOf(*update);
            const auto sender = RequesterDirectory(db, tx).resolve(
                u"telegram"_qs, message.fromAddress, message.fromName, language);
            QString answer;
            if (answerCommand(*update, sender.userId, &answer)) {
                OutgoingStore(db).enqueue(MailOutbox::botMessage(
                    Ticket {}, m_channelId, QString::number(update->chatId), answer, true));
                return Processed {false, {}, {}, {}, false};
            }
            IntakePipeline::Source source {m_channelId, u"telegram"_qs, Channel::Telegram, m_config.groupId};
            source.chat = QString::number(update->chatId);
            source.language = language;
            source.forceNew = update->command == u"/new"_qs;
            source.maxAttachmentBytes = m_ctx.maxAttachmentBytes;
            const auto result = IntakePipeline(db, tx).apply(source, message);
            return Processed {result.kind == IntakePipeline::Result::Ignored, result.ticketId,
                result.commentId, result.reason};
        },
        prepare);
    m_prefetchedFor.clear();
    m_prefetched.clear();
}

} // namespace triage::server
