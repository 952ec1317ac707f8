#pragma once

#include <QLoggingCategory>
#include <QString>

#include <array>
#include <optional>

namespace triage {

Q_DECLARE_LOGGING_CATEGORY(lcSla)

// The vocabularies of the SLA engine with their wire names (docs/sla-case-format.md).

enum class SlaMetric { FirstResponse, NextResponse, Resolution };
enum class SlaTimerState { Running, Paused, Stopped, Cancelled };
enum class OnPriorityChange { KeepStart, Restart };
enum class OnReopen { Resume, NewCycle, Once };
enum class EscalationAction { NotifyLead, Reassign, RaisePriority };

constexpr std::array<SlaMetric, 3> kSlaMetrics {
    SlaMetric::FirstResponse, SlaMetric::NextResponse, SlaMetric::Resolution};

QString toWire(SlaMetric v);
QString toWire(SlaTimerState v);
QString toWire(OnPriorityChange v);
QString toWire(OnReopen v);
QString toWire(EscalationAction v);

std::optional<SlaMetric> slaMetricFromWire(QStringView s);
std::optional<OnPriorityChange> onPriorityChangeFromWire(QStringView s);
std::optional<OnReopen> onReopenFromWire(QStringView s);
std::optional<EscalationAction> escalationActionFromWire(QStringView s);

} // namespace triage
