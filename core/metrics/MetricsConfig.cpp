#include "MetricsConfig.h"

#include <QJsonArray>

#include <algorithm>

namespace triage {

QJsonObject MetricsConfig::defaultPolicyJson()
{
    const auto res = [](int minutes) { return QJsonObject {{u"resolution"_qs, minutes}}; };
    return QJsonObject {{u"targets_by_priority"_qs,
                            QJsonObject {{u"critical"_qs, res(4 * 60)}, {u"high"_qs, res(8 * 60)},
                                {u"normal"_qs, res(24 * 60)}, {u"low"_qs, res(72 * 60)}}},
        {u"warn_at_percent"_qs, QJsonArray {75, 90}}};
}

MetricsConfig MetricsConfig::fromDocs(const QList<QJsonObject> &calendars, const QList<QJsonObject> &policies)
{
    const auto byId = [](QList<QJsonObject> docs) {
        std::stable_sort(docs.begin(), docs.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"id"_qs).toString() < b.value(u"id"_qs).toString();
        });
        return docs;
    };
    MetricsConfig c;
    for (const QJsonObject &doc : byId(calendars)) {
        if (auto cal = BusinessCalendar::fromJson(doc.value(u"calendar"_qs), nullptr)) {
            c.calendar = std::move(*cal);
            c.calendarJson = doc.value(u"calendar"_qs).toObject();
            break;
        }
    }
    c.policyJson = defaultPolicyJson();
    for (const QJsonObject &doc : byId(policies)) {
        if (SlaPolicy::fromJson(doc.value(u"policy"_qs), nullptr)) {
            c.policyJson = doc.value(u"policy"_qs).toObject();
            break;
        }
    }
    c.policy = SlaPolicy::fromJson(c.policyJson, nullptr).value_or(SlaPolicy());
    return c;
}

} // namespace triage
