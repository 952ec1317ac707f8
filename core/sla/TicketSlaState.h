#pragma once

#include "BusinessCalendar.h"
#include "SlaEngine.h"
#include "SlaEvent.h"
#include "SlaHistory.h"
#include "SlaPolicy.h"
#include "SlaPolicySet.h"
#include "SlaTypes.h"
#include "domain/SlaSnapshot.h"
#include "domain/TicketEvent.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <vector>

namespace triage {

struct Ticket;

// The SLA configuration a client holds (synced calendars, SLA policies, groups) and the one way
// every client turns a ticket's event log into SLA timers: the same SlaEngine and the same event
// mapping as triaged's `sla` object, so the console, triagectl and the server agree
// (tst_sla_cache compares them through a real server).
class TicketSlaState
{
public:
    TicketSlaState(); // no stored configuration: SlaPolicySet::builtInDefault(), 24×7 UTC

    // Synced documents: `calendar` {id, calendar}, `sla_policy` {id, policy}, `group` (Group JSON).
    // Unreadable documents are skipped (the server validated them; a newer format may differ).
    void setCalendars(const QList<QJsonObject> &docs);
    void setPolicies(const QList<QJsonObject> &docs);
    void setGroups(const QList<QJsonObject> &groups);

    // The group's calendar, else the first stored calendar that parses (by id), else 24×7 UTC.
    const BusinessCalendar &calendarFor(const QString &groupId) const;
    // SlaPolicySet::selectFor, as triaged's TicketSla::policyFor.
    const SlaPolicy &policyFor(const Ticket &ticket, const std::vector<SlaEvent> &events, qint64 now) const;

    // The ticket's SLA events: slaEventsFromHistory with SlaLogCoverage::MayLag (what is still
    // pending locally counts too). A ticket with no log yet (created offline, or a cache from
    // before logs were synced) starts from its current values.
    static std::vector<SlaEvent> events(
        const Ticket &ticket, const QList<TicketEvent> &history, const PendingSla &pending = {});

    std::vector<SlaTimer> timers(
        const Ticket &ticket, const QList<TicketEvent> &history, const PendingSla &pending, qint64 now) const;
    SlaSnapshot snapshot(
        const Ticket &ticket, const QList<TicketEvent> &history, const PendingSla &pending, qint64 now) const;
    // The snapshot of evaluated timers: the latest cycle of each metric.
    static SlaSnapshot snapshotOf(const std::vector<SlaTimer> &timers);

private:
    BusinessCalendar m_default;
    std::vector<std::pair<QString, BusinessCalendar>> m_calendars; // by id, in id order
    QHash<QString, QString> m_groupCalendar; // group id → calendar id
    SlaPolicySet m_policies;
};

// What a worker thread needs to derive snapshots on its own (the initial sync's page pipeline):
// the synced SLA documents and the pending replies, read from the cache on its own thread.
struct SlaInputs {
    QList<QJsonObject> calendars, policies, groups;
    QHash<QString, PendingSla> pending;

    // Folds a page's reference entities in (upsert or removal by id); true when an SLA-relevant
    // document (calendar, SLA policy, group) changed.
    bool absorb(
        const QList<QPair<QString, QJsonObject>> &entities, const QList<QPair<QString, QString>> &removed);
    TicketSlaState state() const;
};

} // namespace triage
