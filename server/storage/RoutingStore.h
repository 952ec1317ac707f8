#pragma once

#include "ServerDatabase.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage::server {

// What routing reads and keeps (docs/automation.md "Routing and roster"): per group its
// GroupRouting and Roster documents, per agent the AgentProfile and the presence, per group the
// round-robin position. Tables routing_docs, agent_presence, routing_positions. Not in the change
// feed: the console reads them through REST (/api/v1/groups/{id}/routing…), and presence changes
// many times a day, which must not wake every client's feed.
class RoutingStore
{
public:
    explicit RoutingStore(ServerDatabase &db)
        : m_db(db)
    { }

    // Document kinds of routing_docs, keyed by group id (routing, roster) or user id (profile).
    static QString groupRoutingKind() { return u"group_routing"_qs; }
    static QString rosterKind() { return u"roster"_qs; }
    static QString agentProfileKind() { return u"agent_profile"_qs; }

    std::optional<QJsonObject> doc(const QString &kind, const QString &id);
    QHash<QString, QJsonObject> docs(const QString &kind); // id → document
    void putDoc(const QString &kind, const QString &id, const QJsonObject &doc, qint64 at);
    bool deleteDoc(const QString &kind, const QString &id);

    // Presence: state "available" | "away" and since (UTC ms). Unknown = available since 0.
    struct PresenceRow {
        QString state;
        qint64 since = 0;
    };
    std::optional<PresenceRow> presence(const QString &userId);
    QHash<QString, PresenceRow> allPresence();
    void setPresence(const QString &userId, const QString &state, qint64 since);

    // The group's round-robin position (an agent id; "" at first).
    QString position(const QString &groupId);
    void setPosition(const QString &groupId, const QString &agentId);

    // Open load: how many tickets each of `userIds` has assigned that are not resolved or closed.
    QHash<QString, int> openLoad(const QStringList &userIds);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
