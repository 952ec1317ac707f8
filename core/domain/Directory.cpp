#include "Directory.h"

#include "Uuid.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace triage {

namespace {
QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const auto &s : list)
        a.append(s);
    return a;
}
QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}
} // namespace

bool isValidUsername(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9._-]{0,63}$"_qs);
    return re.match(name).hasMatch();
}

QString initials(const QString &displayName)
{
    QString out;
    const auto parts = displayName.split(u' ', Qt::SkipEmptyParts);
    for (const auto &p : parts) {
        out += p.at(0).toUpper();
        if (out.size() == 2)
            break;
    }
    return out.isEmpty() ? u"?"_qs : out;
}

QJsonObject User::toJson() const
{
    return QJsonObject {{u"id"_qs, id}, {u"username"_qs, username}, {u"display_name"_qs, displayName},
        {u"email"_qs, nullable(email)}, {u"role"_qs, toWire(role)}, {u"group_ids"_qs, toArray(groupIds)},
        {u"skills"_qs, toArray(skills)}, {u"locale"_qs, locale}, {u"disabled"_qs, disabled}};
}

std::optional<User> User::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    User u;
    u.id = r.string(u"id"_qs, true).value_or(QString());
    u.username = r.string(u"username"_qs, true).value_or(QString());
    u.displayName = r.string(u"display_name"_qs, false).value_or(u.username);
    u.email = r.nullableString(u"email"_qs).value_or(QString());
    if (const auto role = r.string(u"role"_qs, true)) {
        if (const auto v = userRoleFromWire(*role))
            u.role = *v;
        else
            r.error(u"role"_qs, u"unknown value (allowed: %1)"_qs.arg(allUserRoles().join(u", "_qs)));
    }
    u.groupIds = r.stringList(u"group_ids"_qs, false).value_or(QStringList());
    u.skills = r.stringList(u"skills"_qs, false).value_or(QStringList());
    u.locale = r.string(u"locale"_qs, false).value_or(u"en"_qs);
    u.disabled = r.boolean(u"disabled"_qs, false).value_or(false);
    r.rejectUnknown();
    FieldErrors all = r.errors();
    if (all.isEmpty())
        all = u.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return u;
}

FieldErrors User::validate() const
{
    FieldErrors e;
    if (!isValidId(id))
        e.append({u"id"_qs, u"must be a UUID"_qs});
    if (!isValidUsername(username))
        e.append({u"username"_qs, u"must be 1-64 characters of a-z, 0-9, '.', '_' or '-'"_qs});
    if (displayName.size() > 200 || !isCleanText(displayName, false))
        e.append({u"display_name"_qs, u"must be clean text of at most 200 characters"_qs});
    for (const auto &g : groupIds) {
        if (!isValidId(g)) {
            e.append({u"group_ids"_qs, u"must be UUIDs"_qs});
            break;
        }
    }
    if (locale != u"en"_qs && locale != u"ru"_qs)
        e.append({u"locale"_qs, u"must be 'en' or 'ru'"_qs});
    return e;
}

QJsonObject Group::toJson() const
{
    return QJsonObject {{u"id"_qs, id}, {u"name"_qs, name}, {u"lead_id"_qs, nullable(leadId)},
        {u"on_duty_id"_qs, nullable(onDutyId)}, {u"calendar_id"_qs, nullable(calendarId)}};
}

std::optional<Group> Group::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    Group g;
    g.id = r.string(u"id"_qs, true).value_or(QString());
    g.name = r.string(u"name"_qs, true).value_or(QString());
    g.leadId = r.nullableString(u"lead_id"_qs).value_or(QString());
    g.onDutyId = r.nullableString(u"on_duty_id"_qs).value_or(QString());
    g.calendarId = r.nullableString(u"calendar_id"_qs).value_or(QString());
    r.rejectUnknown();
    FieldErrors all = r.errors();
    if (all.isEmpty())
        all = g.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return g;
}

FieldErrors Group::validate() const
{
    FieldErrors e;
    if (!isValidId(id))
        e.append({u"id"_qs, u"must be a UUID"_qs});
    if (name.trimmed().isEmpty() || name.size() > 200 || !isCleanText(name, false))
        e.append({u"name"_qs, u"must be clean, non-empty text of at most 200 characters"_qs});
    for (const QString *ref : {&leadId, &onDutyId, &calendarId}) {
        if (!ref->isEmpty() && !isValidId(*ref)) {
            e.append({u"lead_id"_qs, u"references must be UUIDs"_qs});
            break;
        }
    }
    return e;
}

} // namespace triage
