#pragma once

#include "ServerDatabase.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace triage::server {

// One message waiting to leave, or gone (table outgoing_messages). The text is stored, not the
// composed bytes: the sender composes with the channel's current From address.
struct OutgoingRecord {
    enum class State { Queued, Sending, Sent, Failed };
    QString id;
    QString channelId;
    QString ticketId;
    QString commentId; // empty for notifications that answer no comment
    QString recipient;
    QString recipientName;
    QString subject;
    QString body;
    QString messageId; // without <>; how a reply finds its ticket
    QString inReplyTo;
    QStringList references;
    bool automatic = false;
    State state = State::Queued;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString lastError;
    qint64 createdAt = 0;
    qint64 sentAt = 0;
    // Telegram: the message's reply_markup (inline buttons) as compact JSON, sent with its first
    // part; empty for none.
    QString markup;

    static QString stateName(State s);
};

// The durable outgoing queue (docs/channels.md "Outgoing queue"). Rows are written in the
// transaction that decides to send (an agent's reply commits with its mail), claimed by one sender
// at a time (FOR UPDATE SKIP LOCKED on PostgreSQL, a lease on both), and marked sent right after
// the server accepted them.
class OutgoingStore
{
public:
    explicit OutgoingStore(ServerDatabase &db)
        : m_db(db)
    { }

    void enqueue(const OutgoingRecord &message);
    // Claims up to `limit` due messages (queued and due, or a sender's lease that ran out) until
    // `leaseUntil`, counting the attempt.
    // A cheap read before claiming (claiming writes): is anything due or abandoned?
    bool anyDue(qint64 now);
    QList<OutgoingRecord> claimDue(qint64 now, qint64 leaseUntil, int limit);
    void markSent(const QString &id, qint64 at);
    void markRetry(const QString &id, qint64 nextAttemptAt, const QString &error);
    void markFailed(const QString &id, const QString &error);

    QList<OutgoingRecord> forTicket(const QString &ticketId);
    // Threading: the ticket whose mail carried this Message-ID.
    QString ticketForMessageId(const QString &messageId);
    // Every Message-ID of a ticket's thread, oldest first (References of the next mail).
    QStringList messageIdsOf(const QString &ticketId, int limit);
    // Automatic messages queued for `recipient` since `since` (the per-requester hourly cap).
    int automaticSince(const QString &recipient, qint64 since);
    qint64 countIn(const QString &channelId, OutgoingRecord::State state);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
