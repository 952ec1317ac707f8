#pragma once

#include "storage/OutgoingStore.h"

#include <optional>

namespace triage {
struct Ticket;
struct Comment;
} // namespace triage

namespace triage::server {

class ServerDatabase;
struct EmailChannelConfig;
struct InboundMessage;

// Decides what leaves by mail (and by the Telegram bot: replyFor routes by the channel the ticket
// came in on), inside the transaction that causes it, and builds the queue rows
// (OutgoingStore) with their threading: a Message-ID the server recognises when it is answered
// (`ticket-<number>.<random>@<channel domain>`), In-Reply-To/References to the thread, and the
// ticket's tag in the subject. Loop rules (docs/channels.md "Loops") live here too.
class MailOutbox
{
public:
    explicit MailOutbox(ServerDatabase &db)
        : m_db(db)
    { }

    // An agent's public reply on a ticket that came in by email: the mail to its requester through
    // the channel the ticket came in on. nullopt when the ticket has no mail route (it never came
    // by mail, its channel is gone, or the requester has no address).
    std::optional<OutgoingRecord> replyFor(const Ticket &ticket, const Comment &comment);

    // The confirmation of a new request, automatic. nullopt when the message is automatic itself,
    // comes from the channel's own address, acknowledgements are off, or the requester already
    // got `autoRepliesPerHour` automatic mails in the last hour.
    std::optional<OutgoingRecord> acknowledgementFor(const Ticket &ticket, const QString &channelId,
        const EmailChannelConfig &config, const InboundMessage &message);

    // A message of the Telegram bot to the requester of ticket `t`, through the bot the ticket came
    // in by (its last inbound message's channel). nullopt when it did not come by Telegram, the bot
    // is gone, or the requester has no Telegram chat.
    std::optional<OutgoingRecord> botMessageFor(
        const Ticket &t, const QString &text, bool automatic, const QString &commentId = {});

    // A message of the Telegram bot to `chat` about ticket `t` (a reply, a confirmation).
    static OutgoingRecord botMessage(const Ticket &t, const QString &channelId, const QString &chat,
        const QString &text, bool automatic, const QString &commentId = {});
    static QString subjectFor(qint64 number, const QString &subject);
    static QString newMessageId(qint64 number, const QString &fromAddress);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
