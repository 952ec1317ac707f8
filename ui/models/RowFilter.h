#pragma once

#include "TicketCache.h"
#include "domain/TicketFilter.h"

#include <QSet>

namespace triage {

// A TicketFilter compiled against the directory indices: bit masks and small integers, so a
// 100k-row pass costs a few milliseconds. Text search is not part of it (see QueueModel).
class RowFilter
{
public:
    RowFilter() = default;
    RowFilter(const TicketFilter &filter, const QString &meId, DirectoryIndex *directory);

    bool matches(const TicketRow &row, qint64 now) const;

private:
    quint32 m_statuses = ~0u;
    quint32 m_priorities = ~0u;
    quint32 m_types = ~0u;
    QSet<quint16> m_groups;
    TicketFilter::Assignee m_assigneeMode = TicketFilter::Assignee::Any;
    quint16 m_assignee = 0;
    quint16 m_requester = 0;
    bool m_anyRequester = true;
    qint64 m_breachingWithinMs = 0;
};

// Sort order over rows: a column-independent key (the saved view's) or a queue column.
struct RowOrder {
    enum class Key { Due, Updated, Created, Priority, Number, Title, Requester, Status, Assignee, Group };
    Key key = Key::Due;
    bool descending = false;

    static RowOrder fromFilter(const TicketFilter &f);
};

// Strict weak ordering for RowOrder; ties broken by number then id so the order is total.
class RowLess
{
public:
    RowLess(const TicketCache *cache, RowOrder order);
    bool operator()(int a, int b) const;

private:
    bool less(const TicketRow &a, const TicketRow &b) const;
    const TicketCache *m_cache;
    RowOrder m_order;
};

} // namespace triage
