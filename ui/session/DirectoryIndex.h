#pragma once

#include "domain/Directory.h"

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace triage {

class ReferenceData;

// Users and groups from the cache, addressed by small indices so ticket rows stay compact.
// Index 0 is "nobody"/"no group"; unknown ids get a placeholder entry rather than failing.
class DirectoryIndex
{
public:
    struct Person {
        QString id;
        QString username;
        QString displayName;
        QString initials;
        UserRole role = UserRole::Agent;
        QStringList groupIds;
    };
    struct Team {
        QString id;
        QString name;
    };

    DirectoryIndex();
    void load(const ReferenceData &data);
    void setData(const QList<User> &users, const QList<Group> &groups);

    quint16 userIndex(const QString &id); // adds a placeholder for an unknown id
    quint16 groupIndex(const QString &id);
    quint16 findUser(const QString &id) const { return m_userIndex.value(id, 0); }
    quint16 findGroup(const QString &id) const { return m_groupIndex.value(id, 0); }
    const Person &user(quint16 index) const { return m_users[index < m_users.size() ? index : 0]; }
    const Team &group(quint16 index) const { return m_groups[index < m_groups.size() ? index : 0]; }
    int userCount() const { return static_cast<int>(m_users.size()); }
    int groupCount() const { return static_cast<int>(m_groups.size()); }
    const Person *userByName(const QString &username) const;
    // Staff sorted by display name, for assignee pickers.
    QList<quint16> staff() const;
    QList<quint16> requesters() const;

private:
    std::vector<Person> m_users;
    std::vector<Team> m_groups;
    QHash<QString, quint16> m_userIndex;
    QHash<QString, quint16> m_groupIndex;
};

} // namespace triage
