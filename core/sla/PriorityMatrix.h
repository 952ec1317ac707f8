#pragma once

#include "domain/Enums.h"

#include <QJsonObject>
#include <QJsonValue>

#include <array>
#include <optional>

namespace triage {

// ITIL impact × urgency → priority, as data an admin edits. The default follows ServiceNow's 3×3
// (P1..P5) folded onto Triage's four priorities: P1 critical, P2 high, P3 normal, P4/P5 low.
class PriorityMatrix
{
public:
    PriorityMatrix(); // the default

    Priority priorityFor(Level impact, Level urgency) const;
    void set(Level impact, Level urgency, Priority priority);

    // {"high": {"high": "critical", "medium": "high", "low": "normal"}, "medium": {...}, "low": {...}}
    // rows are impact, columns urgency; every cell is required.
    static std::optional<PriorityMatrix> fromJson(const QJsonValue &json, QString *error);
    QJsonObject toJson() const;

    bool operator==(const PriorityMatrix &other) const = default;

private:
    std::array<std::array<Priority, 3>, 3> m_cells; // [impact][urgency], Level order
};

} // namespace triage
