#include "ServerTicketStore.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

namespace triage::server {

QString ServerTicketStore::encodeGroups(const QStringList &groups)
{
    QStringList out;
    for (const QString &g : groups)
        out << (g.isEmpty() ? u"-"_qs : g);
    out.removeDuplicates();
    return out.join(u',');
}

QStringList ServerTicketStore::decodeGroups(const QString &text)
{
    QStringList out;
    for (const QString &g : text.split(u',', Qt::SkipEmptyParts))
        out << (g == u"-"_qs ? QString() : g);
    return out;
}

namespace {

const QString kLoadSql = u"SELECT data, deleted, former_groups, seq, id, number, version, group_id,"
                         " requester_id FROM tickets WHERE id = ?"_qs;
const QString kLoadCommentSql = u"SELECT data, ticket_version FROM comments WHERE id = ?"_qs;

} // namespace

void ServerTicketStore::prefetchForUpdate(const QString &id)
{
    m_db.prefetch(u"ticket-for-update:"_qs + id, kLoadSql + m_db.forUpdate(), {id});
}

void ServerTicketStore::prefetchComment(const QString &id)
{
    m_db.prefetch(u"comment:"_qs + id, kLoadCommentSql, {id});
}

// The first row of `sql` for `id` as `columns` UTF-8 columns: the row prefetched under `key` when there is
// one (ServerDatabase::prefetch), else from the query. nullopt when there is no row.
std::optional<QList<QByteArray>> ServerTicketStore::row(
    const QString &key, const QString &sql, const QString &id, int columns)
{
    std::optional<QList<QByteArray>> out = key.isEmpty() ? std::nullopt : m_db.takePrefetched(key);
    if (!out) {
        Sql q(m_db, sql);
        q.bind(id).exec();
        if (!q.next())
            return std::nullopt;
        out.emplace();
        for (int c = 0; c < columns; ++c)
            out->append(q.value(c).toByteArray());
    }
    if (out->size() != columns)
        return std::nullopt; // a prefetched "no row" is an empty list
    return out;
}

std::optional<StoredTicket> ServerTicketStore::load(const QString &id, bool forUpdate)
{
    const auto r = forUpdate ? row(u"ticket-for-update:"_qs + id, kLoadSql + m_db.forUpdate(), id, 9)
                             : row({}, kLoadSql, id, 9);
    if (!r)
        return std::nullopt;
    StoredTicket s;
    s.deleted = r->at(1).toLongLong() != 0;
    s.formerGroups = decodeGroups(QString::fromUtf8(r->at(2)));
    s.seq = r->at(3).toLongLong();
    s.rowKnown = true;
    s.rowGroup = QString::fromUtf8(r->at(7));
    s.rowRequester = QString::fromUtf8(r->at(8));
    if (s.deleted) {
        s.ticket.id = QString::fromUtf8(r->at(4));
        s.ticket.number = r->at(5).toLongLong();
        s.ticket.version = r->at(6).toLongLong();
        return s;
    }
    FieldErrors errors;
    const auto t = Ticket::fromJson(QJsonDocument::fromJson(r->at(0)).object(), &errors);
    if (!t)
        throw DbError("stored ticket does not parse: " + describe(errors).toStdString());
    s.ticket = *t;
    return s;
}

qint64 ServerTicketStore::nextNumber()
{
    Sql q(m_db, u"UPDATE counters SET value = value + 1 WHERE name = 'ticket_number' RETURNING value"_qs);
    q.exec();
    if (!q.next())
        throw DbError("ticket_number counter missing");
    return q.i64(0);
}

QString ServerTicketStore::idForNumber(qint64 number)
{
    Sql q(m_db, u"SELECT id FROM tickets WHERE number = ? AND deleted = 0"_qs);
    q.bind(number).exec();
    return q.next() ? q.str(0) : QString();
}

QStringList ServerTicketStore::openTicketsOf(const QString &requesterId, int limit)
{
    Sql q(m_db,
        u"SELECT id FROM tickets WHERE requester_id = ? AND deleted = 0 AND status NOT IN ('resolved', "
        u"'closed')"
        " ORDER BY created_at DESC, id DESC LIMIT ?"_qs);
    q.bind(requesterId).bind(limit).exec();
    QStringList out;
    while (q.next())
        out << q.str(0);
    return out;
}

void ServerTicketStore::insert(const Ticket &t, qint64 seq, const std::optional<QByteArray> &history)
{
    Sql q(m_db,
        u"INSERT INTO tickets (id, number, group_id, requester_id, assignee_id, status, priority,"
        " former_groups, version, deleted, created_at, updated_at, data, seq, history)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)"_qs);
    q.bind(t.id)
        .bind(t.number.value_or(0))
        .bind(t.groupId)
        .bind(t.requesterId)
        .bind(t.assigneeId)
        .bind(toWire(t.status))
        .bind(toWire(t.priority))
        .bind(encodeGroups({t.groupId}))
        .bind(t.version)
        .bind(t.createdAt)
        .bind(t.updatedAt)
        .bind(m_db.jsonValue(t.toJson()))
        .bind(seq)
        .bind(history ? QVariant(QString::fromUtf8(*history)) : QVariant())
        .execDeferred();
}

void ServerTicketStore::update(const StoredTicket &s, qint64 seq, const QByteArray &history)
{
    const Ticket &t = s.ticket;
    QStringList groups = s.formerGroups;
    groups << t.groupId;
    // The events of this change go to the end of the stored log (docs/server.md, "Feed and
    // mutations, second pass"): to `history_tail` while it stays short, so a write rewrites at most
    // kHistoryTailChars of log instead of the whole log; the write that would make the tail longer
    // folds it into `history` (`history`, `history_tail`, new events). The feed sends `history`
    // followed by `history_tail`.
    // A NULL `history` (written before the column existed) stays NULL and the tail untouched, so the
    // feed keeps reading those logs from ticket_history. Every expression sees the row's old values.
    static const QString logSql = []() -> QString {
        const QString fold = u"length(history_tail) + length(CAST(? AS TEXT)) > %1"_qs.arg(kHistoryTailChars);
        return u", history = CASE WHEN history IS NULL OR NOT ("_qs + fold
            + u") THEN history"
              " ELSE history || CASE WHEN history = '' THEN '' ELSE ',' END"
              " || history_tail || CASE WHEN history_tail = '' THEN '' ELSE ',' END || ? END"
              ", history_tail = CASE WHEN history IS NULL THEN history_tail WHEN "_qs
            + fold + u" THEN '' WHEN history_tail = '' THEN ? ELSE history_tail || ',' || ? END"_qs;
    }();
    Sql q(m_db,
        u"UPDATE tickets SET group_id = ?, requester_id = ?, assignee_id = ?, status = ?,"
        " priority = ?, former_groups = ?, version = ?, updated_at = ?, data = ?, seq = ?"_qs
            + (history.isEmpty() ? QString() : logSql) + u" WHERE id = ?"_qs);
    q.bind(t.groupId)
        .bind(t.requesterId)
        .bind(t.assigneeId)
        .bind(toWire(t.status))
        .bind(toWire(t.priority))
        .bind(encodeGroups(groups))
        .bind(t.version)
        .bind(t.updatedAt)
        .bind(m_db.jsonValue(t.toJson()))
        .bind(seq);
    if (!history.isEmpty()) {
        const QString text = QString::fromUtf8(history);
        for (int i = 0; i < 5; ++i)
            q.bind(text);
    }
    q.bind(t.id).execDeferred();
    if (!s.rowKnown || s.rowGroup != t.groupId || s.rowRequester != t.requesterId) {
        // The comments' copies of what decides their visibility (ServerSchema.cpp), in this transaction.
        Sql c(m_db, u"UPDATE comments SET ticket_group = ?, ticket_requester = ? WHERE ticket_id = ?"_qs);
        c.bind(t.groupId).bind(t.requesterId).bind(t.id).execDeferred();
    }
}

void ServerTicketStore::markDeleted(const QString &id, qint64 seq)
{
    Sql q(
        m_db, u"UPDATE tickets SET deleted = 1, data = NULL, version = version + 1, seq = ? WHERE id = ?"_qs);
    q.bind(seq).bind(id).execDeferred();
    Sql c(m_db, u"UPDATE comments SET ticket_deleted = 1 WHERE ticket_id = ?"_qs);
    c.bind(id).execDeferred();
}

void ServerTicketStore::insertComment(
    const Comment &c, const Ticket &ticket, qint64 ticketVersion, qint64 seq)
{
    Sql q(m_db,
        u"INSERT INTO comments (id, ticket_id, author_id, public, ticket_version, created_at, data, seq,"
        " ticket_group, ticket_requester, ticket_deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"_qs);
    q.bind(c.id)
        .bind(c.ticketId)
        .bind(c.authorId)
        .bind(c.isPublic ? 1 : 0)
        .bind(ticketVersion)
        .bind(c.createdAt)
        .bind(m_db.jsonValue(c.toJson()))
        .bind(seq)
        .bind(ticket.groupId)
        .bind(ticket.requesterId)
        .execDeferred();
}

std::optional<StoredComment> ServerTicketStore::loadComment(const QString &id)
{
    const auto r = row(u"comment:"_qs + id, kLoadCommentSql, id, 2);
    if (!r)
        return std::nullopt;
    const auto c = Comment::fromJson(QJsonDocument::fromJson(r->at(0)).object(), nullptr);
    if (!c)
        throw DbError("stored comment does not parse");
    return StoredComment {*c, r->at(1).toLongLong()};
}

QList<StoredComment> ServerTicketStore::comments(const QString &ticketId)
{
    QList<StoredComment> out;
    Sql q(m_db, u"SELECT data, ticket_version FROM comments WHERE ticket_id = ? ORDER BY created_at, seq"_qs);
    q.bind(ticketId).exec();
    while (q.next()) {
        const auto c = Comment::fromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object(), nullptr);
        if (c)
            out.append(StoredComment {*c, q.i64(1)});
    }
    return out;
}

QStringList ServerTicketStore::commentIds(const QString &ticketId)
{
    QStringList out;
    Sql q(m_db, u"SELECT id FROM comments WHERE ticket_id = ? ORDER BY seq"_qs);
    q.bind(ticketId).exec();
    while (q.next())
        out << q.str(0);
    return out;
}

int ServerTicketStore::publicRepliesSince(
    const QString &ticketId, qint64 baseVersion, const QString &authorId)
{
    Sql q(m_db,
        u"SELECT COUNT(*) FROM comments WHERE ticket_id = ? AND public = 1 AND ticket_version > ?"
        " AND author_id <> ?"_qs);
    q.bind(ticketId).bind(baseVersion).bind(authorId).exec();
    return q.next() ? static_cast<int>(q.i64(0)) : 0;
}

QList<StoredTicket> ServerTicketStore::column(const QString &status)
{
    QList<StoredTicket> out;
    // ORDER BY id: rows are locked in one order, so two renormalisations cannot deadlock.
    Sql q(m_db,
        u"SELECT data, former_groups, seq, group_id, requester_id FROM tickets WHERE status = ? AND deleted "
        u"= 0"
        " ORDER BY id"_qs
            + m_db.forUpdate());
    q.bind(status).exec();
    while (q.next()) {
        FieldErrors errors;
        const auto t = Ticket::fromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object(), &errors);
        if (!t)
            throw DbError("stored ticket does not parse: " + describe(errors).toStdString());
        out.append(StoredTicket {*t, false, decodeGroups(q.str(1)), q.i64(2), true, q.str(3), q.str(4)});
    }
    std::stable_sort(out.begin(), out.end(), [](const StoredTicket &a, const StoredTicket &b) {
        return a.ticket.rank != b.ticket.rank ? a.ticket.rank < b.ticket.rank
                                              : a.ticket.number.value_or(0) < b.ticket.number.value_or(0);
    });
    return out;
}

std::optional<double> ServerTicketStore::rankOf(const QString &ticketId)
{
    Sql q(m_db, u"SELECT data FROM tickets WHERE id = ? AND deleted = 0"_qs);
    q.bind(ticketId).exec();
    if (!q.next())
        return std::nullopt;
    return QJsonDocument::fromJson(q.value(0).toByteArray()).object().value(u"rank"_qs).toDouble();
}

} // namespace triage::server
