#include "DemoSla.h"

#include "demo/DemoGenerator.h"

#include <QJsonArray>

namespace triage::server {

namespace {

QJsonObject targets(double first, double next, double resolution)
{
    return QJsonObject {
        {u"first_response"_qs, first}, {u"next_response"_qs, next}, {u"resolution"_qs, resolution}};
}

QJsonObject level(double percent, const QString &action, const QString &metric)
{
    return QJsonObject {{u"percent"_qs, percent}, {u"action"_qs, action}, {u"metric"_qs, metric}};
}

QJsonArray numbers(std::initializer_list<double> values)
{
    QJsonArray a;
    for (const double v : values)
        a.append(v);
    return a;
}

} // namespace

QStringList DemoSla::russianHolidays2026()
{
    // Weekdays off: New Year holidays and Christmas (Jan 1–8), Jan 9 (moved from Sat Jan 3),
    // Defender of the Fatherland Day, Mar 9 (for Women's Day on a Sunday), May 1, May 11 (for
    // Victory Day on a Saturday), Russia Day, Unity Day, Dec 31 (moved from Sun Jan 4).
    return {u"2026-01-01"_qs, u"2026-01-02"_qs, u"2026-01-05"_qs, u"2026-01-06"_qs, u"2026-01-07"_qs,
        u"2026-01-08"_qs, u"2026-01-09"_qs, u"2026-02-23"_qs, u"2026-03-09"_qs, u"2026-05-01"_qs,
        u"2026-05-11"_qs, u"2026-06-12"_qs, u"2026-11-04"_qs, u"2026-12-31"_qs};
}

DemoSla DemoSla::make(const QList<Group> &groups)
{
    DemoSla out;
    const QString office = DemoGenerator::stableId(u"calendar"_qs, 0);
    const QString allDay = DemoGenerator::stableId(u"calendar"_qs, 1);
    QJsonObject weekly;
    for (const char16_t *day : {u"mon", u"tue", u"wed", u"thu", u"fri"})
        weekly.insert(QString::fromUtf16(day), QJsonArray {QJsonArray {u"09:00"_qs, u"18:00"_qs}});
    out.calendars << QJsonObject {{u"id"_qs, office}, {u"name"_qs, u"Moscow office (09:00–18:00 Mon–Fri)"_qs},
        {u"calendar"_qs,
            QJsonObject {{u"timezone"_qs, u"Europe/Moscow"_qs}, {u"weekly"_qs, weekly},
                {u"holidays"_qs, QJsonArray::fromStringList(russianHolidays2026())}}}};
    out.calendars << QJsonObject {{u"id"_qs, allDay}, {u"name"_qs, u"24×7 on call"_qs},
        {u"calendar"_qs, QJsonObject {{u"timezone"_qs, u"Europe/Moscow"_qs}}}};

    QString itGroup;
    for (const Group &g : groups) {
        out.calendarByGroup.insert(g.id, g.name == u"IT"_qs ? allDay : office);
        if (g.name == u"IT"_qs)
            itGroup = g.id;
    }

    const QJsonArray stops {u"resolved"_qs, u"closed"_qs};
    const QJsonArray pauses {u"waiting"_qs};
    // Every ticket without a more specific policy: office hours.
    out.policies << QJsonObject {{u"id"_qs, DemoGenerator::stableId(u"sla_policy"_qs, 0)},
        {u"name"_qs, u"Standard (office hours)"_qs},
        {u"policy"_qs,
            QJsonObject {
                {u"targets_by_priority"_qs,
                    QJsonObject {{u"critical"_qs, targets(30, 60, 240)}, {u"high"_qs, targets(60, 120, 480)},
                        {u"normal"_qs, targets(240, 480, 1440)}, {u"low"_qs, targets(480, 960, 2880)}}},
                {u"pause_statuses"_qs, pauses}, {u"stop_statuses"_qs, stops},
                {u"warn_at_percent"_qs, numbers({75, 90})}, {u"warn_before_minutes"_qs, numbers({30})},
                {u"on_priority_change"_qs, u"keep_start"_qs}, {u"on_reopen"_qs, u"resume"_qs},
                {u"escalations"_qs,
                    QJsonArray {level(90, u"notify_lead"_qs, u"resolution"_qs),
                        level(100, u"reassign"_qs, u"resolution"_qs)}}}}};
    // IT works around the clock (its group calendar is 24×7) with tighter targets.
    if (!itGroup.isEmpty()) {
        out.policies << QJsonObject {{u"id"_qs, DemoGenerator::stableId(u"sla_policy"_qs, 1)},
            {u"name"_qs, u"IT 24×7"_qs},
            {u"applies_to"_qs, QJsonObject {{u"groups"_qs, QJsonArray {itGroup}}}},
            {u"policy"_qs,
                QJsonObject {
                    {u"targets_by_priority"_qs,
                        QJsonObject {{u"critical"_qs, targets(15, 30, 120)},
                            {u"high"_qs, targets(30, 60, 240)}, {u"normal"_qs, targets(120, 240, 960)},
                            {u"low"_qs, targets(480, 960, 2880)}}},
                    {u"pause_statuses"_qs, pauses}, {u"stop_statuses"_qs, stops},
                    {u"warn_at_percent"_qs, numbers({50, 75, 90})},
                    {u"warn_before_minutes"_qs, numbers({15})},
                    {u"escalations"_qs,
                        QJsonArray {level(75, u"notify_lead"_qs, u"first_response"_qs),
                            level(90, u"notify_lead"_qs, u"resolution"_qs),
                            level(100, u"raise_priority"_qs, u"first_response"_qs),
                            level(100, u"reassign"_qs, u"resolution"_qs)}}}}};
    }
    // Critical incidents anywhere: the most specific policy (type + priority) beats the group's.
    out.policies << QJsonObject {{u"id"_qs, DemoGenerator::stableId(u"sla_policy"_qs, 2)},
        {u"name"_qs, u"Critical incidents"_qs},
        {u"applies_to"_qs,
            QJsonObject {
                {u"types"_qs, QJsonArray {u"incident"_qs}}, {u"priorities"_qs, QJsonArray {u"critical"_qs}}}},
        {u"policy"_qs,
            QJsonObject {{u"targets"_qs, targets(15, 30, 240)}, {u"pause_statuses"_qs, pauses},
                {u"stop_statuses"_qs, stops}, {u"warn_at_percent"_qs, numbers({50, 75, 90})},
                {u"warn_before_minutes"_qs, numbers({10})}, {u"on_priority_change"_qs, u"restart"_qs},
                {u"escalations"_qs,
                    QJsonArray {level(50, u"notify_lead"_qs, u"resolution"_qs),
                        level(100, u"reassign"_qs, u"resolution"_qs)}}}}};
    return out;
}

} // namespace triage::server
