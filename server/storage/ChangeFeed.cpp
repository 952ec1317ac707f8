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
    rows.reserve(static_cast<size_t>(limit));
    // One query, merged by seq in the database (each arm walks its seq index; LIMIT stops early).
    // kind: 1 ticket, 2 comment, 3 user, 4 group, 5 board, 6 view.
    // Written as a bare compound SELECT: wrapped in a subquery, SQLite would sort everything after
    // the cursor in a temp b-tree instead of merging the index-ordered arms.
    static const QString sql = u"SELECT seq, 1 AS kind, id, deleted, group_id, requester_id, former_groups, 1 AS pub,"
        " '' AS owner_id, data FROM tickets WHERE seq > ?"
        " UNION ALL SELECT c.seq, 2, c.id, t.deleted, t.group_id, t.requester_id, '', c.public, '', c.data"
        " FROM comments c JOIN tickets t ON t.id = c.ticket_id WHERE c.seq > ?"
        " UNION ALL SELECT seq, 3, id, 0, '', '', '', 1, id, data FROM users WHERE seq > ?"
        " UNION ALL SELECT seq, 4, id, deleted, '', '', '', 1, '', data FROM team_groups WHERE seq > ?"
        " UNION ALL SELECT seq, 5, id, deleted, '', '', '', 1, '', data FROM boards WHERE seq > ?"
        " UNION ALL SELECT seq, 6, id, deleted, '', '', '', 1, owner_id, data FROM views WHERE seq > ?"
        " ORDER BY seq LIMIT ?"_qs;
    Sql q(m_db, sql);
    for (int i = 0; i < 6; ++i)
        q.bind(after);
    q.bind(limit).exec();
    static const char *const entities[] = {"", "ticket", "comment", "user", "group", "board", "view"};
    while (q.next()) {
        const int kind = static_cast<int>(q.i64(1));
        if (kind < 1 || kind > 6)
            continue;
        const bool deleted = q.i64(3) != 0;
        const char *op = nullptr;
        switch (kind) {
        case 1: {
            const QString group = q.str(4);
            const QString requester = q.str(5);
            if (!deleted && who.canSeeTicket(group, requester))
                op = "upsert";
            else if (who.couldSeeAnyGroup(TicketStore::decodeGroups(q.str(6)), requester))
                op = deleted ? "delete" : "remove";
            break;
        }
        case 2:
            if (!deleted && who.canSeeTicket(q.str(4), q.str(5)) && who.canSeeComment(q.i64(7) != 0))
                op = "upsert";
            break;
        case 3:
            if (who.isStaff() || q.str(8) == who.userId)
                op = "upsert";
            break;
        case 6: {
            const QString owner = q.str(8);
            if (who.isStaff() && (owner.isEmpty() || owner == who.userId))
                op = deleted ? "delete" : "upsert";
            break;
        }
        default:
            if (who.isStaff())
                op = deleted ? "delete" : "upsert";
            break;
        }
        const bool withData = op && (op[0] == 'u');
        rows.push_back({q.i64(0), entities[kind], op, q.value(2).toByteArray(),
                        withData ? q.value(9).toByteArray() : QByteArray("null")});
    }

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
