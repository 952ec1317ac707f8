#pragma once

#include "TicketFacts.h"
#include "TicketHistory.h"
#include "sla/BusinessCalendar.h"
#include "sla/SlaPolicy.h"
#include "sla/SlaPolicySet.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <unordered_map>
#include <vector>

namespace triage {

// Tickets with their event logs, the calendar and SLA policies they are measured against, and each
// ticket's cached facts. The one input of both the batch report and the live wall counters.
// Not thread-safe (the calendar caches): one store per thread.
class MetricsStore
{
public:
    // Every ticket measured against `policy` (a set holding it as its one catch-all).
    explicit MetricsStore(BusinessCalendar calendar = {}, SlaPolicy policy = {});
    // Each ticket measured against the policy `policies` selects for it (SlaPolicySet::select, the
    // rule of the ticket's own `sla` object): by its priority, type and group as of the report
    // instant (for the cached facts: its last event), so selected once per change of its log.
    MetricsStore(BusinessCalendar calendar, SlaPolicySet policies);

    const BusinessCalendar &calendar() const { return m_calendar; }
    const SlaPolicySet &policies() const { return m_policies; }
    // The group id a policy's `applies_to.groups` names the group by (groups are named here);
    // unset, the name itself. Setting one recomputes the facts (set before adding tickets).
    void setGroupId(const QString &groupName, const QString &groupId);
    QString groupKey(int group) const;
    // The id of the stored policy ticket `i` is measured against as of `asOf` (empty: the
    // built-in default, or the one policy of a single-policy store).
    QString policyIdOf(qsizetype i, qint64 asOf = std::numeric_limits<qint64>::max()) const;

    // Per-group business calendars, like the server's TicketSla::calendarFor: business durations
    // and SLA timers of a ticket use the calendar of its group as of the report instant (its last
    // event for the cached facts); tickets of other groups or none use calendar(). Local days and
    // hours of every report stay in calendar()'s zone. Setting one recomputes the facts.
    void setGroupCalendar(const QString &groupName, BusinessCalendar calendar);
    const BusinessCalendar &calendarFor(int group) const;
    bool hasGroupCalendars() const { return !m_groupCalendars.empty(); }

    // Name tables for the compact events; intern returns the index of an existing name.
    int agentIndex(const QString &name);
    int groupIndex(const QString &name);
    int findAgent(const QString &name) const { return int(m_agents.indexOf(name)); }
    int findGroup(const QString &name) const { return int(m_groups.indexOf(name)); }
    QString agentName(int index) const
    {
        return index >= 0 && index < m_agents.size() ? m_agents.at(index) : QString();
    }
    QString groupName(int index) const
    {
        return index >= 0 && index < m_groups.size() ? m_groups.at(index) : QString();
    }
    const QStringList &agentNames() const { return m_agents; }
    const QStringList &groupNames() const { return m_groups; }

    // Adds a ticket (events in time order, `created` first; checked by the JSON reader) and returns
    // its index. The text key for recurring issues is computed here, once; title and description
    // are not kept.
    qsizetype addTicket(TicketHistory ticket);
    // Appends one event to a ticket's log (not before its last event) and refreshes its facts.
    void appendEvent(qsizetype index, const MetricEvent &event);
    // Replaces a ticket's whole log (a server re-reading a changed ticket's history; an empty log
    // retires a deleted ticket: it no longer counts anywhere). The text key is kept.
    void replaceEvents(qsizetype index, std::vector<MetricEvent> events);
    qsizetype find(const QString &id) const;

    qsizetype size() const { return qsizetype(m_tickets.size()); }
    const TicketLog &ticket(qsizetype i) const { return m_tickets[size_t(i)]; }
    const TicketFacts &facts(qsizetype i) const { return m_facts[size_t(i)]; }
    // Facts as known before `asOf`: the cached ones when the log ends earlier, else recomputed
    // into `scratch` (a report over a past period recomputes only tickets active after it).
    const TicketFacts &factsAsOf(qsizetype i, qint64 asOf, TicketFacts &scratch) const;
    // The words behind a text key, for showing a recurring-issue group.
    QString textLabel(quint64 key) const { return m_textLabels.value(key); }

private:
    // The ticket's group and priority as of `asOf`: the latest `created`/`group` and
    // `created`/`priority` events before it (slaPriorityAt's rule on the metrics' event log).
    struct StateAt {
        int group = -1;
        Priority priority = Priority::Normal;
    };
    static StateAt stateAt(const TicketLog &t, qint64 asOf);
    TicketFacts factsOf(const TicketLog &t, qint64 asOf = std::numeric_limits<qint64>::max()) const;
    void recomputeAll();
    void indexId(qsizetype index);

    BusinessCalendar m_calendar;
    std::unordered_map<int, BusinessCalendar> m_groupCalendars; // by group index
    SlaPolicySet m_policies;
    QHash<QString, QString> m_groupIds; // group name → id
    QStringList m_agents;
    QStringList m_groups;
    std::vector<TicketLog> m_tickets;
    std::vector<TicketFacts> m_facts;
    // Ticket id → index: open addressing over indexes (the ids live in m_tickets), 4 bytes a slot
    // at a load of at most one half — a QHash<QString, qsizetype> costs ~40 bytes a ticket.
    std::vector<qint32> m_idSlots;
    QSet<QString> m_categories; // interned: a million tickets share a few dozen category strings
    QHash<quint64, QString> m_textLabels;
    QHash<QString, quint64> m_textMemo; // digit-free text → key: many tickets share a text
};

} // namespace triage
