#pragma once

#include "ServerDatabase.h"
#include "domain/TicketEvent.h"
#include "rules/RuleEngine.h"

#include <QJsonObject>
#include <QSet>

#include <optional>

namespace triage::server {

// The automation rules (issue 18, docs/automation.md): one ordered rule set, kept as the config
// document (kind `rule_set`, id `default`) so it has a change-feed seq like calendars and SLA
// policies and reaches staff clients through sync; and the time-rule firing keys
// (`rule_time_firings`, unique per TimeFiringKey) that make a time rule fire once per state entry
// across requests, sweeps and instances.
class RuleStore
{
public:
    explicit RuleStore(ServerDatabase &db)
        : m_db(db)
    { }

    static const QString kKind; // "rule_set"
    static const QString kId; // "default"

    // The change-feed seq of the stored rule set (0: none): a cache key for the parsed rules.
    qint64 ruleSetSeq();
    // The stored document {"id", "rules": [...], "updated_at", "updated_by"}; nullopt = never set.
    std::optional<QJsonObject> ruleSetDoc();
    // The stored rules parsed (they were validated when stored; a set that no longer parses, e.g.
    // after a downgrade, runs no rules and says so in the log).
    std::vector<Rule> rules();
    // Inside the caller's WriteTx.
    void saveRuleSet(const QJsonObject &doc, qint64 seq);

    // A ticket's event log (ticket_history rows) in time order.
    QList<TicketEvent> history(const QString &ticketId);
    // Tickets with a logged event at or after `since` (the history dry-run's window).
    QStringList ticketsWithEventsSince(qint64 since);

    // Tickets a time rule may watch: not deleted and not closed ("resolved for 7 days → close").
    QStringList timeRuleCandidates();

    // Keys of time rules that fired for this ticket.
    QSet<TimeFiringKey> firedKeys(const QString &ticketId);
    // Inside the caller's WriteTx; false when the key was already stored (fired elsewhere first).
    bool recordFiring(const TimeFiringKey &key, qint64 firedAt);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
