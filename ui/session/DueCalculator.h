#pragma once

#include "common/SlaStyle.h"
#include "domain/Enums.h"
#include "sla/BusinessCalendar.h"
#include "sla/SlaPolicy.h"

#include <array>
#include <optional>

namespace triage {

// The fixed resolution due instant of a ticket, for sorting and for the live countdown. Uses the
// SLA engine's calendar and policy types. The cache does not hold the ticket event log yet, so
// paused time is not subtracted: a ticket in a pause status shows "paused" instead of a due time.
class DueCalculator
{
public:
    DueCalculator(); // 24x7; critical 4 h, high 8 h, normal 24 h, low 72 h
    DueCalculator(BusinessCalendar calendar, SlaPolicy policy);

    static SlaPolicy defaultPolicy();

    qint64 dueAt(qint64 createdAt, Priority priority, TicketStatus status) const;
    bool isPaused(TicketStatus status) const;

private:
    void precompute();

    BusinessCalendar m_calendar;
    SlaPolicy m_policy;
    // By TicketStatus and Priority: the policy's answers, so 100k rows never build wire strings.
    std::array<bool, 5> m_paused {};
    std::array<bool, 5> m_stopped {};
    std::array<std::optional<double>, 4> m_targetMinutes {};
};

} // namespace triage
