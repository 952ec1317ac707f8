#pragma once

#include "domain/Ticket.h"
#include "sla/BusinessCalendar.h"
#include "sla/SlaEngine.h"
#include "sla/SlaEvent.h"
#include "sla/SlaPolicy.h"
#include "storage/Database.h"

#include <QHash>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace triage::server {

// The `sla` object of the REST ticket representation (docs/sla.md "Where it runs"): the ticket's
// event log (created, status and priority history, comments) replayed by SlaEngine with the
// calendar and policy that apply. One instance per request; it caches what it loads (calendars,
// the policy, authors' roles), so a list page evaluates every ticket with one setup.
class TicketSla
{
public:
    explicit TicketSla(Database &db);

    // Used when no SLA policy is stored: 24×7, first response / resolution critical 1 h / 4 h,
    // high 4 h / 8 h, normal 8 h / 24 h, low 24 h / 72 h; next response as first response; warnings
    // at 75 % and 90 % (TicketSlaState::defaultPolicy, shared with the console).
    static SlaPolicy defaultPolicy();

    const SlaPolicy &policy() const { return m_policy; }
    // The group's calendar, else the first stored calendar that parses (by id), else 24×7 UTC.
    const BusinessCalendar &calendarFor(const QString &groupId);
    std::vector<SlaEvent> events(const Ticket &ticket);
    std::vector<SlaTimer> timers(const Ticket &ticket, qint64 now);
    // {"evaluated_at", "first_response": {...}|null, "next_response": ..., "resolution": ...}
    // `timers` (optional) receives the evaluation.
    QJsonObject toJson(const Ticket &ticket, qint64 now, std::vector<SlaTimer> *timers = nullptr);

    // A stored ticket document (JSON) with its `sla` object added.
    QByteArray withSla(const QByteArray &data, qint64 now);

    // The per-metric object of the current (latest) cycle.
    static QJsonObject timerJson(const SlaTimer &timer, bool withinCalendar);

private:
    bool isStaff(const QString &userId);

    Database &m_db;
    SlaPolicy m_policy;
    std::optional<BusinessCalendar> m_fallback;
    QHash<QString, BusinessCalendar> m_byGroup;
    QHash<QString, bool> m_staff;
};

} // namespace triage::server
