// What makes routing silently useless: a group nobody can work in, a roster that names disabled
// people, a lead nobody can alert. Found before a critical ticket finds it.
#include "RoutingAudit.h"

#include "GroupRouting.h"
#include "Roster.h"
#include "domain/Directory.h"

#include <QHash>
#include <QSet>

namespace triage {

namespace {

QString nameOf(const QHash<QString, const User *> &byId, const QString &id)
{
    const User *u = byId.value(id);
    return u ? u->displayName : id;
}

} // namespace

QList<RoutingProblem> auditRouting(
    const Group &group, const GroupRouting *config, const Roster *roster, const QList<User> &users)
{
    QList<RoutingProblem> out;
    QHash<QString, const User *> byId;
    QList<const User *> workers; // members who may be assigned tickets
    for (const User &u : users) {
        byId.insert(u.id, &u);
        if (u.groupIds.contains(group.id) && u.canWork() && !u.disabled)
            workers << &u;
    }
    const auto usable = [&](const QString &id) {
        const User *u = byId.value(id);
        return u && u->canWork() && !u->disabled;
    };

    if (workers.isEmpty())
        out.append({u"no-agents"_qs, {group.name}});
    // "Nobody eligible" alerts the lead: without one it would be a silent miss.
    if (group.leadId.isEmpty())
        out.append({u"no-lead"_qs, {group.name}});
    else if (!byId.value(group.leadId) || byId.value(group.leadId)->disabled)
        out.append({u"lead-disabled"_qs, {group.name, nameOf(byId, group.leadId)}});
    if (!group.onDutyId.isEmpty() && !usable(group.onDutyId))
        out.append({u"on-duty-disabled"_qs, {group.name, nameOf(byId, group.onDutyId)}});

    const bool hasShifts = roster && !roster->isEmpty();
    if (roster) {
        for (const QString &id : roster->agentIds()) {
            const User *u = byId.value(id);
            if (!u || u->disabled)
                out.append({u"roster-disabled-agent"_qs, {group.name, nameOf(byId, id)}});
            else if (!u->groupIds.contains(group.id) || !u->canWork())
                out.append({u"roster-not-member"_qs, {group.name, nameOf(byId, id)}});
        }
    }
    if (config && config->useRoster && hasShifts) {
        QSet<QString> scheduled;
        for (const Roster::Shift &s : roster->weekly)
            scheduled.insert(s.agentId);
        for (const User *u : workers) {
            if (!scheduled.contains(u->id))
                out.append({u"member-without-shifts"_qs, {group.name, u->displayName}});
        }
    }
    if (config && config->strategy == RoutingStrategy::Priority && !hasShifts && !usable(group.onDutyId))
        out.append({u"nobody-on-duty"_qs, {group.name}});
    if (config && config->strategy == RoutingStrategy::Skills) {
        QSet<QString> have;
        for (const User *u : workers) {
            for (const QString &s : u->skills)
                have.insert(s.trimmed().toLower());
        }
        QStringList missing;
        for (const auto &[key, skills] : config->skillMap) {
            for (const QString &s : skills) {
                if (!have.contains(s) && !missing.contains(s))
                    missing << s;
            }
        }
        for (const QString &s : missing)
            out.append({u"skill-nobody-has"_qs, {group.name, s}});
    }
    return out;
}

QString describe(const RoutingProblem &p)
{
    const QString group = p.args.value(0);
    const QString who = p.args.value(1);
    if (p.code == u"no-agents"_qs)
        return u"group %1 has no enabled agent: its tickets are never assigned"_qs.arg(group);
    if (p.code == u"no-lead"_qs)
        return u"group %1 has no lead: nobody is alerted when no agent is eligible"_qs.arg(group);
    if (p.code == u"lead-disabled"_qs)
        return u"the lead of group %1, %2, is disabled"_qs.arg(group, who);
    if (p.code == u"on-duty-disabled"_qs)
        return u"the on-duty agent of group %1, %2, is disabled or cannot take tickets"_qs.arg(group, who);
    if (p.code == u"roster-disabled-agent"_qs)
        return u"the roster of group %1 names %2, who is disabled or unknown"_qs.arg(group, who);
    if (p.code == u"roster-not-member"_qs)
        return u"the roster of group %1 names %2, who is not an agent of the group"_qs.arg(group, who);
    if (p.code == u"member-without-shifts"_qs)
        return u"%2 has no shift in the roster of group %1 and never gets its tickets"_qs.arg(group, who);
    if (p.code == u"nobody-on-duty"_qs)
        return u"group %1 routes critical tickets to whoever is on duty, but has no roster or on-duty agent"_qs
            .arg(group);
    if (p.code == u"skill-nobody-has"_qs)
        return u"group %1 routes by skill '%2', which no enabled agent has"_qs.arg(group, who);
    return p.code;
}

} // namespace triage
