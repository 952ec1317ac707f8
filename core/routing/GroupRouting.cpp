#include "GroupRouting.h"

#include "domain/Uuid.h"

#include <QJsonArray>

namespace triage {

namespace {

constexpr std::pair<RoutingStrategy, const char16_t *> kStrategies[] = {
    {RoutingStrategy::RoundRobin, u"round_robin"},
    {RoutingStrategy::LeastLoad, u"least_load"},
    {RoutingStrategy::Skills, u"skills"},
    {RoutingStrategy::Geography, u"geography"},
    {RoutingStrategy::Priority, u"priority"},
};
constexpr int kMaxSkillMapEntries = 500;

bool isSkillKey(const QString &key)
{
    const qsizetype colon = key.indexOf(u':');
    if (colon <= 0 || colon == key.size() - 1)
        return false;
    const QStringView kind = QStringView(key).left(colon);
    const QStringView value = QStringView(key).mid(colon + 1);
    if (kind == u"type")
        return ticketTypeFromWire(value).has_value();
    return (kind == u"tag" || kind == u"category") && value.size() <= 64;
}

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const auto &s : list)
        a.append(s);
    return a;
}

} // namespace

QString toWire(RoutingStrategy s)
{
    for (const auto &[v, name] : kStrategies) {
        if (v == s)
            return QString::fromUtf16(name);
    }
    return {};
}

QString toWire(RoutingPick p)
{
    return p == RoutingPick::RoundRobin ? u"round_robin"_qs : u"least_load"_qs;
}

std::optional<RoutingStrategy> routingStrategyFromWire(QStringView s)
{
    for (const auto &[v, name] : kStrategies) {
        if (s == QStringView(name))
            return v;
    }
    return std::nullopt;
}

std::optional<RoutingPick> routingPickFromWire(QStringView s)
{
    if (s == u"round_robin")
        return RoutingPick::RoundRobin;
    if (s == u"least_load")
        return RoutingPick::LeastLoad;
    return std::nullopt;
}

QJsonObject GroupRouting::toJson() const
{
    QJsonObject map;
    for (const auto &[key, skills] : skillMap)
        map.insert(key, toArray(skills));
    QJsonArray priorities;
    for (const Priority p : onDutyPriorities)
        priorities.append(toWire(p));
    return QJsonObject {{u"group_id"_qs, groupId}, {u"strategy"_qs, toWire(strategy)},
        {u"then"_qs, toWire(then)}, {u"use_roster"_qs, useRoster}, {u"require_language"_qs, requireLanguage},
        {u"skills"_qs,
            QJsonObject {{u"map"_qs, map}, {u"match"_qs, requireAllSkills ? u"all"_qs : u"any"_qs}}},
        {u"geography"_qs,
            QJsonObject {{u"max_offset_minutes"_qs,
                maxOffsetMinutes < 0 ? QJsonValue() : QJsonValue(maxOffsetMinutes)}}},
        {u"priority"_qs, QJsonObject {{u"on_duty"_qs, priorities}}}};
}

std::optional<GroupRouting> GroupRouting::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    JsonReader r(json);
    GroupRouting g;
    FieldErrors nested;
    g.groupId = r.string(u"group_id"_qs, true).value_or(QString());
    if (const auto s = r.string(u"strategy"_qs, true)) {
        if (const auto v = routingStrategyFromWire(*s))
            g.strategy = *v;
        else
            r.error(u"strategy"_qs,
                u"unknown value (allowed: round_robin, least_load, skills, geography, priority)"_qs);
    }
    if (const auto s = r.string(u"then"_qs, false)) {
        if (const auto v = routingPickFromWire(*s))
            g.then = *v;
        else
            r.error(u"then"_qs, u"unknown value (allowed: round_robin, least_load)"_qs);
    }
    g.useRoster = r.boolean(u"use_roster"_qs, false).value_or(true);
    g.requireLanguage = r.boolean(u"require_language"_qs, false).value_or(false);

    if (const auto skills = r.object(u"skills"_qs, false)) {
        JsonReader s(*skills, u"skills"_qs);
        if (const auto map = s.object(u"map"_qs, false)) {
            if (map->size() > kMaxSkillMapEntries)
                s.error(u"map"_qs, u"at most %1 entries"_qs.arg(kMaxSkillMapEntries));
            JsonReader m(*map, u"skills.map"_qs);
            for (auto it = map->begin(); it != map->end(); ++it) {
                if (!isSkillKey(it.key())) {
                    m.error(it.key(), u"keys are type:<ticket type>, tag:<tag> or category:<category>"_qs);
                    m.ignore({it.key()});
                    continue;
                }
                QStringList list;
                for (QString skill : m.stringList(it.key(), true).value_or(QStringList())) {
                    skill = skill.trimmed().toLower();
                    if (skill.isEmpty() || skill.size() > 64)
                        m.error(it.key(), u"skills must be 1-64 characters"_qs);
                    else
                        list.append(skill);
                }
                g.skillMap.emplace_back(it.key().toLower(), list);
            }
            nested.append(m.errors());
        }
        if (const auto match = s.string(u"match"_qs, false)) {
            if (*match == u"all"_qs)
                g.requireAllSkills = true;
            else if (*match != u"any"_qs)
                s.error(u"match"_qs, u"unknown value (allowed: any, all)"_qs);
        }
        s.rejectUnknown();
        nested.append(s.errors());
    }
    if (const auto geo = r.object(u"geography"_qs, false)) {
        JsonReader s(*geo, u"geography"_qs);
        g.maxOffsetMinutes = int(s.integer(u"max_offset_minutes"_qs, false, 0, 26 * 60).value_or(-1));
        s.rejectUnknown();
        nested.append(s.errors());
    }
    if (const auto prio = r.object(u"priority"_qs, false)) {
        JsonReader s(*prio, u"priority"_qs);
        if (const auto list = s.stringList(u"on_duty"_qs, false)) {
            g.onDutyPriorities.clear();
            for (const QString &p : *list) {
                if (const auto v = priorityFromWire(p); v && !g.onDutyPriorities.contains(*v))
                    g.onDutyPriorities.append(*v);
                else if (!v)
                    s.error(u"on_duty"_qs,
                        u"unknown priority '%1' (allowed: %2)"_qs.arg(p, allPriorities().join(u", "_qs)));
            }
        }
        s.rejectUnknown();
        nested.append(s.errors());
    }
    r.rejectUnknown();
    FieldErrors all = r.errors() + nested;
    if (all.isEmpty())
        all = g.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return g;
}

FieldErrors GroupRouting::validate() const
{
    FieldErrors e;
    if (!isValidId(groupId))
        e.append({u"group_id"_qs, u"must be a UUID"_qs});
    for (const auto &[key, skills] : skillMap) {
        if (!isSkillKey(key))
            e.append({u"skills.map."_qs + key,
                u"keys are type:<ticket type>, tag:<tag> or category:<category>"_qs});
    }
    if (maxOffsetMinutes < -1 || maxOffsetMinutes > 26 * 60)
        e.append({u"geography.max_offset_minutes"_qs, u"must be between 0 and 1560"_qs});
    return e;
}

} // namespace triage
