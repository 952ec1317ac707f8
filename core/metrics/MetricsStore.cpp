#include "MetricsStore.h"

#include "TextKey.h"

namespace triage {

MetricsStore::MetricsStore(BusinessCalendar calendar, SlaPolicy policy)
    : m_calendar(std::move(calendar))
    , m_policy(std::move(policy))
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
    // The text served its purpose; the ticket cache keeps it (a million titles cost ~200 MB here).
    ticket.title.clear();
    ticket.description.clear();
    ticket.events.shrink_to_fit();
    m_facts.push_back(factsOf(ticket));
    m_byId.insert(ticket.id, qsizetype(m_tickets.size()));
    m_tickets.push_back(std::move(ticket));
    return qsizetype(m_tickets.size() - 1);
}

void MetricsStore::appendEvent(qsizetype index, const MetricEvent &event)
{
    TicketHistory &t = m_tickets[size_t(index)];
    t.events.push_back(event);
    m_facts[size_t(index)] = factsOf(t);
}

void MetricsStore::replaceEvents(qsizetype index, std::vector<MetricEvent> events)
{
    TicketHistory &t = m_tickets[size_t(index)];
    t.events = std::move(events);
    t.events.shrink_to_fit();
    m_facts[size_t(index)] = factsOf(t);
}

void MetricsStore::setGroupCalendar(const QString &groupName, BusinessCalendar calendar)
{
    m_groupCalendars.insert_or_assign(groupIndex(groupName), std::move(calendar));
    for (size_t i = 0; i < m_tickets.size(); ++i)
        m_facts[i] = factsOf(m_tickets[i]);
}

const BusinessCalendar &MetricsStore::calendarFor(int group) const
{
    const auto it = m_groupCalendars.find(group);
    return it != m_groupCalendars.end() ? it->second : m_calendar;
}

const BusinessCalendar &MetricsStore::calendarOf(const TicketHistory &t, qint64 asOf) const
{
    if (m_groupCalendars.empty())
        return m_calendar;
    int group = -1;
    for (const MetricEvent &e : t.events) {
        if (e.at >= asOf)
            break;
        if (e.kind == MetricEvent::Kind::Created || e.kind == MetricEvent::Kind::Group)
            group = e.group;
    }
    return calendarFor(group);
}

TicketFacts MetricsStore::factsOf(const TicketHistory &t, qint64 asOf) const
{
    return TicketFacts::compute(t, calendarOf(t, asOf), m_policy, asOf);
}

const TicketFacts &MetricsStore::factsAsOf(qsizetype i, qint64 asOf, TicketFacts &scratch) const
{
    const TicketHistory &t = m_tickets[size_t(i)];
    if (t.lastEventAt() < asOf)
        return m_facts[size_t(i)];
    scratch = factsOf(t, asOf);
    return scratch;
}

} // namespace triage
