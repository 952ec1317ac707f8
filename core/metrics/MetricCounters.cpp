#include "MetricCounters.h"

namespace triage {

void MetricCounters::add(const MetricCounters &o, qint64 sign)
{
    for (size_t i = 0; i < v.size(); ++i)
        v[i] += sign * o.v[i];
}

bool MetricCounters::isZero() const
{
    for (const qint64 x : v) {
        if (x != 0)
            return false;
    }
    return true;
}

double MetricCounters::compliance(SlaMetric m) const
{
    const qint64 met = (*this)[slaMet(m)];
    const qint64 total = met + (*this)[slaBreached(m)];
    return total == 0 ? -1.0 : double(met) / double(total);
}

QString MetricCounters::fieldName(Field f)
{
    static const std::array<const char16_t *, Count> kNames {u"created", u"resolutions", u"reopens",
        u"first_responses", u"first_response_calendar_ms", u"first_response_business_ms",
        u"first_resolutions", u"first_resolution_calendar_ms", u"first_resolution_business_ms",
        u"full_resolutions", u"full_resolution_calendar_ms", u"full_resolution_business_ms",
        u"sla_met_first_response", u"sla_met_next_response", u"sla_met_resolution",
        u"sla_breached_first_response", u"sla_breached_next_response", u"sla_breached_resolution",
        u"breaches_first_response", u"breaches_next_response", u"breaches_resolution", u"ratings",
        u"rating_sum", u"ratings_positive", u"fcr_resolved", u"fcr_first_contact"};
    return QString::fromUtf16(kNames[size_t(f)]);
}

QJsonObject MetricCounters::toJson() const
{
    QJsonObject o;
    for (int i = 0; i < Count; ++i)
        o.insert(fieldName(Field(i)), double(v[size_t(i)]));
    return o;
}

// Layout: group+1 (16 bits) | assignee+1 (24 bits) | channel (4) | type (4) | priority (4).
quint64 MetricDims::pack() const
{
    return (quint64(quint16(group + 1)) << 36) | (quint64(quint32(assignee + 1) & 0xFFFFFF) << 12)
        | (quint64(channel) << 8) | (quint64(type) << 4) | quint64(priority);
}

MetricDims MetricDims::unpack(quint64 key)
{
    MetricDims d;
    d.group = int((key >> 36) & 0xFFFF) - 1;
    d.assignee = int((key >> 12) & 0xFFFFFF) - 1;
    d.channel = Channel((key >> 8) & 0xF);
    d.type = TicketType((key >> 4) & 0xF);
    d.priority = Priority(key & 0xF);
    return d;
}

} // namespace triage
