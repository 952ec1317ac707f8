#include "MailOutbox.h"

#include "EmailChannelConfig.h"
#include "RequestConfirmation.h"
#include "channels/InboundMessage.h"
#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "storage/ChannelStore.h"
#include "storage/DirectoryStore.h"
#include "storage/IdentityStore.h"
#include "storage/InboundStore.h"

#include <QRandomGenerator>
#include <QRegularExpression>

namespace triage::server {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

QString stripKey(const QString &messageKey)
{
    return messageKey.startsWith(u"email:"_qs) ? messageKey.mid(6) : QString();
}

} // namespace

QString MailOutbox::subjectFor(qint64 number, const QString &subject)
{
    const QString tag = u"[#%1]"_qs.arg(number);
    QString s = subject.simplified();
    if (s.contains(tag))
        return s;
    // "Re: Printer" → "Re: [#1042] Printer": the tag after the reply prefixes mail clients add.
    static const QRegularExpression prefix(
        uR"(^((?:(?:re|fwd?|aw|wg|sv|ответ|отв|пересл)\s*(?:\[\d+\])?\s*:\s*)*))"_qs,
        QRegularExpression::CaseInsensitiveOption);
    const QString head = prefix.match(s).captured(1);
    const QString rest = s.mid(head.size());
    const QString out = head + tag + (rest.isEmpty() ? QString() : u' ' + rest);
    return out.left(900);
}

OutgoingRecord MailOutbox::botMessage(const Ticket &t, const QString &channelId, const QString &chat,
    const QString &text, bool automatic, const QString &commentId)
{
    OutgoingRecord m;
    m.id = newId();
    m.channelId = channelId;
    m.ticketId = t.id;
    m.commentId = commentId;
    m.recipient = chat;
    m.body = text;
    m.messageId = u"telegram-"_qs + m.id; // unique; Telegram threads by chat, not by id
    m.automatic = automatic;
    m.createdAt = m.nextAttemptAt = nowMs();
    return m;
}

std::optional<OutgoingRecord> MailOutbox::botMessageFor(
    const Ticket &t, const QString &text, bool automatic, const QString &commentId)
{
    const auto source = InboundStore(m_db).lastSourceOf(t.id);
    if (!source)
        return std::nullopt;
    const auto channel = ChannelStore(m_db).find(source->first);
    if (!channel || channel->kind != u"telegram"_qs)
        return std::nullopt;
    // The chat of a private conversation is the user's id, the identity's address.
    const QString chat = IdentityStore(m_db).addressOf(u"telegram"_qs, t.requesterId);
    if (chat.isEmpty())
        return std::nullopt;
    return botMessage(t, channel->id, chat, text, automatic, commentId);
}

QString MailOutbox::newMessageId(qint64 number, const QString &fromAddress)
{
    const QString domain
        = fromAddress.section(u'@', 1).isEmpty() ? u"triage.invalid"_qs : fromAddress.section(u'@', 1);
    const quint64 r = QRandomGenerator::system()->generate64();
    return u"ticket-%1.%2@%3"_qs.arg(number).arg(r, 16, 16, QLatin1Char('0')).arg(domain);
}

std::optional<OutgoingRecord> MailOutbox::replyFor(const Ticket &t, const Comment &c)
{
    if (!c.isPublic || !t.number)
        return std::nullopt;
    InboundStore inbound(m_db);
    const auto source = inbound.lastSourceOf(t.id);
    if (!source)
        return std::nullopt;
    const auto channel = ChannelStore(m_db).find(source->first);
    if (!channel)
        return std::nullopt;
    if (channel->kind == u"telegram"_qs)
        return botMessageFor(t, c.body, false, c.id);
    if (channel->kind != u"email"_qs)
        return std::nullopt;
    const auto config = EmailChannelConfig::fromStored(channel->config);
    if (!config)
        return std::nullopt;
    QString to = IdentityStore(m_db).addressOf(u"email"_qs, t.requesterId);
    QString toName;
    if (const auto user = DirectoryStore(m_db).userById(t.requesterId)) {
        if (to.isEmpty())
            to = user->user.email;
        toName = user->user.displayName;
    }
    if (to.isEmpty())
        return std::nullopt;
    OutgoingStore outgoing(m_db);
    OutgoingRecord m;
    m.id = newId();
    m.channelId = channel->id;
    m.ticketId = t.id;
    m.commentId = c.id;
    m.recipient = to;
    m.recipientName = toName;
    m.subject = subjectFor(*t.number, u"Re: "_qs + t.title);
    m.body = c.body;
    m.messageId = newMessageId(*t.number, config->address);
    m.inReplyTo = stripKey(source->second);
    m.references = outgoing.messageIdsOf(t.id, 10);
    if (!m.inReplyTo.isEmpty() && !m.references.contains(m.inReplyTo))
        m.references.append(m.inReplyTo);
    m.createdAt = m.nextAttemptAt = nowMs();
    return m;
}

std::optional<OutgoingRecord> MailOutbox::acknowledgementFor(const Ticket &t, const QString &channelId,
    const EmailChannelConfig &config, const InboundMessage &message)
{
    if (!config.acknowledge || !t.number || message.automatic != AutoKind::None
        || message.fromAddress.isEmpty() || message.fromAddress == config.address)
        return std::nullopt;
    OutgoingStore outgoing(m_db);
    const qint64 now = nowMs();
    if (outgoing.automaticSince(message.fromAddress, now - kHourMs) >= config.autoRepliesPerHour)
        return std::nullopt;
    OutgoingRecord m;
    m.id = newId();
    m.channelId = channelId;
    m.ticketId = t.id;
    m.recipient = message.fromAddress;
    m.recipientName = message.fromName;
    m.subject = subjectFor(*t.number, t.title);
    const QString signature = config.fromName.isEmpty() ? config.name : config.fromName;
    // The same words as the Telegram bot's confirmation (RequestConfirmation), then how to add to it.
    const QString accepted
        = RequestConfirmation::acceptedLine(*t.number, RequestConfirmation::expectedResolution(m_db, t, now),
            config.language == u"ru"_qs ? u"ru"_qs : u"en"_qs, now);
    if (config.language == u"ru"_qs) {
        m.body = u"Здравствуйте!\n\n%1.\nТема: «%2».\n"
                 "Чтобы дополнить обращение, просто ответьте на это письмо.\n\n— %3\n"_qs.arg(
                     accepted, t.title, signature);
    } else {
        m.body = u"Hello,\n\n%1.\nSubject: \"%2\".\n"
                 "To add to it, simply reply to this message.\n\n— %3\n"_qs.arg(accepted, t.title, signature);
    }
    m.messageId = newMessageId(*t.number, config.address);
    m.inReplyTo = message.externalId;
    if (!m.inReplyTo.isEmpty())
        m.references = {m.inReplyTo};
    m.automatic = true;
    m.createdAt = m.nextAttemptAt = now;
    return m;
}

} // namespace triage::server
