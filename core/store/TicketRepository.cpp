#include "TicketRepository.h"

#include "CacheDatabase.h"
#include "LocalCache.h"
#include "StoreSql.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace triage {

using storesql::kTicketColumns;
using storesql::readTicket;
using storesql::text;
using storesql::Transaction;

namespace {

// Batches of at least this many rows go through temp.staged_* (see writeTickets).
constexpr qsizetype kStagedRows = 8;

QVariant nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

void bindSla(QSqlQuery &q, const SlaSnapshot &s)
{
    q.addBindValue(s.due == SlaSnapshot::kNone ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(s.due));
    q.addBindValue(static_cast<int>(s.metric));
    q.addBindValue(s.paused ? QVariant(s.remainingMs) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(
        s.warnAt == SlaSnapshot::kNone ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(s.warnAt));
}

// sla_due, sla_metric, sla_paused_ms, sla_warn_at starting at `base`.
SlaSnapshot readSla(const QSqlQuery &q, int base)
{
    SlaSnapshot s;
    if (!q.isNull(base))
        s.due = q.value(base).toLongLong();
    s.metric = static_cast<SlaMetric>(std::clamp(q.value(base + 1).toInt(), 0, 2));
    if (!q.isNull(base + 2)) {
        s.paused = true;
        s.remainingMs = q.value(base + 2).toLongLong();
    }
    if (!q.isNull(base + 3))
        s.warnAt = q.value(base + 3).toLongLong();
    return s;
}

void bindTicket(QSqlQuery &q, const Ticket &t)
{
    q.addBindValue(t.id);
    q.addBindValue(t.number ? QVariant(*t.number) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(t.title);
    q.addBindValue(text(t.description));
    q.addBindValue(static_cast<int>(t.type));
    q.addBindValue(static_cast<int>(t.status));
    q.addBindValue(static_cast<int>(t.priority));
    q.addBindValue(static_cast<int>(t.impact));
    q.addBindValue(static_cast<int>(t.urgency));
    q.addBindValue(nullIfEmpty(t.requesterId));
    q.addBindValue(nullIfEmpty(t.assigneeId));
    q.addBindValue(nullIfEmpty(t.groupId));
    q.addBindValue(static_cast<int>(t.channel));
    q.addBindValue(text(t.tags.join(u',')));
    q.addBindValue(t.links.isEmpty() ? u"[]"_qs : storesql::linksToJson(t.links));
    q.addBindValue(t.csatRating ? QVariant(*t.csatRating) : QVariant(QMetaType(QMetaType::Int)));
    q.addBindValue(text(t.csatComment));
    q.addBindValue(t.createdAt);
    q.addBindValue(t.updatedAt);
    q.addBindValue(t.version);
    q.addBindValue(t.rank);
    bindSla(q, t.sla);
}

Comment readComment(const QSqlQuery &q)
{
    return Comment {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toBool(),
        q.value(4).toString(), q.value(5).toLongLong()};
}

} // namespace

TicketRepository::TicketRepository(LocalCache &cache)
    : CacheRepository(cache)
{ }

TicketRepository::~TicketRepository() = default;

Ticket storesql::readTicket(const QSqlQuery &q, int base)
{
    Ticket t;
    t.id = q.value(base + 0).toString();
    if (!q.isNull(base + 1))
        t.number = q.value(base + 1).toLongLong();
    t.title = q.value(base + 2).toString();
    t.description = q.value(base + 3).toString();
    t.type = static_cast<TicketType>(q.value(base + 4).toInt());
    t.status = static_cast<TicketStatus>(q.value(base + 5).toInt());
    t.priority = static_cast<Priority>(q.value(base + 6).toInt());
    t.impact = static_cast<Level>(q.value(base + 7).toInt());
    t.urgency = static_cast<Level>(q.value(base + 8).toInt());
    t.requesterId = q.value(base + 9).toString();
    t.assigneeId = q.value(base + 10).toString();
    t.groupId = q.value(base + 11).toString();
    t.channel = static_cast<Channel>(q.value(base + 12).toInt());
    const QString tags = q.value(base + 13).toString();
    if (!tags.isEmpty())
        t.tags = tags.split(u',');
    t.links = storesql::linksFromJson(q.value(base + 14).toString());
    if (!q.isNull(base + 15))
        t.csatRating = q.value(base + 15).toInt();
    t.csatComment = q.value(base + 16).toString();
    t.createdAt = q.value(base + 17).toLongLong();
    t.updatedAt = q.value(base + 18).toLongLong();
    t.version = q.value(base + 19).toLongLong();
    t.rank = q.value(base + 20).toDouble();
    t.sla = readSla(q, base + 21);
    return t;
}

std::optional<Ticket> TicketRepository::ticket(const QString &id) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM tickets WHERE id = ?"_qs.arg(QStringView(kTicketColumns)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readTicket(q);
}

std::optional<Ticket> TicketRepository::ticketByNumber(qint64 number) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM tickets WHERE number = ?"_qs.arg(QStringView(kTicketColumns)));
    q.addBindValue(number);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readTicket(q);
}

qint64 TicketRepository::ticketCount() const
{
    QSqlQuery q(m_db->connection());
    if (q.exec(u"SELECT count(*) FROM tickets"_qs) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

bool TicketRepository::forEachTicket(const std::function<void(Ticket &&)> &fn) const
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT %1 FROM tickets ORDER BY rid"_qs.arg(QStringView(kTicketColumns))))
        return fail(u"reading tickets"_qs, q.lastError().text());
    while (q.next())
        fn(readTicket(q));
    return true;
}

bool TicketRepository::forEachTicketHeader(const std::function<void(Ticket &&)> &fn) const
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(
            u"SELECT id, number, title, type, status, priority, requester_id, assignee_id, group_id, "
            "created_at, updated_at, rank, sla_due, sla_metric, sla_paused_ms, sla_warn_at FROM tickets ORDER BY rid"_qs))
        return fail(u"reading tickets"_qs, q.lastError().text());
    while (q.next()) {
        Ticket t;
        t.id = q.value(0).toString();
        if (!q.isNull(1))
            t.number = q.value(1).toLongLong();
        t.title = q.value(2).toString();
        t.type = static_cast<TicketType>(q.value(3).toInt());
        t.status = static_cast<TicketStatus>(q.value(4).toInt());
        t.priority = static_cast<Priority>(q.value(5).toInt());
        t.requesterId = q.value(6).toString();
        t.assigneeId = q.value(7).toString();
        t.groupId = q.value(8).toString();
        t.createdAt = q.value(9).toLongLong();
        t.updatedAt = q.value(10).toLongLong();
        t.rank = q.value(11).toDouble();
        t.sla = readSla(q, 12);
        fn(std::move(t));
    }
    return true;
}

QList<Ticket> TicketRepository::matching(const TicketFilter &filter, const QString &me, int limit) const
{
    limit = std::clamp(limit, 1, 1000000);
    QStringList where;
    QVariantList binds;
    auto inList = [&](const QString &column, const QList<int> &values) {
        if (values.isEmpty())
            return;
        QStringList marks;
        for (int v : values) {
            marks << u"?"_qs;
            binds << v;
        }
        where << column + u" IN ("_qs + marks.join(u',') + u')';
    };
    QList<int> ints;
    for (auto s : filter.statuses)
        ints << static_cast<int>(s);
    inList(u"status"_qs, ints);
    ints.clear();
    for (auto p : filter.priorities)
        ints << static_cast<int>(p);
    inList(u"priority"_qs, ints);
    ints.clear();
    for (auto t : filter.types)
        ints << static_cast<int>(t);
    inList(u"type"_qs, ints);
    if (!filter.groupIds.isEmpty()) {
        QStringList marks;
        for (const auto &g : filter.groupIds) {
            marks << u"?"_qs;
            binds << g;
        }
        where << u"group_id IN ("_qs + marks.join(u',') + u')';
    }
    switch (filter.assignee) {
    case TicketFilter::Assignee::Any:
        break;
    case TicketFilter::Assignee::Me:
        where << u"assignee_id = ?"_qs;
        binds << me;
        break;
    case TicketFilter::Assignee::Unassigned:
        where << u"assignee_id IS NULL"_qs;
        break;
    case TicketFilter::Assignee::Specific:
        where << u"assignee_id = ?"_qs;
        binds << filter.assigneeId;
        break;
    }
    if (!filter.requesterId.isEmpty()) {
        where << u"requester_id = ?"_qs;
        binds << filter.requesterId;
    }
    if (!filter.tag.isEmpty()) {
        where << u"(',' || tags || ',') LIKE ? ESCAPE '\\'"_qs;
        QString tag = normaliseTag(filter.tag);
        tag.replace(u'\\', u"\\\\"_qs).replace(u'%', u"\\%"_qs).replace(u'_', u"\\_"_qs);
        binds << QString(u"%,"_qs + tag + u",%"_qs);
    }
    if (!filter.text.trimmed().isEmpty()) {
        const QList<SearchHit> hits = m_cache.searchIndex().search(filter.text, 2000);
        if (hits.isEmpty())
            return {};
        QStringList marks;
        for (const auto &h : hits) {
            marks << u"?"_qs;
            binds << h.ticketId;
        }
        where << u"id IN ("_qs + marks.join(u',') + u')';
    }
    QString order;
    switch (filter.sortKey) {
    case TicketFilter::SortKey::Due: // due instants live in the SLA engine; priority is the proxy here
    case TicketFilter::SortKey::Priority:
        order = u"priority, created_at"_qs;
        break;
    case TicketFilter::SortKey::Updated:
        order = u"updated_at"_qs;
        break;
    case TicketFilter::SortKey::Created:
        order = u"created_at"_qs;
        break;
    case TicketFilter::SortKey::Number:
        order = u"number"_qs;
        break;
    }
    if (filter.descending)
        order = order.split(u", "_qs).join(u" DESC, "_qs) + u" DESC"_qs;
    const QString sql = u"SELECT %1 FROM tickets%2 ORDER BY %3 LIMIT %4"_qs.arg(QStringView(kTicketColumns),
        where.isEmpty() ? QString() : u" WHERE "_qs + where.join(u" AND "_qs), order, QString::number(limit));
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const auto &b : binds)
        q.addBindValue(b);
    QList<Ticket> out;
    if (!q.exec()) {
        fail(u"querying tickets"_qs, q.lastError().text());
        return out;
    }
    while (q.next())
        out << readTicket(q);
    return out;
}

bool TicketRepository::writeTickets(QList<Ticket> &tickets, const QHash<QString, QList<TicketEvent>> *history)
{
    m_cache.eventLogs().fillSla(tickets, history);
    const QString columns = QString::fromUtf16(kTicketColumns);
    const QString upsert = u"ON CONFLICT(id) DO UPDATE SET number=excluded.number, title=excluded.title, "
                           u"description=excluded.description, type=excluded.type, status=excluded.status, "
                           u"priority=excluded.priority, impact=excluded.impact, urgency=excluded.urgency, "
                           u"requester_id=excluded.requester_id, assignee_id=excluded.assignee_id, "
                           u"group_id=excluded.group_id, channel=excluded.channel, tags=excluded.tags, "
                           u"links=excluded.links, csat_rating=excluded.csat_rating, "
                           u"csat_comment=excluded.csat_comment, created_at=excluded.created_at, "
                           u"updated_at=excluded.updated_at, version=excluded.version, rank=excluded.rank, "
                           u"sla_due=excluded.sla_due, sla_metric=excluded.sla_metric, "
                           u"sla_paused_ms=excluded.sla_paused_ms, sla_warn_at=excluded.sla_warn_at"_qs;
    const QString values = u"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "_qs;
    QSqlQuery q(m_db->connection());
    if (tickets.size() >= kStagedRows) {
        // FTS5 flushes its pending entries at the end of every statement that wrote to it (a
        // statement savepoint): one upsert per row wrote a tiny index segment per changed text, and
        // merged them. Staged in a temporary table, the batch is one INSERT … SELECT: one flush.
        if (!q.exec(
                u"CREATE TEMP TABLE IF NOT EXISTS staged_tickets AS SELECT %1 FROM main.tickets WHERE 0"_qs
                    .arg(columns)))
            return fail(u"preparing a batch"_qs, q.lastError().text());
        q.prepare(u"INSERT INTO temp.staged_tickets (%1) "_qs.arg(columns) + values);
        for (const auto &t : tickets) {
            bindTicket(q, t);
            if (!q.exec())
                return fail(u"writing ticket "_qs + t.id, q.lastError().text());
        }
        const bool ok = q.exec(u"INSERT INTO main.tickets (%1) SELECT %1 FROM temp.staged_tickets WHERE true "
                               u"ORDER BY rowid "_qs.arg(columns)
            + upsert);
        const QString error = q.lastError().text();
        q.exec(u"DELETE FROM temp.staged_tickets"_qs);
        return ok || fail(u"writing tickets"_qs, error);
    }
    q.prepare(u"INSERT INTO tickets (%1) "_qs.arg(columns) + values + upsert);
    for (const auto &t : tickets) {
        bindTicket(q, t);
        if (!q.exec())
            return fail(u"writing ticket "_qs + t.id, q.lastError().text());
    }
    return true;
}

bool TicketRepository::upsertTickets(const QList<Ticket> &tickets)
{
    if (tickets.isEmpty())
        return true;
    // Sorted by key, a scattered batch touches the B-tree in order (see performance.md).
    QList<Ticket> sorted = tickets;
    std::sort(sorted.begin(), sorted.end(), [](const Ticket &a, const Ticket &b) { return a.id < b.id; });
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    if (!writeTickets(sorted))
        return false;
    if (!tx.commit())
        return fail(u"committing tickets"_qs, tx.error());
    Q_EMIT ticketsChanged(sorted);
    return true;
}

bool TicketRepository::removeTickets(const QStringList &ids)
{
    if (ids.isEmpty())
        return true;
    Transaction tx(m_db->connection());
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM tickets WHERE id = ?"_qs);
    for (const auto &id : ids) {
        q.addBindValue(id);
        if (!q.exec())
            return fail(u"removing ticket "_qs + id, q.lastError().text());
    }
    if (!tx.commit())
        return fail(u"committing removal"_qs, tx.error());
    Q_EMIT ticketsRemoved(ids);
    return true;
}

bool TicketRepository::saveLocalEdit(const Ticket &ticket, const OutboxEntry &entry)
{
    m_db->setDurable(true);
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    QList<Ticket> saved {ticket};
    if (!m_cache.outbox().write(entry) || !writeTickets(saved))
        return false;
    if (!tx.commit())
        return fail(u"saving your change"_qs, tx.error());
    Q_EMIT ticketsChanged(saved);
    Q_EMIT m_cache.outbox().outboxChanged(m_cache.outbox().pendingCount());
    return true;
}

bool TicketRepository::saveLocalComment(
    const Comment &comment, const QList<OutboxEntry> &entries, const QList<Attachment> &files)
{
    m_db->setDurable(true);
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    if (!writeComments({comment}))
        return false;
    for (const OutboxEntry &entry : entries) {
        if (!m_cache.outbox().write(entry))
            return false;
    }
    QSqlQuery file(m_db->connection());
    for (const Attachment &a : files) {
        file.prepare(u"INSERT INTO entities (kind, id, json) VALUES ('attachment', ?, ?) "
                     u"ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json"_qs);
        file.addBindValue(a.id);
        file.addBindValue(QString::fromUtf8(QJsonDocument(a.toJson()).toJson(QJsonDocument::Compact)));
        if (!file.exec())
            return fail(u"saving your comment's files"_qs, file.lastError().text());
    }
    // A public reply answers the requester: its SLA timers move (pending until the server confirms).
    QList<Ticket> answered;
    if (comment.isPublic) {
        if (auto t = ticket(comment.ticketId))
            answered << *t;
    }
    if (!answered.isEmpty() && !writeTickets(answered))
        return false;
    if (!tx.commit())
        return fail(u"saving your comment"_qs, tx.error());
    if (!answered.isEmpty())
        Q_EMIT ticketsChanged(answered);
    if (!files.isEmpty())
        Q_EMIT m_cache.referenceData().entitiesChanged({u"attachment"_qs});
    Q_EMIT commentsAdded(comment.ticketId);
    Q_EMIT m_cache.outbox().outboxChanged(m_cache.outbox().pendingCount());
    return true;
}

QList<Comment> TicketRepository::comments(const QString &ticketId) const
{
    QList<Comment> out;
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, ticket_id, author_id, public, body, created_at FROM comments "
              u"WHERE ticket_id = ? ORDER BY created_at, rid"_qs);
    q.addBindValue(ticketId);
    if (!q.exec()) {
        fail(u"reading comments"_qs, q.lastError().text());
        return out;
    }
    while (q.next())
        out << readComment(q);
    return out;
}

bool TicketRepository::writeComments(const QList<Comment> &comments)
{
    const QString upsert
        = u"ON CONFLICT(id) DO UPDATE SET author_id=excluded.author_id, public=excluded.public, "
          u"body=excluded.body, created_at=excluded.created_at"_qs;
    const bool staged = comments.size() >= kStagedRows; // one FTS flush, as in writeTickets
    QSqlQuery q(m_db->connection());
    if (staged
        && !q.exec(
            u"CREATE TEMP TABLE IF NOT EXISTS staged_comments AS SELECT id, ticket_id, author_id, public, "
            u"body, created_at FROM main.comments WHERE 0"_qs))
        return fail(u"preparing a batch"_qs, q.lastError().text());
    q.prepare(staged
            ? u"INSERT INTO temp.staged_comments (id, ticket_id, author_id, public, body, created_at) "
              u"VALUES (?,?,?,?,?,?)"_qs
            : u"INSERT INTO comments (id, ticket_id, author_id, public, body, created_at) "
              u"VALUES (?,?,?,?,?,?) "_qs
                + upsert);
    for (const auto &c : comments) {
        q.addBindValue(c.id);
        q.addBindValue(c.ticketId);
        q.addBindValue(nullIfEmpty(c.authorId));
        q.addBindValue(c.isPublic ? 1 : 0);
        q.addBindValue(text(c.body));
        q.addBindValue(c.createdAt);
        if (!q.exec())
            return fail(u"writing comment "_qs + c.id, q.lastError().text());
    }
    if (!staged)
        return true;
    const bool ok
        = q.exec(u"INSERT INTO main.comments (id, ticket_id, author_id, public, body, created_at) "
                 u"SELECT id, ticket_id, author_id, public, body, created_at FROM temp.staged_comments "
                 u"WHERE true ORDER BY rowid "_qs
            + upsert);
    const QString error = q.lastError().text();
    q.exec(u"DELETE FROM temp.staged_comments"_qs);
    return ok || fail(u"writing comments"_qs, error);
}

bool TicketRepository::upsertComments(const QList<Comment> &comments)
{
    if (comments.isEmpty())
        return true;
    Transaction tx(m_db->connection());
    if (!writeComments(comments))
        return false;
    if (!tx.commit())
        return fail(u"committing comments"_qs, tx.error());
    QSet<QString> tickets;
    for (const auto &c : comments)
        tickets.insert(c.ticketId);
    for (const auto &t : tickets)
        Q_EMIT commentsAdded(t);
    return true;
}

} // namespace triage
