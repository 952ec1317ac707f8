#pragma once

#include "domain/Enums.h"
#include "domain/Validation.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace triage {

// How a group's tickets find an agent. Skills, geography and priority narrow the eligible agents
// to the best-matching ones; round robin or least load then picks one of those.
enum class RoutingStrategy { RoundRobin, LeastLoad, Skills, Geography, Priority };
enum class RoutingPick { RoundRobin, LeastLoad };

QString toWire(RoutingStrategy s);
QString toWire(RoutingPick p);
std::optional<RoutingStrategy> routingStrategyFromWire(QStringView s);
std::optional<RoutingPick> routingPickFromWire(QStringView s);

// One group's routing configuration (JSON: docs/automation.md "Routing and roster").
struct GroupRouting {
    QString groupId;
    RoutingStrategy strategy = RoutingStrategy::RoundRobin;
    RoutingPick then = RoutingPick::LeastLoad; // after skills, geography or priority narrowed
    bool useRoster = true; // with a roster that has shifts, agents off shift are never picked
    bool requireLanguage = false; // the ticket's language must be one of the agent's
    // skills: "type:incident", "tag:vpn", "category:hardware" → skills needed. Without a map, the
    // ticket's tags and category are the skills needed.
    std::vector<std::pair<QString, QStringList>> skillMap;
    bool requireAllSkills = false; // else at least one; agents with the most matches win
    // geography: the requester's location, else the time-zone offset difference at `now`
    int maxOffsetMinutes = -1; // agents further than this are out of region; -1 = no limit
    // priority: tickets of these priorities go only to whoever is on duty
    QList<Priority> onDutyPriorities {Priority::Critical};

    bool operator==(const GroupRouting &) const = default;
    QJsonObject toJson() const;
    static std::optional<GroupRouting> fromJson(const QJsonObject &json, FieldErrors *errors);
    FieldErrors validate() const;
};

} // namespace triage
