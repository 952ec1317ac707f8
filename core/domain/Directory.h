#pragma once

#include "Enums.h"
#include "Validation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

// A person who works tickets (agent, lead, admin) or raises them (requester).
struct User {
    QString id;
    QString username; // login name, unique, [a-z0-9._-]
    QString displayName;
    QString email;
    UserRole role = UserRole::Agent;
    QStringList groupIds;
    QStringList skills;
    QString locale = u"en"_qs; // "en" or "ru"
    bool disabled = false;

    bool operator==(const User &) const = default;
    QJsonObject toJson() const;
    static std::optional<User> fromJson(const QJsonObject &json, FieldErrors *errors);
    FieldErrors validate() const;
    bool isStaff() const { return role != UserRole::Requester; }
    // Can be assigned tickets and act on them: staff, except the read-only viewer.
    bool canWork() const { return isStaff() && role != UserRole::Viewer; }
};

// A support group (IT, HR, accounting…) with its lead and an optional on-duty agent.
struct Group {
    QString id;
    QString name;
    QString leadId;
    QString onDutyId;
    QString calendarId;

    bool operator==(const Group &) const = default;
    QJsonObject toJson() const;
    static std::optional<Group> fromJson(const QJsonObject &json, FieldErrors *errors);
    FieldErrors validate() const;
};

bool isValidUsername(const QString &name);
// "Анна Смирнова" → "АС"; used for card avatars.
QString initials(const QString &displayName);

} // namespace triage
