#pragma once

#include "RuleEngine.h"
#include "domain/TicketEvent.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <functional>
#include <vector>

namespace triage {

// One ticket's past as a dry-run replays it: the ticket as it is now (its facts and custom fields
// are taken as they are; its logged fields are rewound to their first values) and its event log.
struct RuleHistoryTicket {
    RuleSubject subject;
    QList<TicketEvent> history; // in time order
};

struct RuleDryRunOptions {
    qint64 from = 0; // record what the rules do in [from, to]; earlier events only build state
    qint64 to = 0;
    int maxDepth = 5;
    bool traceAll = false; // true: every rule's reason at every event (one ticket: "why")
    // The calendar of the ticket's group (null: 24×7 UTC).
    std::function<const BusinessCalendar *(const Ticket &)> calendarFor;
    // SLA timers of the ticket at `now` given its log up to then (null: SLA conditions see none).
    std::function<std::vector<SlaTimer>(const Ticket &, const QList<TicketEvent> &, qint64 now)> slaTimers;
};

// What the rules did (or would have done) to one ticket.
struct RuleDryRunTicket {
    QString ticketId;
    std::optional<qint64> number;
    std::vector<RuleDecision> decisions;
    std::vector<RuleTraceEntry> trace;
    std::vector<TimeFiringKey> timeKeys;
    int events = 0; // log entries replayed inside the window

    QJsonObject toJson() const;
};

struct RuleDryRunResult {
    std::vector<RuleDryRunTicket> tickets; // those where a rule fired (all of them with traceAll)
    QHash<QString, int> firings; // rule id → times fired
    QHash<QString, int> ticketsByRule; // rule id → tickets it fired on
    qint64 events = 0;

    QJsonObject toJson() const;
};

// Dry-runs: the engine over a ticket's or many tickets' logs, nothing written. The replay does
// what the server does live: each logged change is applied to the replayed ticket and is an event
// (created, updated, a reply or note as comment_added, csat_rating as csat_given); the changes the
// rules make are applied too and chain; time rules are looked at after every event and at every
// instant RuleEngine::sweep names. So a dry-run equals the live run over the same changes. Log
// entries written by rules themselves (author "rule:<id>", isRuleAuthor) are skipped: the replayed
// rules make those changes again, or not. What the log does not hold (titles, tags, custom fields,
// comment texts) is taken as it is now.
class RuleDryRun
{
public:
    static RuleDryRunTicket ticket(
        const std::vector<Rule> &rules, const RuleHistoryTicket &ticket, const RuleDryRunOptions &options);
    static RuleDryRunResult history(const std::vector<Rule> &rules,
        const std::vector<RuleHistoryTicket> &tickets, const RuleDryRunOptions &options);
};

// The author the server writes on the log entries of changes made by a rule.
QString ruleAuthor(const QString &ruleId); // "rule:<id>"
bool isRuleAuthor(QStringView userId);

} // namespace triage
