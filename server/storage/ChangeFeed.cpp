#include "ChangeFeed.h"

#include "TicketStore.h"

#include <algorithm>

namespace triage::server {

namespace {

struct Row {
    qint64 seq;
    const char *entity;
    const char *op; // nullptr = not visible to this caller
    QByteArray id;
    QByteArray data; // raw JSON or "null"
};

} // namespace

FeedPage ChangeFeed::read(const Principal &who, qint64 after, int limit)
{
    FeedPage page;
    page.head = readHead(m_db);
    std::vector<Row> rows;
    rows.reserve(static_cast<size_t>(limit) * 2);

    {
        Sql q(m_db, u"SELECT seq, id, deleted, group_id, requester_id, former_groups, data FROM tickets"
                    " WHERE seq > ? ORDER BY seq LIMIT ?"_qs);
        q.bind(after).bind(limit).exec();
        while (q.next()) {
            const bool deleted = q.i64(2) != 0;
            const QString group = q.str(3);
            const QString requester = q.str(4);
            const char *op = nullptr;
            QByteArray data = "null";
            const QStringList former = TicketStore::decodeGroups(q.str(5));
            if (deleted) {
                if (who.couldSeeAnyGroup(former, requester))
                    op = "delete";
            } else if (who.canSeeTicket(group, requester)) {
                op = "upsert";
                data = q.value(6).toByteArray();
            } else if (who.couldSeeAnyGroup(former, requester)) {
                op = "remove";
            }
            rows.push_back({q.i64(0), "ticket", op, q.value(1).toByteArray(), data});
        }
    }
    {
        Sql q(m_db, u"SELECT c.seq, c.id, c.public, t.group_id, t.requester_id, t.deleted, c.data"
                    " FROM comments c JOIN tickets t ON t.id = c.ticket_id"
                    " WHERE c.seq > ? ORDER BY c.seq LIMIT ?"_qs);
        q.bind(after).bind(limit).exec();
        while (q.next()) {
            const bool visible = q.i64(5) == 0 && who.canSeeTicket(q.str(3), q.str(4))
                                 && who.canSeeComment(q.i64(2) != 0);
            rows.push_back({q.i64(0), "comment", visible ? "upsert" : nullptr, q.value(1).toByteArray(),
                            visible ? q.value(6).toByteArray() : QByteArray("null")});
        }
    }
    {
        Sql q(m_db, u"SELECT seq, id, data FROM users WHERE seq > ? ORDER BY seq LIMIT ?"_qs);
        q.bind(after).bind(limit).exec();
        while (q.next()) {
            const bool visible = who.isStaff() || q.str(1) == who.userId;
            rows.push_back({q.i64(0), "user", visible ? "upsert" : nullptr, q.value(1).toByteArray(),
                            q.value(2).toByteArray()});
        }
    }
    const auto simple = [&](const QString &sql, const char *entity, bool ownerColumn) {
        Sql q(m_db, sql);
        q.bind(after).bind(limit).exec();
        while (q.next()) {
            const bool deleted = q.i64(2) != 0;
            bool visible = who.isStaff();
            if (ownerColumn) {
                const QString owner = q.str(4);
                visible = visible && (owner.isEmpty() || owner == who.userId);
            }
            rows.push_back({q.i64(0), entity, visible ? (deleted ? "delete" : "upsert") : nullptr,
                            q.value(1).toByteArray(), deleted ? QByteArray("null") : q.value(3).toByteArray()});
        }
    };
    simple(u"SELECT seq, id, deleted, data FROM team_groups WHERE seq > ? ORDER BY seq LIMIT ?"_qs, "group", false);
    simple(u"SELECT seq, id, deleted, data FROM boards WHERE seq > ? ORDER BY seq LIMIT ?"_qs, "board", false);
    simple(u"SELECT seq, id, deleted, data, owner_id FROM views WHERE seq > ? ORDER BY seq LIMIT ?"_qs, "view", true);

    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.seq < b.seq; });
    const size_t take = std::min(rows.size(), static_cast<size_t>(limit));
    QByteArray out;
    out.reserve(static_cast<qsizetype>(take) * 700 + 2);
    out.append('[');
    for (size_t i = 0; i < take; ++i) {
        const Row &r = rows[i];
        if (!r.op)
            continue;
        if (page.count++)
            out.append(',');
        out.append("{\"seq\":").append(QByteArray::number(r.seq)).append(",\"entity\":\"").append(r.entity)
            .append("\",\"op\":\"").append(r.op).append("\",\"id\":\"").append(r.id).append("\",\"data\":")
            .append(r.data.isEmpty() ? QByteArray("null") : r.data).append('}');
    }
    out.append(']');
    page.changesJson = out;
    page.nextSeq = take == static_cast<size_t>(limit) ? rows[take - 1].seq : page.head;
    if (take < static_cast<size_t>(limit))
        page.nextSeq = std::max(page.head, after);
    page.hasMore = page.nextSeq < page.head;
    return page;
}

} // namespace triage::server
