#pragma once

#include "ServerDatabase.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage::server {

// One fetched message, raw, as the intake keeps it (table inbound_messages).
struct InboundRecord {
    enum class State { Pending, Done, Quarantined, Ignored };
    QString id;
    QString channelId;
    QString sourceKey; // where in the channel (IMAP: "uidvalidity:uid")
    QString messageKey; // what message ("email:<Message-ID>" or a digest of the bytes)
    QByteArray raw; // empty in listings (rawOf reads it)
    qint64 size = 0;
    qint64 receivedAt = 0;
    State state = State::Pending;
    int attempts = 0;
    QString error; // why it is quarantined or ignored
    QString ticketId;
    QString commentId;

    static QString stateName(State s);
};

// The intake's exactly-once step (docs/channels.md): a fetched message is stored before anything
// else happens, under two unique keys, and marked processed in the transaction that writes its
// ticket or comment.
class InboundStore
{
public:
    explicit InboundStore(ServerDatabase &db)
        : m_db(db)
    { }

    // False when the message is already stored (the same source position or the same message key):
    // nothing is written then.
    bool insert(const InboundRecord &message);
    // The channel's messages waiting to be processed, oldest first, with their bytes.
    QList<InboundRecord> pending(const QString &channelId, int limit);
    // Inside the processing transaction: true when the message is still pending, and then it stays
    // locked to this transaction (PostgreSQL: FOR UPDATE; SQLite has one writer), so two workers
    // never turn one message into work twice.
    bool lockPending(const QString &id);
    void markDone(const QString &id, const QString &ticketId, const QString &commentId, qint64 at);
    void markIgnored(const QString &id, const QString &reason, qint64 at);
    void markQuarantined(const QString &id, const QString &reason, qint64 at);
    // A failed attempt that may succeed later (the database was busy); returns the attempts so far.
    int noteAttempt(const QString &id, const QString &reason);
    // Back to pending, for an administrator's retry; false unless it was quarantined or ignored.
    bool retry(const QString &channelId, const QString &id);

    // Quarantined and ignored messages of a channel, newest first, without their bytes.
    QList<InboundRecord> held(const QString &channelId, int limit);
    std::optional<QByteArray> rawOf(const QString &channelId, const QString &id);
    qint64 countIn(const QString &channelId, InboundRecord::State state);

    // Threading: the ticket a stored message was turned into, by its message key.
    QString ticketForMessageKey(const QString &messageKey);
    // The channel the ticket's newest processed message came through (replies go back there), and
    // that message's key; empty when the ticket never came from a channel.
    std::optional<std::pair<QString, QString>> lastSourceOf(const QString &ticketId);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
