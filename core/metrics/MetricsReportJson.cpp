// MetricsReport → the JSON of docs/metrics.md. Field names are an interface: add, never rename.
#include "MetricsReport.h"
#include "MetricsStore.h"

#include <QDate>
#include <QJsonArray>

#include <cmath>

namespace triage {
namespace {

constexpr qint64 kJulianEpoch = 2440588;
constexpr int kMaxIdsPerIssue = 500;

QJsonValue minutes(double ms)
{
    return std::round(ms / 60'000.0 * 100.0) / 100.0;
}
QJsonValue ratio(qint64 num, qint64 den)
{
    if (den == 0)
        return QJsonValue::Null;
    return std::round(double(num) / double(den) * 10'000.0) / 10'000.0;
}
QString dateOf(qint64 localDay)
{
    return QDate::fromJulianDay(localDay + kJulianEpoch).toString(Qt::ISODate);
}

QJsonObject stats(const DurationStats &s)
{
    if (s.count == 0)
        return {{u"average_minutes"_qs, QJsonValue::Null}, {u"median_minutes"_qs, QJsonValue::Null},
            {u"p90_minutes"_qs, QJsonValue::Null}};
    return {{u"average_minutes"_qs, minutes(s.averageMs)}, {u"median_minutes"_qs, minutes(s.medianMs)},
        {u"p90_minutes"_qs, minutes(s.p90Ms)}};
}

QJsonObject durations(const DurationPair &d)
{
    return {{u"count"_qs, double(d.calendar.count)}, {u"calendar"_qs, stats(d.calendar)},
        {u"business"_qs, stats(d.business)}};
}

} // namespace

QJsonObject MetricsReport::toJson(const MetricsStore &store) const
{
    using F = MetricCounters;
    const BusinessCalendar &cal = store.calendar();
    const MetricCounters &c = totals;

    QJsonObject filter;
    if (query.filter.group)
        filter.insert(
            u"group"_qs, groupName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(groupName));
    if (query.filter.assignee)
        filter.insert(
            u"agent"_qs, agentName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(agentName));
    if (query.filter.channel)
        filter.insert(u"channel"_qs, toWire(*query.filter.channel));
    if (query.filter.type)
        filter.insert(u"type"_qs, toWire(*query.filter.type));
    if (query.filter.priority)
        filter.insert(u"priority"_qs, toWire(*query.filter.priority));

    QJsonArray byDay;
    for (const Day &d : days) {
        byDay.append(QJsonObject {{u"date"_qs, dateOf(d.localDay)}, {u"created"_qs, double(d.created)},
            {u"resolved"_qs, double(d.resolved)}, {u"backlog_at_end"_qs, double(d.backlogAtEnd)}});
    }
    QJsonArray byHour;
    for (int h = 0; h < 24; ++h) {
        byHour.append(QJsonObject {{u"hour"_qs, h}, {u"created"_qs, double(byHourOfDay[size_t(h)][0])},
            {u"resolved"_qs, double(byHourOfDay[size_t(h)][1])}});
    }

    QJsonObject sla;
    for (const SlaMetric m : kSlaMetrics) {
        sla.insert(toWire(m),
            QJsonObject {{u"met"_qs, double(c[F::slaMet(m)])}, {u"breached"_qs, double(c[F::slaBreached(m)])},
                {u"compliance"_qs, ratio(c[F::slaMet(m)], c[F::slaMet(m)] + c[F::slaBreached(m)])},
                {u"breaches_in_period"_qs, double(c[F::breaches(m)])}});
    }

    QJsonArray agentList;
    for (const Agent &a : agents) {
        agentList.append(QJsonObject {{u"agent"_qs, a.name}, {u"open_assigned"_qs, double(a.openAssigned)},
            {u"resolved"_qs, double(a.resolved)},
            {u"handled_per_day"_qs, std::round(a.handledPerDay * 100.0) / 100.0}});
    }

    QJsonArray issues;
    for (const RecurringIssue &i : recurring) {
        QJsonArray ids;
        for (qsizetype k = 0; k < i.ticketIds.size() && k < kMaxIdsPerIssue; ++k)
            ids.append(i.ticketIds.at(k));
        issues.append(QJsonObject {{u"category"_qs, i.category}, {u"words"_qs, i.words},
            {u"count"_qs, double(i.ticketIds.size())},
            {u"first_created"_qs, cal.formatInstant(i.firstCreatedAt)},
            {u"last_created"_qs, cal.formatInstant(i.lastCreatedAt)}, {u"ticket_ids"_qs, ids},
            {u"ticket_ids_truncated"_qs, i.ticketIds.size() > kMaxIdsPerIssue}});
    }

    return QJsonObject {
        {u"period"_qs,
            QJsonObject {{u"from"_qs, cal.formatInstant(query.from)}, {u"to"_qs, cal.formatInstant(query.to)},
                {u"as_of"_qs, cal.formatInstant(query.effectiveAsOf())}, {u"timezone"_qs, timeZone}}},
        {u"filter"_qs, filter},
        {u"volume"_qs,
            QJsonObject {{u"created"_qs, double(c[F::Created])}, {u"resolved"_qs, double(c[F::Resolutions])},
                {u"by_day"_qs, byDay}, {u"by_hour_of_day"_qs, byHour}}},
        {u"first_response"_qs, durations(firstResponse)},
        {u"resolution"_qs,
            QJsonObject {{u"first"_qs, durations(firstResolution)}, {u"full"_qs, durations(fullResolution)}}},
        {u"sla"_qs, sla},
        {u"backlog"_qs,
            QJsonObject {{u"at_start"_qs, double(backlogAtStart)}, {u"at_end"_qs, double(backlogAtEnd)}}},
        {u"reopen"_qs,
            QJsonObject {{u"reopens"_qs, double(c[F::Reopens])},
                {u"resolutions"_qs, double(c[F::Resolutions])},
                {u"rate"_qs, ratio(c[F::Reopens], c[F::Resolutions])}}},
        {u"csat"_qs,
            QJsonObject {{u"ratings"_qs, double(c[F::Ratings])},
                {u"positive"_qs, double(c[F::RatingPositive])},
                {u"share_positive"_qs, ratio(c[F::RatingPositive], c[F::Ratings])},
                {u"average"_qs, ratio(c[F::RatingSum], c[F::Ratings])}}},
        {u"fcr"_qs,
            QJsonObject {{u"resolved"_qs, double(c[F::FcrResolved])},
                {u"first_contact"_qs, double(c[F::FcrFirstContact])},
                {u"rate"_qs, ratio(c[F::FcrFirstContact], c[F::FcrResolved])}}},
        {u"agents"_qs, agentList},
        {u"recurring"_qs, issues},
    };
}

} // namespace triage
