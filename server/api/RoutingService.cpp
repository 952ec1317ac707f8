#include "RoutingService.h"

#include "TicketSla.h"
#include "domain/Ticket.h"
#include "notify/AgentAlerts.h"
#include "routing/Roster.h"
#include "storage/DirectoryStore.h"
#include "storage/HistoryLog.h"
#include "storage/RoutingStore.h"

namespace triage::server {

std::optional<RoutingOutcome> RoutingService::decide(const Ticket &ticket, qint64 now)
{
    if (ticket.groupId.isEmpty())
        return std::nullopt;
    RoutingStore store(m_db);
    const auto configDoc = store.doc(RoutingStore::groupRoutingKind(), ticket.groupId);
    if (!configDoc)
        return std::nullopt;
    // Stored documents were validated when they were put; one that no longer parses (a newer
    // server's field) routes nobody, and the lead hears of it rather than a silent pick.
    const auto config = GroupRouting::fromJson(*configDoc, nullptr);
    DirectoryStore directory(m_db);
    const auto group = directory.group(ticket.groupId);

    std::optional<Roster> roster;
    if (const auto doc = store.doc(RoutingStore::rosterKind(), ticket.groupId))
        roster = Roster::fromJson(*doc, nullptr);
    std::optional<TicketSla> sla; // only for its calendar choice, so shifts and the SLA agree
    const BusinessCalendar *calendar = nullptr;
    if (roster && !roster->isEmpty()) {
        sla.emplace(m_db);
        calendar = &sla->calendarFor(ticket.groupId);
    }

    const QList<User> users = directory.users();
    QStringList memberIds;
    const User *requester = nullptr;
    for (const User &u : users) {
        if (u.groupIds.contains(ticket.groupId))
            memberIds << u.id;
        if (u.id == ticket.requesterId)
            requester = &u;
    }
    const auto profiles = store.docs(RoutingStore::agentProfileKind());
    const auto presence = store.allPresence();
    const auto load = store.openLoad(memberIds);
    std::vector<RoutingAgent> agents;
    for (const User &u : users) {
        if (!u.groupIds.contains(ticket.groupId))
            continue;
        AgentProfile profile;
        profile.userId = u.id;
        if (const auto it = profiles.constFind(u.id); it != profiles.constEnd()) {
            if (auto p = AgentProfile::fromJson(*it, nullptr))
                profile = *p;
        }
        AgentPresence p;
        p.userId = u.id;
        if (const auto it = presence.constFind(u.id); it != presence.constEnd()) {
            p.state = presenceFromWire(it->state).value_or(Presence::Available);
            p.sinceMs = it->since;
        }
        agents.push_back(RoutingAgent::of(u, profile, p, load.value(u.id)));
    }
    std::optional<AgentProfile> requesterProfile;
    if (const auto it = profiles.constFind(ticket.requesterId); it != profiles.constEnd())
        requesterProfile = AgentProfile::fromJson(*it, nullptr);

    RoutingOutcome out;
    out.groupId = ticket.groupId;
    RoutingInput in;
    in.config = config ? &*config : nullptr;
    in.agents = &agents;
    in.roster = roster ? &*roster : nullptr;
    in.calendar = calendar;
    in.groupOnDutyId = group ? group->onDutyId : QString();
    in.lastPosition = store.position(ticket.groupId);
    in.nowMs = now;
    out.decision = triage::Router::route(
        RoutingTicket::of(ticket, requester, requesterProfile ? &*requesterProfile : nullptr), in);
    if (out.decision.alertLead() && group && !group->leadId.isEmpty()) {
        if (auto a = AgentAlerts(m_db).unroutedToLead(ticket, group->leadId, out.decision.explain()))
            out.leadAlerts << *a;
    }
    return out;
}

QStringList RoutingService::onDutyIds(const QString &groupId, qint64 now)
{
    if (groupId.isEmpty())
        return {};
    const auto group = DirectoryStore(m_db).group(groupId);
    if (!group)
        return {};
    std::optional<Roster> roster;
    if (const auto doc = RoutingStore(m_db).doc(RoutingStore::rosterKind(), groupId))
        roster = Roster::fromJson(*doc, nullptr);
    if (!roster || roster->isEmpty())
        return Roster::onDutyIds(nullptr, nullptr, group->onDutyId, now);
    TicketSla sla(m_db);
    return Roster::onDutyIds(&*roster, &sla.calendarFor(groupId), group->onDutyId, now);
}

void RoutingService::record(const Ticket &ticket, const RoutingOutcome &outcome, HistoryLog &log, qint64 at)
{
    const RoutingDecision &d = outcome.decision;
    if (!d.position.isEmpty())
        RoutingStore(m_db).setPosition(outcome.groupId, d.position);
    // By nobody (the server decided), old value the strategy, new value the English line.
    log.add(ticket.id, at, QString(), historyField(), toWire(d.strategy), d.explain());
    for (const OutgoingRecord &a : outcome.leadAlerts)
        OutgoingStore(m_db).enqueue(a);
}

std::optional<RoutingDecision> RoutingService::assign(
    WriteTx &tx, const Ticket &ticket, qint64 now, HistoryLog &log)
{
    Q_UNUSED(tx); // the proof that the caller's transaction is open
    auto outcome = decide(ticket, now);
    if (!outcome)
        return std::nullopt;
    record(ticket, *outcome, log, now);
    return outcome->decision;
}

} // namespace triage::server
