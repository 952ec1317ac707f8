#pragma once

#include "domain/Validation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

struct User;

// What an admin sets about an agent for routing, beside the User (which keeps skills and
// `disabled`). Kept out of User on purpose (docs/architecture.md "Routing and roster"): User's
// reader refuses unknown keys, so older consoles would refuse every user carrying these fields.
struct AgentProfile {
    QString userId;
    int capacity = 0; // most open tickets at once; 0 = unlimited
    QStringList languages; // "en", "ru"… lower-case ISO 639-1
    QString timeZone; // IANA name ("Europe/Moscow"); empty = unknown
    QString location; // free code compared case-insensitively ("RU-MOW", "Novosibirsk")

    bool operator==(const AgentProfile &) const = default;
    QJsonObject toJson() const;
    static std::optional<AgentProfile> fromJson(const QJsonObject &json, FieldErrors *errors);
    FieldErrors validate() const;
};

enum class Presence { Available, Away };
QString toWire(Presence p);
std::optional<Presence> presenceFromWire(QStringView s);

// Set by the agent in the console; changes many times a day, so it is not a directory edit.
struct AgentPresence {
    QString userId;
    Presence state = Presence::Available;
    qint64 sinceMs = 0; // UTC ms; 0 = unknown

    bool operator==(const AgentPresence &) const = default;
    QJsonObject toJson() const;
    static std::optional<AgentPresence> fromJson(const QJsonObject &json, FieldErrors *errors);
};

// Everything the Router reads about one candidate, assembled by the caller. `openLoad` is derived
// (the agent's open tickets), never stored.
struct RoutingAgent {
    QString id;
    QString name;
    bool disabled = false;
    bool canWork = true; // User::canWork(): staff other than viewers
    QStringList skills; // lower-cased
    AgentProfile profile;
    AgentPresence presence;
    int openLoad = 0;

    static RoutingAgent of(
        const User &user, const AgentProfile &profile, const AgentPresence &presence, int openLoad);
    bool atCapacity() const { return profile.capacity > 0 && openLoad >= profile.capacity; }
};

// "Europe/Moscow" or "UTC": the names the SLA calendars accept.
bool isIanaZoneName(const QString &name);

} // namespace triage
