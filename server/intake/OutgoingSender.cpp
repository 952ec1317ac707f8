#include "OutgoingSender.h"

#include "EmailChannelConfig.h"
#include "SystemUser.h"
#include "TelegramChannelConfig.h"
#include "api/TicketService.h"
#include "channels/email/OutgoingMail.h"
#include "channels/email/SmtpSender.h"
#include "channels/telegram/BotApi.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "notify/AgentAlerts.h"
#include "storage/ChannelStore.h"
#include "storage/OutgoingStore.h"

#include <QJsonDocument>

#include <cstdio>

namespace triage::server {

namespace {

constexpr int kMaxRetryAfterSeconds = 3600;

constexpr qint64 kLeaseMs = 5 * 60 * 1000; // longer than any SMTP timeout
constexpr int kBatch = 10;

} // namespace

OutgoingSender::OutgoingSender(ServerContext ctx)
    : m_ctx(ctx)
{ }

OutgoingSender::~OutgoingSender()
{
    stop();
}

void OutgoingSender::start()
{
    m_thread = std::thread([this] { run(); });
}

void OutgoingSender::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_cv.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
}

void OutgoingSender::wake()
{
    std::lock_guard lock(m_mutex);
    m_woken = true;
    m_cv.notify_all();
}

qint64 OutgoingSender::backoffMs(int attempts)
{
    const int exponent = std::clamp(attempts - 1, 0, 7);
    return std::min<qint64>(30'000LL << exponent, 3600'000LL);
}

void OutgoingSender::run()
{
    for (;;) {
        int handled = 0;
        try {
            handled = sendDue();
        } catch (const DbError &e) {
            std::fprintf(stderr, "triaged: outgoing mail: storage error: %s\n", e.what());
            m_ctx.db->dropThreadConnection();
        }
        std::unique_lock lock(m_mutex);
        if (m_stop)
            break;
        if (handled < kBatch) // a full batch: more may be due at once
            m_cv.wait_for(lock, std::chrono::seconds(1), [this] { return m_stop || m_woken; });
        m_woken = false;
        if (m_stop)
            break;
    }
    m_ctx.db->dropThreadConnection();
}

int OutgoingSender::sendDue()
{
    ServerDatabase &db = *m_ctx.db;
    QList<OutgoingRecord> due;
    if (!OutgoingStore(db).anyDue(nowMs()))
        return 0;
    {
        WriteTx tx(db);
        const qint64 now = nowMs();
        due = OutgoingStore(db).claimDue(now, now + kLeaseMs, kBatch);
        tx.commit();
    }
    for (const OutgoingRecord &m : std::as_const(due))
        deliver(m);
    return int(due.size());
}

void OutgoingSender::deliver(const OutgoingRecord &m)
{
    ServerDatabase &db = *m_ctx.db;
    const auto channel = ChannelStore(db).find(m.channelId);
    if (channel && channel->kind == u"telegram"_qs) {
        if (const auto bot = TelegramChannelConfig::fromStored(channel->config)) {
            deliverTelegram(m, *bot);
            return;
        }
    }
    const auto config = channel && channel->kind == u"email"_qs
        ? EmailChannelConfig::fromStored(channel->config)
        : std::nullopt;
    if (!config) {
        settle(m, Failure::Permanent, u"its channel was removed"_qs);
        return;
    }
    OutgoingMail mail;
    mail.fromAddress = config->address;
    mail.fromName = config->fromName;
    mail.toAddress = m.recipient;
    mail.toName = m.recipientName;
    mail.subject = m.subject;
    mail.text = m.body;
    mail.messageId = m.messageId;
    mail.inReplyTo = m.inReplyTo;
    mail.references = m.references;
    mail.automatic = m.automatic;
    mail.date = nowMs();
    SmtpSender sender(SmtpSender::Config {config->smtpUrl, config->smtpUsername, config->smtpPassword, 60});
    QString error;
    const auto outcome = sender.send(config->address, {m.recipient}, composeMail(mail), &error);
    settle(m,
        outcome == SmtpSender::Outcome::Sent                   ? Failure::None
            : outcome == SmtpSender::Outcome::TemporaryFailure ? Failure::Temporary
                                                               : Failure::Permanent,
        error);
}

void OutgoingSender::settle(const OutgoingRecord &m, Failure failure, QString error, qint64 retryAfterMs)
{
    ServerDatabase &db = *m_ctx.db;
    OutgoingStore store(db);
    {
        // Its own transaction, ended before a note is written (that takes another: on SQLite the
        // write lock is held until a WriteTx goes out of scope).
        WriteTx tx(db);
        if (failure == Failure::None) {
            store.markSent(m.id, nowMs());
            tx.commit();
            return;
        }
        if (failure == Failure::Temporary && m.attempts < kMaxAttempts) {
            store.markRetry(m.id, nowMs() + (retryAfterMs > 0 ? retryAfterMs : backoffMs(m.attempts)), error);
            tx.commit();
            std::fprintf(stderr, "triaged: outgoing message %s: will retry: %s\n", qPrintable(m.id),
                qPrintable(error));
            return;
        }
        if (failure == Failure::Temporary)
            error = u"gave up after %1 attempts: %2"_qs.arg(m.attempts).arg(error);
        store.markFailed(m.id, error);
        tx.commit();
    }
    std::fprintf(stderr, "triaged: outgoing message %s failed: %s\n", qPrintable(m.id), qPrintable(error));
    // An alert to an agent is not part of the ticket's conversation: no note. An agent who blocked
    // the bot is unlinked (they can link again from the console).
    if (AgentAlerts::isAlert(m) || AgentAlerts::isCallbackAnswer(m)) {
        if (failure == Failure::Permanent && error.contains(u"(403)"_qs))
            AgentAlerts(db).chatBlocked(m);
        return;
    }
    if (!m.ticketId.isEmpty())
        noteFailure(m, error);
}

QStringList OutgoingSender::telegramParts(const QString &text)
{
    // HTML parse mode: &, < and > escaped, so every character arrives as written; a part's escaped
    // text stays within Telegram's 4,096 characters, cut at a line or word end where there is one.
    constexpr int kLimit = 4096;
    QStringList parts;
    QString current;
    QString raw;
    const auto escaped = [](QChar c) {
        return c == u'&' ? u"&amp;"_qs : c == u'<' ? u"&lt;"_qs : c == u'>' ? u"&gt;"_qs : QString(c);
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QString e = escaped(text[i]);
        if (current.size() + e.size() > kLimit) {
            // Back to the last newline or space of this part, if it is not too far back.
            qsizetype cut = std::max(raw.lastIndexOf(u'\n'), raw.lastIndexOf(u' '));
            if (cut < raw.size() / 2)
                cut = raw.size();
            const QString keep = raw.left(cut);
            QString keepEscaped;
            for (QChar c : keep)
                keepEscaped += escaped(c);
            parts << keepEscaped;
            raw = raw.mid(cut).trimmed();
            current.clear();
            for (QChar c : std::as_const(raw))
                current += escaped(c);
        }
        current += e;
        raw += text[i];
    }
    if (!current.trimmed().isEmpty() || parts.isEmpty())
        parts << current;
    return parts;
}

void OutgoingSender::deliverTelegram(const OutgoingRecord &m, const TelegramChannelConfig &config)
{
    const BotApi api({config.apiUrl, config.token});
    QString error;
    int retryAfter = -1;
    bool permanent = false;
    if (AgentAlerts::isCallbackAnswer(m)) {
        // The short answer to a button press; Telegram forgets the query after a while, so one try.
        const auto r = api.call(u"answerCallbackQuery"_qs,
            {{u"callback_query_id"_qs, m.recipient}, {u"text"_qs, m.body.left(200)}}, 15);
        settle(m, r.ok ? Failure::None : Failure::Permanent,
            r.ok ? QString() : u"Telegram answered %1: %2"_qs.arg(r.errorCode).arg(r.description));
        return;
    }
    const QStringList parts = telegramParts(m.body);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        QJsonObject params {{u"chat_id"_qs, m.recipient.toLongLong()}, {u"text"_qs, parts[i]},
            {u"parse_mode"_qs, u"HTML"_qs}};
        // Buttons under the last part, where the reader's eye ends.
        if (i == parts.size() - 1 && !m.markup.isEmpty())
            params.insert(u"reply_markup"_qs, QJsonDocument::fromJson(m.markup.toUtf8()).object());
        const auto r = api.call(u"sendMessage"_qs, params, 30);
        if (r.ok)
            continue;
        error = r.errorCode == 403 ? u"the requester blocked the bot (403)"_qs
                                   : u"Telegram answered %1: %2"_qs.arg(r.errorCode).arg(r.description);
        retryAfter = r.retryAfter;
        permanent = r.errorCode == 403 || r.errorCode == 400;
        break;
    }
    // 429: exactly when Telegram said (but never more than an hour: a hostile or broken API must not
    // park a message for years); a blocked bot (403) or a refused text (400) will not change.
    settle(m,
        error.isEmpty() ? Failure::None
            : permanent ? Failure::Permanent
                        : Failure::Temporary,
        error, retryAfter > 0 ? qint64(qMin(retryAfter, kMaxRetryAfterSeconds)) * 1000 : 0);
}

void OutgoingSender::noteFailure(const OutgoingRecord &m, const QString &error)
{
    ServerDatabase &db = *m_ctx.db;
    Comment note;
    note.id = newId();
    note.ticketId = m.ticketId;
    note.isPublic = false;
    note.body = (m.subject.isEmpty()
            ? u"The message to %1 could not be delivered: %2"_qs.arg(m.recipient, error)
            : u"The mail to %1 (%2) could not be delivered: %3"_qs.arg(m.recipient, m.subject, error))
                    .left(kMaxCommentLength);
    WriteTx tx(db);
    TicketService service(db, tx);
    Outcome o = service.addComment(systemPrincipal(), note, std::nullopt, true);
    if (o.status != Outcome::Applied)
        return; // the ticket was deleted: nobody to tell
    o.applyWrites();
    tx.commit();
    m_ctx.committed();
}

} // namespace triage::server
