#pragma once

#include "Rule.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace triage {

// Why a rule did or did not fire, as a code with arguments: the console and triagectl word it in
// the agent's language (core holds no translations); english() serves logs and the CLI.
enum class RuleTraceKind : quint8 {
    Fired, // expected: the trigger ("field_changed", "time") that started it
    TriggerNotMatched, // expected: the rule's triggers; actual: the event
    ConditionFailed, // field, op, expected, actual; index: the condition's position in `all`
    NoAnyConditionHeld, // index: how many `any` conditions were tried
    NotInWatchedState, // time rule: field, expected (the watched values), actual
    NotDueYet, // time rule: expected: the due instant (ISO), actual: now (ISO)
    AlreadyFiredForEntry, // time rule: expected: the state-entry instant (ISO)
    ActionRefused, // index: the action; expected: the refusal's wire code; actual: its arguments
    ChainDepthLimit, // no rule: expected: the limit; actual: the ids of the rules it stopped
};

struct RuleTraceEntry {
    QString ruleId; // empty for ChainDepthLimit
    QString ruleName;
    bool fired = false;
    RuleTraceKind kind = RuleTraceKind::Fired;
    int depth = 0; // 0: the event itself; n: the nth change made by rules in the chain
    qint64 at = 0;
    QString field, op, expected, actual;
    int index = -1;

    // A near miss worth showing on the ticket: the rule's trigger or state matched, then a
    // condition (or a refused action) stopped it.
    bool isNearMiss() const;
    QJsonObject toJson() const; // {"rule_id", "rule_name", "fired", "reason", "depth", "at", ...}
    QString english() const; // "rule 'VIP' skipped: requester.tags contains 'vip' (was: none)"
    bool operator==(const RuleTraceEntry &) const = default;
};

QString toWire(RuleTraceKind kind); // "fired", "trigger_not_matched", "condition_failed"…

} // namespace triage
