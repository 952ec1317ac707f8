#include "SlaPolicy.h"

#include "SlaJsonUtil.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace triage {
namespace {

using namespace slajson;

std::optional<SlaPolicy> failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// {"first_response": 15, ...} → targets; returns an error message or an empty string.
QString parseTargets(const QJsonValue &v, const QString &path, SlaPolicy::Targets *out)
{
    if (!v.isObject())
        return path + u": "_qs + expected(u"an object of metric → business minutes"_qs, v);
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const auto metric = slaMetricFromWire(it.key());
        if (!metric)
            return path + u": unknown metric \""_qs + it.key()
                + u"\" (expected first_response, next_response, resolution)"_qs;
        if (!it.value().isDouble() || it.value().toDouble() <= 0)
            return path + u'.' + it.key() + u": "_qs
                + expected(u"a positive number of business minutes"_qs, it.value());
        (*out)[size_t(*metric)] = it.value().toDouble();
    }
    return {};
}

QString parseStatuses(const QJsonValue &v, const QString &path, QSet<QString> *out)
{
    if (!v.isArray())
        return path + u": "_qs + expected(u"a list of status names"_qs, v);
    out->clear();
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString() || a.at(i).toString().isEmpty())
            return path + u'[' + QString::number(i) + u"]: "_qs + expected(u"a status name"_qs, a.at(i));
        out->insert(a.at(i).toString());
    }
    return {};
}

QString parseNumbers(const QJsonValue &v, const QString &path, double max, std::vector<double> *out)
{
    if (!v.isArray())
        return path + u": "_qs + expected(u"a list of numbers"_qs, v);
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const double d = a.at(i).toDouble(-1);
        if (!a.at(i).isDouble() || d <= 0 || d > max) {
            return path + u'[' + QString::number(i) + u"]: "_qs
                + expected(u"a number in (0, "_qs + QString::number(max) + u']', a.at(i));
        }
        out->push_back(d);
    }
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
    return {};
}

QString parseEscalations(const QJsonValue &v, std::vector<EscalationLevel> *out)
{
    if (!v.isArray())
        return u"policy.escalations: "_qs + expected(u"a list of {\"percent\", \"action\"} objects"_qs, v);
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString path = u"policy.escalations["_qs + QString::number(i) + u']';
        const QJsonObject o = a.at(i).toObject();
        if (!a.at(i).isObject())
            return path + u": "_qs + expected(u"an object"_qs, a.at(i));
        if (const QString unknown = unknownKeys(o, {u"percent", u"action", u"metric"}); !unknown.isEmpty())
            return path + u": unknown key "_qs + unknown;
        EscalationLevel level;
        const QJsonValue p = o.value(u"percent"_qs);
        if (!p.isDouble() || p.toDouble() <= 0 || p.toDouble() > 1000)
            return path + u".percent: "_qs + expected(u"a number in (0, 1000]"_qs, p);
        level.percent = p.toDouble();
        const auto action = escalationActionFromWire(o.value(u"action"_qs).toString());
        if (!action) {
            return path + u".action: "_qs
                + expected(u"notify_lead, reassign or raise_priority"_qs, o.value(u"action"_qs));
        }
        level.action = *action;
        if (o.contains(u"metric"_qs)) {
            level.metric = slaMetricFromWire(o.value(u"metric"_qs).toString());
            if (!level.metric)
                return path + u".metric: "_qs + expected(u"a metric name"_qs, o.value(u"metric"_qs));
        }
        out->push_back(level);
    }
    std::stable_sort(out->begin(), out->end(),
        [](const EscalationLevel &x, const EscalationLevel &y) { return x.percent < y.percent; });
    return {};
}

} // namespace

std::optional<double> SlaPolicy::targetMinutes(SlaMetric metric, Priority priority) const
{
    const auto &byPriority = targetsByPriority[size_t(priority)][size_t(metric)];
    return byPriority ? byPriority : targets[size_t(metric)];
}

std::optional<SlaPolicy> SlaPolicy::fromJson(const QJsonValue &json, QString *error)
{
    if (!json.isObject())
        return failed(error, u"policy: "_qs + expected(u"an object"_qs, json));
    const QJsonObject o = json.toObject();
    const QString unknown = unknownKeys(o,
        {u"targets", u"targets_by_priority", u"pause_statuses", u"stop_statuses", u"warn_at_percent",
            u"warn_before_minutes", u"on_priority_change", u"on_reopen", u"escalations"});
    if (!unknown.isEmpty())
        return failed(error, u"policy: unknown key "_qs + unknown);

    SlaPolicy p;
    QString message;
    if (o.contains(u"targets"_qs))
        message = parseTargets(o.value(u"targets"_qs), u"policy.targets"_qs, &p.targets);
    if (message.isEmpty() && o.contains(u"targets_by_priority"_qs)) {
        const QJsonValue byPriority = o.value(u"targets_by_priority"_qs);
        if (!byPriority.isObject())
            return failed(error,
                u"policy.targets_by_priority: "_qs
                    + expected(u"an object of priority → targets"_qs, byPriority));
        const QJsonObject bo = byPriority.toObject();
        for (auto it = bo.begin(); it != bo.end() && message.isEmpty(); ++it) {
            const auto priority = priorityFromWire(it.key());
            if (!priority) {
                return failed(error,
                    u"policy.targets_by_priority: unknown priority \""_qs + it.key()
                        + u"\" (expected critical, high, normal, low)"_qs);
            }
            message = parseTargets(it.value(), u"policy.targets_by_priority."_qs + it.key(),
                &p.targetsByPriority[size_t(*priority)]);
        }
    }
    if (message.isEmpty() && o.contains(u"pause_statuses"_qs))
        message = parseStatuses(o.value(u"pause_statuses"_qs), u"policy.pause_statuses"_qs, &p.pauseStatuses);
    if (message.isEmpty() && o.contains(u"stop_statuses"_qs))
        message = parseStatuses(o.value(u"stop_statuses"_qs), u"policy.stop_statuses"_qs, &p.stopStatuses);
    if (message.isEmpty() && o.contains(u"warn_at_percent"_qs))
        message = parseNumbers(
            o.value(u"warn_at_percent"_qs), u"policy.warn_at_percent"_qs, 1000, &p.warnAtPercent);
    if (message.isEmpty() && o.contains(u"warn_before_minutes"_qs)) {
        message = parseNumbers(
            o.value(u"warn_before_minutes"_qs), u"policy.warn_before_minutes"_qs, 1e7, &p.warnBeforeMinutes);
        std::reverse(p.warnBeforeMinutes.begin(), p.warnBeforeMinutes.end());
    }
    if (message.isEmpty() && o.contains(u"escalations"_qs))
        message = parseEscalations(o.value(u"escalations"_qs), &p.escalations);
    if (!message.isEmpty())
        return failed(error, message);

    if (o.contains(u"on_priority_change"_qs)) {
        const auto v = onPriorityChangeFromWire(o.value(u"on_priority_change"_qs).toString());
        if (!v)
            return failed(error,
                u"policy.on_priority_change: "_qs
                    + expected(u"keep_start or restart"_qs, o.value(u"on_priority_change"_qs)));
        p.onPriorityChange = *v;
    }
    if (o.contains(u"on_reopen"_qs)) {
        const auto v = onReopenFromWire(o.value(u"on_reopen"_qs).toString());
        if (!v)
            return failed(error,
                u"policy.on_reopen: "_qs
                    + expected(u"resume, new_cycle or once"_qs, o.value(u"on_reopen"_qs)));
        p.onReopen = *v;
    }
    return p;
}

} // namespace triage
