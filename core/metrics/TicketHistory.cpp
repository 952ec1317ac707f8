#include "TicketHistory.h"

namespace triage {

MetricEvent MetricEvent::created(qint64 at, Priority p, int group, int assignee, TicketStatus s)
{
    MetricEvent e;
    e.at = at;
    e.kind = Kind::Created;
    e.priority = p;
    e.group = qint16(group);
    e.assignee = assignee;
    e.status = s;
    return e;
}

MetricEvent MetricEvent::statusChange(qint64 at, TicketStatus to)
{
    MetricEvent e;
    e.at = at;
    e.kind = Kind::Status;
    e.status = to;
    return e;
}

MetricEvent MetricEvent::reply(qint64 at, bool fromAgent, bool isPublic)
{
    MetricEvent e;
    e.at = at;
    e.kind = Kind::Reply;
    e.fromAgent = fromAgent;
    e.isPublic = isPublic;
    return e;
}

MetricEvent MetricEvent::priorityChange(qint64 at, Priority to)
{
    MetricEvent e;
    e.at = at;
    e.kind = Kind::Priority;
    e.priority = to;
    return e;
}

MetricEvent MetricEvent::assign(qint64 at, int assignee)
{
    MetricEvent e;
    e.at = at;
    e.kind = Kind::Assign;
    e.assignee = assignee;
    return e;
}

MetricEvent MetricEvent::groupChange(qint64 at, int group)
{
    MetricEvent e;
    e.at = at;
    e.kind = Kind::Group;
    e.group = qint16(group);
    return e;
}

MetricEvent MetricEvent::rated(qint64 at, int rating)
{
    MetricEvent e;
    e.at = at;
    e.kind = Kind::Rating;
    e.rating = qint8(rating);
    return e;
}

} // namespace triage
