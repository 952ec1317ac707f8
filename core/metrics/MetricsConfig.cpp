#include "MetricsConfig.h"

#include <algorithm>

namespace triage {

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
    c.policies = SlaPolicySet::fromDocs(policies);
    for (const QJsonObject &doc : byId(policies)) {
        if (SlaPolicyEntry::fromDoc(doc, nullptr))
            c.policyDocs.append(doc);
    }
    return c;
}

} // namespace triage
