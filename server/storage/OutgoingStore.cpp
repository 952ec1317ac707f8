#include "OutgoingStore.h"

namespace triage::server {

namespace {

const char *const kColumns
    = "id, channel_id, ticket_id, comment_id, recipient, recipient_name, subject, body,"
      " message_id, in_reply_to, refs, automatic, state, attempts, next_attempt_at,"
      " last_error, created_at, sent_at, markup";

OutgoingRecord::State stateFromName(const QString &name)
{
    using S = OutgoingRecord::State;
    if (name == u"sending"_qs)
        return S::Sending;
    if (name == u"sent"_qs)
        return S::Sent;
    if (name == u"failed"_qs)
        return S::Failed;
    return S::Queued;
}

OutgoingRecord readRecord(const Sql &q)
{
    OutgoingRecord r;
    r.id = q.str(0);
    r.channelId = q.str(1);
    r.ticketId = q.str(2);
    r.commentId = q.str(3);
    r.recipient = q.str(4);
    r.recipientName = q.str(5);
    r.subject = q.str(6);
    r.body = q.str(7);
    r.messageId = q.str(8);
    r.inReplyTo = q.str(9);
    r.references = q.str(10).split(u' ', Qt::SkipEmptyParts);
    r.automatic = q.i64(11) != 0;
    r.state = stateFromName(q.str(12));
    r.attempts = static_cast<int>(q.i64(13));
    r.nextAttemptAt = q.i64(14);
    r.lastError = q.str(15);
    r.createdAt = q.i64(16);
    r.sentAt = q.i64(17);
    r.markup = q.str(18);
    return r;
}

} // namespace

QString OutgoingRecord::stateName(State s)
{
    switch (s) {
    case State::Queued:
        return u"queued"_qs;
    case State::Sending:
        return u"sending"_qs;
    case State::Sent:
        return u"sent"_qs;
    case State::Failed:
        return u"failed"_qs;
    }
    return {};
}

void OutgoingStore::enqueue(const OutgoingRecord &m)
{
    Sql q(m_db,
        u"INSERT INTO outgoing_messages (id, channel_id, ticket_id, comment_id, recipient, recipient_name,"
        " subject, body, message_id, in_reply_to, refs, automatic, state, next_attempt_at, created_at,"
        " markup) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)"_qs);
    q.bind(m.id).bind(m.channelId).bind(m.ticketId).bind(m.commentId).bind(m.recipient).bind(m.recipientName);
    q.bind(m.subject).bind(m.body).bind(m.messageId).bind(m.inReplyTo).bind(m.references.join(u' '));
    q.bind(m.automatic ? 1 : 0).bind(m.nextAttemptAt).bind(m.createdAt);
    q.bind(m.markup.isEmpty() ? QVariant() : QVariant(m.markup)).execDeferred();
}

bool OutgoingStore::anyDue(qint64 now)
{
    Sql q(m_db,
        u"SELECT 1 FROM outgoing_messages WHERE (state = 'queued' AND next_attempt_at <= ?)"
        " OR (state = 'sending' AND claimed_until < ?) LIMIT 1"_qs);
    q.bind(now).bind(now).exec();
    return q.next();
}

QList<OutgoingRecord> OutgoingStore::claimDue(qint64 now, qint64 leaseUntil, int limit)
{
    // One statement claims: on PostgreSQL, rows another instance is claiming are skipped, not waited
    // for; SQLite has one writer (the write mutex and BEGIN IMMEDIATE).
    const QString skipLocked = m_db.isPostgres() ? u" FOR UPDATE SKIP LOCKED"_qs : QString();
    Sql q(m_db,
        u"UPDATE outgoing_messages SET state = 'sending', claimed_until = ?, attempts = attempts + 1"
        " WHERE id IN (SELECT id FROM outgoing_messages WHERE (state = 'queued' AND next_attempt_at <= ?)"
        " OR (state = 'sending' AND claimed_until < ?) ORDER BY next_attempt_at, id LIMIT ?%1)"
        " RETURNING %2"_qs.arg(skipLocked, QLatin1String(kColumns)));
    q.bind(leaseUntil).bind(now).bind(now).bind(limit).exec();
    QList<OutgoingRecord> out;
    while (q.next())
        out.append(readRecord(q));
    return out;
}

void OutgoingStore::markSent(const QString &id, qint64 at)
{
    Sql q(
        m_db, u"UPDATE outgoing_messages SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?"_qs);
    q.bind(at).bind(id).exec();
}

void OutgoingStore::markRetry(const QString &id, qint64 nextAttemptAt, const QString &error)
{
    Sql q(m_db,
        u"UPDATE outgoing_messages SET state = 'queued', next_attempt_at = ?, last_error = ?,"
        " claimed_until = 0 WHERE id = ?"_qs);
    q.bind(nextAttemptAt).bind(error.left(1000)).bind(id).exec();
}

void OutgoingStore::markFailed(const QString &id, const QString &error)
{
    Sql q(m_db, u"UPDATE outgoing_messages SET state = 'failed', last_error = ? WHERE id = ?"_qs);
    q.bind(error.left(1000)).bind(id).exec();
}

QList<OutgoingRecord> OutgoingStore::forTicket(const QString &ticketId)
{
    Sql q(m_db,
        u"SELECT %1 FROM outgoing_messages WHERE ticket_id = ? ORDER BY created_at, id"_qs.arg(
            QLatin1String(kColumns)));
    q.bind(ticketId).exec();
    QList<OutgoingRecord> out;
    while (q.next())
        out.append(readRecord(q));
    return out;
}

QString OutgoingStore::ticketForMessageId(const QString &messageId)
{
    Sql q(m_db, u"SELECT ticket_id FROM outgoing_messages WHERE message_id = ?"_qs);
    q.bind(messageId).exec();
    return q.next() ? q.str(0) : QString();
}

QStringList OutgoingStore::messageIdsOf(const QString &ticketId, int limit)
{
    Sql q(m_db,
        u"SELECT message_id FROM outgoing_messages WHERE ticket_id = ? ORDER BY created_at DESC, id DESC"
        " LIMIT ?"_qs);
    q.bind(ticketId).bind(limit).exec();
    QStringList out;
    while (q.next())
        out.prepend(q.str(0));
    return out;
}

int OutgoingStore::automaticSince(const QString &recipient, qint64 since)
{
    Sql q(m_db,
        u"SELECT COUNT(*) FROM outgoing_messages WHERE recipient = ? AND automatic = 1 AND created_at >= ?"_qs);
    q.bind(recipient).bind(since).exec();
    return q.next() ? static_cast<int>(q.i64(0)) : 0;
}

qint64 OutgoingStore::countIn(const QString &channelId, OutgoingRecord::State state)
{
    Sql q(m_db, u"SELECT COUNT(*) FROM outgoing_messages WHERE channel_id = ? AND state = ?"_qs);
    q.bind(channelId).bind(OutgoingRecord::stateName(state)).exec();
    return q.next() ? q.i64(0) : 0;
}

} // namespace triage::server
