#include "RowFilter.h"

#include "session/DirectoryIndex.h"

namespace triage {

namespace {
template<typename E> quint32 maskOf(const QList<E> &values)
{
    if (values.isEmpty())
        return ~0u;
    quint32 m = 0;
    for (auto v : values)
        m |= 1u << static_cast<int>(v);
    return m;
}
template<typename E> bool inMask(quint32 mask, E v)
{
    return mask & (1u << static_cast<int>(v));
}
} // namespace

RowFilter::RowFilter(const TicketFilter &f, const QString &meId, DirectoryIndex *directory)
    : m_statuses(maskOf(f.statuses))
    , m_priorities(maskOf(f.priorities))
    , m_types(maskOf(f.types))
    , m_assigneeMode(f.assignee)
    , m_breachingWithinMs(static_cast<qint64>(f.breachingWithinMinutes) * 60000)
{
    for (const auto &g : f.groupIds)
        m_groups.insert(directory->groupIndex(g));
    if (m_assigneeMode == TicketFilter::Assignee::Me)
        m_assignee = meId.isEmpty() ? 0xFFFF : directory->userIndex(meId);
    else if (m_assigneeMode == TicketFilter::Assignee::Specific)
        m_assignee = directory->userIndex(f.assigneeId);
    if (!f.requesterId.isEmpty()) {
        m_anyRequester = false;
        m_requester = directory->userIndex(f.requesterId);
    }
}

bool RowFilter::matches(const TicketRow &r, qint64 now) const
{
    if (r.deleted || !inMask(m_statuses, r.status) || !inMask(m_priorities, r.priority)
        || !inMask(m_types, r.type))
        return false;
    if (!m_groups.isEmpty() && !m_groups.contains(r.group))
        return false;
    switch (m_assigneeMode) {
    case TicketFilter::Assignee::Any:
        break;
    case TicketFilter::Assignee::Unassigned:
        if (r.assignee != 0)
            return false;
        break;
    case TicketFilter::Assignee::Me:
    case TicketFilter::Assignee::Specific:
        if (r.assignee != m_assignee)
            return false;
        break;
    }
    if (!m_anyRequester && r.requester != m_requester)
        return false;
    if (m_breachingWithinMs > 0 && (r.paused || r.dueAt - now > m_breachingWithinMs))
        return false;
    return true;
}

RowOrder RowOrder::fromFilter(const TicketFilter &f)
{
    RowOrder o;
    o.descending = f.descending;
    switch (f.sortKey) {
    case TicketFilter::SortKey::Due:
        o.key = Key::Due;
        break;
    case TicketFilter::SortKey::Updated:
        o.key = Key::Updated;
        break;
    case TicketFilter::SortKey::Created:
        o.key = Key::Created;
        break;
    case TicketFilter::SortKey::Priority:
        o.key = Key::Priority;
        break;
    case TicketFilter::SortKey::Number:
        o.key = Key::Number;
        break;
    }
    return o;
}

RowLess::RowLess(const TicketCache *cache, RowOrder order)
    : m_cache(cache)
    , m_order(order)
{ }

bool RowLess::operator()(int a, int b) const
{
    const TicketRow &ra = m_cache->row(a);
    const TicketRow &rb = m_cache->row(b);
    if (less(ra, rb))
        return !m_order.descending;
    if (less(rb, ra))
        return m_order.descending;
    // Tie: newest number first is not what people expect in a queue; lowest number first, then id.
    if (ra.number != rb.number)
        return ra.number < rb.number;
    return a < b;
}

bool RowLess::less(const TicketRow &a, const TicketRow &b) const
{
    using K = RowOrder::Key;
    const DirectoryIndex *d = m_cache->directory();
    switch (m_order.key) {
    case K::Due:
        // Paused and SLA-less tickets go last whatever the direction of the rest.
        return a.dueAt < b.dueAt;
    case K::Updated:
        return a.updatedAt < b.updatedAt;
    case K::Created:
        return a.createdAt < b.createdAt;
    case K::Priority:
        return priorityRank(a.priority) != priorityRank(b.priority)
            ? priorityRank(a.priority) < priorityRank(b.priority)
            : a.dueAt < b.dueAt;
    case K::Number:
        // Pending (unnumbered) tickets are the newest: after every numbered one.
        return (a.number ? a.number : std::numeric_limits<qint64>::max())
            < (b.number ? b.number : std::numeric_limits<qint64>::max());
    case K::Title:
        return a.title.compare(b.title, Qt::CaseInsensitive) < 0;
    case K::Requester:
        return a.requester != b.requester
            && d->user(a.requester).displayName.compare(d->user(b.requester).displayName, Qt::CaseInsensitive)
            < 0;
    case K::Status:
        return static_cast<int>(a.status) < static_cast<int>(b.status);
    case K::Assignee:
        return a.assignee != b.assignee
            && d->user(a.assignee).displayName.compare(d->user(b.assignee).displayName, Qt::CaseInsensitive)
            < 0;
    case K::Group:
        return a.group != b.group
            && d->group(a.group).name.compare(d->group(b.group).name, Qt::CaseInsensitive) < 0;
    }
    return false;
}

} // namespace triage
