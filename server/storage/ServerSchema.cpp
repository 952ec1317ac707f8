#include "ServerSchema.h"

namespace triage::server {

QStringList schemaStatements(Dialect dialect)
{
    const QString blob = dialect == Dialect::Postgres ? u"BYTEA"_qs : u"BLOB"_qs;
    // Types chosen so the same text works on SQLite and PostgreSQL: BIGINT, TEXT, INTEGER as bool,
    // DOUBLE PRECISION. Hashes are hex TEXT (no BLOB/BYTEA difference).
    return {
        u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_qs,
        // small_seq: the newest seq among users, team_groups, boards, views and config_docs, kept
        // by triggers (smallSeqTriggers) so the change feed can skip those tables' arms.
        u"CREATE TABLE IF NOT EXISTS sync_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL,"
        " small_seq BIGINT NOT NULL DEFAULT 0)"_qs,
        u"INSERT INTO sync_head (id, seq) VALUES (1, 0) ON CONFLICT DO NOTHING"_qs,
        u"CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)"_qs,
        u"INSERT INTO counters (name, value) VALUES ('ticket_number', 1000) ON CONFLICT DO NOTHING"_qs,
        u"CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
        " role TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, password_hash TEXT,"
        " data TEXT NOT NULL, seq BIGINT NOT NULL)"_qs,
        u"CREATE TABLE IF NOT EXISTS team_groups (id TEXT PRIMARY KEY, lead_id TEXT,"
        " data TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, seq BIGINT NOT NULL)"_qs,
        u"CREATE TABLE IF NOT EXISTS boards (id TEXT PRIMARY KEY, data TEXT,"
        " deleted INTEGER NOT NULL DEFAULT 0, seq BIGINT NOT NULL)"_qs,
        u"CREATE TABLE IF NOT EXISTS views (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL DEFAULT '',"
        " data TEXT, deleted INTEGER NOT NULL DEFAULT 0, seq BIGINT NOT NULL)"_qs,
        u"CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, number BIGINT UNIQUE,"
        " group_id TEXT NOT NULL DEFAULT '', requester_id TEXT NOT NULL DEFAULT '',"
        " assignee_id TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, priority TEXT NOT NULL,"
        " former_groups TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL,"
        " deleted INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
        " data TEXT, seq BIGINT NOT NULL, history TEXT, history_tail TEXT NOT NULL DEFAULT '')"_qs,
        u"CREATE INDEX IF NOT EXISTS tickets_seq ON tickets (seq)"_qs,
        u"CREATE INDEX IF NOT EXISTS tickets_updated ON tickets (updated_at)"_qs,
        // ticket_group, ticket_requester, ticket_deleted: copies of the ticket's group_id,
        // requester_id and deleted, kept by ServerTicketStore in the transaction that changes them, so the
        // change feed decides a comment's visibility without joining its ticket.
        u"CREATE TABLE IF NOT EXISTS comments (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL,"
        " author_id TEXT NOT NULL DEFAULT '', public INTEGER NOT NULL, ticket_version BIGINT NOT NULL,"
        " created_at BIGINT NOT NULL, data TEXT NOT NULL, seq BIGINT NOT NULL,"
        " ticket_group TEXT NOT NULL DEFAULT '', ticket_requester TEXT NOT NULL DEFAULT '',"
        " ticket_deleted INTEGER NOT NULL DEFAULT 0)"_qs,
        u"CREATE INDEX IF NOT EXISTS comments_seq ON comments (seq)"_qs,
        u"CREATE INDEX IF NOT EXISTS comments_ticket ON comments (ticket_id, created_at)"_qs,
        // Attachments (AttachmentStore): metadata rows in the change feed, with the same copies of
        // their ticket's visibility as comments plus their comment's `public`; the bytes in chunks
        // (BLOB/BYTEA, the one column type that differs), shared by identical files on a ticket
        // (blob_id). No foreign keys: a row and its chunks are written and removed in one transaction.
        u"CREATE TABLE IF NOT EXISTS attachments (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL,"
        " comment_id TEXT NOT NULL DEFAULT '', public INTEGER NOT NULL, filename TEXT NOT NULL,"
        " content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,"
        " created_by TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL, blob_id TEXT NOT NULL,"
        " chunk_count INTEGER NOT NULL, data TEXT NOT NULL, seq BIGINT NOT NULL,"
        " ticket_group TEXT NOT NULL DEFAULT '', ticket_requester TEXT NOT NULL DEFAULT '',"
        " ticket_deleted INTEGER NOT NULL DEFAULT 0)"_qs,
        u"CREATE INDEX IF NOT EXISTS attachments_seq ON attachments (seq)"_qs,
        u"CREATE INDEX IF NOT EXISTS attachments_ticket ON attachments (ticket_id, sha256)"_qs,
        u"CREATE TABLE IF NOT EXISTS attachment_chunks (blob_id TEXT NOT NULL, seq INTEGER NOT NULL,"
        " data %1 NOT NULL, PRIMARY KEY (blob_id, seq))"_qs.arg(
            dialect == Dialect::Postgres ? u"BYTEA"_qs : u"BLOB"_qs),
        u"CREATE INDEX IF NOT EXISTS users_seq ON users (seq)"_qs,
        u"CREATE INDEX IF NOT EXISTS team_groups_seq ON team_groups (seq)"_qs,
        u"CREATE INDEX IF NOT EXISTS boards_seq ON boards (seq)"_qs,
        u"CREATE INDEX IF NOT EXISTS views_seq ON views (seq)"_qs,
        // Business calendars, SLA policies and the automation rule set, stored as validated documents:
        // kind 'calendar', 'sla_policy' or 'rule_set' (RuleStore).
        u"CREATE TABLE IF NOT EXISTS config_docs (kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT,"
        " deleted INTEGER NOT NULL DEFAULT 0, seq BIGINT NOT NULL, PRIMARY KEY (kind, id))"_qs,
        u"CREATE INDEX IF NOT EXISTS config_docs_seq ON config_docs (seq)"_qs,
        u"CREATE TABLE IF NOT EXISTS ticket_history (ticket_id TEXT NOT NULL, at BIGINT NOT NULL,"
        " user_id TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT)"_qs,
        u"CREATE INDEX IF NOT EXISTS ticket_history_ticket ON ticket_history (ticket_id)"_qs,
        // One row per breached SLA cycle (SlaBreachStore); the first detection wins.
        u"CREATE TABLE IF NOT EXISTS sla_breaches (ticket_id TEXT NOT NULL, metric TEXT NOT NULL,"
        " cycle INTEGER NOT NULL, breached_at BIGINT NOT NULL, detected_at BIGINT NOT NULL,"
        " PRIMARY KEY (ticket_id, metric, cycle))"_qs,
        // One row per executed SLA escalation level (SlaEscalationStore): the claim that makes it
        // happen once across instances. `threshold` is the percent in hundredths.
        u"CREATE TABLE IF NOT EXISTS sla_escalations (ticket_id TEXT NOT NULL, metric TEXT NOT NULL,"
        " cycle INTEGER NOT NULL, threshold BIGINT NOT NULL, action TEXT NOT NULL,"
        " reached_at BIGINT NOT NULL, executed_at BIGINT NOT NULL, outcome TEXT NOT NULL,"
        " PRIMARY KEY (ticket_id, metric, cycle, threshold, action))"_qs,
        u"CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
        " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)"_qs,
        u"CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
        " last_processed_seq BIGINT NOT NULL)"_qs,
        u"CREATE TABLE IF NOT EXISTS mutation_results (client_id TEXT NOT NULL, client_seq BIGINT NOT NULL,"
        " payload_hash TEXT NOT NULL, result TEXT NOT NULL, created_at BIGINT NOT NULL,"
        " PRIMARY KEY (client_id, client_seq))"_qs,
        u"CREATE TABLE IF NOT EXISTS idempotency (user_id TEXT NOT NULL, key TEXT NOT NULL,"
        " request_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,"
        " created_at BIGINT NOT NULL, PRIMARY KEY (user_id, key))"_qs,
        // Failed sign-ins per lower-cased username + client address, shared by every instance on one
        // database (Auth::login); rows go an hour after their last failure.
        u"CREATE TABLE IF NOT EXISTS login_throttle (key TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
        " window_start BIGINT NOT NULL, blocked_until BIGINT NOT NULL, last_failure BIGINT NOT NULL)"_qs,
        // Channels (docs/channels.md): the configuration document (secrets included: never returned
        // by the API), and each channel's intake cursor and status.
        u"CREATE TABLE IF NOT EXISTS channels (id TEXT PRIMARY KEY, kind TEXT NOT NULL, config TEXT NOT NULL,"
        " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)"_qs,
        u"CREATE TABLE IF NOT EXISTS channel_state (channel_id TEXT PRIMARY KEY,"
        " cursor_validity BIGINT NOT NULL DEFAULT 0, cursor_last BIGINT NOT NULL DEFAULT 0,"
        " last_poll_at BIGINT, last_error TEXT, processed BIGINT NOT NULL DEFAULT 0, owner TEXT)"_qs,
        // Every message a channel fetched, raw, before it is processed: the exactly-once step.
        // source_key is where it came from in the channel (IMAP: "uidvalidity:uid"); message_key
        // identifies the message itself (email: "email:" + Message-ID, or a digest of the bytes),
        // so the same message delivered twice, or to two channels, is stored once.
        u"CREATE TABLE IF NOT EXISTS inbound_messages (id TEXT PRIMARY KEY, channel_id TEXT NOT NULL,"
        " source_key TEXT NOT NULL, message_key TEXT NOT NULL UNIQUE, raw %1 NOT NULL,"
        " received_at BIGINT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
        " error TEXT, ticket_id TEXT, comment_id TEXT, processed_at BIGINT,"
        " UNIQUE (channel_id, source_key))"_qs.arg(blob),
        u"CREATE INDEX IF NOT EXISTS inbound_messages_state ON inbound_messages (state, channel_id)"_qs,
        u"CREATE INDEX IF NOT EXISTS inbound_messages_ticket ON inbound_messages (ticket_id)"_qs,
        // Who a channel's sender is: (kind, address) → a user (a requester created on first contact).
        u"CREATE TABLE IF NOT EXISTS identities (kind TEXT NOT NULL, address TEXT NOT NULL,"
        " user_id TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (kind, address))"_qs,
        // The outgoing queue: written in the transaction that decides to send, sent by
        // OutgoingSender, retried with backoff; `state` queued → sending (claimed until) → sent | failed.
        u"CREATE TABLE IF NOT EXISTS outgoing_messages (id TEXT PRIMARY KEY, channel_id TEXT NOT NULL,"
        " ticket_id TEXT NOT NULL, comment_id TEXT, recipient TEXT NOT NULL, recipient_name TEXT,"
        " subject TEXT NOT NULL, body TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE, in_reply_to TEXT,"
        " refs TEXT, automatic INTEGER NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
        " next_attempt_at BIGINT NOT NULL, claimed_until BIGINT NOT NULL DEFAULT 0, last_error TEXT,"
        " created_at BIGINT NOT NULL, sent_at BIGINT, markup TEXT)"_qs,
        u"CREATE INDEX IF NOT EXISTS outgoing_messages_due ON outgoing_messages (state, next_attempt_at)"_qs,
        u"CREATE INDEX IF NOT EXISTS outgoing_messages_ticket ON outgoing_messages (ticket_id)"_qs,
        u"CREATE INDEX IF NOT EXISTS outgoing_messages_recipient ON outgoing_messages (recipient, created_at)"_qs,
        // Alerts for agents (server/notify/AgentAlerts): a Telegram account linked through a one-time
        // code (stored as its SHA-256), the alerts each agent chose, and the SLA alerts already sent
        // (one per ticket and key across instances).
        u"CREATE TABLE IF NOT EXISTS agent_links (user_id TEXT PRIMARY KEY, channel_id TEXT NOT NULL,"
        " chat_id TEXT NOT NULL, telegram_user TEXT NOT NULL, telegram_username TEXT,"
        " linked_at BIGINT NOT NULL, UNIQUE (channel_id, telegram_user))"_qs,
        u"CREATE TABLE IF NOT EXISTS agent_link_codes (code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
        " expires_at BIGINT NOT NULL)"_qs,
        u"CREATE TABLE IF NOT EXISTS alert_prefs (user_id TEXT PRIMARY KEY, prefs TEXT NOT NULL,"
        " updated_at BIGINT NOT NULL)"_qs,
        // Time rules that fired (RuleStore, docs/automation.md): once per (rule, ticket, entry into
        // the watched state) across sweeps, requests and instances; written with the firing's changes.
        u"CREATE TABLE IF NOT EXISTS rule_time_firings (rule_id TEXT NOT NULL, ticket_id TEXT NOT NULL,"
        " entered_at BIGINT NOT NULL, fired_at BIGINT NOT NULL, PRIMARY KEY (rule_id, ticket_id, entered_at))"_qs,
        u"CREATE INDEX IF NOT EXISTS rule_time_firings_ticket ON rule_time_firings (ticket_id)"_qs,
        u"CREATE TABLE IF NOT EXISTS alert_claims (ticket_id TEXT NOT NULL, alert_key TEXT NOT NULL,"
        " claimed_at BIGINT NOT NULL, PRIMARY KEY (ticket_id, alert_key))"_qs,
    };
}

const QStringList &smallSeqTables()
{
    static const QStringList tables {
        u"users"_qs, u"team_groups"_qs, u"boards"_qs, u"views"_qs, u"config_docs"_qs};
    return tables;
}

QStringList smallSeqTriggers(Dialect dialect)
{
    QStringList out;
    if (dialect == Dialect::Postgres) {
        out << u"CREATE OR REPLACE FUNCTION triage_note_small_seq() RETURNS trigger LANGUAGE plpgsql AS $$"
               " BEGIN UPDATE sync_head SET small_seq = NEW.seq WHERE id = 1 AND small_seq < NEW.seq;"
               " RETURN NULL; END $$"_qs;
        for (const QString &t : smallSeqTables()) {
            out << u"CREATE TRIGGER %1_small_seq AFTER INSERT OR UPDATE OF seq ON %1"
                   " FOR EACH ROW EXECUTE FUNCTION triage_note_small_seq()"_qs.arg(t);
        }
        return out;
    }
    for (const QString &t : smallSeqTables()) {
        for (const QString &event : {u"INSERT"_qs, u"UPDATE OF seq"_qs}) {
            out << u"CREATE TRIGGER IF NOT EXISTS %1_small_seq_%2 AFTER %3 ON %1 BEGIN"
                   " UPDATE sync_head SET small_seq = NEW.seq WHERE id = 1 AND small_seq < NEW.seq; END"_qs
                       .arg(t, event.left(1).toLower(), event);
        }
    }
    return out;
}

} // namespace triage::server
