#include "DirectoryIndex.h"

#include "store/ReferenceData.h"

#include <algorithm>

namespace triage {

DirectoryIndex::DirectoryIndex()
{
    m_users.push_back({});
    m_groups.push_back({});
}

void DirectoryIndex::load(const ReferenceData &data)
{
    QList<User> users;
    for (const auto &o : data.entities(u"user"_qs)) {
        FieldErrors errors;
        if (auto u = User::fromJson(o, &errors))
            users << *u;
    }
    QList<Group> groups;
    for (const auto &o : data.entities(u"group"_qs)) {
        FieldErrors errors;
        if (auto g = Group::fromJson(o, &errors))
            groups << *g;
    }
    setData(users, groups);
}

void DirectoryIndex::setData(const QList<User> &users, const QList<Group> &groups)
{
    *this = DirectoryIndex();
    for (const auto &u : users) {
        const quint16 i = userIndex(u.id);
        auto &p = m_users[i];
        p.username = u.username;
        p.displayName = u.displayName;
        p.initials = initials(u.displayName);
        p.role = u.role;
        p.groupIds = u.groupIds;
    }
    for (const auto &g : groups)
        m_groups[groupIndex(g.id)].name = g.name;
}

quint16 DirectoryIndex::userIndex(const QString &id)
{
    if (id.isEmpty())
        return 0;
    if (const auto it = m_userIndex.constFind(id); it != m_userIndex.constEnd())
        return *it;
    if (m_users.size() >= 0xFFFF)
        return 0;
    const auto i = static_cast<quint16>(m_users.size());
    Person p;
    p.id = id;
    p.displayName = id.left(8);
    p.initials = u"?"_qs;
    p.role = UserRole::Requester;
    m_users.push_back(p);
    m_userIndex.insert(id, i);
    return i;
}

quint16 DirectoryIndex::groupIndex(const QString &id)
{
    if (id.isEmpty())
        return 0;
    if (const auto it = m_groupIndex.constFind(id); it != m_groupIndex.constEnd())
        return *it;
    if (m_groups.size() >= 0xFFFF)
        return 0;
    const auto i = static_cast<quint16>(m_groups.size());
    m_groups.push_back({id, id.left(8)});
    m_groupIndex.insert(id, i);
    return i;
}

const DirectoryIndex::Person *DirectoryIndex::userByName(const QString &username) const
{
    for (const auto &p : m_users) {
        if (!p.id.isEmpty() && p.username == username)
            return &p;
    }
    return nullptr;
}

QList<quint16> DirectoryIndex::staff() const
{
    QList<quint16> out;
    for (size_t i = 1; i < m_users.size(); ++i) {
        if (m_users[i].role != UserRole::Requester && m_users[i].role != UserRole::Viewer)
            out << static_cast<quint16>(i);
    }
    std::sort(out.begin(), out.end(), [this](quint16 a, quint16 b) {
        return m_users[a].displayName.localeAwareCompare(m_users[b].displayName) < 0;
    });
    return out;
}

QList<quint16> DirectoryIndex::requesters() const
{
    QList<quint16> out;
    for (size_t i = 1; i < m_users.size(); ++i) {
        if (m_users[i].role == UserRole::Requester)
            out << static_cast<quint16>(i);
    }
    std::sort(out.begin(), out.end(), [this](quint16 a, quint16 b) {
        return m_users[a].displayName.localeAwareCompare(m_users[b].displayName) < 0;
    });
    return out;
}

} // namespace triage
