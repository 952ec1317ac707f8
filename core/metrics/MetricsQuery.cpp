#include "MetricsQuery.h"

#include <algorithm>

namespace triage {

bool MetricsFilter::matches(quint64 dimsKey) const
{
    if (isEmpty())
        return true;
    const MetricDims d = MetricDims::unpack(dimsKey);
    return (!group || *group == d.group) && (!assignee || *assignee == d.assignee)
        && (!channel || *channel == d.channel) && (!type || *type == d.type)
        && (!priority || *priority == d.priority)
        && (anyGroup.empty() || std::find(anyGroup.begin(), anyGroup.end(), d.group) != anyGroup.end());
}

} // namespace triage
