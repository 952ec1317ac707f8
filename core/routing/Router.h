#pragma once

#include "AgentProfile.h"
#include "GroupRouting.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace triage {

class BusinessCalendar;
struct Roster;
struct Ticket;

// What routing reads of a ticket and its requester; `RoutingTicket::of` fills it from a Ticket.
struct RoutingTicket {
    QString id;
    TicketType type = TicketType::Incident;
    Priority priority = Priority::Normal;
    QStringList tags; // normalised (lower-case)
    QString category; // optional: a custom field or a key phrase's category, as the server decides
    QString language; // the requester's locale ("en", "ru"); empty = unknown
    QString requesterLocation; // compared case-insensitively with AgentProfile::location
    QString requesterTimeZone; // IANA name; empty = unknown

    // `requester` may be null (unknown sender); its profile gives location and time zone.
    static RoutingTicket of(const Ticket &ticket, const User *requester = nullptr,
        const AgentProfile *requesterProfile = nullptr);
};

// Why an agent could not be chosen. Wire names: docs/automation.md "Routing and roster".
enum class RoutingSkip {
    NotAgent, // a requester or a viewer
    Disabled,
    Away,
    OffShift,
    AtCapacity,
    LacksLanguage,
    LacksSkill,
    OutOfRegion,
    NotOnDuty,
};
QString toWire(RoutingSkip s);

// The verdict on one candidate: eligible, or the first reason it was skipped (with its arguments:
// away → since; at capacity → load, capacity; lacks skill → the skills needed…).
struct RoutingVerdict {
    QString agentId;
    QString name;
    std::optional<RoutingSkip> skip;
    QStringList args;
};

// A routing outcome, never a silent one: the agent chosen and on what basis, or nobody with every
// candidate's reason, so the server alerts the group lead.
struct RoutingDecision {
    QString agentId; // empty: nobody eligible
    RoutingStrategy strategy = RoutingStrategy::RoundRobin;
    RoutingPick pickedBy = RoutingPick::RoundRobin;
    // What decided, as a code plus arguments: "round-robin" [after id], "least-load" [load,
    // capacity], "skills" [matched…], "geography" [location | offset minutes], "on-duty" [].
    QString basis;
    QStringList basisArgs;
    std::vector<RoutingVerdict> verdicts; // every candidate, in the order given
    // The round-robin position the server stores for the group: the chosen agent, or the
    // position it passed in when nobody was chosen.
    QString position;

    bool assigned() const { return !agentId.isEmpty(); }
    bool alertLead() const { return agentId.isEmpty(); }
    QJsonObject toJson() const;
    // English, one line, for the ticket's history ("assigned Denis Orlov: least open load 2 of 10";
    // "nobody eligible: Anna Smirnova away since …; Ivan Petrov at capacity (5 of 5)").
    QString explain() const;
};

// Everything a decision depends on. Pure: no clock, no database; the same input gives the same
// decision, so the server's live run and a dry-run agree.
struct RoutingInput {
    const GroupRouting *config = nullptr; // required
    const std::vector<RoutingAgent> *agents = nullptr; // the group's members (required)
    const Roster *roster = nullptr; // optional: nobody is off shift without one
    const BusinessCalendar *calendar = nullptr; // the group's calendar; required with a roster
    QString groupOnDutyId; // Group::onDutyId: who is on duty when the group has no roster
    QString lastPosition; // the round-robin position stored for this group ("" at first)
    qint64 nowMs = 0;
};

// The routing decision for one ticket. Not thread-safe only through the calendar's cache: give
// each thread its own BusinessCalendar.
class Router
{
public:
    static RoutingDecision route(const RoutingTicket &ticket, const RoutingInput &input);
};

} // namespace triage
