#include "ChannelStore.h"

#include <QJsonDocument>

namespace triage::server {

namespace {

ChannelRecord readChannel(const Sql &q)
{
    ChannelRecord c;
    c.id = q.str(0);
    c.kind = q.str(1);
    c.config = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
    c.createdAt = q.i64(3);
    c.updatedAt = q.i64(4);
    return c;
}

} // namespace

QList<ChannelRecord> ChannelStore::list()
{
    Sql q(m_db, u"SELECT id, kind, config, created_at, updated_at FROM channels ORDER BY created_at, id"_qs);
    q.exec();
    QList<ChannelRecord> out;
    while (q.next())
        out.append(readChannel(q));
    return out;
}

std::optional<ChannelRecord> ChannelStore::find(const QString &id)
{
    Sql q(m_db, u"SELECT id, kind, config, created_at, updated_at FROM channels WHERE id = ?"_qs);
    q.bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return readChannel(q);
}

bool ChannelStore::put(const ChannelRecord &c)
{
    const QString config = QString::fromUtf8(QJsonDocument(c.config).toJson(QJsonDocument::Compact));
    Sql update(m_db, u"UPDATE channels SET kind = ?, config = ?, updated_at = ? WHERE id = ?"_qs);
    update.bind(c.kind).bind(config).bind(c.updatedAt).bind(c.id).exec();
    if (update.numRowsAffected() > 0)
        return false;
    Sql insert(
        m_db, u"INSERT INTO channels (id, kind, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"_qs);
    insert.bind(c.id).bind(c.kind).bind(config).bind(c.createdAt).bind(c.updatedAt).exec();
    ensureState(c.id);
    return true;
}

bool ChannelStore::remove(const QString &id)
{
    Sql q(m_db, u"DELETE FROM channels WHERE id = ?"_qs);
    q.bind(id).exec();
    const bool removed = q.numRowsAffected() > 0;
    Sql state(m_db, u"DELETE FROM channel_state WHERE channel_id = ?"_qs);
    state.bind(id).exec();
    return removed;
}

void ChannelStore::ensureState(const QString &id)
{
    Sql q(m_db, u"INSERT INTO channel_state (channel_id) VALUES (?) ON CONFLICT DO NOTHING"_qs);
    q.bind(id).exec();
}

ChannelState ChannelStore::state(const QString &id)
{
    Sql q(m_db,
        u"SELECT cursor_validity, cursor_last, last_poll_at, last_error, processed, owner"
        " FROM channel_state WHERE channel_id = ?"_qs);
    q.bind(id).exec();
    ChannelState s;
    if (!q.next())
        return s;
    s.cursorValidity = q.i64(0);
    s.cursorLast = q.i64(1);
    if (!q.value(2).isNull())
        s.lastPollAt = q.i64(2);
    s.lastError = q.str(3);
    s.processed = q.i64(4);
    s.owner = q.str(5);
    return s;
}

void ChannelStore::setCursor(const QString &id, qint64 validity, qint64 last)
{
    ensureState(id);
    Sql q(m_db, u"UPDATE channel_state SET cursor_validity = ?, cursor_last = ? WHERE channel_id = ?"_qs);
    q.bind(validity).bind(last).bind(id).exec();
}

void ChannelStore::notePoll(const QString &id, qint64 at, const QString &error, const QString &owner)
{
    ensureState(id);
    Sql q(m_db,
        u"UPDATE channel_state SET last_poll_at = ?, last_error = ?, owner = ? WHERE channel_id = ?"_qs);
    q.bind(at);
    if (error.isEmpty())
        q.bindNull();
    else
        q.bind(error);
    q.bind(owner).bind(id).exec();
}

void ChannelStore::addProcessed(const QString &id, qint64 count)
{
    ensureState(id);
    Sql q(m_db, u"UPDATE channel_state SET processed = processed + ? WHERE channel_id = ?"_qs);
    q.bind(count).bind(id).exec();
}

} // namespace triage::server
