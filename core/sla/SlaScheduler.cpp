#include "SlaScheduler.h"

#include <algorithm>
#include <cmath>

namespace triage {

quint64 SlaTransition::key() const
{
    // metric 2 bits | kind 2 | action 2 | cycle 16 | threshold in 1/100 (percent or minutes) 40.
    const auto threshold = quint64(std::llround((beforeMinutes > 0 ? beforeMinutes : percent) * 100.0)) & 0xFF'FFFF'FFFFULL;
    return quint64(metric) << 62 | quint64(kind) << 60 | quint64(action) << 58 | (quint64(cycle) & 0xFFFF) << 42
        | (beforeMinutes > 0 ? 1ULL << 41 : 0) | threshold;
}

std::vector<SlaTransition> slaTransitions(const QString &ticketId, const std::vector<SlaTimer> &timers, qint64 since)
{
    std::vector<SlaTransition> out;
    for (const SlaTimer &t : timers) {
        if (t.state != SlaTimerState::Running)
            continue; // a paused or stopped clock has nothing upcoming
        for (const SlaMark &m : t.marks) {
            if (m.at <= since)
                continue;
            SlaTransition tr;
            tr.ticketId = ticketId;
            tr.metric = t.metric;
            tr.cycle = t.cycle;
            tr.kind = m.kind;
            tr.percent = m.percent;
            tr.beforeMinutes = m.beforeMinutes;
            tr.action = m.action;
            tr.at = m.at;
            out.push_back(tr);
        }
    }
    return out;
}

void SlaScheduler::upsert(const QString &ticketId, const std::vector<SlaTransition> &transitions)
{
    Ticket &ticket = m_tickets[ticketId];
    for (const auto &it : ticket.pending)
        m_queue.erase(it);
    ticket.pending.clear();
    for (const SlaTransition &t : transitions) {
        if (ticket.fired.contains(t.key()))
            continue;
        SlaTransition copy = t;
        copy.ticketId = ticketId;
        ticket.pending.push_back(m_queue.emplace(t.at, std::move(copy)));
    }
    if (ticket.pending.empty() && ticket.fired.isEmpty())
        m_tickets.remove(ticketId);
}

void SlaScheduler::remove(const QString &ticketId)
{
    const auto found = m_tickets.find(ticketId);
    if (found == m_tickets.end())
        return;
    for (const auto &it : found->pending)
        m_queue.erase(it);
    m_tickets.erase(found);
}

void SlaScheduler::clear()
{
    m_queue.clear();
    m_tickets.clear();
}

std::optional<qint64> SlaScheduler::nextWakeUp() const
{
    if (m_queue.empty())
        return std::nullopt;
    return m_queue.begin()->first;
}

std::vector<SlaTransition> SlaScheduler::takeDue(qint64 now)
{
    std::vector<SlaTransition> due;
    while (!m_queue.empty() && m_queue.begin()->first <= now) {
        const auto it = m_queue.begin();
        Ticket &ticket = m_tickets[it->second.ticketId];
        ticket.pending.erase(std::find(ticket.pending.begin(), ticket.pending.end(), it));
        ticket.fired.insert(it->second.key());
        SlaTransition t = std::move(it->second);
        t.detectedAt = now;
        due.push_back(std::move(t));
        m_queue.erase(it);
    }
    return due;
}

} // namespace triage
