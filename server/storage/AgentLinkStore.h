#pragma once

#include "ServerDatabase.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage::server {

// An agent's Telegram account, linked through a one-time code (docs/channels.md "Alerts for
// agents"): alerts go to `chatId` through the bot `channelId` the code was redeemed with.
struct AgentLink {
    QString userId;
    QString channelId;
    QString chatId;
    QString telegramUserId;
    QString telegramUsername;
    qint64 linkedAt = 0;
};

// Which alerts an agent wants (all on until they say otherwise).
struct AlertPrefs {
    bool assigned = true; // a ticket assigned to me (by someone else or by routing)
    bool critical = true; // a critical ticket in one of my groups
    bool sla = true; // SLA warnings and breaches of my tickets
    bool escalations = true; // escalations to me as a group lead

    QJsonObject toJson() const;
    // Unknown keys and wrong types are errors; missing keys keep `base`'s value.
    static std::optional<AlertPrefs> fromJson(const QJsonObject &o, const AlertPrefs &base, QString *error);
};

// Tables agent_links, agent_link_codes, alert_prefs, alert_claims. Codes are stored as SHA-256
// digests: a copy of the database does not let anyone link an account.
class AgentLinkStore
{
public:
    explicit AgentLinkStore(ServerDatabase &db)
        : m_db(db)
    { }

    // Replaces the user's earlier unused codes.
    void addCode(const QString &userId, const QString &code, qint64 expiresAt);
    // Consumes `code` (single use); the user it was issued to, or empty when unknown or expired.
    QString redeem(const QString &code, qint64 now);

    // Replaces the user's link and any other user's link of the same Telegram account.
    void link(const AgentLink &link);
    bool unlink(const QString &userId);
    std::optional<AgentLink> linkOf(const QString &userId);
    // The agent linked to this Telegram user on this bot, or empty.
    QString userForTelegram(const QString &channelId, const QString &telegramUserId);
    QList<AgentLink> all();
    // Whether any account is linked (the cheap check before looking for whom to alert).
    bool any();

    AlertPrefs prefs(const QString &userId);
    void setPrefs(const QString &userId, const AlertPrefs &prefs, qint64 at);

    // True once per (ticket, key) across instances: an SLA warning or breach is alerted once.
    bool claim(const QString &ticketId, const QString &key, qint64 at);

    static QString digest(const QString &code);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
