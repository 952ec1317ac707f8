#include "ChangeFeed.h"

#include "HistoryLog.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <libpq-fe.h>
#include <memory>
#include <sqlite3.h>

namespace triage::server {

namespace {

// A slice of the page's arena (bytes copied out of the database once, no allocation per row), or
// of a PostgreSQL result that outlives the page's assembly (`external`, no copy).
struct Slice {
    qsizetype offset = 0;
    qsizetype size = -1; // -1: SQL NULL
    const char *external = nullptr;
    bool isNull() const { return size < 0; }
};

struct Row {
    qint64 seq;
    const char *entity;
    const char *op; // nullptr = not visible to this caller
    Slice id;
    Slice data; // null → "null"
    // Ticket upserts for staff: the stored event log (`tickets.history` then `tickets.history_tail`,
    // comma-separated events, no brackets); history null when the ticket predates the column (read
    // from ticket_history).
    Slice history;
    Slice tail;
};

// The rows' bytes: ids, documents and logs, appended as the rows are read (SQLite's values are only
// valid until the next step). Over a PostgreSQL result (`copy` false) it only refers to the bytes.
class Arena
{
public:
    Arena(bool copy, qsizetype reserve)
        : m_copy(copy)
    {
        if (copy)
            m_bytes.reserve(reserve);
    }
    Slice add(const char *p, qsizetype n)
    {
        if (!p)
            return {};
        m_total += n;
        if (!m_copy)
            return Slice {0, n, p};
        const Slice s {m_bytes.size(), n};
        m_bytes.append(p, n);
        return s;
    }
    qsizetype size() const { return m_total; }
    QByteArrayView view(Slice s) const
    {
        return s.isNull() ? QByteArrayView()
            : s.external  ? QByteArrayView(s.external, s.size)
                          : QByteArrayView(m_bytes.constData() + s.offset, s.size);
    }

private:
    bool m_copy;
    qsizetype m_total = 0;
    QByteArray m_bytes;
};

struct PgResultDeleter {
    void operator()(PGresult *r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// One feed row's columns as either backend returns them: views valid until the next row.
struct RawRow {
    qint64 seq = 0;
    // 1 ticket, 2 comment, 3 user, 4 group, 5 board, 6 view, 7 calendar/SLA policy, 8 attachment
    int kind = 0;
    bool deleted = false;
    QByteArrayView group;
    QByteArrayView requester;
    QByteArrayView formerGroups; // ServerTicketStore::encodeGroups: comma-separated, "-" = no group
    bool isPublic = true;
    QByteArrayView owner;
};

const char *const kEntities[] = {"", "ticket", "comment", "user", "group", "board", "view", "calendar",
    "attachment", "sla_policy", "rule_set"};
constexpr int kArms = 8;

// Kind 7 rows carry their document kind in the owner column.
int entityIndex(const RawRow &r)
{
    if (r.kind == 7 && r.owner == "sla_policy")
        return 9;
    if (r.kind == 7 && r.owner == "rule_set")
        return 10; // the automation rules (RuleStore): staff only, like every config document
    return r.kind;
}

// The caller's visibility (Principal::ticketVisibility, docs/sync-protocol.md) on the UTF-8 bytes
// the database returns: its groups are converted once per page instead of a QString per row.
class Visibility
{
public:
    explicit Visibility(const Principal &who)
        : m_staff(who.isStaff())
    {
        const TicketVisibility tickets = who.ticketVisibility();
        m_all = tickets.scope == TicketVisibility::Scope::All;
        m_ownRequests = tickets.scope == TicketVisibility::Scope::OwnRequests;
        m_userId = tickets.userId.toUtf8();
        for (const QString &g : tickets.groups)
            m_groups << g.toUtf8();
    }
    bool isStaff() const { return m_staff; }
    bool isUser(QByteArrayView id) const { return id == m_userId; }
    bool canSeeGroup(QByteArrayView group) const
    {
        return m_all || (!m_ownRequests && (group.isEmpty() || m_groups.contains(group)));
    }
    bool canSeeTicket(QByteArrayView group, QByteArrayView requester) const
    {
        return m_ownRequests ? requester == m_userId : canSeeGroup(group);
    }
    bool couldSeeAnyGroup(QByteArrayView former, QByteArrayView requester) const
    {
        if (m_ownRequests)
            return requester == m_userId;
        for (qsizetype start = 0; start < former.size();) {
            qsizetype end = former.indexOf(',', start);
            if (end < 0)
                end = former.size();
            const QByteArrayView g = former.sliced(start, end - start);
            if (!g.isEmpty() && canSeeGroup(g == "-" ? QByteArrayView("") : g))
                return true;
            start = end + 1;
        }
        return false;
    }

private:
    bool m_staff;
    bool m_all = false;
    bool m_ownRequests = true;
    QByteArray m_userId;
    QList<QByteArray> m_groups;
};

// The visibility rules of docs/sync-protocol.md; nullptr = skip the row for this caller.
const char *classify(const Visibility &who, const RawRow &r)
{
    switch (r.kind) {
    case 1:
        if (!r.deleted && who.canSeeTicket(r.group, r.requester))
            return "upsert";
        if (who.couldSeeAnyGroup(r.formerGroups, r.requester))
            return r.deleted ? "delete" : "remove";
        return nullptr;
    case 2:
    case 8: // an attachment: its ticket's visibility, and its comment's `public`
        return !r.deleted && who.canSeeTicket(r.group, r.requester) && (r.isPublic || who.isStaff())
            ? "upsert"
            : nullptr;
    case 3:
        return who.isStaff() || who.isUser(r.owner) ? "upsert" : nullptr;
    case 6:
        if (who.isStaff() && (r.owner.isEmpty() || who.isUser(r.owner)))
            return r.deleted ? "delete" : "upsert";
        return nullptr;
    default:
        return who.isStaff() ? (r.deleted ? "delete" : "upsert") : nullptr;
    }
}

// Stores a classified row: documents only for upserts, the event log only for staff's tickets.
void addRow(std::vector<Row> *rows, Arena &arena, const Visibility &who, const RawRow &r, const char *id,
    qsizetype idSize, const char *data, qsizetype dataSize, QByteArrayView history, QByteArrayView tail)
{
    const char *op = classify(who, r);
    Row row {r.seq, kEntities[entityIndex(r)], op, arena.add(id, idSize), {}, {}, {}};
    if (op && op[0] == 'u') {
        row.data = arena.add(data, dataSize);
        if (r.kind == 1 && who.isStaff() && !history.isNull()) {
            row.history = arena.add(history.data(), history.size());
            if (!tail.isEmpty())
                row.tail = arena.add(tail.data(), tail.size());
        }
    }
    rows->push_back(row);
}

// Written as a bare compound SELECT: wrapped in a subquery, SQLite would sort everything after the
// cursor in a temp b-tree instead of merging the index-ordered arms (LIMIT then stops early).
const char kSql[]
    = "SELECT seq, 1 AS kind, id, deleted, group_id, requester_id, former_groups, 1 AS pub,"
      " '' AS owner_id, data, history, history_tail FROM tickets WHERE seq > ?"
      // Comments carry their ticket's visibility (ServerTicketStore keeps the copies): no join.
      " UNION ALL SELECT c.seq, 2, c.id, c.ticket_deleted, c.ticket_group, c.ticket_requester, '', c.public, "
      "'',"
      " c.data, NULL, NULL FROM comments c WHERE c.seq > ?"
      " UNION ALL SELECT seq, 8, id, ticket_deleted, ticket_group, ticket_requester, '', public, '', data,"
      " NULL, NULL FROM attachments WHERE seq > ?"
      " UNION ALL SELECT seq, 3, id, 0, '', '', '', 1, id, data, NULL, NULL FROM users WHERE seq > ?"
      " UNION ALL SELECT seq, 4, id, deleted, '', '', '', 1, '', data, NULL, NULL FROM team_groups WHERE seq "
      "> ?"
      " UNION ALL SELECT seq, 5, id, deleted, '', '', '', 1, '', data, NULL, NULL FROM boards WHERE seq > ?"
      " UNION ALL SELECT seq, 6, id, deleted, '', '', '', 1, owner_id, data, NULL, NULL FROM views WHERE seq "
      "> ?"
      " UNION ALL SELECT seq, 7, id, deleted, '', '', '', 1, kind, data, NULL, NULL FROM config_docs WHERE "
      "seq > ?"
      " ORDER BY seq LIMIT ?";

// The ticket, comment and attachment arms alone: the five small tables (users, groups, boards, views, config)
// change rarely, and their arms cost ~7 % of a page even when empty. `sync_head.small_seq` (kept by
// triggers, ServerDatabase::init) is the newest seq among them: a page whose cursor is at or past it
// skips those arms. On PostgreSQL the short statement returns `small_seq` from the same snapshot,
// and the full one runs only when it shows a newer small change.
constexpr int kBigArms = 3;

QString sqliteShortSql()
{
    const QString sql = QString::fromLatin1(kSql);
    const QStringList arms = sql.left(sql.indexOf(u" ORDER BY seq LIMIT ?"_qs)).split(u" UNION ALL "_qs);
    return arms.mid(0, kBigArms).join(u" UNION ALL "_qs) + u" ORDER BY seq LIMIT ?"_qs;
}

// PostgreSQL plans the bare compound as Append + Sort over everything after the cursor (its
// estimate of `seq > $1` is generic): cap every arm with its own ORDER BY/LIMIT so each is an
// index scan, and sort at most arms × limit rows.
QString postgresSql(int armCount)
{
    const QString sql = QString::fromLatin1(kSql);
    QStringList arms;
    for (const QString &arm : sql.left(sql.indexOf(u" ORDER BY seq LIMIT ?"_qs)).split(u" UNION ALL "_qs)) {
        if (arms.size() == armCount)
            break;
        const QString key = arm.contains(u"FROM comments c"_qs) ? u"c.seq"_qs : u"seq"_qs;
        arms << u"("_qs + arm + u" ORDER BY "_qs + key + u" LIMIT ?)"_qs;
    }
    // One statement is one snapshot: the head comes with the rows, so no explicit transaction (and
    // no extra round trips) is needed. The LEFT JOIN keeps the head row when the page is empty. No
    // outer ORDER BY: that Sort node copied every row with its document again (~10% of the
    // statement's cost); readPostgres orders the at most `limit` rows itself.
    return u"SELECT h.seq AS head, h.small_seq, f.* FROM sync_head h LEFT JOIN LATERAL ("_qs
        + arms.join(u" UNION ALL "_qs) + u" ORDER BY seq LIMIT ?) f ON true WHERE h.id = 1"_qs;
}

QByteArray dollarParams(const QString &q)
{
    QByteArray out;
    int n = 0;
    for (const QChar ch : q) {
        if (ch == u'?')
            out += '$' + QByteArray::number(++n);
        else
            out += static_cast<char>(ch.unicode());
    }
    return out;
}

QByteArrayView column(sqlite3_stmt *st, int col)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(st, col));
    return p ? QByteArrayView(p, sqlite3_column_bytes(st, col)) : QByteArrayView();
}

std::pair<qint64, qint64> readHeads(ServerDatabase &db)
{
    Sql q(db, u"SELECT seq, small_seq FROM sync_head WHERE id = 1"_qs);
    q.exec();
    if (!q.next())
        throw DbError("sync_head row missing");
    return {q.i64(0), q.i64(1)};
}

// SQLite: the hot path reads UTF-8 and blobs straight from sqlite3 (no QVariant, no UTF-16).
void readSqlite(ServerDatabase &db, const Visibility &who, qint64 after, qint64 smallSeq, int limit,
    std::vector<Row> *rows, Arena &arena)
{
    static const QByteArray shortSql = sqliteShortSql().toLatin1();
    const bool all = smallSeq > after;
    const int arms = all ? kArms : kBigArms;
    auto *st = static_cast<sqlite3_stmt *>(db.sqliteStatement(all ? kSql : shortSql.constData()));
    for (int i = 1; i <= arms; ++i)
        sqlite3_bind_int64(st, i, after);
    sqlite3_bind_int(st, arms + 1, limit);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        RawRow r;
        r.seq = sqlite3_column_int64(st, 0);
        r.kind = sqlite3_column_int(st, 1);
        if (r.kind < 1 || r.kind > kArms)
            continue;
        r.deleted = sqlite3_column_int(st, 3) != 0;
        r.group = column(st, 4);
        r.requester = column(st, 5);
        r.formerGroups = column(st, 6);
        r.isPublic = sqlite3_column_int(st, 7) != 0;
        r.owner = column(st, 8);
        const QByteArrayView id = column(st, 2);
        // Documents are BLOBs (ServerDatabase::jsonValue): read them as blobs, no text conversion.
        const auto *data = static_cast<const char *>(sqlite3_column_blob(st, 9));
        const qsizetype dataSize = sqlite3_column_bytes(st, 9);
        addRow(rows, arena, who, r, id.data(), id.size(), data, dataSize, column(st, 10), column(st, 11));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        throw DbError("change feed query failed: " + std::to_string(rc), std::to_string(rc & 0xff));
}

// PostgreSQL: head and rows from one statement, read through libpq (UTF-8 straight into the
// response, no QVariant/UTF-16 round trip); returns the head. The rows refer to `*result`.
// A binary int2/int4/int8 (network byte order) by its length; 0 for NULL.
qint64 pgInteger(const PGresult *res, int row, int col)
{
    const auto *p = reinterpret_cast<const unsigned char *>(PQgetvalue(res, row, col));
    const int n = PQgetisnull(res, row, col) ? 0 : PQgetlength(res, row, col);
    if (n != 2 && n != 4 && n != 8)
        return 0;
    quint64 v = 0;
    for (int b = 0; b < n; ++b)
        v = (v << 8) | p[b];
    // Sign-extend the narrower types.
    return n == 8 ? static_cast<qint64>(v) : static_cast<qint64>(v << (64 - 8 * n)) >> (64 - 8 * n);
}

qint64 runPostgres(ServerDatabase &db, int arms, qint64 after, int limit, PgResult *result)
{
    static const QByteArray fullSql = dollarParams(postgresSql(kArms));
    static const QByteArray shortSql = dollarParams(postgresSql(kBigArms));
    const bool all = arms == kArms;
    const int params = 2 * arms + 1;
    const char *name = all ? "triage_feed" : "triage_feed_short";
    auto *conn = static_cast<PGconn *>(db.postgresPrepared(name, all ? fullSql : shortSql, params));
    const QByteArray afterText = QByteArray::number(after);
    const QByteArray limitText = QByteArray::number(limit);
    const char *values[2 * kArms + 1];
    for (int i = 0; i < arms; ++i) {
        values[2 * i] = afterText.constData();
        values[2 * i + 1] = limitText.constData();
    }
    values[params - 1] = limitText.constData();
    // Binary results: text columns arrive as their bytes and integers as network-order integers, so
    // PostgreSQL skips the text output functions (a C string and strlen per value, ~5 % of its time
    // per page) and we skip parsing numbers.
    result->reset(PQexecPrepared(conn, name, params, values, nullptr, nullptr, 1));
    PGresult *res = result->get();
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        throw DbError(
            std::string("change feed query failed: ") + PQresultErrorMessage(res), state ? state : "");
    }
    if (PQntuples(res) < 1)
        throw DbError("sync_head row missing");
    return pgInteger(res, 0, 1);
}

// PostgreSQL: head and rows from one statement, read through libpq (UTF-8 straight into the
// response, no QVariant/UTF-16 round trip); returns the head. The rows refer to `*result`.
qint64 readPostgres(ServerDatabase &db, const Visibility &who, qint64 after, int limit,
    std::vector<Row> *rows, Arena &arena, PgResult *result)
{
    // The short statement first when this process last saw no small change after the cursor; its
    // snapshot's small_seq says whether that still holds.
    const bool tryShort = after >= db.feedSmallSeq();
    qint64 smallSeq = runPostgres(db, tryShort ? kBigArms : kArms, after, limit, result);
    if (tryShort && smallSeq > after)
        smallSeq = runPostgres(db, kArms, after, limit, result);
    db.noteFeedSmallSeq(smallSeq);
    PGresult *res = result->get();
    const auto view = [res](int row, int col) {
        return PQgetisnull(res, row, col)
            ? QByteArrayView()
            : QByteArrayView(PQgetvalue(res, row, col), PQgetlength(res, row, col));
    };
    const auto integer = [res](int row, int col) { return pgInteger(res, row, col); };
    const auto ptr = [res](int row, int col) -> const char * {
        return PQgetisnull(res, row, col) ? nullptr : PQgetvalue(res, row, col);
    };
    qint64 head = 0;
    const int n = PQntuples(res);
    for (int i = 0; i < n; ++i) {
        head = integer(i, 0);
        // Column 1 is small_seq; the row's own columns follow from 2.
        if (PQgetisnull(res, i, 2))
            continue; // empty page: only the head
        RawRow r;
        r.seq = integer(i, 2);
        r.kind = static_cast<int>(integer(i, 3));
        if (r.kind < 1 || r.kind > kArms)
            continue;
        r.deleted = integer(i, 5) != 0;
        r.group = view(i, 6);
        r.requester = view(i, 7);
        r.formerGroups = view(i, 8);
        r.isPublic = integer(i, 9) != 0;
        r.owner = view(i, 10);
        addRow(rows, arena, who, r, PQgetvalue(res, i, 4), PQgetlength(res, i, 4), ptr(i, 11),
            PQgetlength(res, i, 11), view(i, 12), view(i, 13));
    }
    if (!std::is_sorted(rows->begin(), rows->end(), [](const Row &a, const Row &b) { return a.seq < b.seq; }))
        std::sort(rows->begin(), rows->end(), [](const Row &a, const Row &b) { return a.seq < b.seq; });
    return head;
}

// Staff receive each ticket upsert with its event log (`history`, docs/sync-protocol.md), so the
// console computes SLA timers, the history tab and metrics offline from the events the server
// uses. The log normally comes with the row (`tickets.history`, kept by HistoryLog in the write
// transaction); this reads it from ticket_history for tickets written before that column existed
// (one query per page, comma-separated events per ticket like the column). Rows are append-only: on
// PostgreSQL (a second statement, so a later snapshot) a log may already hold an event whose ticket state
// arrives on a later page; clients replace a ticket's log on every upsert, and that later upsert brings both.
QHash<QByteArray, QByteArray> readHistory(
    ServerDatabase &db, const std::vector<Row> &rows, size_t take, const Arena &arena)
{
    QStringList ids;
    for (size_t i = 0; i < take; ++i) {
        const Row &r = rows[i];
        if (r.op && r.op[0] == 'u' && r.entity == kEntities[1] && r.history.isNull())
            ids << QString::fromLatin1(arena.view(r.id));
    }
    QHash<QByteArray, QByteArray> out;
    if (ids.isEmpty())
        return out;
    const QString sql = db.isPostgres()
        ? u"SELECT ticket_id, at, user_id, field, old_value, new_value FROM ticket_history"
          " WHERE ticket_id = ANY(string_to_array(?, ',')) ORDER BY ticket_id, at, ctid"_qs
        : u"SELECT ticket_id, at, user_id, field, old_value, new_value FROM ticket_history"
          " WHERE ticket_id IN (SELECT value FROM json_each(?)) ORDER BY ticket_id, at, rowid"_qs;
    const QString list = db.isPostgres()
        ? ids.join(u',')
        : QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
    QByteArray current;
    QByteArray events;
    // Rows arrive ordered by ticket: one array per ticket.
    const auto add = [&](QByteArrayView ticketId, qint64 at, QByteArrayView by, QByteArrayView field,
                         QByteArrayView from, QByteArrayView to) {
        if (ticketId != current) {
            if (!current.isEmpty())
                out.insert(current, events);
            current = ticketId.toByteArray();
            events.clear();
        } else {
            events.append(',');
        }
        HistoryLog::appendEventJson(events, at, by, field, from, to);
    };
    if (db.isPostgres()) {
        Sql q(db, sql);
        q.bind(list).exec();
        while (q.next()) {
            add(q.str(0).toUtf8(), q.i64(1), q.str(2).toUtf8(), q.str(3).toUtf8(), q.str(4).toUtf8(),
                q.str(5).toUtf8());
        }
    } else {
        // SQLite: UTF-8 straight from sqlite3, as readSqlite() does for the page itself.
        static const QByteArray sqliteSql = sql.toUtf8();
        auto *st = static_cast<sqlite3_stmt *>(db.sqliteStatement(sqliteSql.constData()));
        const QByteArray utf8List = list.toUtf8();
        sqlite3_bind_text(st, 1, utf8List.constData(), int(utf8List.size()), SQLITE_STATIC);
        const auto col = [st](int i) {
            const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(st, i));
            return p ? QByteArrayView(p, sqlite3_column_bytes(st, i)) : QByteArrayView();
        };
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            add(col(0), sqlite3_column_int64(st, 1), col(2), col(3), col(4), col(5));
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            throw DbError("history query failed: " + std::to_string(rc), std::to_string(rc & 0xff));
    }
    if (!current.isEmpty())
        out.insert(current, events);
    return out;
}
} // namespace

FeedPage ChangeFeed::read(const Principal &who, qint64 after, int limit, QByteArray *json)
{
    FeedPage page;
    std::vector<Row> rows;
    rows.reserve(static_cast<size_t>(limit));
    Arena arena(!m_db.isPostgres(), static_cast<qsizetype>(limit) * 2048);
    PgResult result; // the rows' bytes on PostgreSQL, until the page is written
    const Visibility visibility(who);
    if (m_db.isPostgres()) {
        page.head = readPostgres(m_db, visibility, after, limit, &rows, arena, &result);
    } else {
        // Inside the caller's ReadTx: the same snapshot as the rows.
        const auto [head, smallSeq] = readHeads(m_db);
        page.head = head;
        readSqlite(m_db, visibility, after, smallSeq, limit, &rows, arena);
    }

    const size_t take = std::min(rows.size(), static_cast<size_t>(limit));
    const QHash<QByteArray, QByteArray> history
        = who.isStaff() ? readHistory(m_db, rows, take, arena) : QHash<QByteArray, QByteArray>();
    QByteArray &out = *json;
    out.reserve(out.size() + arena.size() + static_cast<qsizetype>(take) * 96 + 512);
    out.append('[');
    for (size_t i = 0; i < take; ++i) {
        const Row &r = rows[i];
        if (!r.op)
            continue;
        if (page.count++)
            out.append(',');
        char seq[24];
        const auto end = std::to_chars(seq, seq + sizeof seq, r.seq).ptr;
        out.append("{\"seq\":")
            .append(QByteArrayView(seq, end - seq))
            .append(",\"entity\":\"")
            .append(r.entity)
            .append("\",\"op\":\"")
            .append(r.op)
            .append("\",\"id\":\"")
            .append(arena.view(r.id))
            .append("\",\"data\":");
        const QByteArrayView data = arena.view(r.data);
        const bool stored = !r.history.isNull();
        const auto log = !stored && r.entity == kEntities[1] && !history.isEmpty()
            ? history.constFind(arena.view(r.id).toByteArray())
            : history.constEnd();
        if (r.entity == kEntities[1] && (stored || log != history.constEnd()) && data.endsWith('}')) {
            // The stored document is a JSON object: add `history` as its last member.
            const QByteArrayView head = stored ? arena.view(r.history) : QByteArrayView(*log);
            out.append(data.first(data.size() - 1)).append(",\"history\":[").append(head);
            if (!r.tail.isNull())
                out.append(head.isEmpty() ? "" : ",").append(arena.view(r.tail));
            out.append("]}");
        } else {
            out.append(data.isEmpty() ? QByteArrayView("null") : data);
        }
        out.append('}');
    }
    out.append(']');
    // A full page ends at its last row; a short page means everything up to the head was read.
    page.nextSeq = take == static_cast<size_t>(limit) ? rows[take - 1].seq : std::max(page.head, after);
    page.hasMore = page.nextSeq < page.head;
    return page;
}

} // namespace triage::server
