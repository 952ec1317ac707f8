#include "AgentProfile.h"

#include "domain/Directory.h"
#include "domain/Time.h"
#include "domain/Uuid.h"

#include <QJsonArray>
#include <QTimeZone>

namespace triage {

namespace {

constexpr int kMaxCapacity = 10'000;
constexpr int kMaxLanguages = 20;

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const auto &s : list)
        a.append(s);
    return a;
}

bool isLanguageCode(const QString &s)
{
    return s.size() == 2 && s.at(0).isLower() && s.at(1).isLower() && s.at(0).unicode() < 128
        && s.at(1).unicode() < 128;
}

} // namespace

bool isIanaZoneName(const QString &name)
{
    // QTimeZone also takes "UTC+03:00"; the calendars promise IANA names, which contain a slash
    // except UTC itself (core/sla/BusinessCalendarJson.cpp).
    const QByteArray id = name.toUtf8();
    return QTimeZone::isTimeZoneIdAvailable(id) && (id.contains('/') || id == "UTC");
}

QJsonObject AgentProfile::toJson() const
{
    return QJsonObject {{u"user_id"_qs, userId}, {u"capacity"_qs, capacity},
        {u"languages"_qs, toArray(languages)},
        {u"time_zone"_qs, timeZone.isEmpty() ? QJsonValue() : QJsonValue(timeZone)},
        {u"location"_qs, location.isEmpty() ? QJsonValue() : QJsonValue(location)}};
}

std::optional<AgentProfile> AgentProfile::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    AgentProfile p;
    p.userId = r.string(u"user_id"_qs, true).value_or(QString());
    p.capacity = int(r.integer(u"capacity"_qs, false, 0, kMaxCapacity).value_or(0));
    p.languages = r.stringList(u"languages"_qs, false).value_or(QStringList());
    p.timeZone = r.nullableString(u"time_zone"_qs).value_or(QString());
    p.location = r.nullableString(u"location"_qs).value_or(QString()).trimmed();
    r.rejectUnknown();
    FieldErrors all = r.errors();
    if (all.isEmpty())
        all = p.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return p;
}

FieldErrors AgentProfile::validate() const
{
    FieldErrors e;
    if (!isValidId(userId))
        e.append({u"user_id"_qs, u"must be a UUID"_qs});
    if (capacity < 0 || capacity > kMaxCapacity)
        e.append({u"capacity"_qs, u"must be between 0 (unlimited) and %1"_qs.arg(kMaxCapacity)});
    if (languages.size() > kMaxLanguages)
        e.append({u"languages"_qs, u"at most %1 languages"_qs.arg(kMaxLanguages)});
    for (const QString &l : languages) {
        if (!isLanguageCode(l)) {
            e.append({u"languages"_qs, u"'%1' is not a lower-case two-letter language code"_qs.arg(l)});
            break;
        }
    }
    if (!timeZone.isEmpty() && !isIanaZoneName(timeZone))
        e.append({u"time_zone"_qs,
            u"unknown time zone '%1' (expected an IANA name such as Europe/Moscow)"_qs.arg(timeZone)});
    if (location.size() > 100 || !isCleanText(location, false))
        e.append({u"location"_qs, u"must be clean text of at most 100 characters"_qs});
    return e;
}

QString toWire(Presence p)
{
    return p == Presence::Away ? u"away"_qs : u"available"_qs;
}

std::optional<Presence> presenceFromWire(QStringView s)
{
    if (s == u"available")
        return Presence::Available;
    if (s == u"away")
        return Presence::Away;
    return std::nullopt;
}

QJsonObject AgentPresence::toJson() const
{
    return QJsonObject {{u"user_id"_qs, userId}, {u"state"_qs, toWire(state)},
        {u"since"_qs, sinceMs > 0 ? QJsonValue(isoUtc(sinceMs)) : QJsonValue()}};
}

std::optional<AgentPresence> AgentPresence::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    AgentPresence p;
    p.userId = r.string(u"user_id"_qs, true).value_or(QString());
    if (const auto state = r.string(u"state"_qs, true)) {
        if (const auto v = presenceFromWire(*state))
            p.state = *v;
        else
            r.error(u"state"_qs, u"unknown value (allowed: available, away)"_qs);
    }
    if (!r.isNull(u"since"_qs))
        p.sinceMs = r.timestamp(u"since"_qs, false).value_or(0);
    else
        r.ignore({u"since"_qs});
    if (!p.userId.isEmpty() && !isValidId(p.userId))
        r.error(u"user_id"_qs, u"must be a UUID"_qs);
    r.rejectUnknown();
    if (!r.ok()) {
        if (errors)
            *errors = r.errors();
        return std::nullopt;
    }
    return p;
}

RoutingAgent RoutingAgent::of(
    const User &user, const AgentProfile &profile, const AgentPresence &presence, int openLoad)
{
    RoutingAgent a;
    a.id = user.id;
    a.name = user.displayName;
    a.disabled = user.disabled;
    a.canWork = user.canWork();
    for (const QString &s : user.skills)
        a.skills.append(s.trimmed().toLower());
    a.profile = profile;
    a.profile.userId = user.id;
    a.presence = presence;
    a.openLoad = openLoad;
    return a;
}

} // namespace triage
