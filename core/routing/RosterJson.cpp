// The roster's JSON (docs/automation.md "Routing and roster"), read with every error collected.
#include "Roster.h"
#include "domain/Uuid.h"
#include "sla/SlaJsonUtil.h"

#include <QJsonArray>

namespace triage {

namespace {

constexpr const char16_t *kDayNames[7] = {u"mon", u"tue", u"wed", u"thu", u"fri", u"sat", u"sun"};
constexpr int kMaxEntries = 2000;
constexpr int kMaxOverrideDays = 366;

QString at(const QString &list, qsizetype i)
{
    return list + u'[' + QString::number(i) + u']';
}

// Reads "start"/"end"; false (with the error recorded) when either is bad.
bool readTimes(JsonReader &r, int *start, int *end)
{
    const auto startText = r.string(u"start"_qs, true);
    const auto endText = r.string(u"end"_qs, true);
    if (!startText || !endText)
        return false;
    const auto s = slajson::parseClock(*startText, false);
    const auto e = slajson::parseClock(*endText, true);
    if (!s)
        r.error(u"start"_qs, u"must be HH:MM between 00:00 and 23:59"_qs);
    if (!e)
        r.error(u"end"_qs, u"must be HH:MM between 00:00 and 24:00 (before start: ends the next day)"_qs);
    if (!s || !e)
        return false;
    *start = *s;
    *end = *e == 0 ? 1440 : *e; // "00:00" as an end is midnight, like "24:00"
    return true;
}

std::optional<QDate> readDate(JsonReader &r, const QString &key = u"date"_qs, bool required = true)
{
    const auto text = r.string(key, required);
    if (!text)
        return std::nullopt;
    const QDate d = QDate::fromString(*text, Qt::ISODate);
    if (text->size() != 10 || !d.isValid()) {
        r.error(key, u"must be a date YYYY-MM-DD"_qs);
        return std::nullopt;
    }
    return d;
}

QString readAgent(JsonReader &r, const QString &key)
{
    const QString id = r.string(key, true).value_or(QString());
    if (r.has(key) && !id.isEmpty() && !isValidId(id))
        r.error(key, u"must be a UUID"_qs);
    return id;
}

// Reads one list of objects, each through `item`, with paths like "weekly[3].start".
template<typename Item> void readList(JsonReader &top, const QString &key, FieldErrors *errors, Item item)
{
    const auto list = top.array(key, false);
    if (!list)
        return;
    if (list->size() > kMaxEntries) {
        top.error(key, u"at most %1 entries"_qs.arg(kMaxEntries));
        return;
    }
    for (qsizetype i = 0; i < list->size(); ++i) {
        if (!list->at(i).isObject()) {
            errors->append({at(key, i), u"must be an object"_qs});
            continue;
        }
        JsonReader r(list->at(i).toObject(), at(key, i));
        item(r);
        r.rejectUnknown();
        errors->append(r.errors());
    }
}

QJsonArray dayNames(quint8 days)
{
    QJsonArray a;
    for (int i = 0; i < 7; ++i) {
        if (days & (1u << i))
            a.append(QString::fromUtf16(kDayNames[i]));
    }
    return a;
}

} // namespace

QJsonObject Roster::toJson() const
{
    QJsonArray w;
    for (const Shift &s : weekly) {
        QJsonObject o {{u"agent_id"_qs, s.agentId}, {u"days"_qs, dayNames(s.days)},
            {u"start"_qs, slajson::clockText(s.startMin)}, {u"end"_qs, slajson::clockText(s.endMin)}};
        if (s.onCall)
            o.insert(u"on_call"_qs, true);
        if (s.onHolidays)
            o.insert(u"on_holidays"_qs, true);
        w.append(o);
    }
    QJsonArray ov;
    for (const Override &o : overrides) {
        QJsonObject j {{u"date"_qs, o.date.toString(Qt::ISODate)}, {u"agent_id"_qs, o.agentId}};
        if (o.until.isValid())
            j.insert(u"until"_qs, o.until.toString(Qt::ISODate));
        if (o.off) {
            j.insert(u"off"_qs, true);
        } else {
            j.insert(u"start"_qs, slajson::clockText(o.startMin));
            j.insert(u"end"_qs, slajson::clockText(o.endMin));
            if (o.onCall)
                j.insert(u"on_call"_qs, true);
        }
        ov.append(j);
    }
    QJsonArray sw;
    for (const Swap &s : swaps) {
        sw.append(QJsonObject {{u"date"_qs, s.date.toString(Qt::ISODate)}, {u"agent_id"_qs, s.agentId},
            {u"with_id"_qs, s.withId}});
    }
    return QJsonObject {
        {u"group_id"_qs, groupId}, {u"weekly"_qs, w}, {u"overrides"_qs, ov}, {u"swaps"_qs, sw}};
}

std::optional<Roster> Roster::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    FieldErrors all;
    JsonReader top(json);
    Roster roster;
    roster.groupId = readAgent(top, u"group_id"_qs);

    readList(top, u"weekly"_qs, &all, [&](JsonReader &r) {
        Shift s;
        s.agentId = readAgent(r, u"agent_id"_qs);
        if (const auto days = r.stringList(u"days"_qs, true)) {
            for (const QString &d : *days) {
                const auto found = std::find_if(std::begin(kDayNames), std::end(kDayNames),
                    [&](const char16_t *n) { return d == QStringView(n); });
                if (found == std::end(kDayNames)) {
                    r.error(u"days"_qs, u"unknown weekday '%1' (expected mon … sun)"_qs.arg(d));
                    break;
                }
                s.days |= quint8(1u << (found - std::begin(kDayNames)));
            }
            if (s.days == 0 && days->isEmpty())
                r.error(u"days"_qs, u"must name at least one weekday"_qs);
        }
        readTimes(r, &s.startMin, &s.endMin);
        s.onCall = r.boolean(u"on_call"_qs, false).value_or(false);
        s.onHolidays = r.boolean(u"on_holidays"_qs, false).value_or(false);
        roster.weekly.push_back(s);
    });
    readList(top, u"overrides"_qs, &all, [&](JsonReader &r) {
        Override o;
        o.date = readDate(r).value_or(QDate());
        o.until = readDate(r, u"until"_qs, false).value_or(QDate());
        if (o.date.isValid() && o.until.isValid()
            && (o.until < o.date || o.date.daysTo(o.until) > kMaxOverrideDays))
            r.error(u"until"_qs, u"must be on or after date, at most %1 days later"_qs.arg(kMaxOverrideDays));
        o.agentId = readAgent(r, u"agent_id"_qs);
        o.off = r.boolean(u"off"_qs, false).value_or(false);
        if (o.off) {
            if (r.has(u"start"_qs) || r.has(u"end"_qs) || r.has(u"on_call"_qs))
                r.error(u"off"_qs, u"a day off has no start, end or on_call"_qs);
            r.ignore({u"start"_qs, u"end"_qs, u"on_call"_qs});
        } else {
            readTimes(r, &o.startMin, &o.endMin);
            o.onCall = r.boolean(u"on_call"_qs, false).value_or(false);
        }
        roster.overrides.push_back(o);
    });
    readList(top, u"swaps"_qs, &all, [&](JsonReader &r) {
        Swap s;
        s.date = readDate(r).value_or(QDate());
        s.agentId = readAgent(r, u"agent_id"_qs);
        s.withId = readAgent(r, u"with_id"_qs);
        if (!s.agentId.isEmpty() && s.agentId == s.withId)
            r.error(u"with_id"_qs, u"an agent cannot swap with themselves"_qs);
        roster.swaps.push_back(s);
    });
    top.rejectUnknown();
    all = top.errors() + all;
    if (all.isEmpty())
        all = roster.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return roster;
}

FieldErrors Roster::validate() const
{
    // The structural checks a roster built in code (the console's editor) must pass too; the
    // reader reports the same problems with their JSON paths first.
    FieldErrors e;
    if (!isValidId(groupId))
        e.append({u"group_id"_qs, u"must be a UUID"_qs});
    const auto badTime = [](int s, int end) { return s < 0 || s > 1439 || end < 1 || end > 1440; };
    for (size_t i = 0; i < weekly.size(); ++i) {
        const Shift &s = weekly[i];
        const QString path = at(u"weekly"_qs, qsizetype(i));
        if (!isValidId(s.agentId))
            e.append({path + u".agent_id"_qs, u"must be a UUID"_qs});
        if ((s.days & 0x7f) == 0 || (s.days & 0x80))
            e.append({path + u".days"_qs, u"must name at least one weekday"_qs});
        if (badTime(s.startMin, s.endMin))
            e.append({path, u"start must be 00:00-23:59 and end 00:01-24:00"_qs});
    }
    for (size_t i = 0; i < overrides.size(); ++i) {
        const Override &o = overrides[i];
        const QString path = at(u"overrides"_qs, qsizetype(i));
        if (!o.date.isValid())
            e.append({path + u".date"_qs, u"must be a date YYYY-MM-DD"_qs});
        else if (o.until.isValid() && (o.until < o.date || o.date.daysTo(o.until) > kMaxOverrideDays))
            e.append({path + u".until"_qs,
                u"must be on or after date, at most %1 days later"_qs.arg(kMaxOverrideDays)});
        if (!isValidId(o.agentId))
            e.append({path + u".agent_id"_qs, u"must be a UUID"_qs});
        if (!o.off && badTime(o.startMin, o.endMin))
            e.append({path, u"start must be 00:00-23:59 and end 00:01-24:00"_qs});
    }
    for (size_t i = 0; i < swaps.size(); ++i) {
        const Swap &s = swaps[i];
        const QString path = at(u"swaps"_qs, qsizetype(i));
        if (!s.date.isValid())
            e.append({path + u".date"_qs, u"must be a date YYYY-MM-DD"_qs});
        if (!isValidId(s.agentId) || !isValidId(s.withId) || s.agentId == s.withId)
            e.append({path, u"agent_id and with_id must be two different UUIDs"_qs});
    }
    return e;
}

} // namespace triage
