#include "HistoryGenerator.h"

#include "MetricsStore.h"

#include <algorithm>

namespace triage {
namespace {

constexpr qint64 kMinute = 60'000;

// splitmix64, as in the demo generator: reproducible and cheap.
class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        quint64 x = (m_state += 0x9E3779B97F4A7C15ULL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        return x ^ (x >> 31);
    }
    qint64 between(qint64 lo, qint64 hi) { return lo + qint64(next() % quint64(hi - lo + 1)); }
    bool chance(int percent) { return between(0, 99) < percent; }

private:
    quint64 m_state;
};

} // namespace

HistoryGenerator::HistoryGenerator(quint64 seed)
    : m_seed(seed)
    , m_endMs(1767225600000 + 365 * BusinessCalendar::kDayMs)
    , m_demo(seed)
{ }

void HistoryGenerator::setTimeline(qint64 count, qint64 endMs, int spanDays)
{
    m_endMs = endMs;
    m_demo.setTimeline(count, endMs, spanDays);
}

TicketHistory HistoryGenerator::history(qint64 index, MetricsStore &store) const
{
    Ticket t = m_demo.ticket(index);
    const DemoOrganisation &org = m_demo.organisation();
    Rng rng(m_seed ^ (quint64(index) * 0xD1B54A32D192ED03ULL));

    TicketHistory h;
    h.id = t.id;
    h.title = t.title;
    h.type = t.type;
    h.channel = t.channel;
    h.category = t.tags.value(0);
    int group = -1;
    for (const Group &g : org.groups) {
        if (g.id == t.groupId)
            group = store.groupIndex(g.name);
    }
    int agent = -1;
    for (const User &u : org.users) {
        if (u.id == t.assigneeId)
            agent = store.agentIndex(u.username);
    }

    // The demo marks a share of all tickets open; only the last ten days' are still open here, so
    // the backlog is steady rather than growing with the timeline.
    if (t.status != TicketStatus::Resolved && t.status != TicketStatus::Closed
        && t.createdAt < m_endMs - 10 * BusinessCalendar::kDayMs && !rng.chance(3))
        t.status = rng.chance(60) ? TicketStatus::Closed : TicketStatus::Resolved;

    std::vector<MetricEvent> &ev = h.events;
    qint64 at = t.createdAt;
    const bool raised = t.priority != Priority::Low && rng.chance(10);
    ev.push_back(MetricEvent::created(at, raised ? Priority(int(t.priority) + 1) : t.priority, group));
    if (agent >= 0)
        ev.push_back(MetricEvent::assign(at + rng.between(1, 30) * kMinute, agent));
    if (raised)
        ev.push_back(MetricEvent::priorityChange(at + rng.between(5, 120) * kMinute, t.priority));
    if (t.status == TicketStatus::New) {
        if (rng.chance(30))
            ev.push_back(MetricEvent::reply(at + rng.between(10, 240) * kMinute, false));
    } else {
        at += rng.between(5, 600) * kMinute;
        ev.push_back(MetricEvent::reply(at, true));
        if (rng.chance(25)) {
            ev.push_back(MetricEvent::statusChange(at + kMinute, TicketStatus::Waiting));
            at += rng.between(10, 300) * kMinute;
            ev.push_back(MetricEvent::reply(at, false));
            ev.push_back(MetricEvent::statusChange(at, TicketStatus::InProgress));
        } else {
            ev.push_back(MetricEvent::statusChange(at, TicketStatus::InProgress));
        }
        if (rng.chance(30))
            ev.push_back(MetricEvent::reply(at + rng.between(1, 60) * kMinute, true, false));
        if (t.status == TicketStatus::Waiting)
            ev.push_back(MetricEvent::statusChange(at + rng.between(1, 60) * kMinute, TicketStatus::Waiting));
    }
    if (t.status == TicketStatus::Resolved || t.status == TicketStatus::Closed) {
        at += rng.between(30, 3000) * kMinute;
        ev.push_back(MetricEvent::statusChange(at, TicketStatus::Resolved));
        if (rng.chance(8)) { // reopened: the fix did not hold
            at += rng.between(60, 1440) * kMinute;
            ev.push_back(MetricEvent::reply(at, false));
            ev.push_back(MetricEvent::statusChange(at, TicketStatus::InProgress));
            at += rng.between(30, 600) * kMinute;
            ev.push_back(MetricEvent::reply(at, true));
            at += rng.between(10, 600) * kMinute;
            ev.push_back(MetricEvent::statusChange(at, TicketStatus::Resolved));
        }
        if (t.status == TicketStatus::Closed) {
            at += 3 * BusinessCalendar::kDayMs;
            ev.push_back(MetricEvent::statusChange(at, TicketStatus::Closed));
            if (t.csatRating) {
                at += rng.between(10, 600) * kMinute;
                ev.push_back(MetricEvent::rated(at, *t.csatRating));
                if (rng.chance(10))
                    ev.push_back(MetricEvent::rated(at + BusinessCalendar::kDayMs, int(rng.between(1, 5))));
            }
        }
    }
    std::stable_sort(
        ev.begin() + 1, ev.end(), [](const MetricEvent &a, const MetricEvent &b) { return a.at < b.at; });
    // What has not happened yet by the end of the timeline is not in the log.
    ev.erase(std::find_if(ev.begin() + 1, ev.end(), [&](const MetricEvent &e) { return e.at >= m_endMs; }),
        ev.end());
    return h;
}

void HistoryGenerator::fill(MetricsStore &store, qint64 count) const
{
    for (qint64 i = 0; i < count; ++i)
        store.addTicket(history(i, store));
}

BusinessCalendar HistoryGenerator::demoCalendar()
{
    BusinessCalendar::WeekRules week;
    for (int d = 0; d < 5; ++d)
        week[size_t(d)] = {{9 * 60, 18 * 60}};
    return BusinessCalendar(QTimeZone(QByteArrayLiteral("Europe/Moscow")), week, {});
}

SlaPolicy HistoryGenerator::demoPolicy()
{
    SlaPolicy p;
    const auto set = [&](Priority pr, double first, double next, double resolution) {
        p.targetsByPriority[size_t(pr)] = {first, next, resolution};
    };
    set(Priority::Critical, 15, 30, 240);
    set(Priority::High, 60, 120, 960);
    set(Priority::Normal, 240, 480, 2880);
    set(Priority::Low, 480, 960, 5760);
    return p;
}

SlaPolicySet HistoryGenerator::demoPolicies()
{
    SlaPolicySet set;
    SlaPolicyEntry standard;
    standard.id = u"standard"_qs;
    standard.policy = demoPolicy();
    set.add(std::move(standard));
    SlaPolicyEntry it;
    it.id = u"it"_qs;
    it.match.groups = {u"IT"_qs};
    it.policy.targetsByPriority[size_t(Priority::Critical)] = {{15, 30, 120}};
    it.policy.targetsByPriority[size_t(Priority::High)] = {{30, 60, 240}};
    it.policy.targetsByPriority[size_t(Priority::Normal)] = {{120, 240, 960}};
    it.policy.targetsByPriority[size_t(Priority::Low)] = {{480, 960, 2880}};
    set.add(std::move(it));
    SlaPolicyEntry critical;
    critical.id = u"critical-incidents"_qs;
    critical.match.types = {TicketType::Incident};
    critical.match.priorities = {Priority::Critical};
    critical.policy.targets = {{15, 30, 240}};
    critical.policy.onPriorityChange = OnPriorityChange::Restart;
    set.add(std::move(critical));
    return set;
}

} // namespace triage
