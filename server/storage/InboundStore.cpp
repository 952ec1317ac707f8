#include "InboundStore.h"

namespace triage::server {

namespace {

InboundRecord::State stateFromName(const QString &name)
{
    using S = InboundRecord::State;
    if (name == u"done"_qs)
        return S::Done;
    if (name == u"quarantined"_qs)
        return S::Quarantined;
    if (name == u"ignored"_qs)
        return S::Ignored;
    return S::Pending;
}

} // namespace

QString InboundRecord::stateName(State s)
{
    switch (s) {
    case State::Pending:
        return u"pending"_qs;
    case State::Done:
        return u"done"_qs;
    case State::Quarantined:
        return u"quarantined"_qs;
    case State::Ignored:
        return u"ignored"_qs;
    }
    return {};
}

bool InboundStore::insert(const InboundRecord &m)
{
    // DO NOTHING on either unique key: a refetch after a crash, or the same Message-ID again.
    Sql q(m_db,
        u"INSERT INTO inbound_messages (id, channel_id, source_key, message_key, raw, received_at, state)"
        " VALUES (?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT DO NOTHING"_qs);
    q.bind(m.id).bind(m.channelId).bind(m.sourceKey).bind(m.messageKey).bind(m.raw).bind(m.receivedAt).exec();
    return q.numRowsAffected() > 0;
}

QList<InboundRecord> InboundStore::pending(const QString &channelId, int limit)
{
    Sql q(m_db,
        u"SELECT id, source_key, message_key, raw, received_at, attempts FROM inbound_messages"
        " WHERE state = 'pending' AND channel_id = ? ORDER BY received_at, id LIMIT ?"_qs);
    q.bind(channelId).bind(limit).exec();
    QList<InboundRecord> out;
    while (q.next()) {
        InboundRecord r;
        r.id = q.str(0);
        r.channelId = channelId;
        r.sourceKey = q.str(1);
        r.messageKey = q.str(2);
        r.raw = q.value(3).toByteArray();
        r.size = r.raw.size();
        r.receivedAt = q.i64(4);
        r.attempts = static_cast<int>(q.i64(5));
        out.append(r);
    }
    return out;
}

bool InboundStore::lockPending(const QString &id)
{
    Sql q(m_db, u"SELECT state FROM inbound_messages WHERE id = ?"_qs + m_db.forUpdate());
    q.bind(id).exec();
    return q.next() && q.str(0) == u"pending"_qs;
}

void InboundStore::markDone(const QString &id, const QString &ticketId, const QString &commentId, qint64 at)
{
    Sql q(m_db,
        u"UPDATE inbound_messages SET state = 'done', ticket_id = ?, comment_id = ?, processed_at = ?,"
        " error = NULL WHERE id = ?"_qs);
    q.bind(ticketId).bind(commentId).bind(at).bind(id).execDeferred();
}

void InboundStore::markIgnored(const QString &id, const QString &reason, qint64 at)
{
    Sql q(
        m_db, u"UPDATE inbound_messages SET state = 'ignored', error = ?, processed_at = ? WHERE id = ?"_qs);
    q.bind(reason).bind(at).bind(id).execDeferred();
}

void InboundStore::markQuarantined(const QString &id, const QString &reason, qint64 at)
{
    Sql q(m_db,
        u"UPDATE inbound_messages SET state = 'quarantined', error = ?, processed_at = ?,"
        " attempts = attempts + 1 WHERE id = ?"_qs);
    q.bind(reason.left(2000)).bind(at).bind(id).exec();
}

int InboundStore::noteAttempt(const QString &id, const QString &reason)
{
    Sql q(m_db,
        u"UPDATE inbound_messages SET attempts = attempts + 1, error = ? WHERE id = ? RETURNING attempts"_qs);
    q.bind(reason.left(2000)).bind(id).exec();
    return q.next() ? static_cast<int>(q.i64(0)) : 0;
}

bool InboundStore::retry(const QString &channelId, const QString &id)
{
    Sql q(m_db,
        u"UPDATE inbound_messages SET state = 'pending' WHERE id = ? AND channel_id = ?"
        " AND state IN ('quarantined', 'ignored')"_qs);
    q.bind(id).bind(channelId).exec();
    return q.numRowsAffected() > 0;
}

QList<InboundRecord> InboundStore::held(const QString &channelId, int limit)
{
    Sql q(m_db,
        u"SELECT id, source_key, message_key, length(raw), received_at, state, attempts, error"
        " FROM inbound_messages WHERE channel_id = ? AND state IN ('quarantined', 'ignored')"
        " ORDER BY received_at DESC, id DESC LIMIT ?"_qs);
    q.bind(channelId).bind(limit).exec();
    QList<InboundRecord> out;
    while (q.next()) {
        InboundRecord r;
        r.id = q.str(0);
        r.channelId = channelId;
        r.sourceKey = q.str(1);
        r.messageKey = q.str(2);
        r.size = q.i64(3);
        r.receivedAt = q.i64(4);
        r.state = stateFromName(q.str(5));
        r.attempts = static_cast<int>(q.i64(6));
        r.error = q.str(7);
        out.append(r);
    }
    return out;
}

std::optional<QByteArray> InboundStore::rawOf(const QString &channelId, const QString &id)
{
    Sql q(m_db, u"SELECT raw FROM inbound_messages WHERE id = ? AND channel_id = ?"_qs);
    q.bind(id).bind(channelId).exec();
    if (!q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

qint64 InboundStore::countIn(const QString &channelId, InboundRecord::State state)
{
    Sql q(m_db, u"SELECT COUNT(*) FROM inbound_messages WHERE channel_id = ? AND state = ?"_qs);
    q.bind(channelId).bind(InboundRecord::stateName(state)).exec();
    return q.next() ? q.i64(0) : 0;
}

QString InboundStore::ticketForMessageKey(const QString &messageKey)
{
    Sql q(m_db,
        u"SELECT ticket_id FROM inbound_messages WHERE message_key = ? AND state = 'done'"
        " AND ticket_id IS NOT NULL AND ticket_id <> ''"_qs);
    q.bind(messageKey).exec();
    return q.next() ? q.str(0) : QString();
}

std::optional<std::pair<QString, QString>> InboundStore::lastSourceOf(const QString &ticketId)
{
    Sql q(m_db,
        u"SELECT channel_id, message_key FROM inbound_messages WHERE ticket_id = ? AND state = 'done'"
        " ORDER BY received_at DESC, id DESC LIMIT 1"_qs);
    q.bind(ticketId).exec();
    if (!q.next())
        return std::nullopt;
    return std::pair {q.str(0), q.str(1)};
}

} // namespace triage::server
