#include "WallData.h"

#include <QJsonArray>

namespace triage {

namespace {

std::optional<double> number(const QJsonValue &v)
{
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

void parsePeriod(const QJsonObject &o, WallData::Period *p)
{
    p->created = qint64(o.value(u"created"_qs).toDouble());
    p->resolved = qint64(o.value(u"resolved"_qs).toDouble());
    p->breaches = qint64(o.value(u"breaches"_qs).toDouble());
    p->compliance = number(o.value(u"compliance"_qs).toObject().value(u"all"_qs));
    p->slaMet = qint64(o.value(u"sla_met"_qs).toDouble());
    p->slaEnded = p->slaMet + qint64(o.value(u"sla_breached"_qs).toDouble());
    const QJsonObject csat = o.value(u"csat"_qs).toObject();
    p->ratings = qint64(csat.value(u"ratings"_qs).toDouble());
    p->csatShare = number(csat.value(u"share_positive"_qs));
    p->csatAverage = number(csat.value(u"average"_qs));
}

} // namespace

bool WallData::parse(const QJsonObject &json)
{
    if (!json.value(u"as_of_ms"_qs).isDouble() || !json.value(u"today"_qs).isObject())
        return false;
    asOfMs = qint64(json.value(u"as_of_ms"_qs).toDouble());
    timeZone = json.value(u"timezone"_qs).toString();
    parsePeriod(json.value(u"today"_qs).toObject(), &today);
    parsePeriod(json.value(u"this_week"_qs).toObject(), &week);
    open = qint64(json.value(u"open"_qs).toDouble());
    const QJsonObject byPriority = json.value(u"open_by_priority"_qs).toObject();
    const char *names[] = {"critical", "high", "normal", "low"};
    for (size_t i = 0; i < 4; ++i)
        openByPriority[i] = qint64(byPriority.value(QLatin1String(names[i])).toDouble());
    const QJsonArray groups = json.value(u"open_by_group"_qs).toArray();
    openByGroup.resize(size_t(std::min<qsizetype>(groups.size(), 60)));
    for (size_t i = 0; i < openByGroup.size(); ++i) {
        const QJsonObject g = groups.at(qsizetype(i)).toObject();
        openByGroup[i] = {g.value(u"group"_qs).toString(), qint64(g.value(u"open"_qs).toDouble()), 0};
    }
    const QJsonArray agentArray = json.value(u"agents"_qs).toArray();
    agents.resize(size_t(std::min<qsizetype>(agentArray.size(), 60)));
    for (size_t i = 0; i < agents.size(); ++i) {
        const QJsonObject a = agentArray.at(qsizetype(i)).toObject();
        // The display name when the server gives one (it does since the wall showed user names).
        const QString name = a.value(u"name"_qs).toString(a.value(u"agent"_qs).toString());
        agents[i] = {name, qint64(a.value(u"open_assigned"_qs).toDouble()),
            qint64(a.value(u"resolved_today"_qs).toDouble())};
    }
    const QJsonArray hours = json.value(u"incoming_per_hour"_qs).toArray();
    for (size_t i = 0; i < 24; ++i)
        perHour[i] = qint64(hours.at(qsizetype(i)).toDouble());
    currentHour = json.value(u"current_hour"_qs).toInt();
    longOverdue = qint64(json.value(u"long_overdue"_qs).toDouble());
    const QJsonArray risks = json.value(u"at_risk"_qs).toArray();
    atRisk.resize(size_t(std::min<qsizetype>(risks.size(), 200)));
    for (size_t i = 0; i < atRisk.size(); ++i) {
        const QJsonObject r = risks.at(qsizetype(i)).toObject();
        Risk &k = atRisk[i];
        k.number = qint64(r.value(u"number"_qs).toDouble());
        k.title = r.value(u"title"_qs).toString().left(300);
        k.assignee = r.value(u"assignee_name"_qs).toString(r.value(u"assignee"_qs).toString());
        k.group = r.value(u"group"_qs).toString();
        k.metric = r.value(u"metric"_qs).toString();
        const QString p = r.value(u"priority"_qs).toString();
        k.priority = p == u"critical"_qs ? 0 : p == u"high"_qs ? 1 : p == u"low"_qs ? 3 : 2;
        k.dueAtMs = qint64(r.value(u"due_at_ms"_qs).toDouble());
    }
    return true;
}

} // namespace triage
