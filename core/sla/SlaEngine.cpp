#include "SlaEngine.h"

#include <algorithm>
#include <cmath>

namespace triage {
namespace {

// A cycle while the event log is replayed: its running stretches of real time.
struct Cycle {
    SlaMetric metric = SlaMetric::Resolution;
    int index = 1;
    qint64 startedAt = 0;
    std::vector<std::pair<qint64, qint64>> segments;
    std::optional<qint64> segmentStart; // set while accruing
    SlaTimerState state = SlaTimerState::Running;
    std::optional<qint64> stoppedAt;
    Priority priorityAtStop = Priority::Normal;
};

class Replay
{
public:
    Replay(const SlaPolicy &policy)
        : m_policy(policy)
    { }

    void apply(const SlaEvent &e);
    void finish(qint64 now);
    std::vector<Cycle> &cycles() { return m_cycles; }
    Priority priority() const { return m_priority; }

private:
    std::optional<size_t> &open(SlaMetric m) { return m_open[size_t(m)]; }
    void start(SlaMetric metric, qint64 t);
    void close(size_t i, qint64 t, SlaTimerState state);
    void resume(size_t i, qint64 t);
    void setAccruing(bool accruing, qint64 t);

    const SlaPolicy &m_policy;
    std::vector<Cycle> m_cycles;
    std::array<std::optional<size_t>, 3> m_open;
    std::array<int, 3> m_count {};
    QString m_status;
    Priority m_priority = Priority::Normal;
    bool m_accruing = true;
    bool m_hadAgentReply = false;
    // A requester message that arrived while the ticket was resolved or closed, not yet answered:
    // it starts a next-response cycle if (when) the ticket is reopened.
    bool m_unansweredWhileStopped = false;
};

void Replay::start(SlaMetric metric, qint64 t)
{
    Cycle c;
    c.metric = metric;
    c.index = ++m_count[size_t(metric)];
    c.startedAt = t;
    c.state = m_accruing ? SlaTimerState::Running : SlaTimerState::Paused;
    if (m_accruing)
        c.segmentStart = t;
    m_cycles.push_back(std::move(c));
    open(metric) = m_cycles.size() - 1;
}

void Replay::close(size_t i, qint64 t, SlaTimerState state)
{
    Cycle &c = m_cycles[i];
    if (c.segmentStart) {
        c.segments.emplace_back(*c.segmentStart, t);
        c.segmentStart.reset();
    }
    c.state = state;
    c.stoppedAt = t;
    c.priorityAtStop = m_priority;
    open(c.metric).reset();
}

void Replay::resume(size_t i, qint64 t)
{
    Cycle &c = m_cycles[i];
    c.stoppedAt.reset();
    c.state = m_accruing ? SlaTimerState::Running : SlaTimerState::Paused;
    if (m_accruing)
        c.segmentStart = t;
    open(c.metric) = i;
}

void Replay::setAccruing(bool accruing, qint64 t)
{
    if (accruing == m_accruing)
        return;
    m_accruing = accruing;
    for (const auto &slot : m_open) {
        if (!slot)
            continue;
        Cycle &c = m_cycles[*slot];
        if (accruing) {
            c.segmentStart = t;
            c.state = SlaTimerState::Running;
        } else {
            if (c.segmentStart)
                c.segments.emplace_back(*c.segmentStart, t);
            c.segmentStart.reset();
            c.state = SlaTimerState::Paused;
        }
    }
}

void Replay::apply(const SlaEvent &e)
{
    switch (e.type) {
    case SlaEvent::Type::Created:
        m_status = e.status;
        m_priority = e.priority;
        m_accruing = !m_policy.isPause(e.status);
        start(SlaMetric::FirstResponse, e.at);
        start(SlaMetric::Resolution, e.at);
        if (m_policy.isStop(e.status)) {
            for (const SlaMetric m : kSlaMetrics) {
                if (open(m))
                    close(*open(m), e.at, SlaTimerState::Stopped);
            }
        }
        break;
    case SlaEvent::Type::Status: {
        if (e.status == m_status)
            break;
        const bool wasStop = m_policy.isStop(m_status);
        m_status = e.status;
        setAccruing(!m_policy.isPause(e.status), e.at);
        if (m_policy.isStop(e.status)) {
            for (const SlaMetric m : kSlaMetrics) {
                if (open(m))
                    close(*open(m), e.at, SlaTimerState::Stopped);
            }
        } else if (wasStop && !open(SlaMetric::Resolution)) {
            // A reopen. Response timers are not revived: the requester's next message starts a
            // next-response cycle as usual — or the reopen itself does, when the requester wrote
            // while the ticket was stopped (the usual case: their message reopens it).
            if (m_unansweredWhileStopped && m_hadAgentReply && !open(SlaMetric::NextResponse))
                start(SlaMetric::NextResponse, e.at);
            m_unansweredWhileStopped = false;
            if (m_policy.onReopen == OnReopen::NewCycle) {
                start(SlaMetric::Resolution, e.at);
            } else if (m_policy.onReopen == OnReopen::Resume) {
                for (size_t i = m_cycles.size(); i-- > 0;) {
                    if (m_cycles[i].metric == SlaMetric::Resolution) {
                        resume(i, e.at);
                        break;
                    }
                }
            }
        }
        break;
    }
    case SlaEvent::Type::Reply:
        if (!e.isPublic)
            break;
        if (e.fromAgent) {
            for (const SlaMetric m : {SlaMetric::FirstResponse, SlaMetric::NextResponse}) {
                if (open(m))
                    close(*open(m), e.at, SlaTimerState::Stopped);
            }
            m_hadAgentReply = true;
            m_unansweredWhileStopped = false;
        } else if (m_policy.isStop(m_status)) {
            // A requester's "thanks" on a resolved or closed ticket starts nothing: every timer is
            // stopped there, and a ticket that stays closed owes no answer (the timer would run, and
            // breach, forever). A reopen starts the cycle (above).
            m_unansweredWhileStopped = true;
        } else if (m_hadAgentReply && !open(SlaMetric::NextResponse)) {
            start(SlaMetric::NextResponse, e.at);
        }
        break;
    case SlaEvent::Type::PriorityChange:
        if (e.priority == m_priority)
            break;
        if (m_policy.onPriorityChange == OnPriorityChange::Restart) {
            for (const SlaMetric m : kSlaMetrics) {
                if (!open(m))
                    continue;
                close(*open(m), e.at, SlaTimerState::Cancelled); // judged by the old priority's target
                start(m, e.at);
            }
        }
        m_priority = e.priority;
        break;
    }
}

void Replay::finish(qint64 now)
{
    for (Cycle &c : m_cycles) {
        if (c.segmentStart) {
            c.segments.emplace_back(*c.segmentStart, now);
            c.segmentStart.reset();
        }
    }
}

// Accrued business time per running stretch, and where thresholds fall on it.
class BusinessClock
{
public:
    BusinessClock(const BusinessCalendar &calendar, const Cycle &cycle)
        : m_calendar(calendar)
        , m_cycle(cycle)
    {
        for (const auto &[a, b] : cycle.segments) {
            m_perSegment.push_back(calendar.businessMsBetween(a, b));
            m_total += m_perSegment.back();
        }
    }

    qint64 total() const { return m_total; }

    // The first instant at which accrued time reaches `threshold` (<= total).
    std::optional<qint64> reachedAt(qint64 threshold) const
    {
        if (threshold <= 0)
            return m_cycle.startedAt;
        qint64 cum = 0;
        for (size_t i = 0; i < m_perSegment.size(); ++i) {
            if (cum + m_perSegment[i] >= threshold)
                return m_calendar.addBusinessMs(m_cycle.segments[i].first, threshold - cum);
            cum += m_perSegment[i];
        }
        return std::nullopt;
    }

    // reachedAt for reached thresholds; otherwise the instant it would be reached if the clock
    // kept running from `end`.
    std::optional<qint64> instantOf(qint64 threshold, qint64 end) const
    {
        if (threshold <= m_total)
            return reachedAt(threshold);
        return m_calendar.addBusinessMs(end, threshold - m_total);
    }

private:
    const BusinessCalendar &m_calendar;
    const Cycle &m_cycle;
    std::vector<qint64> m_perSegment;
    qint64 m_total = 0;
};

SlaTimer judge(const BusinessCalendar &calendar, const SlaPolicy &policy, const Cycle &c,
    double targetMinutes, qint64 now)
{
    SlaTimer t;
    t.metric = c.metric;
    t.cycle = c.index;
    t.state = c.state;
    t.targetMinutes = targetMinutes;
    t.startedAt = c.startedAt;
    t.stoppedAt = c.stoppedAt;
    const qint64 end = c.stoppedAt.value_or(now);
    const qint64 targetMs = std::llround(targetMinutes * 60'000.0);

    const BusinessClock clock(calendar, c);
    t.businessElapsedMs = clock.total();
    t.calendarElapsedMs = end - c.startedAt;
    t.remainingMs = targetMs - t.businessElapsedMs;
    t.elapsedPercent = std::round(double(t.businessElapsedMs) / double(targetMs) * 10'000.0) / 100.0;

    const bool reached = t.businessElapsedMs >= targetMs;
    const bool paused = c.state == SlaTimerState::Paused;
    if (reached || !paused)
        t.due = clock.instantOf(targetMs, end);
    if (reached && t.due && end > *t.due) {
        t.breached = true;
        t.breachedAt = t.due;
    }
    if (paused)
        t.due.reset();

    // Marks: reached ones for every cycle, upcoming ones only while the clock runs.
    const bool running = c.state == SlaTimerState::Running;
    auto add = [&](SlaMark m) {
        const bool isReached = t.businessElapsedMs >= m.thresholdMs;
        if (!isReached && !running)
            return;
        const auto at = clock.instantOf(m.thresholdMs, end);
        if (!at)
            return;
        m.at = *at;
        m.reached = isReached;
        t.marks.push_back(m);
    };
    std::vector<SlaMark> warnings;
    for (const double p : policy.warnAtPercent)
        warnings.push_back(
            {SlaMark::Kind::Warning, p, 0, {}, 0, false, std::llround(double(targetMs) * p / 100.0)});
    for (const double before : policy.warnBeforeMinutes) {
        const qint64 threshold = std::max<qint64>(0, targetMs - std::llround(before * 60'000.0));
        warnings.push_back({SlaMark::Kind::Warning, 0, before, {}, 0, false, threshold});
    }
    std::stable_sort(warnings.begin(), warnings.end(),
        [](const SlaMark &a, const SlaMark &b) { return a.thresholdMs < b.thresholdMs; });
    for (const SlaMark &w : warnings)
        add(w);
    for (const EscalationLevel &level : policy.escalations) {
        if (!level.metric || *level.metric == c.metric) {
            add({SlaMark::Kind::Escalation, level.percent, 0, level.action, 0, false,
                std::llround(double(targetMs) * level.percent / 100.0)});
        }
    }
    add({SlaMark::Kind::Breach, 100, 0, {}, 0, false, targetMs});
    return t;
}

} // namespace

std::vector<SlaTimer> SlaEngine::evaluate(const BusinessCalendar &calendar, const SlaPolicy &policy,
    const std::vector<SlaEvent> &events, qint64 now)
{
    Replay replay(policy);
    for (const SlaEvent &e : events) {
        if (e.at > now)
            break;
        replay.apply(e);
    }
    replay.finish(now);

    std::vector<SlaTimer> out;
    for (const Cycle &c : replay.cycles()) {
        // keep_start: an open cycle is judged by the current priority's target as if it had
        // applied from the start; a closed one keeps the target it was closed under.
        const Priority p = c.stoppedAt ? c.priorityAtStop : replay.priority();
        const auto target = policy.targetMinutes(c.metric, p);
        if (target)
            out.push_back(judge(calendar, policy, c, *target, now));
    }
    std::stable_sort(out.begin(), out.end(), [](const SlaTimer &a, const SlaTimer &b) {
        return a.metric != b.metric ? a.metric < b.metric : a.cycle < b.cycle;
    });
    return out;
}

} // namespace triage
