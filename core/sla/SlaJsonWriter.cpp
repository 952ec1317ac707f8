// The documented `triagectl sla eval` output. Hand-written rather than QJsonDocument because the
// format fixes the key order, and QJsonObject sorts keys.
#include "SlaCase.h"

#include <cmath>

namespace triage {
namespace {

QString number(double v, bool keepDecimal)
{
    const double r = std::round(v * 100.0) / 100.0;
    if (r == std::floor(r) && std::abs(r) < 1e15) {
        const QString whole = QString::number(qint64(r));
        return keepDecimal ? whole + u".0"_qs : whole;
    }
    QString s = QString::number(r, 'f', 2);
    while (s.endsWith(u'0'))
        s.chop(1);
    return s;
}

QString minutes(qint64 ms)
{
    return number(double(ms) / 60'000.0, false);
}

QString quoted(const QString &s)
{
    return u'"' + s + u'"';
}

QString instant(const BusinessCalendar &calendar, const std::optional<qint64> &ms)
{
    return ms ? quoted(calendar.formatInstant(*ms)) : u"null"_qs;
}

QString marks(const SlaTimer &t, SlaMark::Kind kind, const BusinessCalendar &calendar)
{
    QStringList items;
    for (const SlaMark &m : t.marks) {
        if (m.kind != kind || !m.reached)
            continue;
        QString item = u"{"_qs;
        if (kind == SlaMark::Kind::Escalation)
            item += u"\"percent\": "_qs + number(m.percent, false) + u", \"action\": "_qs
                + quoted(toWire(m.action));
        else if (m.beforeMinutes > 0)
            item += u"\"before_minutes\": "_qs + number(m.beforeMinutes, false);
        else
            item += u"\"percent\": "_qs + number(m.percent, false);
        item += u", \"at\": "_qs + quoted(calendar.formatInstant(m.at)) + u'}';
        items << item;
    }
    return u'[' + items.join(u", "_qs) + u']';
}

} // namespace

QByteArray writeSlaTimers(
    const std::vector<SlaTimer> &timers, const BusinessCalendar &calendar, bool withEscalations)
{
    QStringList objects;
    for (const SlaTimer &t : timers) {
        QString o = u"    {\"metric\": "_qs + quoted(toWire(t.metric)) + u", \"cycle\": "_qs
            + QString::number(t.cycle) + u", \"state\": "_qs + quoted(toWire(t.state))
            + u", \"target_minutes\": "_qs + number(t.targetMinutes, false) + u",\n     \"started_at\": "_qs
            + instant(calendar, t.startedAt) + u", \"stopped_at\": "_qs + instant(calendar, t.stoppedAt)
            + u",\n     \"due\": "_qs + instant(calendar, t.due) + u", \"business_elapsed_minutes\": "_qs
            + minutes(t.businessElapsedMs) + u",\n     \"calendar_elapsed_minutes\": "_qs
            + minutes(t.calendarElapsedMs) + u", \"remaining_business_minutes\": "_qs + minutes(t.remainingMs)
            + u", \"elapsed_percent\": "_qs + number(t.elapsedPercent, true) + u",\n     \"breached\": "_qs
            + (t.breached ? u"true"_qs : u"false"_qs) + u", \"breached_at\": "_qs
            + instant(calendar, t.breachedAt) + u",\n     \"warnings\": "_qs
            + marks(t, SlaMark::Kind::Warning, calendar);
        if (withEscalations)
            o += u", \"escalations\": "_qs + marks(t, SlaMark::Kind::Escalation, calendar);
        objects << o + u'}';
    }
    const QString body = objects.isEmpty()
        ? u"{\n  \"timers\": []\n}\n"_qs
        : u"{\n  \"timers\": [\n"_qs + objects.join(u",\n"_qs) + u"\n  ]\n}\n"_qs;
    return body.toUtf8();
}

} // namespace triage
