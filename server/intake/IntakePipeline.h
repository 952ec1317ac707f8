#pragma once

#include "domain/Enums.h"

#include <QList>
#include <QString>

#include <stdexcept>

namespace triage {
struct Ticket;
}

namespace triage::server {

class ServerDatabase;
class WriteTx;
struct EmailChannelConfig;
struct InboundMessage;
struct InboundAttachment;

// The message cannot become work as it is (no sender, refused by the ticket rules…): the caller
// quarantines it with this reason, raw bytes kept, and goes on with the next one.
struct IntakeRefused : std::runtime_error {
    explicit IntakeRefused(const QString &why)
        : std::runtime_error(why.toStdString())
    { }
    QString reason() const { return QString::fromStdString(what()); }
};

// What every channel shares after its adapter decoded a message (docs/channels.md): the sender
// becomes a requester (RequesterDirectory), the thread is found (our Message-IDs, then the subject
// tag from the ticket's own requester), and the message becomes a public comment (reopening a
// resolved ticket), a new ticket (the channel's group, key-phrase priority, a follow-up of a
// closed one), a note (a delivery report), or nothing (recorded with the reason). Runs inside the
// caller's write transaction, which also marks the message processed: exactly once.
class IntakePipeline
{
public:
    struct Source {
        QString channelId;
        QString kind; // "email"
        Channel ticketChannel = Channel::Email;
        QString groupId;
        const EmailChannelConfig *email = nullptr; // acknowledgements and replies by mail
        // Telegram: the chat the bot answers in, the language of its texts, and whether the
        // requester asked for a new ticket (/new) instead of adding to their open one.
        QString chat;
        QString language = u"ru"_qs;
        bool forceNew = false;
        qint64 maxAttachmentBytes = 25 * 1024 * 1024; // larger files are dropped with a note
    };
    struct Result {
        enum Kind { NewTicket, Comment, Note, Ignored };
        Kind kind = Ignored;
        QString ticketId;
        QString commentId;
        QString reason; // Ignored: why
    };

    IntakePipeline(ServerDatabase &db, WriteTx &tx)
        : m_db(db)
        , m_tx(tx)
    { }

    // Throws IntakeRefused (quarantine) or DbError (try again later).
    Result apply(const Source &source, const InboundMessage &message);

    // The ticket a message answers: our Message-IDs (and the requester's earlier messages) in its
    // reply chain first, then "[#1234]" in the subject when the sender is that ticket's requester.
    QString threadOf(const InboundMessage &message, const QString &senderId);
    // Telegram has no reply chains between tickets: a message belongs to the requester's newest
    // open ticket that came by Telegram.
    QString openTelegramTicketOf(const QString &senderId);

private:
    // The message's files as attachments of the ticket (or of the comment it became); files over
    // the limit are dropped and named in an internal note.
    void storeAttachments(const Ticket &ticket, const QString &commentId,
        const QList<InboundAttachment> &files, qint64 maxBytes);
    Result newTicket(const Source &source, const InboundMessage &message, const QString &senderId,
        const QString &followUpOf);

    ServerDatabase &m_db;
    WriteTx &m_tx;
};

} // namespace triage::server
