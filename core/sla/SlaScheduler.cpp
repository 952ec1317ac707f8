#include "SlaScheduler.h"

#include <algorithm>
#include <cmath>

namespace triage {

quint64 SlaTransition::key() const
{
    // metric 2 bits | kind 2 | action 2 | cycle 16 | threshold in 1/100 (percent or minutes) 40.
    const auto threshold
        = quint64(std::llround((beforeMinutes > 0 ? beforeMinutes : percent) * 100.0)) & 0xFF'FFFF'FFFFULL;
    return quint64(metric) << 62 | quint64(kind) << 60 | quint64(action) << 58
        | (quint64(cycle) & 0xFFFF) << 42 | (beforeMinutes > 0 ? 1ULL << 41 : 0) | threshold;
}

std::vector<SlaTransition> slaTransitions(
    const QString &ticketId, const std::vector<SlaTimer> &timers, qint64 since)
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

int SlaScheduler::slotFor(const QString &ticketId)
{
    const auto found = m_slotById.constFind(ticketId);
    if (found != m_slotById.cend())
        return found.value();
    int slot;
    if (!m_freeSlots.empty()) {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
    } else {
        slot = int(m_slots.size());
        m_slots.emplace_back();
    }
    m_slots[size_t(slot)].id = ticketId;
    m_slotById.insert(ticketId, slot);
    return slot;
}

void SlaScheduler::release(int slot)
{
    Ticket &ticket = m_slots[size_t(slot)];
    for (const auto &it : ticket.pending)
        m_queue.erase(it);
    m_slotById.remove(ticket.id);
    ticket = Ticket();
    m_freeSlots.push_back(slot);
}

void SlaScheduler::upsert(const QString &ticketId, const std::vector<SlaTransition> &transitions)
{
    const int slot = slotFor(ticketId);
    Ticket &ticket = m_slots[size_t(slot)];
    for (const auto &it : ticket.pending)
        m_queue.erase(it);
    ticket.pending.clear();
    for (const SlaTransition &t : transitions) {
        if (std::find(ticket.fired.begin(), ticket.fired.end(), t.key()) != ticket.fired.end())
            continue;
        Entry e {slot, t};
        e.transition.ticketId = ticketId;
        ticket.pending.push_back(m_queue.emplace(t.at, std::move(e)));
    }
    if (ticket.pending.empty() && ticket.fired.empty())
        release(slot);
}

void SlaScheduler::remove(const QString &ticketId)
{
    const auto found = m_slotById.constFind(ticketId);
    if (found != m_slotById.cend())
        release(found.value());
}

void SlaScheduler::clear()
{
    m_queue.clear();
    m_slotById.clear();
    m_slots.clear();
    m_freeSlots.clear();
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
    const auto end = m_queue.upper_bound(now);
    for (auto it = m_queue.begin(); it != end;) {
        Ticket &ticket = m_slots[size_t(it->second.slot)];
        const auto pos = std::find(ticket.pending.begin(), ticket.pending.end(), it);
        *pos = ticket.pending.back();
        ticket.pending.pop_back();
        SlaTransition &t = it->second.transition;
        ticket.fired.push_back(t.key());
        t.detectedAt = now;
        due.push_back(std::move(t));
        it = m_queue.erase(it);
    }
    return due;
}

} // namespace triage
