#include "BulkWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringEncoder>

#include <algorithm>
#include <sqlite3.h>
#include <utility>

namespace triage {

namespace {

// A row's text values as UTF-8, all in one buffer kept from row to row: no QByteArray (an allocation
// and a free) per column. Sized for the whole row before the first value, so the views stay valid
// until the row is stepped.
class RowText
{
public:
    // `chars`: the row's UTF-16 length in all; UTF-8 needs at most 3 bytes for each.
    void start(qsizetype chars)
    {
        if (m_buffer.size() < chars * 3)
            m_buffer.resize(chars * 3 + 1024);
        m_used = 0;
    }
    QByteArrayView add(QStringView s)
    {
        char *out = m_buffer.data() + m_used;
        char *end = m_encoder.appendToBuffer(out, s);
        m_used = end - m_buffer.data();
        return {out, end - out};
    }
    // Tags are stored comma-separated.
    QByteArrayView addJoined(const QStringList &list, char16_t separator)
    {
        char *out = m_buffer.data() + m_used;
        char *end = out;
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i > 0)
                end = m_encoder.appendToBuffer(end, QStringView(&separator, 1));
            end = m_encoder.appendToBuffer(end, list.at(i));
        }
        m_used = end - m_buffer.data();
        return {out, end - out};
    }

private:
    QByteArray m_buffer;
    qsizetype m_used = 0;
    QStringEncoder m_encoder {QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

} // namespace

struct BulkWriter::Impl {
    sqlite3 *db = nullptr;
    sqlite3_stmt *ticket = nullptr;
    sqlite3_stmt *comment = nullptr;
    sqlite3_stmt *entity = nullptr;
    sqlite3_stmt *meta = nullptr;
    sqlite3_stmt *dropTicket = nullptr;
    sqlite3_stmt *dropComment = nullptr;
    sqlite3_stmt *dropEntity = nullptr;
    sqlite3_stmt *dropTicketComments = nullptr; // staging only (the cache has a trigger)
    sqlite3_stmt *log = nullptr; // event logs go to the cache's ticket_logs, staging or not
    RowText text; // the UTF-8 of the row being written

    ~Impl()
    {
        sqlite3_finalize(dropTicketComments);
        sqlite3_finalize(log);
        sqlite3_finalize(dropTicket);
        sqlite3_finalize(dropComment);
        sqlite3_finalize(dropEntity);
        sqlite3_finalize(ticket);
        sqlite3_finalize(comment);
        sqlite3_finalize(entity);
        sqlite3_finalize(meta);
        sqlite3_close(db);
    }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(db)); }
    bool exec(const char *sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
};

namespace {

void bindView(sqlite3_stmt *s, int i, QByteArrayView utf8)
{
    // A non-null pointer even for "": an empty text, not NULL.
    sqlite3_bind_text(s, i, utf8.isNull() ? "" : utf8.data(), static_cast<int>(utf8.size()), SQLITE_STATIC);
}

void bindOptionalView(sqlite3_stmt *s, int i, QByteArrayView utf8)
{
    if (utf8.isEmpty())
        sqlite3_bind_null(s, i);
    else
        bindView(s, i, utf8);
}

// Binds text that must outlive the step: the caller keeps the QByteArray alive.
void bindText(sqlite3_stmt *s, int i, const QByteArray &utf8)
{
    sqlite3_bind_text(s, i, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_STATIC);
}

QByteArray linksJson(const QList<TicketLink> &links)
{
    if (links.isEmpty())
        return QByteArrayLiteral("[]");
    QJsonArray a;
    for (const auto &l : links)
        a.append(QJsonObject {{u"kind"_qs, toWire(l.kind)}, {u"ticket_id"_qs, l.ticketId}});
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

} // namespace

BulkWriter::~BulkWriter() = default;

sqlite3 *BulkWriter::connection() const
{
    return d->db;
}

std::unique_ptr<BulkWriter> BulkWriter::open(const QString &path, QString *error, const QString &prefix)
{
    std::unique_ptr<BulkWriter> w(new BulkWriter);
    w->d = std::make_unique<Impl>();
    // NOMUTEX: one thread at a time uses this connection (the pipeline hands it over through queued
    // calls), so SQLite's per-call connection mutex is pure cost (~10 lock/unlock pairs a row).
    if (sqlite3_open_v2(
            path.toUtf8().constData(), &w->d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        *error = w->d->error();
        return nullptr;
    }
    sqlite3_busy_timeout(w->d->db, 5000);
    w->d->exec("PRAGMA synchronous = NORMAL");
    w->d->exec("PRAGMA cache_size = -65536");
    // Same columns and upsert as TicketRepository::writeTickets (a resumed sync rewrites rows).
    const QByteArray p = prefix.toUtf8();
    const QByteArray ticketSql = "INSERT INTO " + p
        + "tickets (id, number, title, description, type, status, priority, impact, urgency, "
          "requester_id, assignee_id, group_id, channel, tags, links, csat_rating, csat_comment, created_at, "
          "updated_at, version, rank, sla_due, sla_metric, sla_paused_ms, sla_warn_at) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
          "ON CONFLICT(id) DO UPDATE SET number=excluded.number, title=excluded.title, "
          "description=excluded.description, type=excluded.type, status=excluded.status, "
          "priority=excluded.priority, impact=excluded.impact, urgency=excluded.urgency, "
          "requester_id=excluded.requester_id, assignee_id=excluded.assignee_id, group_id=excluded.group_id, "
          "channel=excluded.channel, tags=excluded.tags, links=excluded.links, "
          "csat_rating=excluded.csat_rating, "
          "csat_comment=excluded.csat_comment, created_at=excluded.created_at, "
          "updated_at=excluded.updated_at, "
          "version=excluded.version, rank=excluded.rank, sla_due=excluded.sla_due, "
          "sla_metric=excluded.sla_metric, sla_paused_ms=excluded.sla_paused_ms, "
          "sla_warn_at=excluded.sla_warn_at";
    const QByteArray commentSql = "INSERT INTO " + p
        + "comments (id, ticket_id, author_id, public, body, created_at) VALUES (?,?,?,?,?,?) "
          "ON CONFLICT(id) DO UPDATE SET author_id=excluded.author_id, public=excluded.public, "
          "body=excluded.body, created_at=excluded.created_at";
    const QByteArray entitySql = "INSERT INTO " + p
        + "entities (kind, id, json) VALUES (?,?,?) "
          "ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json";
    const QByteArray metaSql
        = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    // Deleting a ticket deletes its comments (the cache has a trigger; staging does it here).
    const QByteArray dropTicketSql = "DELETE FROM tickets WHERE id = ?";
    const QByteArray dropCommentSql = "DELETE FROM " + p + "comments WHERE id = ?";
    const QByteArray dropEntitySql = "DELETE FROM " + p + "entities WHERE kind = ? AND id = ?";
    auto prepare = [&](const QByteArray &sql, sqlite3_stmt **st) {
        return sqlite3_prepare_v2(w->d->db, sql.constData(), -1, st, nullptr) == SQLITE_OK;
    };
    if (!prepare(ticketSql, &w->d->ticket) || !prepare(commentSql, &w->d->comment)
        || !prepare(entitySql, &w->d->entity) || !prepare(metaSql, &w->d->meta)
        || !prepare(dropCommentSql, &w->d->dropComment) || !prepare(dropEntitySql, &w->d->dropEntity)
        || !prepare("INSERT INTO ticket_logs (ticket_id, events) VALUES (?, ?) "
                    "ON CONFLICT(ticket_id) DO UPDATE SET events = excluded.events",
            &w->d->log)) {
        *error = w->d->error();
        return nullptr;
    }
    // One statement per prepare: staging deletes a ticket's comments with a second one.
    if (prefix.isEmpty()) {
        if (!prepare(dropTicketSql, &w->d->dropTicket)) {
            *error = w->d->error();
            return nullptr;
        }
    } else if (!prepare("DELETE FROM " + p + "tickets WHERE id = ?", &w->d->dropTicket)
        || !prepare("DELETE FROM " + p + "comments WHERE ticket_id = ?", &w->d->dropTicketComments)) {
        *error = w->d->error();
        return nullptr;
    }
    return w;
}

bool BulkWriter::execAll(const QString &path, const QStringList &statements, QString *error)
{
    Impl c;
    if (sqlite3_open_v2(path.toUtf8().constData(), &c.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        *error = c.error();
        return false;
    }
    sqlite3_busy_timeout(c.db, 60000);
    // The background index build restarts a WAL a bulk load grew: cut the file back then.
    c.exec("PRAGMA journal_size_limit = 67108864");
    if (!c.exec("BEGIN IMMEDIATE")) {
        *error = c.error();
        return false;
    }
    for (const auto &s : statements) {
        if (!c.exec(s.toUtf8().constData())) {
            *error = c.error();
            c.exec("ROLLBACK");
            return false;
        }
    }
    if (!c.exec("COMMIT")) {
        *error = c.error();
        c.exec("ROLLBACK");
        return false;
    }
    return true;
}

bool BulkWriter::write(const QList<Ticket> &tickets, const QList<Comment> &comments, QString *error,
    const QList<QPair<QString, QJsonObject>> &entities, const QMap<QString, QString> &meta,
    const QHash<QString, QList<TicketEvent>> &history, const QHash<QString, QByteArray> &historyJson)
{
    return begin(error) && writeRows(tickets, comments, error, entities, meta, history, historyJson)
        && commit(error);
}

bool BulkWriter::begin(QString *error)
{
    if (!d->exec("BEGIN IMMEDIATE")) {
        *error = d->error();
        m_removals = {};
        return false;
    }
    return true;
}

bool BulkWriter::commit(QString *error)
{
    if (!d->exec("COMMIT")) {
        *error = d->error();
        d->exec("ROLLBACK");
        return false;
    }
    return true;
}

bool BulkWriter::writeRows(const QList<Ticket> &tickets, const QList<Comment> &comments, QString *error,
    const QList<QPair<QString, QJsonObject>> &entities, const QMap<QString, QString> &meta,
    const QHash<QString, QList<TicketEvent>> &history, const QHash<QString, QByteArray> &historyJson)
{
    auto fail = [&]() {
        *error = d->error();
        d->exec("ROLLBACK");
        m_removals = {};
        return false;
    };
    auto drop = [&](sqlite3_stmt *st, const QString &a, const QString &b = {}) {
        const QByteArray x = a.toUtf8(), y = b.toUtf8();
        bindText(st, 1, x);
        if (!b.isNull())
            bindText(st, 2, y);
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        return rc == SQLITE_DONE;
    };
    for (const auto &id : std::as_const(m_removals.tickets)) {
        if ((d->dropTicketComments && !drop(d->dropTicketComments, id)) || !drop(d->dropTicket, id))
            return fail();
    }
    for (const auto &id : std::as_const(m_removals.comments)) {
        if (!drop(d->dropComment, id))
            return fail();
    }
    for (const auto &[kind, id] : std::as_const(m_removals.entities)) {
        if (!drop(d->dropEntity, kind, id))
            return fail();
    }
    m_removals = {};
    sqlite3_stmt *s = d->ticket;
    RowText &text = d->text;
    for (const Ticket &t : tickets) {
        qsizetype chars = t.id.size() + t.title.size() + t.description.size() + t.requesterId.size()
            + t.assigneeId.size() + t.groupId.size() + t.csatComment.size() + t.tags.size();
        for (const QString &tag : t.tags)
            chars += tag.size();
        text.start(chars);
        const QByteArrayView id = text.add(t.id), title = text.add(t.title),
                             description = text.add(t.description), requester = text.add(t.requesterId),
                             assignee = text.add(t.assigneeId), group = text.add(t.groupId),
                             tags = text.addJoined(t.tags, u','), csat = text.add(t.csatComment);
        const QByteArray links = linksJson(t.links);
        bindView(s, 1, id);
        if (t.number)
            sqlite3_bind_int64(s, 2, *t.number);
        else
            sqlite3_bind_null(s, 2);
        bindView(s, 3, title);
        bindView(s, 4, description);
        sqlite3_bind_int(s, 5, static_cast<int>(t.type));
        sqlite3_bind_int(s, 6, static_cast<int>(t.status));
        sqlite3_bind_int(s, 7, static_cast<int>(t.priority));
        sqlite3_bind_int(s, 8, static_cast<int>(t.impact));
        sqlite3_bind_int(s, 9, static_cast<int>(t.urgency));
        bindOptionalView(s, 10, requester);
        bindOptionalView(s, 11, assignee);
        bindOptionalView(s, 12, group);
        sqlite3_bind_int(s, 13, static_cast<int>(t.channel));
        bindView(s, 14, tags);
        bindText(s, 15, links);
        if (t.csatRating)
            sqlite3_bind_int(s, 16, *t.csatRating);
        else
            sqlite3_bind_null(s, 16);
        bindView(s, 17, csat);
        sqlite3_bind_int64(s, 18, t.createdAt);
        sqlite3_bind_int64(s, 19, t.updatedAt);
        sqlite3_bind_int64(s, 20, t.version);
        sqlite3_bind_double(s, 21, t.rank);
        if (t.sla.due == SlaSnapshot::kNone)
            sqlite3_bind_null(s, 22);
        else
            sqlite3_bind_int64(s, 22, t.sla.due);
        sqlite3_bind_int(s, 23, static_cast<int>(t.sla.metric));
        if (t.sla.paused)
            sqlite3_bind_int64(s, 24, t.sla.remainingMs);
        else
            sqlite3_bind_null(s, 24);
        if (t.sla.warnAt == SlaSnapshot::kNone)
            sqlite3_bind_null(s, 25);
        else
            sqlite3_bind_int64(s, 25, t.sla.warnAt);
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return fail();
    }
    s = d->comment;
    for (const Comment &c : comments) {
        text.start(c.id.size() + c.ticketId.size() + c.authorId.size() + c.body.size());
        const QByteArrayView id = text.add(c.id), ticket = text.add(c.ticketId),
                             author = text.add(c.authorId), body = text.add(c.body);
        bindView(s, 1, id);
        bindView(s, 2, ticket);
        bindOptionalView(s, 3, author);
        sqlite3_bind_int(s, 4, c.isPublic ? 1 : 0);
        bindView(s, 5, body);
        sqlite3_bind_int64(s, 6, c.createdAt);
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return fail();
    }
    // One row per log (its JSON array, as the feed sent it when the reader kept it), in ticket id
    // order so ticket_logs' key index grows at its end (a page's tickets come in ~creation order).
    QStringList ids = history.keys();
    std::sort(ids.begin(), ids.end());
    s = d->log;
    for (const QString &id : std::as_const(ids)) {
        const QByteArray ticket = id.toUtf8();
        const auto raw = historyJson.find(id);
        const QByteArray events
            = raw != historyJson.end() ? raw.value() : TicketEvent::listToJsonText(history.find(id).value());
        bindText(s, 1, ticket);
        bindText(s, 2, events);
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return fail();
    }
    s = d->entity;
    for (const auto &[kind, json] : entities) {
        const QByteArray k = kind.toUtf8(), id = json.value(u"id"_qs).toString().toUtf8(),
                         body = QJsonDocument(json).toJson(QJsonDocument::Compact);
        bindText(s, 1, k);
        bindText(s, 2, id);
        bindText(s, 3, body);
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return fail();
    }
    s = d->meta;
    for (auto it = meta.constBegin(); it != meta.constEnd(); ++it) {
        const QByteArray k = it.key().toUtf8(), v = it.value().toUtf8();
        bindText(s, 1, k);
        bindText(s, 2, v);
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return fail();
    }
    return true;
}

} // namespace triage
