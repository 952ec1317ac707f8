#include "CacheSchema.h"

namespace triage::cacheschema {

namespace {

// Version 1: the entities. Tickets and comments carry an INTEGER PRIMARY KEY `rid` so the
// external-content FTS tables keep pointing at the right row even after VACUUM.
QStringList v1()
{
    return {
        uR"(CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL))"_qs,
        uR"(CREATE TABLE tickets (
            rid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            number INTEGER,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            type INTEGER NOT NULL,
            status INTEGER NOT NULL,
            priority INTEGER NOT NULL,
            impact INTEGER NOT NULL,
            urgency INTEGER NOT NULL,
            requester_id TEXT,
            assignee_id TEXT,
            group_id TEXT,
            channel INTEGER NOT NULL,
            tags TEXT NOT NULL DEFAULT '',
            links TEXT NOT NULL DEFAULT '[]',
            csat_rating INTEGER,
            csat_comment TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 0,
            rank REAL NOT NULL DEFAULT 0))"_qs,
        uR"(CREATE INDEX tickets_number ON tickets(number))"_qs,
        uR"(CREATE INDEX tickets_status ON tickets(status, assignee_id))"_qs,
        uR"(CREATE INDEX tickets_group ON tickets(group_id, status))"_qs,
        uR"(CREATE TABLE comments (
            rid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            author_id TEXT,
            public INTEGER NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL))"_qs,
        uR"(CREATE INDEX comments_ticket ON comments(ticket_id, created_at))"_qs,
        // Reference data synced from the server, stored as the wire JSON.
        uR"(CREATE TABLE entities (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (kind, id)) WITHOUT ROWID)"_qs,
        // Unsynced local changes. Never deleted except by a confirmed server result.
        uR"(CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'))"_qs,
        uR"(CREATE INDEX outbox_entity ON outbox(entity_id))"_qs,
    };
}

// Version 2: full-text search over tickets and comments, Russian and English alike.
QStringList v2()
{
    QStringList s {
        uR"(CREATE VIRTUAL TABLE ticket_fts USING fts5(
            title, description, content='tickets', content_rowid='rid',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3'))"_qs,
        uR"(CREATE VIRTUAL TABLE comment_fts USING fts5(
            body, content='comments', content_rowid='rid',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3'))"_qs,
        uR"(INSERT INTO ticket_fts(ticket_fts) VALUES ('rebuild'))"_qs,
        uR"(INSERT INTO comment_fts(comment_fts) VALUES ('rebuild'))"_qs,
    };
    s << ftsTriggerStatements();
    return s;
}

// Version 3: reply drafts that survive restarts, and conflicts the agent has to decide on.
QStringList v3()
{
    return {
        uR"(CREATE TABLE drafts (
            ticket_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (ticket_id, kind)) WITHOUT ROWID)"_qs,
        uR"(CREATE TABLE conflicts (
            id TEXT PRIMARY KEY,
            outbox_id TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            status TEXT NOT NULL,
            payload TEXT NOT NULL,
            result TEXT NOT NULL,
            created_at INTEGER NOT NULL))"_qs,
        uR"(CREATE INDEX tickets_updated ON tickets(updated_at))"_qs,
    };
}

// Version 4: comments without a foreign key. The change feed orders rows by their latest change,
// so a comment can arrive a page before its ticket (the ticket changed again later); the FK made
// such a page fail forever. Deleting a ticket still deletes its comments, by trigger.
QStringList v4()
{
    QStringList s {
        uR"(CREATE TABLE comments_v4 (
            rid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            ticket_id TEXT NOT NULL,
            author_id TEXT,
            public INTEGER NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL))"_qs,
        uR"(INSERT INTO comments_v4 (rid, id, ticket_id, author_id, public, body, created_at)
            SELECT rid, id, ticket_id, author_id, public, body, created_at FROM comments)"_qs,
        uR"(DROP TABLE comments)"_qs,
        uR"(ALTER TABLE comments_v4 RENAME TO comments)"_qs,
        uR"(CREATE INDEX comments_ticket ON comments(ticket_id, created_at))"_qs,
        uR"(CREATE TRIGGER tickets_delete_comments AFTER DELETE ON tickets BEGIN
            DELETE FROM comments WHERE ticket_id = old.id;
        END)"_qs,
    };
    s << dropFtsTriggerStatements() << ftsTriggerStatements();
    return s;
}

// Version 5: the search index is touched only when indexed text really changed (an upsert from
// the feed rewrites every column; re-indexing unchanged text cost most of a 500-change page).
QStringList v5()
{
    QStringList s = dropFtsTriggerStatements();
    s << ftsTriggerStatements();
    return s;
}

// Version 6: each ticket's event log as the server logged it (synced with ticket upserts), and the
// SLA snapshot derived from it (core/sla/TicketSlaState), so rows show countdowns without
// evaluating 100k logs at start. The cursor is cleared: the next sync pulls every ticket again
// (with its log); pending changes stay in the outbox and are rebased as always.
QStringList v6()
{
    return {
        uR"(CREATE TABLE ticket_events (
            ticket_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            user_id TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL,
            old_value TEXT NOT NULL DEFAULT '',
            new_value TEXT NOT NULL DEFAULT ''))"_qs,
        uR"(CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at))"_qs,
        uR"(CREATE TRIGGER tickets_delete_events AFTER DELETE ON tickets BEGIN
            DELETE FROM ticket_events WHERE ticket_id = old.id;
        END)"_qs,
        uR"(ALTER TABLE tickets ADD COLUMN sla_due INTEGER)"_qs,
        uR"(ALTER TABLE tickets ADD COLUMN sla_metric INTEGER NOT NULL DEFAULT 2)"_qs,
        uR"(ALTER TABLE tickets ADD COLUMN sla_paused_ms INTEGER)"_qs,
        uR"(ALTER TABLE tickets ADD COLUMN sla_warn_at INTEGER)"_qs,
        uR"(DELETE FROM meta WHERE key = 'sync.cursor')"_qs,
    };
}

// Version 7: a partial index over the few tickets that link to others, so a ticket view finds who
// links to it ("Duplicated by #A") without scanning the cache.
QStringList v7()
{
    return {uR"(CREATE INDEX tickets_linking ON tickets(id) WHERE links != '[]')"_qs};
}

// Version 8: one row per ticket log (its events as the feed's JSON array) instead of one row per
// event. An initial sync wrote ~800k event rows and their (ticket_id, at) index for 100k tickets —
// a third of its writing; a log is only ever read and replaced whole. Existing rows are converted.
QStringList v8()
{
    // TicketEvent::toJson's form; empty `by`/`from`/`to` read back as absent.
    const QString iso
        = u"strftime('%Y-%m-%dT%H:%M:%S', at / 1000, 'unixepoch') || printf('.%03dZ', at % 1000)"_qs;
    return {
        uR"(CREATE TABLE ticket_logs (ticket_id TEXT PRIMARY KEY, events TEXT NOT NULL))"_qs,
        uR"(INSERT INTO ticket_logs (ticket_id, events)
            SELECT ticket_id, '[' || group_concat(e, ',') || ']' FROM (
                SELECT ticket_id, CASE WHEN field = 'created' THEN json_object('at', )"_qs
            + iso + uR"(, 'field', field, 'by', user_id, 'from', old_value, 'initial',
                    CASE WHEN json_valid(new_value) AND json_type(new_value) = 'object' THEN json(new_value)
                    ELSE json_object() END)
                ELSE json_object('at', )"_qs
            + iso + uR"(, 'field', field, 'by', user_id, 'from', old_value, 'to', new_value) END AS e
                FROM ticket_events ORDER BY ticket_id, at, rowid)
            GROUP BY ticket_id)"_qs,
        uR"(DROP TRIGGER tickets_delete_events)"_qs,
        uR"(DROP TABLE ticket_events)"_qs,
        uR"(CREATE TRIGGER tickets_delete_log AFTER DELETE ON tickets BEGIN
            DELETE FROM ticket_logs WHERE ticket_id = old.id;
        END)"_qs,
    };
}

// Version 9: attachments arrive as feed entities of kind 'attachment' (metadata only, stored in
// `entities` like the other wire JSON): an index to find a ticket's, and a trigger that drops them
// with their ticket, as its comments go.
QStringList v9()
{
    return {
        uR"(CREATE INDEX entities_attachment_ticket ON entities(json_extract(json, '$.ticket_id'))
            WHERE kind = 'attachment')"_qs,
        uR"(CREATE TRIGGER tickets_delete_attachments AFTER DELETE ON tickets BEGIN
            DELETE FROM entities WHERE kind = 'attachment' AND json_extract(json, '$.ticket_id') = old.id;
        END)"_qs,
    };
}

} // namespace

QStringList ftsTriggerStatements()
{
    return {
        uR"(CREATE TRIGGER tickets_fts_ai AFTER INSERT ON tickets BEGIN
            INSERT INTO ticket_fts(rowid, title, description) VALUES (new.rid, new.title, new.description);
        END)"_qs,
        uR"(CREATE TRIGGER tickets_fts_ad AFTER DELETE ON tickets BEGIN
            INSERT INTO ticket_fts(ticket_fts, rowid, title, description)
                VALUES ('delete', old.rid, old.title, old.description);
        END)"_qs,
        uR"(CREATE TRIGGER tickets_fts_au AFTER UPDATE OF title, description ON tickets
            WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
            INSERT INTO ticket_fts(ticket_fts, rowid, title, description)
                VALUES ('delete', old.rid, old.title, old.description);
            INSERT INTO ticket_fts(rowid, title, description) VALUES (new.rid, new.title, new.description);
        END)"_qs,
        uR"(CREATE TRIGGER comments_fts_ai AFTER INSERT ON comments BEGIN
            INSERT INTO comment_fts(rowid, body) VALUES (new.rid, new.body);
        END)"_qs,
        uR"(CREATE TRIGGER comments_fts_ad AFTER DELETE ON comments BEGIN
            INSERT INTO comment_fts(comment_fts, rowid, body) VALUES ('delete', old.rid, old.body);
        END)"_qs,
        uR"(CREATE TRIGGER comments_fts_au AFTER UPDATE OF body ON comments WHEN old.body IS NOT new.body BEGIN
            INSERT INTO comment_fts(comment_fts, rowid, body) VALUES ('delete', old.rid, old.body);
            INSERT INTO comment_fts(rowid, body) VALUES (new.rid, new.body);
        END)"_qs,
    };
}

QStringList dropFtsTriggerStatements()
{
    return {u"DROP TRIGGER IF EXISTS tickets_fts_ai"_qs, u"DROP TRIGGER IF EXISTS tickets_fts_ad"_qs,
        u"DROP TRIGGER IF EXISTS tickets_fts_au"_qs, u"DROP TRIGGER IF EXISTS comments_fts_ai"_qs,
        u"DROP TRIGGER IF EXISTS comments_fts_ad"_qs, u"DROP TRIGGER IF EXISTS comments_fts_au"_qs};
}

QStringList searchIndexBuildStatements()
{
    QStringList s = dropFtsTriggerStatements();
    s << ftsTriggerStatements() << u"INSERT INTO ticket_fts(ticket_fts) VALUES ('rebuild')"_qs
      << u"INSERT INTO comment_fts(comment_fts) VALUES ('rebuild')"_qs
      << u"DELETE FROM meta WHERE key = 'fts_dirty'"_qs;
    return s;
}

QStringList secondaryIndexStatements()
{
    return {u"CREATE INDEX IF NOT EXISTS tickets_number ON tickets(number)"_qs,
        u"CREATE INDEX IF NOT EXISTS tickets_status ON tickets(status, assignee_id)"_qs,
        u"CREATE INDEX IF NOT EXISTS tickets_group ON tickets(group_id, status)"_qs,
        u"CREATE INDEX IF NOT EXISTS tickets_updated ON tickets(updated_at)"_qs,
        u"CREATE INDEX IF NOT EXISTS comments_ticket ON comments(ticket_id, created_at)"_qs,
        u"DELETE FROM meta WHERE key = 'list_indexes_dirty'"_qs};
}

QStringList dropSecondaryIndexStatements()
{
    return {u"DROP INDEX IF EXISTS tickets_number"_qs, u"DROP INDEX IF EXISTS tickets_status"_qs,
        u"DROP INDEX IF EXISTS tickets_group"_qs, u"DROP INDEX IF EXISTS tickets_updated"_qs,
        u"DROP INDEX IF EXISTS comments_ticket"_qs};
}

const QList<Migration> &migrations()
{
    static const QList<Migration> list {
        {1, u"tickets, comments, reference entities, outbox"_qs, v1()},
        {2, u"full-text search (FTS5) over tickets and comments"_qs, v2()},
        {3, u"reply drafts, conflicts, updated_at index"_qs, v3()},
        {4, u"comments may arrive before their ticket (no foreign key)"_qs, v4()},
        {5, u"re-index only changed text"_qs, v5()},
        {6, u"ticket event logs and SLA snapshots"_qs, v6()},
        {7, u"index of tickets that link to others"_qs, v7()},
        {8, u"one row per ticket event log"_qs, v8()},
        {9, u"attachments' metadata by ticket"_qs, v9()},
    };
    return list;
}

int latestVersion()
{
    return migrations().constLast().version;
}

} // namespace triage::cacheschema
