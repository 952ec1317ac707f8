#pragma once

#include "domain/Enums.h"
#include "sla/SlaTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {
struct Ticket;
struct SlaTransition;
} // namespace triage

namespace triage::server {

class ServerDatabase;
class WriteTx;
struct OutgoingRecord;
struct Principal;

// Alerts for agents in Telegram (docs/channels.md "Alerts for agents"; issue 16, and the
// "notifications at every stage" of the automation issue build on it): an agent links their
// Telegram account with a one-time code and receives the alerts they chose — a ticket assigned to
// them, a critical ticket in their groups, SLA warnings and breaches of their tickets, escalations to
// them as a lead — with buttons "Take" and "Open". Alerts are rows of the outgoing queue written in
// the transaction of the change that causes them (nothing sent for a rolled-back change, nothing
// lost in a crash), sent by the bot the agent linked with.
class AgentAlerts
{
public:
    explicit AgentAlerts(ServerDatabase &db)
        : m_db(db)
    { }

    static constexpr qint64 kCodeLifetimeMs = 15 * 60 * 1000;
    // 20 characters of [A-Za-z0-9] (Telegram's deep-link start parameter allows 64 of [A-Za-z0-9_-]).
    static QString newCode();
    static bool isAlert(const OutgoingRecord &m);
    // The queued answer to a button press (answerCallbackQuery: `recipient` is the query's id).
    static OutgoingRecord callbackAnswer(
        const QString &channelId, const QString &callbackId, const QString &text);
    static bool isCallbackAnswer(const OutgoingRecord &m);
    // "14:30" today, "08.12 14:30" / "Dec 8 14:30" another day, in the server's time zone.
    static QString clockText(qint64 at, bool english, qint64 now);

    // The alerts a ticket change causes, decided before the change is written (reads only; the
    // writer queues them with its rows, so the serialised end of the transaction stays short).
    // `before` is null for a new ticket. Cheap when nobody could be alerted (one indexed read, only
    // for assignments and critical tickets).
    QList<OutgoingRecord> forTicketChange(const Ticket *before, const Ticket &after, const QString &actorId);
    // The SLA monitor reached a warning or a breach of an open ticket: its assignee (or, unassigned,
    // the group's on-duty agent and lead) is alerted, once per transition across instances. Opens
    // its own transaction.
    // `due`: the timer's due instant, quoted in the text.
    void slaReached(const QString &ticketId, const SlaTransition &transition, std::optional<qint64> due);
    // An escalation level "notify the lead" fired (in the escalation's transaction).
    void escalatedToLead(const Ticket &t, const QString &leadId, SlaMetric metric, double percent);
    // Routing found nobody eligible for a new ticket of the lead's group (never a silent pick): the
    // lead hears why (`why`: RoutingDecision::explain()), with a "Take" button. Reads only: the
    // caller queues the record with its write. Follows the lead's `escalations` choice.
    std::optional<OutgoingRecord> unroutedToLead(const Ticket &t, const QString &leadId, const QString &why);
    // The agent's chat refused the bot (403): the link is dropped.
    void chatBlocked(const OutgoingRecord &m);

    // The bot received "/start <code>" from `telegramUserId`: links the account when the code is a
    // valid one and answers in the agent's language; nullopt when `code` is not a link code (the
    // requester flow goes on). In the caller's transaction.
    std::optional<QString> redeem(const QString &channelId, const QString &chatId,
        const QString &telegramUserId, const QString &telegramUsername, const QString &code);

    // A button under an alert ("take:<ticket id>", "open:<ticket id>"). `toast` is the short
    // answer shown by Telegram (answerCallbackQuery); `message`, when set, is queued to the chat.
    // Not an alert button: handled = false. In the caller's transaction.
    struct ButtonResult {
        bool handled = false;
        QString toast;
        bool changed = false; // a ticket was written (wake push streams after commit)
    };
    ButtonResult button(
        WriteTx &tx, const QString &channelId, const QString &telegramUserId, const QString &data);

private:
    // The alert row for `userId` (nullopt: not linked, disabled, cannot work tickets).
    std::optional<OutgoingRecord> alertFor(
        const QString &userId, const Ticket &t, const QString &text, bool offerTake);
    void alert(const QString &userId, const Ticket &t, const QString &text, bool offerTake);
    QString summary(const Ticket &t, bool english);

    ServerDatabase &m_db;
};

} // namespace triage::server
