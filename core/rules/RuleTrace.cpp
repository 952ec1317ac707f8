#include "RuleTrace.h"

#include "domain/Time.h"

#include <array>

namespace triage {

QString toWire(RuleTraceKind kind)
{
    static const std::array<QString, 9> names {u"fired"_qs, u"trigger_not_matched"_qs, u"condition_failed"_qs,
        u"no_any_condition_held"_qs, u"not_in_watched_state"_qs, u"not_due_yet"_qs,
        u"already_fired_for_entry"_qs, u"action_refused"_qs, u"chain_depth_limit"_qs};
    return names[static_cast<size_t>(kind)];
}

bool RuleTraceEntry::isNearMiss() const
{
    return kind == RuleTraceKind::ConditionFailed || kind == RuleTraceKind::NoAnyConditionHeld
        || kind == RuleTraceKind::ActionRefused || kind == RuleTraceKind::ChainDepthLimit;
}

QJsonObject RuleTraceEntry::toJson() const
{
    QJsonObject o {{u"rule_id"_qs, ruleId}, {u"rule_name"_qs, ruleName}, {u"fired"_qs, fired},
        {u"reason"_qs, toWire(kind)}, {u"depth"_qs, depth}, {u"at"_qs, isoUtc(at)}};
    if (!field.isEmpty())
        o.insert(u"field"_qs, field);
    if (!op.isEmpty())
        o.insert(u"op"_qs, op);
    if (!expected.isEmpty())
        o.insert(u"expected"_qs, expected);
    if (!actual.isEmpty())
        o.insert(u"actual"_qs, actual);
    if (index >= 0)
        o.insert(u"index"_qs, index);
    return o;
}

QString RuleTraceEntry::english() const
{
    const QString rule = u"rule '%1'"_qs.arg(ruleName);
    const QString was = actual.isEmpty() ? u"none"_qs : u"'%1'"_qs.arg(actual);
    switch (kind) {
    case RuleTraceKind::Fired:
        return u"%1 fired (%2)"_qs.arg(rule, expected);
    case RuleTraceKind::TriggerNotMatched:
        return u"%1 skipped: the event (%2) is not one of its triggers (%3)"_qs.arg(rule, actual, expected);
    case RuleTraceKind::ConditionFailed:
        return u"%1 skipped: %2 %3 %4 does not hold (it is %5)"_qs.arg(
            rule, field, op, expected.isEmpty() ? QString() : u"'%1'"_qs.arg(expected), was);
    case RuleTraceKind::NoAnyConditionHeld:
        return u"%1 skipped: none of its %2 'any' conditions holds"_qs.arg(rule).arg(index);
    case RuleTraceKind::NotInWatchedState:
        return u"%1 waits: %2 is %3, not one of %4"_qs.arg(rule, field, was, expected);
    case RuleTraceKind::NotDueYet:
        return u"%1 waits: due at %2"_qs.arg(rule, expected);
    case RuleTraceKind::AlreadyFiredForEntry:
        return u"%1 already fired since the ticket entered the state at %2"_qs.arg(rule, expected);
    case RuleTraceKind::ActionRefused:
        return u"%1: action %2 refused (%3 %4)"_qs.arg(rule).arg(index + 1).arg(expected, actual);
    case RuleTraceKind::ChainDepthLimit:
        return u"rules stopped: the chain reached its depth limit of %1 (would have fired: %2)"_qs.arg(
            expected, actual);
    }
    return {};
}

} // namespace triage
