#pragma once

#include "domain/Ticket.h"
#include "sla/BusinessCalendar.h"
#include "sla/SlaEngine.h"
#include "sla/SlaEvent.h"
#include "sla/SlaPolicy.h"
#include "sla/SlaPolicySet.h"
#include "storage/ServerDatabase.h"
#include "storage/SlaSourceStore.h"

#include <QHash>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace triage::server {

// The `sla` object of the REST ticket representation (docs/sla.md "Where it runs"): the ticket's
// event log (created, status and priority history, comments) replayed by SlaEngine with the
// calendar and policy that apply. One instance per request; it caches what it loads (calendars,
// the stored policies, authors' roles), so a list page evaluates every ticket with one setup.
class TicketSla
{
public:
    explicit TicketSla(ServerDatabase &db);

    // Used when no stored SLA policy applies (SlaPolicySet::builtInDefault()).
    static SlaPolicy defaultPolicy() { return SlaPolicySet::builtInDefault(); }

    // Every stored policy with its `applies_to`; select() picks one per ticket.
    const SlaPolicySet &policies() const { return m_policies; }
    // The policy for `ticket` evaluated at `now` over `events` (docs/sla.md "Policy selection").
    const SlaPolicy &policyFor(const Ticket &ticket, const std::vector<SlaEvent> &events, qint64 now,
        QString *policyId = nullptr) const;
    // The group's calendar, else the first stored calendar that parses (by id), else 24×7 UTC.
    const BusinessCalendar &calendarFor(const QString &groupId);
    std::vector<SlaEvent> events(const Ticket &ticket);
    // Reads the event sources (history rows, comments) of these tickets with two queries; the next
    // events() of each of them answers from memory (SlaSweeper's batches).
    void preload(const QStringList &ticketIds);
    std::vector<SlaTimer> timers(const Ticket &ticket, qint64 now);
    // {"evaluated_at", "first_response": {...}|null, "next_response": ..., "resolution": ...}
    // `timers` (optional) receives the evaluation.
    QJsonObject toJson(const Ticket &ticket, qint64 now, std::vector<SlaTimer> *timers = nullptr);

    // A stored ticket document (JSON) with its `sla` object added.
    QByteArray withSla(const QByteArray &data, qint64 now);

    // The per-metric object of the current (latest) cycle.
    static QJsonObject timerJson(const SlaTimer &timer, bool withinCalendar);

private:
    std::vector<SlaEvent> assemble(const Ticket &ticket, const SlaSources &raw);
    bool isStaff(const QString &userId);

    ServerDatabase &m_db;
    SlaPolicySet m_policies;
    std::optional<BusinessCalendar> m_fallback;
    QHash<QString, BusinessCalendar> m_byGroup;
    QHash<QString, bool> m_staff;
    QHash<QString, SlaSources> m_preloaded;
};

} // namespace triage::server
