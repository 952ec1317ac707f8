#include "DueCalculator.h"

namespace triage {

DueCalculator::DueCalculator()
    : m_policy(defaultPolicy())
{
    precompute();
}

DueCalculator::DueCalculator(BusinessCalendar calendar, SlaPolicy policy)
    : m_calendar(std::move(calendar))
    , m_policy(std::move(policy))
{
    precompute();
}

void DueCalculator::precompute()
{
    for (auto s : {TicketStatus::New, TicketStatus::InProgress, TicketStatus::Waiting, TicketStatus::Resolved,
             TicketStatus::Closed}) {
        m_paused[static_cast<size_t>(s)] = m_policy.isPause(toWire(s));
        m_stopped[static_cast<size_t>(s)] = m_policy.isStop(toWire(s));
    }
    for (auto p : {Priority::Critical, Priority::High, Priority::Normal, Priority::Low})
        m_targetMinutes[static_cast<size_t>(p)] = m_policy.targetMinutes(SlaMetric::Resolution, p);
}

SlaPolicy DueCalculator::defaultPolicy()
{
    SlaPolicy p;
    const auto resolution = static_cast<size_t>(SlaMetric::Resolution);
    const std::array<double, 4> minutes {4 * 60, 8 * 60, 24 * 60, 72 * 60}; // by Priority
    for (size_t i = 0; i < minutes.size(); ++i)
        p.targetsByPriority[i][resolution] = minutes[i];
    p.warnAtPercent = {75, 90};
    return p;
}

qint64 DueCalculator::dueAt(qint64 createdAt, Priority priority, TicketStatus status) const
{
    if (m_paused[static_cast<size_t>(status)] || m_stopped[static_cast<size_t>(status)])
        return kNoDue;
    const auto &target = m_targetMinutes[static_cast<size_t>(priority)];
    if (!target)
        return kNoDue;
    if (m_calendar.is24x7())
        return createdAt + static_cast<qint64>(*target * 60000.0);
    return m_calendar.addBusinessMinutes(createdAt, *target).value_or(kNoDue);
}

bool DueCalculator::isPaused(TicketStatus status) const
{
    return m_paused[static_cast<size_t>(status)];
}

} // namespace triage
