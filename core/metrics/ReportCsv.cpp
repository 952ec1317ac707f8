#include "ReportCsv.h"

#include <QStringList>

namespace triage {

namespace {

QString cell(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return {};
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 12);
    if (v.isBool())
        return v.toBool() ? u"true"_qs : u"false"_qs;
    return v.toString();
}

void row(QByteArray &out, const QStringList &cells)
{
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += csvField(cells.at(i));
    }
    out += "\r\n";
}

} // namespace

QByteArray csvField(const QString &text)
{
    QString t = text;
    // A leading =, +, - or @ makes spreadsheets evaluate the cell: keep user text inert.
    if (!t.isEmpty() && QStringLiteral("=+-@").contains(t.front()) && !(t.size() > 1 && t.at(1).isDigit()))
        t.prepend(u'\'');
    if (t.contains(u',') || t.contains(u'"') || t.contains(u'\n') || t.contains(u'\r'))
        return '"' + t.replace(u"\""_qs, u"\"\""_qs).toUtf8() + '"';
    return t.toUtf8();
}

QByteArray reportToCsv(const QJsonObject &r)
{
    QByteArray out;
    const QJsonObject period = r[u"period"_qs].toObject();
    row(out, {u"metric"_qs, u"value"_qs});
    row(out, {u"period.from"_qs, cell(period[u"from"_qs])});
    row(out, {u"period.to"_qs, cell(period[u"to"_qs])});
    row(out, {u"period.as_of"_qs, cell(period[u"as_of"_qs])});
    row(out, {u"period.timezone"_qs, cell(period[u"timezone"_qs])});
    const QJsonObject filter = r[u"filter"_qs].toObject();
    for (auto it = filter.begin(); it != filter.end(); ++it)
        row(out, {u"filter."_qs + it.key(), cell(it.value())});
    const QJsonObject volume = r[u"volume"_qs].toObject();
    row(out, {u"volume.created"_qs, cell(volume[u"created"_qs])});
    row(out, {u"volume.resolved"_qs, cell(volume[u"resolved"_qs])});
    const auto durations = [&](const QString &prefix, const QJsonObject &d) {
        row(out, {prefix + u".count"_qs, cell(d[u"count"_qs])});
        for (const QString &clock : {u"calendar"_qs, u"business"_qs}) {
            const QJsonObject s = d[clock].toObject();
            for (const QString &k : {u"average_minutes"_qs, u"median_minutes"_qs, u"p90_minutes"_qs})
                row(out, {prefix + u'.' + clock + u'.' + k, cell(s[k])});
        }
    };
    durations(u"first_response"_qs, r[u"first_response"_qs].toObject());
    durations(u"resolution.first"_qs, r[u"resolution"_qs][u"first"_qs].toObject());
    durations(u"resolution.full"_qs, r[u"resolution"_qs][u"full"_qs].toObject());
    const QJsonObject sla = r[u"sla"_qs].toObject();
    for (const QString &m : {u"first_response"_qs, u"next_response"_qs, u"resolution"_qs}) {
        const QJsonObject s = sla[m].toObject();
        for (const QString &k : {u"met"_qs, u"breached"_qs, u"compliance"_qs, u"breaches_in_period"_qs})
            row(out, {u"sla."_qs + m + u'.' + k, cell(s[k])});
    }
    for (const auto &[section, keys] : {std::pair {u"backlog"_qs, QStringList {u"at_start"_qs, u"at_end"_qs}},
             std::pair {u"reopen"_qs, QStringList {u"reopens"_qs, u"resolutions"_qs, u"rate"_qs}},
             std::pair {u"csat"_qs,
                 QStringList {u"ratings"_qs, u"positive"_qs, u"share_positive"_qs, u"average"_qs}},
             std::pair {u"fcr"_qs, QStringList {u"resolved"_qs, u"first_contact"_qs, u"rate"_qs}}}) {
        const QJsonObject o = r[section].toObject();
        for (const QString &k : keys)
            row(out, {section + u'.' + k, cell(o[k])});
    }
    out += "\r\n";
    row(out, {u"date"_qs, u"created"_qs, u"resolved"_qs, u"backlog_at_end"_qs});
    for (const QJsonValue &d : volume[u"by_day"_qs].toArray())
        row(out,
            {cell(d[u"date"_qs]), cell(d[u"created"_qs]), cell(d[u"resolved"_qs]),
                cell(d[u"backlog_at_end"_qs])});
    out += "\r\n";
    row(out, {u"agent"_qs, u"open_assigned"_qs, u"resolved"_qs, u"handled_per_day"_qs});
    for (const QJsonValue &a : r[u"agents"_qs].toArray())
        row(out,
            {cell(a[u"agent"_qs]), cell(a[u"open_assigned"_qs]), cell(a[u"resolved"_qs]),
                cell(a[u"handled_per_day"_qs])});
    return out;
}

QByteArray ticketsToCsv(const QJsonArray &tickets)
{
    QByteArray out;
    row(out, {u"number"_qs, u"title"_qs, u"at"_qs, u"id"_qs});
    for (const QJsonValue &t : tickets)
        row(out, {cell(t[u"number"_qs]), cell(t[u"title"_qs]), cell(t[u"at"_qs]), cell(t[u"id"_qs])});
    return out;
}

} // namespace triage
