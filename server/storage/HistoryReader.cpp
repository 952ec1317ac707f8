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

HistoryAssembler HistoryReader::assembler() const
{
    HistoryAssembler a;
    a.userName = [this](const QString &id) { return userName(id); };
    a.groupName = [this](const QString &id) { return groupName(id); };
    a.isStaff = [this](const QString &id) { return m_staff.contains(id); };
    return a;
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
    std::vector<QList<TicketEvent>> logs(rows.size());
    std::vector<std::vector<CommentRow>> comments(rows.size());
    {
        Sql q(m_db, u"SELECT ticket_id, at, field, old_value, new_value FROM ticket_history"_qs);
        q.exec();
        while (q.next()) {
            const qsizetype i = index.value(q.str(0), -1);
            if (i >= 0)
                logs[size_t(i)].push_back(TicketEvent {q.i64(1), {}, q.str(2), q.str(3), q.str(4)});
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
    const HistoryAssembler assemble = assembler();
    for (size_t i = 0; i < rows.size(); ++i) {
        std::sort(comments[i].begin(), comments[i].end(),
            [](const CommentRow &a, const CommentRow &b) { return a.at < b.at; });
        const bool deleted = rows[i].deleted || HistoryAssembler::isDeleted(logs[i]);
        TicketHistory h
            = deleted ? TicketHistory {} : assemble.assemble(rows[i], logs[i], comments[i], store);
        h.id = rows[i].id;
        sink(std::move(h), deleted);
        logs[i] = {};
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
    const HistoryAssembler assemble = assembler();
    for (const TicketRow &row : rows) {
        high = std::max(high, row.seq);
        QList<TicketEvent> log;
        bool deleted = row.deleted;
        {
            Sql q(m_db, u"SELECT at, field, old_value, new_value FROM ticket_history WHERE ticket_id = ?"_qs);
            q.bind(row.id).exec();
            while (q.next()) {
                log.push_back(TicketEvent {q.i64(0), {}, q.str(1), q.str(2), q.str(3)});
                deleted = deleted || log.back().kind() == TicketEvent::Kind::Deleted;
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
        TicketHistory h = deleted ? TicketHistory {} : assemble.assemble(row, log, comments, store);
        h.id = row.id;
        sink(std::move(h), deleted);
    }
    if (count)
        *count = int(rows.size());
    return high;
}

} // namespace triage::server
