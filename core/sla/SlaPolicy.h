#pragma once

#include "SlaTypes.h"
#include "domain/Enums.h"

#include <QJsonValue>
#include <QSet>
#include <QString>

#include <optional>
#include <vector>

namespace triage {

// One escalation level: when a timer reaches `percent` of its target, perform `action`.
struct EscalationLevel {
    double percent = 100;
    EscalationAction action = EscalationAction::NotifyLead;
    std::optional<SlaMetric> metric; // nullopt: every metric
};

// What an SLA promises and how its timers react to the ticket's life (docs/sla-case-format.md).
struct SlaPolicy {
    using Targets = std::array<std::optional<double>, 3>; // business minutes, by SlaMetric

    Targets targets;
    std::array<Targets, 4> targetsByPriority; // by Priority; an empty slot falls back to `targets`
    QSet<QString> pauseStatuses {u"waiting"_qs};
    QSet<QString> stopStatuses {u"resolved"_qs, u"closed"_qs};
    std::vector<double> warnAtPercent; // ascending
    std::vector<double> warnBeforeMinutes; // absolute lead times before the due instant, descending
    OnPriorityChange onPriorityChange = OnPriorityChange::KeepStart;
    OnReopen onReopen = OnReopen::Resume;
    std::vector<EscalationLevel> escalations; // ascending by percent

    // The target that applies to `metric` while the ticket has `priority`; nullopt: not measured.
    std::optional<double> targetMinutes(SlaMetric metric, Priority priority) const;
    bool isPause(const QString &status) const { return pauseStatuses.contains(status); }
    bool isStop(const QString &status) const { return stopStatuses.contains(status); }

    // Parses the `policy` object; on failure nullopt and a one-line message naming the field.
    static std::optional<SlaPolicy> fromJson(const QJsonValue &json, QString *error);
};

} // namespace triage
