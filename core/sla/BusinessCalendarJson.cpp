// Reading a BusinessCalendar from the `calendar` object of docs/sla-case-format.md.
#include "BusinessCalendar.h"
#include "SlaJsonUtil.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace triage {
namespace {

using namespace slajson;

constexpr const char16_t *kDayNames[7] = {u"mon", u"tue", u"wed", u"thu", u"fri", u"sat", u"sun"};

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool parseDay(const QJsonValue &v, const QString &path, BusinessCalendar::DayRules *out, QString *error)
{
    if (!v.isArray())
        return fail(error, path + u": "_qs + expected(u"a list of [\"HH:MM\", \"HH:MM\"] intervals"_qs, v));
    const QJsonArray list = v.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = path + u'[' + QString::number(i) + u']';
        const QJsonArray pair = list.at(i).toArray();
        if (!list.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return fail(error, at + u": "_qs + expected(u"[\"HH:MM\", \"HH:MM\"]"_qs, list.at(i)));
        const QString startText = pair.at(0).toString();
        const QString endText = pair.at(1).toString();
        const auto start = slajson::parseClock(startText, false);
        if (!start)
            return fail(
                error, at + u": bad start time \""_qs + startText + u"\" (expected HH:MM, 00:00-23:59)"_qs);
        const auto end = slajson::parseClock(endText, true);
        if (!end)
            return fail(
                error, at + u": bad end time \""_qs + endText + u"\" (expected HH:MM, 00:01-24:00)"_qs);
        if (*end <= *start) {
            return fail(error,
                at + u": interval ends at "_qs + endText + u" before it starts at "_qs + startText
                    + u" (write an overnight shift as two intervals split at midnight)"_qs);
        }
        out->emplace_back(*start, *end);
    }
    std::sort(out->begin(), out->end());
    for (size_t i = 1; i < out->size(); ++i) {
        const auto &prev = (*out)[i - 1];
        const auto &cur = (*out)[i];
        if (cur.first < prev.second) {
            return fail(error,
                path + u": intervals "_qs + slajson::clockText(prev.first) + u'-'
                    + slajson::clockText(prev.second) + u" and "_qs + slajson::clockText(cur.first) + u'-'
                    + slajson::clockText(cur.second) + u" overlap"_qs);
        }
    }
    return true;
}

} // namespace

std::optional<BusinessCalendar> BusinessCalendar::fromJson(const QJsonValue &json, QString *error)
{
    if (!json.isObject()) {
        fail(error, u"calendar: "_qs + expected(u"an object"_qs, json));
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    if (const QString unknown = unknownKeys(o, {u"timezone", u"weekly", u"holidays"}); !unknown.isEmpty()) {
        fail(error, u"calendar: unknown key "_qs + unknown + u" (expected timezone, weekly, holidays)"_qs);
        return std::nullopt;
    }
    const QJsonValue tzValue = o.value(u"timezone"_qs);
    if (!tzValue.isString()) {
        fail(error,
            u"calendar.timezone: "_qs
                + expected(u"an IANA time zone name such as \"Europe/Moscow\""_qs, tzValue));
        return std::nullopt;
    }
    const QByteArray tzId = tzValue.toString().toUtf8();
    // QTimeZone also accepts "UTC+03:00"-style ids; the format promises IANA names, which all
    // contain a slash except UTC itself.
    if (!QTimeZone::isTimeZoneIdAvailable(tzId) || (!tzId.contains('/') && tzId != "UTC")) {
        fail(error,
            u"calendar.timezone: unknown time zone \""_qs + tzValue.toString()
                + u"\" (expected an IANA name such as \"Europe/Moscow\")"_qs);
        return std::nullopt;
    }
    const QTimeZone zone(tzId);

    std::optional<WeekRules> weekly;
    if (o.contains(u"weekly"_qs)) {
        const QJsonValue w = o.value(u"weekly"_qs);
        if (!w.isObject()) {
            fail(error, u"calendar.weekly: "_qs + expected(u"an object of weekday → intervals"_qs, w));
            return std::nullopt;
        }
        weekly.emplace();
        const QJsonObject wo = w.toObject();
        for (auto it = wo.begin(); it != wo.end(); ++it) {
            const auto found = std::find_if(std::begin(kDayNames), std::end(kDayNames),
                [&](const char16_t *n) { return it.key() == QStringView(n); });
            if (found == std::end(kDayNames)) {
                fail(error,
                    u"calendar.weekly: unknown weekday \""_qs + it.key()
                        + u"\" (expected mon, tue, wed, thu, fri, sat or sun)"_qs);
                return std::nullopt;
            }
            const auto index = size_t(found - std::begin(kDayNames));
            if (!parseDay(it.value(), u"calendar.weekly."_qs + it.key(), &(*weekly)[index], error))
                return std::nullopt;
        }
        if (std::all_of(weekly->begin(), weekly->end(), [](const DayRules &d) { return d.empty(); })) {
            fail(error, u"calendar.weekly: no business intervals on any day (omit \"weekly\" for 24x7)"_qs);
            return std::nullopt;
        }
    }

    std::vector<QDate> holidays;
    const QJsonValue h = o.value(u"holidays"_qs);
    if (!h.isUndefined() && !h.isArray()) {
        fail(error, u"calendar.holidays: "_qs + expected(u"a list of \"YYYY-MM-DD\" dates"_qs, h));
        return std::nullopt;
    }
    const QJsonArray hl = h.toArray();
    for (qsizetype i = 0; i < hl.size(); ++i) {
        const QString text = hl.at(i).toString();
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (!hl.at(i).isString() || text.size() != 10 || !d.isValid()) {
            fail(error,
                u"calendar.holidays["_qs + QString::number(i) + u"]: "_qs
                    + expected(u"a date \"YYYY-MM-DD\""_qs, hl.at(i)));
            return std::nullopt;
        }
        holidays.push_back(d);
    }
    return BusinessCalendar(zone, std::move(weekly), holidays);
}

} // namespace triage
