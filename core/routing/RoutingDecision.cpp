// A routing decision as data (the ticket's history, REST, dry-runs) and as one English line.
#include "Router.h"

#include <QJsonArray>

namespace triage {

namespace {

constexpr std::pair<RoutingSkip, const char16_t *> kSkips[] = {
    {RoutingSkip::NotAgent, u"not-agent"},
    {RoutingSkip::Disabled, u"disabled"},
    {RoutingSkip::Away, u"away"},
    {RoutingSkip::OffShift, u"off-shift"},
    {RoutingSkip::AtCapacity, u"at-capacity"},
    {RoutingSkip::LacksLanguage, u"lacks-language"},
    {RoutingSkip::LacksSkill, u"lacks-skill"},
    {RoutingSkip::OutOfRegion, u"out-of-region"},
    {RoutingSkip::NotOnDuty, u"not-on-duty"},
};

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const auto &s : list)
        a.append(s);
    return a;
}

QString arg(const QStringList &args, qsizetype i)
{
    return i < args.size() ? args.at(i) : QString();
}

QString skipText(const RoutingVerdict &v)
{
    switch (*v.skip) {
    case RoutingSkip::NotAgent:
        return u"cannot be assigned tickets"_qs;
    case RoutingSkip::Disabled:
        return u"disabled"_qs;
    case RoutingSkip::Away:
        return v.args.isEmpty() ? u"away"_qs : u"away since "_qs + arg(v.args, 0);
    case RoutingSkip::OffShift:
        return u"off shift"_qs;
    case RoutingSkip::AtCapacity:
        return u"at capacity (%1 of %2 open)"_qs.arg(arg(v.args, 0), arg(v.args, 1));
    case RoutingSkip::LacksLanguage:
        return u"does not speak '%1'"_qs.arg(arg(v.args, 0));
    case RoutingSkip::LacksSkill:
        return u"lacks skill (needs %1)"_qs.arg(v.args.join(u", "_qs));
    case RoutingSkip::OutOfRegion:
        return arg(v.args, 0) == u"unknown"_qs ? u"out of region (time zone unknown)"_qs
                                               : u"out of region (%1 min apart)"_qs.arg(arg(v.args, 0));
    case RoutingSkip::NotOnDuty:
        return u"not on duty"_qs;
    }
    return {};
}

} // namespace

QString toWire(RoutingSkip s)
{
    for (const auto &[v, name] : kSkips) {
        if (v == s)
            return QString::fromUtf16(name);
    }
    return {};
}

QJsonObject RoutingDecision::toJson() const
{
    QJsonArray candidates;
    for (const RoutingVerdict &v : verdicts) {
        QJsonObject o {{u"agent_id"_qs, v.agentId}, {u"eligible"_qs, !v.skip.has_value()}};
        if (v.skip) {
            o.insert(u"reason"_qs, toWire(*v.skip));
            o.insert(u"args"_qs, toArray(v.args));
        }
        candidates.append(o);
    }
    return QJsonObject {{u"assignee_id"_qs, agentId.isEmpty() ? QJsonValue() : QJsonValue(agentId)},
        {u"strategy"_qs, toWire(strategy)}, {u"picked_by"_qs, toWire(pickedBy)},
        {u"basis"_qs, basis.isEmpty() ? QJsonValue() : QJsonValue(basis)},
        {u"basis_args"_qs, toArray(basisArgs)},
        {u"position"_qs, position.isEmpty() ? QJsonValue() : QJsonValue(position)},
        {u"alert_lead"_qs, alertLead()}, {u"candidates"_qs, candidates}, {u"summary"_qs, explain()}};
}

QString RoutingDecision::explain() const
{
    const auto nameOf = [this](const QString &id) {
        for (const RoutingVerdict &v : verdicts) {
            if (v.agentId == id)
                return v.name.isEmpty() ? id : v.name;
        }
        return id;
    };
    if (assigned()) {
        QString why;
        if (basis == u"least-load"_qs)
            why = u"least open load (%1 of %2)"_qs.arg(arg(basisArgs, 0), arg(basisArgs, 1));
        else if (basis == u"round-robin"_qs)
            why = u"next in round robin"_qs;
        else if (basis == u"skills"_qs)
            why = basisArgs.isEmpty()
                ? u"no skill needed, %1"_qs.arg(toWire(pickedBy))
                : u"skills %1, then %2"_qs.arg(basisArgs.join(u", "_qs), toWire(pickedBy));
        else if (basis == u"geography"_qs)
            why = u"nearest to the requester, then %1"_qs.arg(toWire(pickedBy));
        else if (basis == u"on-duty"_qs)
            why = u"on duty, then %1"_qs.arg(toWire(pickedBy));
        return u"assigned %1: %2"_qs.arg(nameOf(agentId), why);
    }
    if (verdicts.empty())
        return u"nobody eligible: the group has no agents"_qs;
    QStringList parts;
    for (const RoutingVerdict &v : verdicts)
        parts << (v.name.isEmpty() ? v.agentId : v.name) + u' ' + skipText(v);
    return u"nobody eligible: "_qs + parts.join(u"; "_qs);
}

} // namespace triage
