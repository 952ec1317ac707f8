#pragma once

#include "ServerDatabase.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace triage::server {

// One configured channel: its kind ("email", later "telegram", "portal") and its configuration
// document as the API accepted it, secrets included (ChannelsApi never returns them).
struct ChannelRecord {
    QString id;
    QString kind;
    QJsonObject config;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// Where a channel's intake stands: the source cursor (IMAP: UIDVALIDITY and the last UID stored)
// and what an administrator sees in GET /channels/{id}/status.
struct ChannelState {
    qint64 cursorValidity = 0;
    qint64 cursorLast = 0;
    std::optional<qint64> lastPollAt;
    QString lastError; // empty: the last poll succeeded
    qint64 processed = 0; // messages turned into tickets or comments
    QString owner; // the instance polling it (host:pid), for the status only
};

// Channels and their intake state (tables channels, channel_state). All channel SQL but the
// messages' lives here; InboundStore and OutgoingStore keep the messages.
class ChannelStore
{
public:
    explicit ChannelStore(ServerDatabase &db)
        : m_db(db)
    { }

    QList<ChannelRecord> list();
    std::optional<ChannelRecord> find(const QString &id);
    // Creates or replaces; returns true when it created.
    bool put(const ChannelRecord &channel);
    // Removes the channel and its state; its messages stay (tickets point at them).
    bool remove(const QString &id);

    ChannelState state(const QString &id);
    void setCursor(const QString &id, qint64 validity, qint64 last);
    void notePoll(const QString &id, qint64 at, const QString &error, const QString &owner);
    void addProcessed(const QString &id, qint64 count);

private:
    void ensureState(const QString &id);
    ServerDatabase &m_db;
};

} // namespace triage::server
