#include "DirectoryStore.h"

#include <QJsonDocument>

namespace triage::server {

namespace {

QJsonObject parse(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toByteArray()).object();
}

template<typename T> QList<T> readAll(ServerDatabase &db, const QString &sql)
{
    QList<T> out;
    Sql q(db, sql);
    q.exec();
    while (q.next()) {
        if (auto v = T::fromJson(parse(q.value(0)), nullptr))
            out.append(*v);
    }
    return out;
}

template<typename T> std::optional<T> readOne(ServerDatabase &db, const QString &sql, const QString &id)
{
    Sql q(db, sql);
    q.bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return T::fromJson(parse(q.value(0)), nullptr);
}

} // namespace

std::optional<StoredUser> DirectoryStore::userById(const QString &id)
{
    Sql q(m_db, u"SELECT data, password_hash FROM users WHERE id = ?"_qs);
    q.bind(id).exec();
    if (!q.next())
        return std::nullopt;
    auto u = User::fromJson(parse(q.value(0)), nullptr);
    if (!u)
        return std::nullopt;
    return StoredUser {*u, q.str(1)};
}

std::optional<StoredUser> DirectoryStore::userByName(const QString &username)
{
    Sql q(m_db, u"SELECT data, password_hash FROM users WHERE username = ?"_qs);
    q.bind(username).exec();
    if (!q.next())
        return std::nullopt;
    auto u = User::fromJson(parse(q.value(0)), nullptr);
    if (!u)
        return std::nullopt;
    return StoredUser {*u, q.str(1)};
}

QList<User> DirectoryStore::users()
{
    return readAll<User>(m_db, u"SELECT data FROM users ORDER BY username"_qs);
}

void DirectoryStore::upsertUser(const User &u, const QString &passwordHash, qint64 seq)
{
    Sql q(m_db,
        u"INSERT INTO users (id, username, role, disabled, password_hash, data, seq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET username = excluded.username,"
        " role = excluded.role, disabled = excluded.disabled,"
        " password_hash = COALESCE(excluded.password_hash, users.password_hash),"
        " data = excluded.data, seq = excluded.seq"_qs);
    q.bind(u.id).bind(u.username).bind(toWire(u.role)).bind(u.disabled ? 1 : 0);
    if (passwordHash.isEmpty())
        q.bindNull();
    else
        q.bind(passwordHash);
    q.bind(m_db.jsonValue(u.toJson())).bind(seq).exec();
}

void DirectoryStore::setPasswordHash(const QString &userId, const QString &hash)
{
    Sql q(m_db, u"UPDATE users SET password_hash = ? WHERE id = ?"_qs);
    q.bind(hash).bind(userId).exec();
}

std::optional<Group> DirectoryStore::group(const QString &id)
{
    return readOne<Group>(m_db, u"SELECT data FROM team_groups WHERE id = ? AND deleted = 0"_qs, id);
}

QList<Group> DirectoryStore::groups()
{
    return readAll<Group>(m_db, u"SELECT data FROM team_groups WHERE deleted = 0 ORDER BY id"_qs);
}

QStringList DirectoryStore::groupsLedBy(const QString &userId)
{
    QStringList out;
    Sql q(m_db, u"SELECT id FROM team_groups WHERE lead_id = ? AND deleted = 0"_qs);
    q.bind(userId).exec();
    while (q.next())
        out << q.str(0);
    return out;
}

void DirectoryStore::upsertGroup(const Group &g, qint64 seq)
{
    Sql q(m_db,
        u"INSERT INTO team_groups (id, lead_id, data, deleted, seq) VALUES (?, ?, ?, 0, ?)"
        " ON CONFLICT (id) DO UPDATE SET lead_id = excluded.lead_id, data = excluded.data,"
        " deleted = 0, seq = excluded.seq"_qs);
    q.bind(g.id).bind(g.leadId).bind(m_db.jsonValue(g.toJson())).bind(seq).exec();
}

std::optional<Board> DirectoryStore::board(const QString &id)
{
    return readOne<Board>(m_db, u"SELECT data FROM boards WHERE id = ? AND deleted = 0"_qs, id);
}

QList<Board> DirectoryStore::boards()
{
    return readAll<Board>(m_db, u"SELECT data FROM boards WHERE deleted = 0 ORDER BY id"_qs);
}

void DirectoryStore::upsertBoard(const Board &b, qint64 seq)
{
    Sql q(m_db,
        u"INSERT INTO boards (id, data, deleted, seq) VALUES (?, ?, 0, ?)"
        " ON CONFLICT (id) DO UPDATE SET data = excluded.data, deleted = 0, seq = excluded.seq"_qs);
    q.bind(b.id).bind(m_db.jsonValue(b.toJson())).bind(seq).exec();
}

void DirectoryStore::deleteBoard(const QString &id, qint64 seq)
{
    Sql q(m_db, u"UPDATE boards SET deleted = 1, data = NULL, seq = ? WHERE id = ?"_qs);
    q.bind(seq).bind(id).exec();
}

std::optional<SavedView> DirectoryStore::view(const QString &id)
{
    return readOne<SavedView>(m_db, u"SELECT data FROM views WHERE id = ? AND deleted = 0"_qs, id);
}

QList<SavedView> DirectoryStore::views()
{
    return readAll<SavedView>(m_db, u"SELECT data FROM views WHERE deleted = 0 ORDER BY id"_qs);
}

void DirectoryStore::upsertView(const SavedView &v, qint64 seq)
{
    Sql q(m_db,
        u"INSERT INTO views (id, owner_id, data, deleted, seq) VALUES (?, ?, ?, 0, ?)"
        " ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, data = excluded.data,"
        " deleted = 0, seq = excluded.seq"_qs);
    q.bind(v.id).bind(v.ownerId).bind(m_db.jsonValue(v.toJson())).bind(seq).exec();
}

void DirectoryStore::deleteView(const QString &id, qint64 seq)
{
    Sql q(m_db, u"UPDATE views SET deleted = 1, data = NULL, seq = ? WHERE id = ?"_qs);
    q.bind(seq).bind(id).exec();
}

QList<QJsonObject> DirectoryStore::configDocs(const QString &kind)
{
    QList<QJsonObject> out;
    Sql q(m_db, u"SELECT data FROM config_docs WHERE kind = ? AND deleted = 0 ORDER BY id"_qs);
    q.bind(kind).exec();
    while (q.next())
        out.append(parse(q.value(0)));
    return out;
}

std::optional<QJsonObject> DirectoryStore::configDoc(const QString &kind, const QString &id)
{
    Sql q(m_db, u"SELECT data FROM config_docs WHERE kind = ? AND id = ? AND deleted = 0"_qs);
    q.bind(kind).bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return parse(q.value(0));
}

void DirectoryStore::upsertConfigDoc(const QString &kind, const QJsonObject &doc, qint64 seq)
{
    Sql q(m_db,
        u"INSERT INTO config_docs (kind, id, data, deleted, seq) VALUES (?, ?, ?, 0, ?)"
        " ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, deleted = 0, seq = excluded.seq"_qs);
    q.bind(kind).bind(doc.value(u"id"_qs).toString()).bind(m_db.jsonValue(doc)).bind(seq).exec();
}

void DirectoryStore::deleteConfigDoc(const QString &kind, const QString &id, qint64 seq)
{
    Sql q(m_db, u"UPDATE config_docs SET deleted = 1, data = NULL, seq = ? WHERE kind = ? AND id = ?"_qs);
    q.bind(seq).bind(kind).bind(id).exec();
}

bool DirectoryStore::slaReferenceChangedSince(qint64 seq)
{
    Sql q(m_db,
        u"SELECT 1 FROM config_docs WHERE seq > ? UNION ALL SELECT 1 FROM team_groups WHERE seq > ?"_qs);
    q.bind(seq).bind(seq).exec();
    return q.next();
}

bool DirectoryStore::usersChangedSince(qint64 seq)
{
    Sql q(m_db, u"SELECT 1 FROM users WHERE seq > ?"_qs);
    q.bind(seq).exec();
    return q.next();
}

} // namespace triage::server
