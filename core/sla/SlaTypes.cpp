#include "SlaTypes.h"

namespace triage {

Q_LOGGING_CATEGORY(lcSla, "triage.sla", QtInfoMsg)

namespace {

template<typename E, size_t N> using Names = std::array<std::pair<E, const char16_t *>, N>;

constexpr Names<SlaMetric, 3> kMetricNames {{{SlaMetric::FirstResponse, u"first_response"},
    {SlaMetric::NextResponse, u"next_response"}, {SlaMetric::Resolution, u"resolution"}}};
constexpr Names<SlaTimerState, 4> kStateNames {
    {{SlaTimerState::Running, u"running"}, {SlaTimerState::Paused, u"paused"},
        {SlaTimerState::Stopped, u"stopped"}, {SlaTimerState::Cancelled, u"cancelled"}}};
constexpr Names<OnPriorityChange, 2> kChangeNames {
    {{OnPriorityChange::KeepStart, u"keep_start"}, {OnPriorityChange::Restart, u"restart"}}};
constexpr Names<OnReopen, 3> kReopenNames {
    {{OnReopen::Resume, u"resume"}, {OnReopen::NewCycle, u"new_cycle"}, {OnReopen::Once, u"once"}}};
constexpr Names<EscalationAction, 3> kActionNames {{{EscalationAction::NotifyLead, u"notify_lead"},
    {EscalationAction::Reassign, u"reassign"}, {EscalationAction::RaisePriority, u"raise_priority"}}};

template<typename E, size_t N> QString nameOf(const Names<E, N> &names, E v)
{
    for (const auto &[e, s] : names) {
        if (e == v)
            return QString::fromUtf16(s);
    }
    return {};
}

template<typename E, size_t N> std::optional<E> parse(const Names<E, N> &names, QStringView s)
{
    for (const auto &[e, n] : names) {
        if (s == QStringView(n))
            return e;
    }
    return std::nullopt;
}

} // namespace

QString toWire(SlaMetric v)
{
    return nameOf(kMetricNames, v);
}
QString toWire(SlaTimerState v)
{
    return nameOf(kStateNames, v);
}
QString toWire(OnPriorityChange v)
{
    return nameOf(kChangeNames, v);
}
QString toWire(OnReopen v)
{
    return nameOf(kReopenNames, v);
}
QString toWire(EscalationAction v)
{
    return nameOf(kActionNames, v);
}

std::optional<SlaMetric> slaMetricFromWire(QStringView s)
{
    return parse(kMetricNames, s);
}
std::optional<OnPriorityChange> onPriorityChangeFromWire(QStringView s)
{
    return parse(kChangeNames, s);
}
std::optional<OnReopen> onReopenFromWire(QStringView s)
{
    return parse(kReopenNames, s);
}
std::optional<EscalationAction> escalationActionFromWire(QStringView s)
{
    return parse(kActionNames, s);
}

} // namespace triage
