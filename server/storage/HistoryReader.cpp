#include "HistoryReader.h"

#include "HistoryLog.h"
#include "metrics/MetricsStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace triage::server {

namespace {

const QString kTicketColumns
    = u"SELECT id, data, group_id, assignee_id, status, priority, created_at, updated_at, deleted, seq FROM tickets"_qs;

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

void HistoryReader::loadDirectory()
{
    m_userNames.clear();
    m_staff.clear();
    m_groupNames.clear();
    {
        Sql q(m_db, u"SELECT id, username, role FROM users"_qs);
        q.exec();
        while (q.next()) {
            m_userNames.insert(q.str(0), q.str(1));
            if (q.str(2) != u"requester"_qs)
                m_staff.insert(q.str(0));
        }
    }
    Sql q(m_db, u"SELECT id, data FROM team_groups"_qs);
    q.exec();
    while (q.next()) {
        const QString name
            = QJsonDocument::fromJson(q.value(1).toByteArray()).object().value(u"name"_qs).toString();
        m_groupNames.insert(q.str(0), name.isEmpty() ? q.str(0) : name);
    }
}

QString HistoryReader::configVersion()
{
    Sql q(m_db,
        u"SELECT (SELECT MAX(seq) FROM users), (SELECT MAX(seq) FROM team_groups),"
        " (SELECT MAX(seq) FROM config_docs), (SELECT COUNT(*) FROM config_docs)"_qs);
    q.exec();
    if (!q.next())
        return {};
    return u"%1/%2/%3/%4"_qs.arg(q.i64(0)).arg(q.i64(1)).arg(q.i64(2)).arg(q.i64(3));
}

HistoryReader::TicketRow HistoryReader::ticketRow(const Sql &q) const
{
    TicketRow r;
    r.id = q.str(0);
    r.deleted = q.i64(8) != 0;
    r.seq = q.i64(9);
    r.groupId = q.str(2);
    r.assigneeId = q.str(3);
    r.status = ticketStatusFromWire(q.str(4)).value_or(TicketStatus::New);
    r.priority = priorityFromWire(q.str(5)).value_or(Priority::Normal);
    r.createdAt = q.i64(6);
    r.updatedAt = q.i64(7);
    if (!r.deleted) {
        const QJsonObject o = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
        r.title = o.value(u"title"_qs).toString();
        r.type = ticketTypeFromWire(o.value(u"type"_qs).toString()).value_or(TicketType::Incident);
        r.channel = channelFromWire(o.value(u"channel"_qs).toString()).value_or(Channel::Api);
        r.category = o.value(u"tags"_qs).toArray().at(0).toString();
        if (o.value(u"csat_rating"_qs).isDouble())
            r.rating = o.value(u"csat_rating"_qs).toInt();
    }
    return r;
}

TicketHistory HistoryReader::assemble(const TicketRow &row, std::vector<LogRow> &log,
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
    std::optional<QString>
        firstOld[4]; // status, priority, group, assignee: the value the first change replaced
    std::optional<std::optional<int>> firstRatingOld;
    for (const LogRow &l : log) {
        if (l.field == HistoryLog::kCreated) {
            hasCreated = true;
            continue;
        }
        firstLogged = std::min(firstLogged, l.at);
        const QString *fields[]
            = {&HistoryLog::kStatus, &HistoryLog::kPriority, &HistoryLog::kGroup, &HistoryLog::kAssignee};
        for (int i = 0; i < 4; ++i) {
            if (l.field == *fields[i] && !firstOld[i])
                firstOld[i] = l.oldValue;
        }
        if (l.field == HistoryLog::kRating && !firstRatingOld)
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
            push(MetricEvent::reply(c.at, m_staff.contains(c.authorId), c.isPublic));
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
    for (const LogRow &l : log) {
        if (l.field == HistoryLog::kCreated) {
            const QJsonObject o = QJsonDocument::fromJson(l.newValue.toUtf8()).object();
            push(MetricEvent::created(l.at,
                priorityFromWire(o.value(u"priority"_qs).toString()).value_or(Priority::Normal),
                group(o.value(u"group_id"_qs).toString()), agent(o.value(u"assignee_id"_qs).toString()),
                ticketStatusFromWire(o.value(u"status"_qs).toString()).value_or(TicketStatus::New)));
        } else if (l.field == HistoryLog::kStatus) {
            if (const auto s = ticketStatusFromWire(l.newValue))
                push(MetricEvent::statusChange(l.at, *s));
        } else if (l.field == HistoryLog::kPriority) {
            if (const auto p = priorityFromWire(l.newValue))
                push(MetricEvent::priorityChange(l.at, *p));
        } else if (l.field == HistoryLog::kGroup) {
            push(MetricEvent::groupChange(l.at, group(l.newValue)));
        } else if (l.field == HistoryLog::kAssignee) {
            push(MetricEvent::assign(l.at, agent(l.newValue)));
        } else if (l.field == HistoryLog::kReply || l.field == HistoryLog::kNote) {
            push(MetricEvent::reply(l.at, l.newValue == u"agent"_qs, l.field == HistoryLog::kReply));
        } else if (l.field == HistoryLog::kRating) {
            if (const auto r = ratingOf(l.newValue))
                push(MetricEvent::rated(l.at, *r)); // a removed rating leaves the last one standing
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

void HistoryReader::readAll(MetricsStore &store, const Sink &sink)
{
    std::vector<TicketRow> rows;
    QHash<QString, qsizetype> index;
    {
        Sql q(m_db, kTicketColumns);
        q.exec();
        while (q.next()) {
            index.insert(q.str(0), qsizetype(rows.size()));
            rows.push_back(ticketRow(q));
        }
    }
    std::vector<std::vector<LogRow>> logs(rows.size());
    std::vector<std::vector<CommentRow>> comments(rows.size());
    {
        Sql q(m_db, u"SELECT ticket_id, at, field, old_value, new_value FROM ticket_history"_qs);
        q.exec();
        while (q.next()) {
            const qsizetype i = index.value(q.str(0), -1);
            if (i >= 0)
                logs[size_t(i)].push_back({q.i64(1), q.str(2), q.str(3), q.str(4)});
        }
    }
    {
        Sql q(m_db, u"SELECT ticket_id, created_at, author_id, public FROM comments"_qs);
        q.exec();
        while (q.next()) {
            const qsizetype i = index.value(q.str(0), -1);
            if (i >= 0)
                comments[size_t(i)].push_back({q.i64(1), q.str(2), q.i64(3) != 0});
        }
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        std::sort(comments[i].begin(), comments[i].end(),
            [](const CommentRow &a, const CommentRow &b) { return a.at < b.at; });
        const bool deleted = rows[i].deleted
            || std::any_of(logs[i].begin(), logs[i].end(),
                [](const LogRow &l) { return l.field == HistoryLog::kDeleted; });
        TicketHistory h = deleted ? TicketHistory {} : assemble(rows[i], logs[i], comments[i], store);
        h.id = rows[i].id;
        sink(std::move(h), deleted);
        std::vector<LogRow>().swap(logs[i]);
        std::vector<CommentRow>().swap(comments[i]);
    }
}

qint64 HistoryReader::readChanged(qint64 afterSeq, MetricsStore &store, const Sink &sink, int *count)
{
    std::vector<TicketRow> rows;
    {
        Sql q(m_db, kTicketColumns + u" WHERE seq > ? ORDER BY seq"_qs);
        q.bind(afterSeq).exec();
        while (q.next())
            rows.push_back(ticketRow(q));
    }
    qint64 high = afterSeq;
    for (const TicketRow &row : rows) {
        high = std::max(high, row.seq);
        std::vector<LogRow> log;
        bool deleted = row.deleted;
        {
            Sql q(m_db, u"SELECT at, field, old_value, new_value FROM ticket_history WHERE ticket_id = ?"_qs);
            q.bind(row.id).exec();
            while (q.next()) {
                log.push_back({q.i64(0), q.str(1), q.str(2), q.str(3)});
                deleted = deleted || log.back().field == HistoryLog::kDeleted;
            }
        }
        std::vector<CommentRow> comments;
        {
            Sql q(m_db,
                u"SELECT created_at, author_id, public FROM comments WHERE ticket_id = ? ORDER BY created_at"_qs);
            q.bind(row.id).exec();
            while (q.next())
                comments.push_back({q.i64(0), q.str(1), q.i64(2) != 0});
        }
        TicketHistory h = deleted ? TicketHistory {} : assemble(row, log, comments, store);
        h.id = row.id;
        sink(std::move(h), deleted);
    }
    if (count)
        *count = int(rows.size());
    return high;
}

} // namespace triage::server
