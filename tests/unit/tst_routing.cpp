// Routing (issue 18): properties over generated agents, rosters and configurations (fixed, printed
// seed), fairness over 1,000 tickets, each strategy on a small team, the JSON of the inputs.
#include "domain/Directory.h"
#include "domain/Ticket.h"
#include "routing/Roster.h"
#include "routing/Router.h"
#include "routing/RoutingAudit.h"
#include "sla/BusinessCalendar.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>

using namespace triage;

namespace {

constexpr qint64 kMin = 60'000;

const QString kGroup = u"00000000-0000-7000-8000-0000000000aa"_qs;

QString agentId(int i)
{
    return u"00000000-0000-7000-8000-%1"_qs.arg(i, 12, 10, QChar(u'0'));
}

qint64 at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

BusinessCalendar moscow()
{
    QString error;
    return *BusinessCalendar::fromJson(
        QJsonDocument::fromJson(R"({"timezone": "Europe/Moscow", "holidays": ["2026-03-09"]})").object(),
        &error);
}

quint32 seed()
{
    static const quint32 s = qEnvironmentVariableIsSet("TRIAGE_TEST_SEED")
        ? quint32(qEnvironmentVariableIntValue("TRIAGE_TEST_SEED"))
        : 20261208u;
    return s;
}

template<typename T> const T &pick(QRandomGenerator &rng, const QList<T> &list)
{
    return list.at(rng.bounded(int(list.size())));
}

QStringList subset(QRandomGenerator &rng, const QStringList &from)
{
    QStringList out;
    for (const QString &s : from) {
        if (rng.bounded(3) == 0)
            out << s;
    }
    return out;
}

RoutingAgent agent(int i, int load = 0, int capacity = 0)
{
    RoutingAgent a;
    a.id = agentId(i);
    a.name = u"Agent %1"_qs.arg(i);
    a.openLoad = load;
    a.profile.userId = a.id;
    a.profile.capacity = capacity;
    return a;
}

// One generated situation: a team, its roster, a configuration, a ticket, an instant.
struct World {
    std::vector<RoutingAgent> agents;
    Roster roster;
    GroupRouting config;
    RoutingTicket ticket;
    qint64 now = 0;
    QString position;
};

const QStringList kSkills {u"network"_qs, u"hardware"_qs, u"mac"_qs, u"1c"_qs, u"vpn"_qs};
const QStringList kZones {u"Europe/Moscow"_qs, u"Asia/Novosibirsk"_qs, u"Asia/Vladivostok"_qs,
    u"Europe/Berlin"_qs, u"America/New_York"_qs, QString()};
const QStringList kLocations {u"RU-MOW"_qs, u"RU-NVS"_qs, u"DE-BE"_qs, QString()};

World generate(QRandomGenerator &rng)
{
    World w;
    const int n = 1 + rng.bounded(12);
    w.roster.groupId = kGroup;
    const bool withRoster = rng.bounded(10) < 7;
    for (int i = 0; i < n; ++i) {
        RoutingAgent a = agent(i + 1, rng.bounded(7), rng.bounded(10) < 3 ? 0 : 1 + rng.bounded(6));
        a.canWork = rng.bounded(20) != 0;
        a.disabled = rng.bounded(10) == 0;
        a.presence.userId = a.id;
        a.presence.state = rng.bounded(5) == 0 ? Presence::Away : Presence::Available;
        a.presence.sinceMs = at("2026-03-02T08:00:00Z");
        a.skills = subset(rng, kSkills);
        a.profile.languages = subset(rng, {u"en"_qs, u"ru"_qs});
        a.profile.timeZone = pick(rng, kZones);
        a.profile.location = pick(rng, kLocations);
        w.agents.push_back(a);
        for (int s = withRoster ? rng.bounded(3) : 0; s > 0; --s) {
            Roster::Shift shift;
            shift.agentId = a.id;
            shift.days = quint8(1 + rng.bounded(127));
            shift.startMin = rng.bounded(48) * 30;
            shift.endMin = 30 + rng.bounded(48) * 30;
            shift.onCall = rng.bounded(4) == 0;
            shift.onHolidays = rng.bounded(2) == 0;
            w.roster.weekly.push_back(shift);
        }
    }
    w.config.groupId = kGroup;
    w.config.strategy = RoutingStrategy(rng.bounded(5));
    w.config.then = RoutingPick(rng.bounded(2));
    w.config.useRoster = rng.bounded(10) != 0;
    w.config.requireLanguage = rng.bounded(4) == 0;
    if (rng.bounded(2))
        w.config.skillMap = {{u"tag:vpn"_qs, {u"vpn"_qs, u"network"_qs}},
            {u"type:request"_qs, {u"hardware"_qs}}, {u"category:accounting"_qs, {u"1c"_qs}}};
    w.config.requireAllSkills = rng.bounded(2);
    w.config.maxOffsetMinutes = pick(rng, QList<int> {-1, 0, 120, 600});
    w.config.onDutyPriorities = rng.bounded(2) ? QList<Priority> {Priority::Critical}
                                               : QList<Priority> {Priority::Critical, Priority::High};
    w.ticket.id = agentId(999);
    w.ticket.type = TicketType(rng.bounded(4));
    w.ticket.priority = Priority(rng.bounded(4));
    w.ticket.tags = subset(rng, {u"vpn"_qs, u"mac"_qs, u"printer"_qs, u"network"_qs});
    w.ticket.category = rng.bounded(3) == 0 ? u"accounting"_qs : QString();
    w.ticket.language = pick(rng, QStringList {u"en"_qs, u"ru"_qs, QString()});
    w.ticket.requesterLocation = pick(rng, kLocations);
    w.ticket.requesterTimeZone = pick(rng, kZones);
    w.now = at("2026-03-02T00:00:00+03:00") + qint64(rng.bounded(14 * 24 * 60)) * kMin;
    w.position = rng.bounded(3) == 0 ? QString() : agentId(1 + rng.bounded(n));
    return w;
}

RoutingDecision route(const World &w, const BusinessCalendar &cal)
{
    RoutingInput in;
    in.config = &w.config;
    in.agents = &w.agents;
    in.roster = &w.roster;
    in.calendar = &cal;
    in.lastPosition = w.position;
    in.nowMs = w.now;
    return Router::route(w.ticket, in);
}

// Eligibility as the issue states it, computed here without the Router.
bool mayTake(const World &w, const BusinessCalendar &cal, const RoutingAgent &a)
{
    if (!a.canWork || a.disabled || a.presence.state == Presence::Away)
        return false;
    if (a.profile.capacity > 0 && a.openLoad >= a.profile.capacity)
        return false;
    if (w.config.useRoster && !w.roster.isEmpty() && !w.roster.isOnShift(cal, a.id, w.now))
        return false;
    return true;
}

} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("seed %u (set TRIAGE_TEST_SEED to replay)", seed()); }

    // Never away, off shift, at capacity, disabled or not an agent; nobody chosen means every
    // candidate has a reason and the lead is alerted; least load picks a minimum.
    void neverAssignsAnIneligibleAgent()
    {
        QRandomGenerator rng(seed());
        const BusinessCalendar cal = moscow();
        int assigned = 0, nobody = 0;
        for (int round = 0; round < 5000; ++round) {
            const World w = generate(rng);
            const RoutingDecision d = route(w, cal);
            QCOMPARE(d.verdicts.size(), w.agents.size());
            if (!d.assigned()) {
                ++nobody;
                QVERIFY(d.alertLead());
                QCOMPARE(d.position, w.position);
                for (const RoutingVerdict &v : d.verdicts)
                    QVERIFY2(v.skip.has_value(), qPrintable(d.explain()));
                QVERIFY(d.explain().startsWith(u"nobody eligible"_qs));
                // Simple strategies only refuse when nobody may take the ticket at all.
                if ((w.config.strategy == RoutingStrategy::RoundRobin
                        || w.config.strategy == RoutingStrategy::LeastLoad)
                    && !w.config.requireLanguage) {
                    for (const RoutingAgent &a : w.agents)
                        QVERIFY2(
                            !mayTake(w, cal, a), qPrintable(u"round %1: %2"_qs.arg(round).arg(d.explain())));
                }
                continue;
            }
            ++assigned;
            const auto chosen = std::find_if(
                w.agents.begin(), w.agents.end(), [&](const RoutingAgent &a) { return a.id == d.agentId; });
            QVERIFY(chosen != w.agents.end());
            QVERIFY2(mayTake(w, cal, *chosen), qPrintable(u"round %1: %2"_qs.arg(round).arg(d.explain())));
            QCOMPARE(d.position, d.agentId);
            if (w.config.strategy == RoutingStrategy::LeastLoad && !w.config.requireLanguage) {
                for (const RoutingAgent &a : w.agents) {
                    if (mayTake(w, cal, a))
                        QVERIFY2(chosen->openLoad <= a.openLoad, qPrintable(d.explain()));
                }
            }
            for (const RoutingVerdict &v : d.verdicts) {
                if (v.skip == RoutingSkip::Away || v.skip == RoutingSkip::Disabled
                    || v.skip == RoutingSkip::AtCapacity || v.skip == RoutingSkip::OffShift) {
                    const auto a = std::find_if(w.agents.begin(), w.agents.end(),
                        [&](const RoutingAgent &x) { return x.id == v.agentId; });
                    QVERIFY(!mayTake(w, cal, *a));
                }
            }
        }
        qInfo("%d assigned, %d nobody eligible", assigned, nobody);
        QVERIFY(assigned > 1000 && nobody > 100); // the generator reaches both outcomes
    }

    void roundRobinIsFair()
    {
        QRandomGenerator rng(seed() + 1);
        const BusinessCalendar cal = moscow();
        for (const RoutingStrategy strategy : {RoutingStrategy::RoundRobin, RoutingStrategy::LeastLoad}) {
            for (int team = 0; team < 20; ++team) {
                World w;
                w.config.groupId = kGroup;
                w.config.strategy = strategy;
                const int n = 2 + rng.bounded(15);
                for (int i = 0; i < n; ++i)
                    w.agents.push_back(agent(100 + rng.bounded(900) * 20 + i)); // ids in no order
                std::map<QString, int> counts;
                for (int t = 0; t < 1000; ++t) {
                    std::shuffle(w.agents.begin(), w.agents.end(), rng); // input order must not matter
                    const RoutingDecision d = route(w, cal);
                    QVERIFY(d.assigned());
                    ++counts[d.agentId];
                    w.position = d.position;
                    if (strategy == RoutingStrategy::LeastLoad) {
                        for (RoutingAgent &a : w.agents) {
                            if (a.id == d.agentId)
                                ++a.openLoad; // the ticket stays open
                        }
                    }
                }
                QCOMPARE(int(counts.size()), n);
                const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end(),
                    [](const auto &a, const auto &b) { return a.second < b.second; });
                QVERIFY2(hi->second - lo->second <= 1,
                    qPrintable(u"%1 agents: %2..%3 tickets each"_qs.arg(n).arg(lo->second).arg(hi->second)));
            }
        }
    }

    void roundRobinSkipsAndResumes()
    {
        const BusinessCalendar cal = moscow();
        World w;
        w.config.groupId = kGroup;
        w.agents = {agent(1), agent(2), agent(3)};
        w.position = agentId(1);
        QCOMPARE(route(w, cal).agentId, agentId(2));
        w.agents[1].presence.state = Presence::Away;
        const RoutingDecision d = route(w, cal);
        QCOMPARE(d.agentId, agentId(3));
        QCOMPARE(d.verdicts[1].skip, RoutingSkip::Away);
        w.position = d.position;
        QCOMPARE(route(w, cal).agentId, agentId(1)); // wraps
        // A position naming an agent who left the group still continues in id order.
        w.position = u"00000000-0000-7000-8000-000000000002"_qs;
        QCOMPARE(route(w, cal).agentId, agentId(3));
    }

    void leastLoadWithCapacity()
    {
        const BusinessCalendar cal = moscow();
        World w;
        w.config.groupId = kGroup;
        w.config.strategy = RoutingStrategy::LeastLoad;
        w.agents = {agent(1, 2, 2), agent(2, 4, 10), agent(3, 3, 0)};
        RoutingDecision d = route(w, cal);
        QCOMPARE(d.agentId, agentId(3)); // agent 1 has fewer but is at capacity
        QCOMPARE(d.verdicts[0].skip, RoutingSkip::AtCapacity);
        QCOMPARE(d.verdicts[0].args, (QStringList {u"2"_qs, u"2"_qs}));
        QCOMPARE(d.basis, u"least-load"_qs);
        QCOMPARE(d.explain(), u"assigned Agent 3: least open load (3 of unlimited)"_qs);
        w.agents[2].disabled = true;
        w.agents[1].openLoad = 10;
        d = route(w, cal);
        QVERIFY(!d.assigned());
        QCOMPARE(d.explain(),
            u"nobody eligible: Agent 1 at capacity (2 of 2 open); Agent 2 at capacity (10 of 10 open); Agent 3 disabled"_qs);
        const QJsonObject json = d.toJson();
        QVERIFY(json.value(u"assignee_id"_qs).isNull());
        QVERIFY(json.value(u"alert_lead"_qs).toBool());
        QCOMPARE(json.value(u"candidates"_qs).toArray().at(2).toObject().value(u"reason"_qs).toString(),
            u"disabled"_qs);
    }

    void skills()
    {
        const BusinessCalendar cal = moscow();
        World w;
        w.config.groupId = kGroup;
        w.config.strategy = RoutingStrategy::Skills;
        w.config.skillMap = {{u"tag:vpn"_qs, {u"network"_qs}}, {u"category:accounting"_qs, {u"1c"_qs}}};
        w.agents = {agent(1, 0), agent(2, 5), agent(3, 1)};
        w.agents[0].skills = {u"hardware"_qs};
        w.agents[1].skills = {u"network"_qs, u"1c"_qs};
        w.agents[2].skills = {u"network"_qs};
        w.ticket.tags = {u"vpn"_qs};
        RoutingDecision d = route(w, cal);
        QCOMPARE(d.agentId, agentId(3)); // both network agents match; least load picks agent 3
        QCOMPARE(d.verdicts[0].skip, RoutingSkip::LacksSkill);
        QCOMPARE(d.verdicts[0].args, QStringList {u"network"_qs});
        QCOMPARE(d.basisArgs, QStringList {u"network"_qs});
        // Two skills needed: the agent matching both wins over a lower load.
        w.ticket.category = u"accounting"_qs;
        QCOMPARE(route(w, cal).agentId, agentId(2));
        w.config.requireAllSkills = true;
        d = route(w, cal);
        QCOMPARE(d.agentId, agentId(2));
        QCOMPARE(d.verdicts[2].skip, RoutingSkip::LacksSkill);
        // Nothing needed: everyone may take it.
        w.ticket.tags.clear();
        w.ticket.category.clear();
        QCOMPARE(route(w, cal).agentId, agentId(1));
        // Without a map, tags are the skills.
        w.config.skillMap.clear();
        w.ticket.tags = {u"hardware"_qs};
        QCOMPARE(route(w, cal).agentId, agentId(1));
    }

    void geography()
    {
        const BusinessCalendar cal = moscow();
        World w;
        w.config.groupId = kGroup;
        w.config.strategy = RoutingStrategy::Geography;
        w.now = at("2026-03-03T10:00:00+03:00");
        w.agents = {agent(1), agent(2), agent(3)};
        w.agents[0].profile.timeZone = u"Europe/Moscow"_qs;
        w.agents[1].profile.timeZone = u"Asia/Novosibirsk"_qs; // +7
        w.agents[2].profile.timeZone = u"Asia/Vladivostok"_qs; // +10
        w.ticket.requesterTimeZone = u"Asia/Krasnoyarsk"_qs; // +7
        QCOMPARE(route(w, cal).agentId, agentId(2));
        w.ticket.requesterTimeZone = u"Asia/Magadan"_qs; // +11
        QCOMPARE(route(w, cal).agentId, agentId(3));
        // The same location beats any offset.
        w.agents[0].profile.location = u"RU-MAG"_qs;
        w.ticket.requesterLocation = u"ru-mag"_qs;
        QCOMPARE(route(w, cal).agentId, agentId(1));
        // A limit: only agents within 2 h of the requester.
        w.ticket.requesterLocation.clear();
        w.config.maxOffsetMinutes = 120;
        const RoutingDecision d = route(w, cal);
        QCOMPARE(d.agentId, agentId(3));
        QCOMPARE(d.verdicts[0].skip, RoutingSkip::OutOfRegion);
        QCOMPARE(d.verdicts[0].args, QStringList {u"480"_qs});
    }

    void priorityToOnDuty()
    {
        const BusinessCalendar cal = moscow();
        World w;
        w.config.groupId = kGroup;
        w.config.strategy = RoutingStrategy::Priority;
        w.agents = {agent(1, 0), agent(2, 0), agent(3, 9)};
        w.roster.groupId = kGroup;
        w.roster.weekly = {{agentId(1), 0x7f, 9 * 60, 18 * 60, false, false},
            {agentId(2), 0x7f, 9 * 60, 18 * 60, false, false}, {agentId(3), 0x7f, 0, 1440, true, true}};
        w.now = at("2026-03-03T10:00:00+03:00");
        w.ticket.priority = Priority::Critical;
        RoutingDecision d = route(w, cal);
        QCOMPARE(d.agentId, agentId(3)); // on call, despite the highest load
        QCOMPARE(d.basis, u"on-duty"_qs);
        QCOMPARE(d.verdicts[0].skip, RoutingSkip::NotOnDuty);
        w.ticket.priority = Priority::Normal;
        QCOMPARE(route(w, cal).agentId, agentId(1)); // least load among everyone on shift
        // The on-call agent away: critical tickets wait for the lead, never a silent pick.
        w.ticket.priority = Priority::Critical;
        w.agents[2].presence.state = Presence::Away;
        d = route(w, cal);
        QVERIFY(!d.assigned());
        QCOMPARE(d.verdicts[2].skip, RoutingSkip::Away);
        // Without a roster the group's on-duty agent is the one.
        w.roster.weekly.clear();
        w.agents[2].presence.state = Presence::Available;
        RoutingInput in;
        in.config = &w.config;
        in.agents = &w.agents;
        in.groupOnDutyId = agentId(2);
        in.nowMs = w.now;
        QCOMPARE(Router::route(w.ticket, in).agentId, agentId(2));
    }

    void offShiftAndLanguage()
    {
        const BusinessCalendar cal = moscow();
        World w;
        w.config.groupId = kGroup;
        w.config.requireLanguage = true;
        w.agents = {agent(1), agent(2)};
        w.agents[0].profile.languages = {u"en"_qs};
        w.agents[1].profile.languages = {u"ru"_qs};
        w.roster.groupId = kGroup;
        w.roster.weekly
            = {{agentId(1), 0x7f, 0, 1440, false, true}, {agentId(2), 0x1f, 9 * 60, 18 * 60, false, false}};
        w.ticket.language = u"ru"_qs;
        w.now = at("2026-03-07T10:00:00+03:00"); // Saturday: agent 2 is off
        RoutingDecision d = route(w, cal);
        QVERIFY(!d.assigned());
        QCOMPARE(d.verdicts[0].skip, RoutingSkip::LacksLanguage);
        QCOMPARE(d.verdicts[1].skip, RoutingSkip::OffShift);
        w.now = at("2026-03-06T10:00:00+03:00");
        QCOMPARE(route(w, cal).agentId, agentId(2));
        w.config.useRoster = false;
        w.now = at("2026-03-07T10:00:00+03:00");
        QCOMPARE(route(w, cal).agentId, agentId(2));
    }

    void configJson()
    {
        const QString json = uR"({"group_id": "%1", "strategy": "skills", "then": "round_robin",
            "use_roster": false, "require_language": true,
            "skills": {"map": {"tag:vpn": ["Network"], "type:request": ["hardware"]}, "match": "all"},
            "geography": {"max_offset_minutes": 180}, "priority": {"on_duty": ["critical", "high"]}})"_qs.arg(
            kGroup);
        FieldErrors errors;
        const auto g = GroupRouting::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &errors);
        QVERIFY2(g, qPrintable(describe(errors)));
        QCOMPARE(g->strategy, RoutingStrategy::Skills);
        QCOMPARE(g->then, RoutingPick::RoundRobin);
        QVERIFY(!g->useRoster && g->requireLanguage && g->requireAllSkills);
        QCOMPARE(g->maxOffsetMinutes, 180);
        QCOMPARE(g->onDutyPriorities, (QList<Priority> {Priority::Critical, Priority::High}));
        QCOMPARE(g->skillMap.size(), size_t(2));
        const auto back = GroupRouting::fromJson(g->toJson(), nullptr);
        QVERIFY(back);
        QCOMPARE(*back, *g);
        // Defaults: only the group and the strategy are needed.
        const auto minimal = GroupRouting::fromJson(
            QJsonObject {{u"group_id"_qs, kGroup}, {u"strategy"_qs, u"least_load"_qs}}, nullptr);
        QVERIFY(minimal);
        QVERIFY(minimal->useRoster);
        QCOMPARE(minimal->onDutyPriorities, QList<Priority> {Priority::Critical});
    }

    void configErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("field");
        const QString g = kGroup;
        QTest::newRow("strategy") << uR"({"group_id":"%1","strategy":"random"})"_qs.arg(g) << u"strategy"_qs;
        QTest::newRow("then") << uR"({"group_id":"%1","strategy":"skills","then":"skills"})"_qs.arg(g)
                              << u"then"_qs;
        QTest::newRow("skill key")
            << uR"({"group_id":"%1","strategy":"skills","skills":{"map":{"vpn":["network"]}}})"_qs.arg(g)
            << u"skills.map.vpn"_qs;
        QTest::newRow("ticket type")
            << uR"({"group_id":"%1","strategy":"skills","skills":{"map":{"type:bug":["x"]}}})"_qs.arg(g)
            << u"skills.map.type:bug"_qs;
        QTest::newRow("match")
            << uR"({"group_id":"%1","strategy":"skills","skills":{"match":"most"}})"_qs.arg(g)
            << u"skills.match"_qs;
        QTest::newRow("offset")
            << uR"({"group_id":"%1","strategy":"geography","geography":{"max_offset_minutes":-5}})"_qs.arg(g)
            << u"geography.max_offset_minutes"_qs;
        QTest::newRow("priority")
            << uR"({"group_id":"%1","strategy":"priority","priority":{"on_duty":["urgent"]}})"_qs.arg(g)
            << u"priority.on_duty"_qs;
        QTest::newRow("unknown") << uR"({"group_id":"%1","strategy":"priority","stratgy":"x"})"_qs.arg(g)
                                 << u"stratgy"_qs;
        QTest::newRow("group") << uR"({"group_id":"it","strategy":"priority"})"_qs << u"group_id"_qs;
    }

    void configErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, field);
        FieldErrors errors;
        QVERIFY(!GroupRouting::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &errors));
        QVERIFY2(
            std::any_of(errors.begin(), errors.end(), [&](const FieldError &e) { return e.field == field; }),
            qPrintable(describe(errors)));
    }

    void profileAndPresenceJson()
    {
        AgentProfile p;
        p.userId = agentId(1);
        p.capacity = 8;
        p.languages = {u"ru"_qs, u"en"_qs};
        p.timeZone = u"Asia/Novosibirsk"_qs;
        p.location = u"RU-NVS"_qs;
        QCOMPARE(AgentProfile::fromJson(p.toJson(), nullptr), std::optional<AgentProfile>(p));
        FieldErrors errors;
        QVERIFY(!AgentProfile::fromJson(
            QJsonObject {{u"user_id"_qs, agentId(1)}, {u"capacity"_qs, -1},
                {u"languages"_qs, QJsonArray {u"RUS"_qs}}, {u"time_zone"_qs, u"Mars/Base"_qs}},
            &errors));
        QStringList fields;
        for (const FieldError &e : errors)
            fields << e.field;
        QCOMPARE(fields, (QStringList {u"capacity"_qs}));
        QVERIFY(!AgentProfile::fromJson(
            QJsonObject {{u"user_id"_qs, agentId(1)}, {u"languages"_qs, QJsonArray {u"RUS"_qs}},
                {u"time_zone"_qs, u"Mars/Base"_qs}},
            &errors));
        fields.clear();
        for (const FieldError &e : errors)
            fields << e.field;
        QCOMPARE(fields, (QStringList {u"languages"_qs, u"time_zone"_qs}));

        AgentPresence pr {agentId(1), Presence::Away, at("2026-03-03T10:15:00Z")};
        QCOMPARE(pr.toJson().value(u"since"_qs).toString(), u"2026-03-03T10:15:00.000Z"_qs);
        QCOMPARE(AgentPresence::fromJson(pr.toJson(), nullptr), std::optional<AgentPresence>(pr));
        QVERIFY(!AgentPresence::fromJson(
            QJsonObject {{u"user_id"_qs, agentId(1)}, {u"state"_qs, u"busy"_qs}}, &errors));
        QCOMPARE(errors.first().field, u"state"_qs);
    }

    // Bad input: every reader either refuses with named errors or returns a value that passes its
    // own validation and survives a round trip. Valid documents mutated at random (seed printed).
    void readersRefuseOrRoundTrip()
    {
        QRandomGenerator rng(seed() + 2);
        const QJsonValue junk[] = {QJsonValue(), QJsonValue(-1), QJsonValue(1e300), QJsonValue(u""_qs),
            QJsonValue(u"25:00"_qs), QJsonValue(u"mon"_qs), QJsonValue(u"2026-02-30"_qs), QJsonValue(true),
            QJsonValue(QJsonArray {u"x"_qs, 3}), QJsonValue(QJsonObject {{u"k"_qs, 1}}),
            QJsonValue(agentId(5)), QJsonValue(u"critical"_qs), QJsonValue(u"Europe/Moscow"_qs),
            QJsonValue(u"tag:vpn"_qs)};
        // Replaces one value somewhere in the tree (or adds a stray key).
        std::function<QJsonValue(const QJsonValue &)> mutate = [&](const QJsonValue &v) -> QJsonValue {
            if (v.isObject() && !v.toObject().isEmpty() && rng.bounded(4) != 0) {
                QJsonObject o = v.toObject();
                const QString key = o.keys().at(rng.bounded(int(o.size())));
                o.insert(key, mutate(o.value(key)));
                return o;
            }
            if (v.isArray() && !v.toArray().isEmpty() && rng.bounded(4) != 0) {
                QJsonArray a = v.toArray();
                const int i = rng.bounded(int(a.size()));
                a.replace(i, mutate(a.at(i)));
                return a;
            }
            if (v.isObject() && rng.bounded(3) == 0) {
                QJsonObject o = v.toObject();
                o.insert(u"stray"_qs, 1);
                return o;
            }
            return junk[rng.bounded(int(std::size(junk)))];
        };
        Roster roster;
        roster.groupId = kGroup;
        roster.weekly = {{agentId(1), 0x1f, 540, 1080, true, false}};
        roster.overrides = {{QDate(2026, 3, 5), QDate(2026, 3, 6), agentId(1), true, 0, 0, false},
            {QDate(2026, 3, 5), QDate(), agentId(2), false, 600, 840, true}};
        roster.swaps = {{QDate(2026, 3, 4), agentId(1), agentId(2)}};
        GroupRouting config;
        config.groupId = kGroup;
        config.strategy = RoutingStrategy::Skills;
        config.skillMap = {{u"tag:vpn"_qs, {u"network"_qs}}};
        config.maxOffsetMinutes = 60;
        const AgentProfile profile {agentId(1), 5, {u"ru"_qs}, u"Europe/Moscow"_qs, u"RU-MOW"_qs};
        const AgentPresence presence {agentId(1), Presence::Away, at("2026-03-03T10:15:00Z")};
        int parsed = 0, refused = 0;
        const auto check = [&](const auto &original, auto read) {
            const QJsonValue bad = mutate(original.toJson());
            FieldErrors errors;
            const auto value = read(bad.toObject(), &errors);
            if (!value) {
                ++refused;
                QVERIFY2(
                    !errors.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(bad.toObject()).toJson())));
                for (const FieldError &e : errors)
                    QVERIFY(!e.field.isEmpty() && !e.message.isEmpty());
                return;
            }
            ++parsed;
            QVERIFY(errors.isEmpty());
            const auto again = read(value->toJson(), nullptr);
            QVERIFY2(again && *again == *value,
                qPrintable(QString::fromUtf8(QJsonDocument(bad.toObject()).toJson())));
        };
        for (int i = 0; i < 3000; ++i) {
            check(roster, [](const QJsonObject &o, FieldErrors *e) { return Roster::fromJson(o, e); });
            check(config, [](const QJsonObject &o, FieldErrors *e) { return GroupRouting::fromJson(o, e); });
            check(profile, [](const QJsonObject &o, FieldErrors *e) { return AgentProfile::fromJson(o, e); });
            check(
                presence, [](const QJsonObject &o, FieldErrors *e) { return AgentPresence::fromJson(o, e); });
        }
        qInfo("%d mutated documents refused, %d still valid", refused, parsed);
        QVERIFY(refused > 1000 && parsed > 100);
    }

    void audit()
    {
        Group g;
        g.id = kGroup;
        g.name = u"IT"_qs;
        QList<User> users;
        for (int i = 1; i <= 4; ++i) {
            User u;
            u.id = agentId(i);
            u.username = u"u%1"_qs.arg(i);
            u.displayName = u"Agent %1"_qs.arg(i);
            u.groupIds = {kGroup};
            u.skills = {u"network"_qs};
            users << u;
        }
        users[3].disabled = true;
        users[2].groupIds.clear(); // agent 3 is in another group
        GroupRouting config;
        config.groupId = kGroup;
        config.strategy = RoutingStrategy::Skills;
        config.skillMap = {{u"tag:vpn"_qs, {u"network"_qs, u"vpn"_qs}}};
        Roster roster;
        roster.groupId = kGroup;
        roster.weekly = {{agentId(1), 0x1f, 540, 1080, false, false},
            {agentId(3), 0x1f, 540, 1080, false, false}, {agentId(4), 0x60, 540, 1080, false, false}};
        const auto problems = auditRouting(g, &config, &roster, users);
        QStringList got;
        for (const RoutingProblem &p : problems)
            got << describe(p);
        QCOMPARE(got,
            (QStringList {u"group IT has no lead: nobody is alerted when no agent is eligible"_qs,
                u"the roster of group IT names Agent 3, who is not an agent of the group"_qs,
                u"the roster of group IT names Agent 4, who is disabled or unknown"_qs,
                u"Agent 2 has no shift in the roster of group IT and never gets its tickets"_qs,
                u"group IT routes by skill 'vpn', which no enabled agent has"_qs}));
        // A sound set-up has nothing to say; a group of disabled people and no on-duty does.
        g.leadId = agentId(1);
        roster.weekly
            = {{agentId(1), 0x1f, 540, 1080, false, false}, {agentId(2), 0x1f, 540, 1080, false, false}};
        config.skillMap = {{u"tag:vpn"_qs, {u"network"_qs}}};
        QCOMPARE(auditRouting(g, &config, &roster, users), QList<RoutingProblem> {});
        users[0].disabled = true;
        users[1].disabled = true;
        config.strategy = RoutingStrategy::Priority;
        QStringList codes;
        for (const RoutingProblem &p : auditRouting(g, &config, nullptr, users))
            codes << p.code;
        QCOMPARE(codes, (QStringList {u"no-agents"_qs, u"lead-disabled"_qs, u"nobody-on-duty"_qs}));
    }

    // The User wire form is unchanged (older consoles refuse unknown keys), and RoutingAgent::of
    // reads skills, disabled and the role from it.
    void userStaysAsItWas()
    {
        User u;
        u.id = agentId(1);
        u.username = u"denis"_qs;
        u.displayName = u"Denis Orlov"_qs;
        u.role = UserRole::Viewer;
        u.skills = {u" Network "_qs};
        u.disabled = true;
        QStringList keys = u.toJson().keys();
        keys.sort();
        QCOMPARE(keys,
            (QStringList {u"disabled"_qs, u"display_name"_qs, u"email"_qs, u"group_ids"_qs, u"id"_qs,
                u"locale"_qs, u"role"_qs, u"skills"_qs, u"username"_qs}));
        const RoutingAgent a = RoutingAgent::of(u, AgentProfile {}, AgentPresence {}, 3);
        QCOMPARE(a.skills, QStringList {u"network"_qs});
        QVERIFY(a.disabled && !a.canWork);
        QCOMPARE(a.profile.userId, u.id);
        QCOMPARE(a.openLoad, 3);
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
