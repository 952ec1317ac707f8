// The routing decision (issue 18): filter who may take the ticket, narrow to the best matches by
// the group's strategy, pick one by round robin or least load. Nothing here reads a clock or a
// database, so the server's live run and a dry-run give the same answer.
#include "Router.h"

#include "Roster.h"
#include "domain/Directory.h"
#include "domain/Ticket.h"
#include "domain/Time.h"
#include "sla/BusinessCalendar.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace triage {

namespace {

constexpr int kUnknownDistance = 24 * 60 + 1; // worse than any real offset difference

struct Candidate {
    const RoutingAgent *agent;
    int score = 0; // higher is better (skills: matches; geography: minus the distance)
};

// Skills the ticket needs: mapped through the group's map, else its tags and category as named.
QStringList neededSkills(const RoutingTicket &t, const GroupRouting &config)
{
    QStringList keys;
    keys << u"type:"_qs + toWire(t.type);
    for (const QString &tag : t.tags)
        keys << u"tag:"_qs + tag.toLower();
    if (!t.category.isEmpty())
        keys << u"category:"_qs + t.category.toLower();
    QStringList needed;
    if (config.skillMap.empty()) {
        for (const QString &tag : t.tags)
            needed << tag.toLower();
        if (!t.category.isEmpty())
            needed << t.category.toLower();
    } else {
        for (const auto &[key, skills] : config.skillMap) {
            if (keys.contains(key))
                needed << skills;
        }
    }
    needed.removeDuplicates();
    return needed;
}

// UTC offset of a zone at `nowMs` in minutes; nullopt for an empty or unknown zone.
class OffsetCache
{
public:
    explicit OffsetCache(qint64 nowMs)
        : m_now(QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC))
    { }
    std::optional<int> minutes(const QString &zone)
    {
        if (zone.isEmpty())
            return std::nullopt;
        const auto found = m_cache.constFind(zone);
        if (found != m_cache.constEnd())
            return *found;
        std::optional<int> v;
        const QTimeZone tz(zone.toUtf8());
        if (tz.isValid())
            v = tz.offsetFromUtc(m_now) / 60;
        m_cache.insert(zone, v);
        return v;
    }

private:
    QDateTime m_now;
    QHash<QString, std::optional<int>> m_cache;
};

// The first of `pool` (sorted by id) after `last` in id order, wrapping: the rotation survives
// agents joining and leaving, as it is kept as an id and not an index.
const Candidate *nextAfter(const std::vector<const Candidate *> &pool, const QString &last)
{
    for (const Candidate *c : pool) {
        if (c->agent->id > last)
            return c;
    }
    return pool.empty() ? nullptr : pool.front();
}

QString loadText(const RoutingAgent &a)
{
    return QString::number(a.openLoad);
}

QString capacityText(const RoutingAgent &a)
{
    return a.profile.capacity > 0 ? QString::number(a.profile.capacity) : u"unlimited"_qs;
}

} // namespace

RoutingTicket RoutingTicket::of(
    const Ticket &ticket, const User *requester, const AgentProfile *requesterProfile)
{
    RoutingTicket t;
    t.id = ticket.id;
    t.type = ticket.type;
    t.priority = ticket.priority;
    for (const QString &tag : ticket.tags)
        t.tags << tag.toLower();
    if (requester)
        t.language = requester->locale;
    if (requesterProfile) {
        t.requesterLocation = requesterProfile->location;
        t.requesterTimeZone = requesterProfile->timeZone;
        if (!requesterProfile->languages.isEmpty() && t.language.isEmpty())
            t.language = requesterProfile->languages.first();
    }
    return t;
}

RoutingDecision Router::route(const RoutingTicket &ticket, const RoutingInput &in)
{
    RoutingDecision d;
    d.position = in.lastPosition;
    if (!in.config || !in.agents)
        return d; // nothing to route with: nobody, and the lead hears of it
    const GroupRouting &config = *in.config;
    d.strategy = config.strategy;
    d.pickedBy = config.strategy == RoutingStrategy::RoundRobin ? RoutingPick::RoundRobin
        : config.strategy == RoutingStrategy::LeastLoad         ? RoutingPick::LeastLoad
                                                                : config.then;

    // Who is on shift now, and who is on duty for the priority strategy: the on-call shifts if
    // any are running, else everyone on shift; without a roster, the group's on-duty agent.
    const bool hasRoster = in.roster && in.calendar && !in.roster->isEmpty();
    QSet<QString> onShift;
    QStringList responders;
    if (hasRoster) {
        const auto duties = in.roster->onDutyAt(*in.calendar, in.nowMs);
        for (const Roster::Duty &duty : duties)
            onShift.insert(duty.agentId);
        responders = Roster::firstResponders(duties);
    } else if (!in.groupOnDutyId.isEmpty()) {
        responders << in.groupOnDutyId;
    }
    const QSet<QString> onDuty(responders.begin(), responders.end());
    const bool dutyOnly
        = config.strategy == RoutingStrategy::Priority && config.onDutyPriorities.contains(ticket.priority);
    const QStringList needed
        = config.strategy == RoutingStrategy::Skills ? neededSkills(ticket, config) : QStringList();
    OffsetCache offsets(in.nowMs);
    const std::optional<int> requesterOffset = config.strategy == RoutingStrategy::Geography
        ? offsets.minutes(ticket.requesterTimeZone)
        : std::nullopt;

    std::vector<Candidate> eligible;
    d.verdicts.reserve(in.agents->size());
    for (const RoutingAgent &a : *in.agents) {
        RoutingVerdict v {a.id, a.name, std::nullopt, {}};
        Candidate c {&a};
        const auto skip = [&v](RoutingSkip s, QStringList args = {}) {
            v.skip = s;
            v.args = std::move(args);
        };
        if (!a.canWork) {
            skip(RoutingSkip::NotAgent);
        } else if (a.disabled) {
            skip(RoutingSkip::Disabled);
        } else if (a.presence.state == Presence::Away) {
            skip(RoutingSkip::Away,
                a.presence.sinceMs > 0 ? QStringList {isoUtc(a.presence.sinceMs)} : QStringList {});
        } else if (config.useRoster && hasRoster && !onShift.contains(a.id)) {
            skip(RoutingSkip::OffShift);
        } else if (a.atCapacity()) {
            skip(RoutingSkip::AtCapacity, {loadText(a), capacityText(a)});
        } else if (config.requireLanguage && !ticket.language.isEmpty()
            && !a.profile.languages.contains(ticket.language)) {
            skip(RoutingSkip::LacksLanguage, {ticket.language});
        } else if (config.strategy == RoutingStrategy::Skills && !needed.isEmpty()) {
            QStringList matched;
            for (const QString &s : needed) {
                if (a.skills.contains(s))
                    matched << s;
            }
            if (matched.isEmpty() || (config.requireAllSkills && matched.size() < needed.size()))
                skip(RoutingSkip::LacksSkill, needed);
            c.score = int(matched.size());
        } else if (config.strategy == RoutingStrategy::Geography) {
            const bool sameLocation = !ticket.requesterLocation.isEmpty()
                && a.profile.location.compare(ticket.requesterLocation, Qt::CaseInsensitive) == 0;
            int distance = 0; // nothing known about the requester: everyone is as near
            if (!sameLocation && (requesterOffset || !ticket.requesterLocation.isEmpty())) {
                const auto agentOffset = offsets.minutes(a.profile.timeZone);
                distance = requesterOffset && agentOffset ? 1 + std::abs(*agentOffset - *requesterOffset)
                                                          : kUnknownDistance;
            }
            if (config.maxOffsetMinutes >= 0 && distance > config.maxOffsetMinutes + 1)
                skip(RoutingSkip::OutOfRegion,
                    {distance == kUnknownDistance ? u"unknown"_qs : QString::number(distance - 1)});
            c.score = -distance;
        }
        if (!v.skip && dutyOnly && !onDuty.contains(a.id))
            skip(RoutingSkip::NotOnDuty);
        if (!v.skip)
            eligible.push_back(c);
        d.verdicts.push_back(std::move(v));
    }
    if (eligible.empty())
        return d;

    // Narrow to the best score, then pick among those in id order.
    int best = std::numeric_limits<int>::min();
    for (const Candidate &c : eligible)
        best = std::max(best, c.score);
    std::vector<const Candidate *> pool;
    for (const Candidate &c : eligible) {
        if (c.score == best)
            pool.push_back(&c);
    }
    std::sort(pool.begin(), pool.end(),
        [](const Candidate *x, const Candidate *y) { return x->agent->id < y->agent->id; });
    if (d.pickedBy == RoutingPick::LeastLoad) {
        // Ties on load rotate like round robin, so equal agents share the work.
        int least = std::numeric_limits<int>::max();
        for (const Candidate *c : pool)
            least = std::min(least, c->agent->openLoad);
        pool.erase(std::remove_if(pool.begin(), pool.end(),
                       [least](const Candidate *c) { return c->agent->openLoad != least; }),
            pool.end());
    }
    const Candidate *chosen = nextAfter(pool, in.lastPosition);
    const RoutingAgent &a = *chosen->agent;
    d.agentId = a.id;
    d.position = a.id;

    switch (config.strategy) {
    case RoutingStrategy::Skills:
        d.basis = u"skills"_qs;
        for (const QString &s : needed) {
            if (a.skills.contains(s))
                d.basisArgs << s;
        }
        break;
    case RoutingStrategy::Geography:
        d.basis = u"geography"_qs;
        d.basisArgs << (chosen->score == 0 ? a.profile.location : QString::number(-chosen->score - 1));
        break;
    case RoutingStrategy::Priority:
        if (dutyOnly) {
            d.basis = u"on-duty"_qs;
            break;
        }
        [[fallthrough]];
    default:
        if (d.pickedBy == RoutingPick::LeastLoad) {
            d.basis = u"least-load"_qs;
            d.basisArgs = {loadText(a), capacityText(a)};
        } else {
            d.basis = u"round-robin"_qs;
            d.basisArgs = {in.lastPosition};
        }
    }
    return d;
}

} // namespace triage
