#pragma once

#include "Rule.h"
#include "RuleSubject.h"
#include "RuleTrace.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace triage {

// The identity of one firing of a time rule: once per (rule, ticket, entry into the watched
// state). The server persists it when it carries out the firing (a unique key), and answers
// RuleEngine's "already fired?" from what it stored.
struct TimeFiringKey {
    QString ruleId;
    QString ticketId;
    qint64 enteredAt = 0; // UTC ms: when the ticket entered the watched state

    QString toString() const; // "ruleId|ticketId|enteredAt"
    bool operator==(const TimeFiringKey &) const = default;
};
size_t qHash(const TimeFiringKey &key, size_t seed = 0) noexcept; // QSet<TimeFiringKey>
using TimeFiredLookup = std::function<bool(const TimeFiringKey &)>;

// One action of a fired rule, for the server to carry out. SetField, AddTags, RemoveTags and an
// Assign's group are already applied to RuleOutcome::ticket; the others are side effects.
struct RuleDecision {
    QString ruleId;
    int actionIndex = 0;
    RuleAction action;
    int depth = 0;
    qint64 at = 0;
    bool operator==(const RuleDecision &o) const
    {
        return ruleId == o.ruleId && actionIndex == o.actionIndex && depth == o.depth && at == o.at;
    }
};

struct RuleOutcome {
    Ticket ticket; // after every change the fired rules made
    QJsonObject custom;
    QStringList changedFields; // wire names the rules changed: empty = nothing to write
    std::vector<RuleDecision> decisions; // in firing order
    std::vector<RuleTraceEntry> trace;
    std::vector<TimeFiringKey> timeKeys; // time rules that fired: persist with the changes
    QStringList firedRuleIds;
    bool depthLimitReached = false;
};

// What the server's sweep needs for one ticket without evaluating anything: whether a time rule
// is due now and not fired yet for this state entry (then call onTime), and the next future
// instant one becomes due (schedule a wake-up).
struct TimeSweep {
    bool dueNow = false;
    std::optional<qint64> nextDue;
};

// The rule engine: pure functions of (rules, ticket, event, now, calendar, SLA) → decisions and a
// trace. Rules must be in evaluation order (rulesFromJson returns them so; sortRules). Each rule
// fires at most once per event including the changes it causes: the changes made by the rules
// fired for one event form a new `updated` event that later rules can trigger on, up to
// RuleContext::maxDepth, after which the trace says the chain stopped.
class RuleEngine
{
public:
    // An event: created, updated (before → subject.ticket) or a comment.
    static RuleOutcome onEvent(const std::vector<Rule> &rules, const RuleSubject &subject,
        const RuleEvent &event, const RuleContext &ctx);
    // The time rules at ctx.now: each fires when the ticket has been in the watched state for the
    // rule's duration, its conditions hold and `alreadyFired` does not know its key. Changes they
    // make continue as an `updated` chain of event rules. Call after every event and at
    // sweep().nextDue, so a live run and a dry-run look at the same instants.
    static RuleOutcome onTime(const std::vector<Rule> &rules, const RuleSubject &subject,
        const RuleContext &ctx, const TimeFiredLookup &alreadyFired);

    // When the time rule becomes due for the ticket's current entry into its watched state;
    // nullopt when the ticket is not in that state (or never, on a calendar without hours).
    static std::optional<qint64> dueAt(
        const Rule &rule, const RuleSubject &subject, const BusinessCalendar *calendar);
    static std::optional<TimeFiringKey> firingKey(const Rule &rule, const RuleSubject &subject);
    // Catch-up (start-up, after downtime): is a time rule due now and unfired, and when is the
    // next one due. `alreadyFired` null: nothing has fired yet.
    static TimeSweep sweep(const std::vector<Rule> &rules, const RuleSubject &subject,
        const BusinessCalendar *calendar, qint64 now, const TimeFiredLookup &alreadyFired);
    // The steady state: the earliest instant after `now` at which a time rule comes due for the
    // ticket (its wake-up in the server's queue), recomputed after each change; no store asked.
    static std::optional<qint64> nextDue(const std::vector<Rule> &rules, const RuleSubject &subject,
        const BusinessCalendar *calendar, qint64 now);

    // The highlight colour ("#rrggbb") of the ticket now, or empty: the first enabled rule with a
    // highlight action whose conditions hold now (a time rule also once it is due). Computed when
    // a row or card is drawn; nothing is written.
    static QString highlight(
        const std::vector<Rule> &rules, const RuleSubject &subject, const RuleContext &ctx);
};

} // namespace triage
