#include "HistoryAssembler.h"

#include "MetricsStore.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace triage {

namespace {

// Equal instants apply in this order: what a change set does first is where the ticket is.
int rankOf(MetricEvent::Kind k)
{
    switch (k) {
    case MetricEvent::Kind::Created:
        return 0;
    case MetricEvent::Kind::Group:
        return 1;
    case MetricEvent::Kind::Assign:
        return 2;
    case MetricEvent::Kind::Priority:
        return 3;
    case MetricEvent::Kind::Status:
        return 4;
    case MetricEvent::Kind::Reply:
        return 5;
    case MetricEvent::Kind::Rating:
        return 6;
    }
    return 7;
}

std::optional<int> ratingOf(const QString &text)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    return ok && v >= 1 && v <= 5 ? std::optional<int>(v) : std::nullopt;
}

} // namespace

bool HistoryAssembler::isDeleted(const QList<TicketEvent> &log)
{
    return std::any_of(
        log.begin(), log.end(), [](const TicketEvent &e) { return e.kind() == TicketEvent::Kind::Deleted; });
}

TicketHistory HistoryAssembler::assemble(const Row &row, const QList<TicketEvent> &log,
    const std::vector<CommentRow> &comments, MetricsStore &store) const
{
    TicketHistory h;
    h.id = row.id;
    h.title = row.title;
    h.category = row.category;
    h.type = row.type;
    h.channel = row.channel;
    const auto group = [&](const QString &id) { return id.isEmpty() ? -1 : store.groupIndex(groupName(id)); };
    const auto agent = [&](const QString &id) { return id.isEmpty() ? -1 : store.agentIndex(userName(id)); };

    bool hasCreated = false;
    qint64 firstLogged = std::numeric_limits<qint64>::max();
    // status, priority, group, assignee: the value the first logged change replaced
    std::optional<QString> firstOld[4];
    std::optional<std::optional<int>> firstRatingOld;
    const TicketEvent::Kind fields[] = {TicketEvent::Kind::Status, TicketEvent::Kind::Priority,
        TicketEvent::Kind::Group, TicketEvent::Kind::Assignee};
    for (const TicketEvent &l : log) {
        const TicketEvent::Kind kind = l.kind();
        if (kind == TicketEvent::Kind::Created) {
            hasCreated = true;
            continue;
        }
        firstLogged = std::min(firstLogged, l.at);
        for (int i = 0; i < 4; ++i) {
            if (kind == fields[i] && !firstOld[i])
                firstOld[i] = l.oldValue;
        }
        if (kind == TicketEvent::Kind::Rating && !firstRatingOld)
            firstRatingOld = ratingOf(l.oldValue);
    }

    std::vector<std::pair<int, MetricEvent>> events;
    const auto push = [&](const MetricEvent &e) { events.emplace_back(rankOf(e.kind), e); };
    if (!hasCreated) {
        // Reconstructed start (see the class comment).
        const TicketStatus status
            = firstOld[0] ? ticketStatusFromWire(*firstOld[0]).value_or(row.status) : row.status;
        const Priority priority
            = firstOld[1] ? priorityFromWire(*firstOld[1]).value_or(row.priority) : row.priority;
        push(MetricEvent::created(row.createdAt, priority, group(firstOld[2].value_or(row.groupId)),
            agent(firstOld[3].value_or(row.assigneeId))));
        qint64 settledAt = row.createdAt;
        for (const CommentRow &c : comments) {
            if (c.at >= firstLogged)
                continue;
            push(MetricEvent::reply(c.at, isStaff(c.authorId), c.isPublic));
            settledAt = std::max(settledAt, c.at);
        }
        if (firstLogged == std::numeric_limits<qint64>::max())
            settledAt = std::max(settledAt, row.updatedAt);
        else
            settledAt = std::max(row.createdAt, std::min(settledAt, firstLogged - 1));
        if (status != TicketStatus::New)
            push(MetricEvent::statusChange(settledAt, status));
        const std::optional<int> rating = firstRatingOld ? *firstRatingOld : row.rating;
        if (rating && *rating >= 1 && *rating <= 5)
            push(MetricEvent::rated(settledAt, *rating));
    }
    for (const TicketEvent &l : log) {
        switch (l.kind()) {
        case TicketEvent::Kind::Created: {
            const QJsonObject o = QJsonDocument::fromJson(l.newValue.toUtf8()).object();
            push(MetricEvent::created(l.at,
                priorityFromWire(o.value(u"priority"_qs).toString()).value_or(Priority::Normal),
                group(o.value(u"group_id"_qs).toString()), agent(o.value(u"assignee_id"_qs).toString()),
                ticketStatusFromWire(o.value(u"status"_qs).toString()).value_or(TicketStatus::New)));
            break;
        }
        case TicketEvent::Kind::Status:
            if (const auto s = ticketStatusFromWire(l.newValue))
                push(MetricEvent::statusChange(l.at, *s));
            break;
        case TicketEvent::Kind::Priority:
            if (const auto p = priorityFromWire(l.newValue))
                push(MetricEvent::priorityChange(l.at, *p));
            break;
        case TicketEvent::Kind::Group:
            push(MetricEvent::groupChange(l.at, group(l.newValue)));
            break;
        case TicketEvent::Kind::Assignee:
            push(MetricEvent::assign(l.at, agent(l.newValue)));
            break;
        case TicketEvent::Kind::Reply:
        case TicketEvent::Kind::Note:
            push(MetricEvent::reply(l.at, l.newValue == u"agent", l.kind() == TicketEvent::Kind::Reply));
            break;
        case TicketEvent::Kind::Rating:
            if (const auto r = ratingOf(l.newValue))
                push(MetricEvent::rated(l.at, *r)); // a removed rating leaves the last one standing
            break;
        case TicketEvent::Kind::Deleted:
        case TicketEvent::Kind::Other:
            break;
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const auto &a, const auto &b) {
        return a.second.at != b.second.at ? a.second.at < b.second.at : a.first < b.first;
    });
    // The created event is first by definition, even when a clock put a change before it.
    h.events.reserve(events.size());
    for (auto &[rank, e] : events) {
        if (rank == 0)
            h.events.insert(h.events.begin(), e);
        else
            h.events.push_back(e);
    }
    if (!h.events.empty()) {
        for (MetricEvent &e : h.events)
            e.at = std::max(e.at, h.events.front().at);
    }
    return h;
}

} // namespace triage
