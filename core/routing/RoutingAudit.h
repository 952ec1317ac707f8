#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace triage {

struct Group;
struct GroupRouting;
struct Roster;
struct User;

// One thing wrong with a group's routing set-up, for the weekly admin digest (issue 18
// "Hygiene"): `code` is stable (docs/automation.md), `args` name the agents, skills….
struct RoutingProblem {
    QString code;
    QStringList args;
    bool operator==(const RoutingProblem &) const = default;
};

// Checks a group's routing against the directory (`users`: everyone, members found by group_ids).
// `config` and `roster` may be null (the group has none).
QList<RoutingProblem> auditRouting(
    const Group &group, const GroupRouting *config, const Roster *roster, const QList<User> &users);

// "the roster names Ivan Petrov, who is disabled"
QString describe(const RoutingProblem &problem);

} // namespace triage
