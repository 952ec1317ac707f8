#include "DueCalculator.h"

namespace triage {

DueCalculator::DueCalculator()
    : m_policy(defaultPolicy())
{
}

DueCalculator::DueCalculator(BusinessCalendar calendar, SlaPolicy policy)
    : m_calendar(std::move(calendar))
    , m_policy(std::move(policy))
{
}

SlaPolicy DueCalculator::defaultPolicy()
{
    SlaPolicy p;
    const auto resolution = static_cast<size_t>(SlaMetric::Resolution);
    const std::array<double, 4> minutes{4 * 60, 8 * 60, 24 * 60, 72 * 60}; // by Priority
    for (size_t i = 0; i < minutes.size(); ++i)
        p.targetsByPriority[i][resolution] = minutes[i];
    p.warnAtPercent = {75, 90};
    return p;
}

qint64 DueCalculator::dueAt(qint64 createdAt, Priority priority, TicketStatus status) const
{
    if (isPaused(status) || m_policy.isStop(toWire(status)))
        return kNoDue;
    const auto target = m_policy.targetMinutes(SlaMetric::Resolution, priority);
    if (!target)
        return kNoDue;
    return m_calendar.addBusinessMinutes(createdAt, *target).value_or(kNoDue);
}

bool DueCalculator::isPaused(TicketStatus status) const { return m_policy.isPause(toWire(status)); }

} // namespace triage
