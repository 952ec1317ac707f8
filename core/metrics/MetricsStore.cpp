#include "MetricsStore.h"

#include "TextKey.h"

#include <algorithm>

namespace triage {

namespace {

SlaPolicySet singlePolicy(SlaPolicy policy)
{
    SlaPolicyEntry only; // no id, no applies_to: a catch-all, so the built-in default never applies
    only.policy = std::move(policy);
    SlaPolicySet set;
    set.add(std::move(only));
    return set;
}

} // namespace

MetricsStore::MetricsStore(BusinessCalendar calendar, SlaPolicy policy)
    : MetricsStore(std::move(calendar), singlePolicy(std::move(policy)))
{ }

MetricsStore::MetricsStore(BusinessCalendar calendar, SlaPolicySet policies)
    : m_calendar(std::move(calendar))
    , m_policies(std::move(policies))
{ }

int MetricsStore::agentIndex(const QString &name)
{
    if (name.isEmpty())
        return -1;
    const qsizetype i = m_agents.indexOf(name);
    if (i >= 0)
        return int(i);
    m_agents << name;
    return int(m_agents.size() - 1);
}

int MetricsStore::groupIndex(const QString &name)
{
    if (name.isEmpty())
        return -1;
    const qsizetype i = m_groups.indexOf(name);
    if (i >= 0)
        return int(i);
    m_groups << name;
    return int(m_groups.size() - 1);
}

qsizetype MetricsStore::addTicket(TicketHistory ticket)
{
    if (!ticket.title.isEmpty()) {
        const QString memoKey = ticket.category + u'\x1f' + TextKey::withoutDigits(ticket.title);
        const auto memo = m_textMemo.constFind(memoKey);
        if (memo != m_textMemo.constEnd()) {
            ticket.textKey = *memo;
        } else {
            const TextKey k = TextKey::of(TextKey::withoutDigits(ticket.title), ticket.category);
            ticket.textKey = k.key;
            m_textMemo.insert(memoKey, k.key);
            if (k.key)
                m_textLabels.insert(k.key, k.label);
        }
    }
    // The text served its purpose (the ticket cache keeps it; a million titles cost ~200 MB here):
    // only the TicketLog part is stored.
    if (const auto c = m_categories.constFind(ticket.category); c != m_categories.constEnd())
        ticket.category = *c;
    else
        m_categories.insert(ticket.category);
    ticket.events.shrink_to_fit();
    m_facts.push_back(factsOf(ticket));
    m_tickets.push_back(std::move(static_cast<TicketLog &>(ticket)));
    indexId(qsizetype(m_tickets.size() - 1));
    return qsizetype(m_tickets.size() - 1);
}

qsizetype MetricsStore::find(const QString &id) const
{
    if (m_idSlots.empty())
        return -1;
    const size_t mask = m_idSlots.size() - 1;
    for (size_t pos = qHash(id) & mask;; pos = (pos + 1) & mask) {
        const qint32 slot = m_idSlots[pos];
        if (slot < 0)
            return -1;
        if (m_tickets[size_t(slot)].id == id)
            return slot;
    }
}

void MetricsStore::indexId(qsizetype index)
{
    if (size_t(m_tickets.size()) * 2 > m_idSlots.size()) {
        // Double (from 1024) and put every ticket back; the last of equal ids wins, as before.
        m_idSlots.assign(std::max<size_t>(1024, m_idSlots.size() * 2), -1);
        for (qsizetype i = 0; i < index; ++i)
            indexId(i);
    }
    const size_t mask = m_idSlots.size() - 1;
    const QString &id = m_tickets[size_t(index)].id;
    for (size_t pos = qHash(id) & mask;; pos = (pos + 1) & mask) {
        qint32 &slot = m_idSlots[pos];
        if (slot < 0 || m_tickets[size_t(slot)].id == id) {
            slot = qint32(index);
            return;
        }
    }
}

void MetricsStore::appendEvent(qsizetype index, const MetricEvent &event)
{
    TicketLog &t = m_tickets[size_t(index)];
    t.events.push_back(event);
    m_facts[size_t(index)] = factsOf(t);
}

void MetricsStore::replaceEvents(qsizetype index, std::vector<MetricEvent> events)
{
    TicketLog &t = m_tickets[size_t(index)];
    t.events = std::move(events);
    t.events.shrink_to_fit();
    m_facts[size_t(index)] = factsOf(t);
}

void MetricsStore::recomputeAll()
{
    for (size_t i = 0; i < m_tickets.size(); ++i)
        m_facts[i] = factsOf(m_tickets[i]);
}

void MetricsStore::setGroupCalendar(const QString &groupName, BusinessCalendar calendar)
{
    m_groupCalendars.insert_or_assign(groupIndex(groupName), std::move(calendar));
    recomputeAll();
}

void MetricsStore::setGroupId(const QString &groupName, const QString &groupId)
{
    if (groupName.isEmpty() || groupId.isEmpty())
        return;
    m_groupIds.insert(groupName, groupId);
    recomputeAll();
}

QString MetricsStore::groupKey(int group) const
{
    if (group < 0 || group >= m_groups.size())
        return {};
    const QString &name = m_groups.at(group);
    return m_groupIds.value(name, name);
}

const BusinessCalendar &MetricsStore::calendarFor(int group) const
{
    const auto it = m_groupCalendars.find(group);
    return it != m_groupCalendars.end() ? it->second : m_calendar;
}

MetricsStore::StateAt MetricsStore::stateAt(const TicketLog &t, qint64 asOf)
{
    StateAt s;
    for (const MetricEvent &e : t.events) {
        if (e.at >= asOf && e.kind != MetricEvent::Kind::Created)
            break;
        switch (e.kind) {
        case MetricEvent::Kind::Created:
            s.group = e.group;
            s.priority = e.priority;
            break;
        case MetricEvent::Kind::Group:
            s.group = e.group;
            break;
        case MetricEvent::Kind::Priority:
            s.priority = e.priority;
            break;
        default:
            break;
        }
    }
    return s;
}

TicketFacts MetricsStore::factsOf(const TicketLog &t, qint64 asOf) const
{
    const StateAt s = stateAt(t, asOf);
    // SlaPolicySet's selection, as triaged's TicketSla::policyFor and the console's TicketSlaState.
    const SlaPolicy &policy = m_policies.select(s.priority, t.type, groupKey(s.group));
    return TicketFacts::compute(t, calendarFor(s.group), policy, asOf);
}

QString MetricsStore::policyIdOf(qsizetype i, qint64 asOf) const
{
    const TicketLog &t = m_tickets[size_t(i)];
    const StateAt s = stateAt(t, asOf);
    return m_policies.selectId(s.priority, t.type, groupKey(s.group));
}

const TicketFacts &MetricsStore::factsAsOf(qsizetype i, qint64 asOf, TicketFacts &scratch) const
{
    const TicketLog &t = m_tickets[size_t(i)];
    if (t.lastEventAt() < asOf)
        return m_facts[size_t(i)];
    scratch = factsOf(t, asOf);
    return scratch;
}

} // namespace triage
