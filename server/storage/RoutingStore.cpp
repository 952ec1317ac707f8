#include "RoutingStore.h"

#include <QJsonDocument>

namespace triage::server {

namespace {

QJsonObject parse(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toByteArray()).object();
}

QString text(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

std::optional<QJsonObject> RoutingStore::doc(const QString &kind, const QString &id)
{
    Sql q(m_db, u"SELECT data FROM routing_docs WHERE kind = ? AND id = ?"_qs);
    q.bind(kind).bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return parse(q.value(0));
}

QHash<QString, QJsonObject> RoutingStore::docs(const QString &kind)
{
    QHash<QString, QJsonObject> out;
    Sql q(m_db, u"SELECT id, data FROM routing_docs WHERE kind = ?"_qs);
    q.bind(kind).exec();
    while (q.next())
        out.insert(q.str(0), parse(q.value(1)));
    return out;
}

void RoutingStore::putDoc(const QString &kind, const QString &id, const QJsonObject &doc, qint64 at)
{
    Sql(m_db,
        u"INSERT INTO routing_docs (kind, id, data, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at"_qs)
        .bind(kind)
        .bind(id)
        .bind(text(doc))
        .bind(at)
        .exec();
}

bool RoutingStore::deleteDoc(const QString &kind, const QString &id)
{
    Sql q(m_db, u"DELETE FROM routing_docs WHERE kind = ? AND id = ?"_qs);
    q.bind(kind).bind(id).exec();
    return q.numRowsAffected() > 0;
}

std::optional<RoutingStore::PresenceRow> RoutingStore::presence(const QString &userId)
{
    Sql q(m_db, u"SELECT state, since FROM agent_presence WHERE user_id = ?"_qs);
    q.bind(userId).exec();
    if (!q.next())
        return std::nullopt;
    return PresenceRow {q.str(0), q.i64(1)};
}

QHash<QString, RoutingStore::PresenceRow> RoutingStore::allPresence()
{
    QHash<QString, PresenceRow> out;
    Sql q(m_db, u"SELECT user_id, state, since FROM agent_presence"_qs);
    q.exec();
    while (q.next())
        out.insert(q.str(0), PresenceRow {q.str(1), q.i64(2)});
    return out;
}

void RoutingStore::setPresence(const QString &userId, const QString &state, qint64 since)
{
    Sql(m_db,
        u"INSERT INTO agent_presence (user_id, state, since) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, since = excluded.since"_qs)
        .bind(userId)
        .bind(state)
        .bind(since)
        .exec();
}

QString RoutingStore::position(const QString &groupId)
{
    Sql q(m_db, u"SELECT agent_id FROM routing_positions WHERE group_id = ?"_qs);
    q.bind(groupId).exec();
    return q.next() ? q.str(0) : QString();
}

void RoutingStore::setPosition(const QString &groupId, const QString &agentId)
{
    Sql(m_db,
        u"INSERT INTO routing_positions (group_id, agent_id) VALUES (?, ?)"
        " ON CONFLICT (group_id) DO UPDATE SET agent_id = excluded.agent_id"_qs)
        .bind(groupId)
        .bind(agentId)
        .execDeferred();
}

QHash<QString, int> RoutingStore::openLoad(const QStringList &userIds)
{
    QHash<QString, int> out;
    if (userIds.isEmpty())
        return out;
    QString marks;
    for (qsizetype i = 0; i < userIds.size(); ++i)
        marks += i ? u", ?"_qs : u"?"_qs;
    // tickets_assignee (assignee_id, status) keeps this an index range per agent.
    Sql q(m_db,
        u"SELECT assignee_id, COUNT(*) FROM tickets WHERE assignee_id IN (%1) AND deleted = 0"
        " AND status NOT IN ('resolved', 'closed') GROUP BY assignee_id"_qs.arg(marks));
    for (const QString &id : userIds)
        q.bind(id);
    q.exec();
    while (q.next())
        out.insert(q.str(0), int(q.i64(1)));
    return out;
}

} // namespace triage::server
