#include "SlaTimelineModel.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "domain/Enums.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <cmath>

namespace triage {

using Kind = SlaTimelineEntry::Kind;

SlaTimelineModel::SlaTimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

SlaTimelineModel::~SlaTimelineModel() = default;

void SlaTimelineModel::setTimeline(SlaTimeline timeline)
{
    std::vector<Row> rows;
    for (size_t t = 0; t < timeline.timers.size(); ++t) {
        rows.push_back({static_cast<int>(t), -1, -1});
        const auto &entries = timeline.timers[t].entries;
        for (size_t e = 0; e < entries.size(); ++e)
            rows.push_back({static_cast<int>(t), static_cast<int>(e), static_cast<int>(entries[e].kind)});
    }
    if (rows == m_rows) {
        m_timeline = std::move(timeline);
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_timeline = std::move(timeline);
    m_rows = std::move(rows);
    endResetModel();
}

void SlaTimelineModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int SlaTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SlaTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SlaTimelineModel::metricName(SlaMetric metric)
{
    switch (metric) {
    case SlaMetric::FirstResponse:
        return tr("First response");
    case SlaMetric::NextResponse:
        return tr("Next response");
    case SlaMetric::Resolution:
        return tr("Resolution");
    }
    return {};
}

QString SlaTimelineModel::when(qint64 at) const
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(at), QLocale::ShortFormat);
}

QString SlaTimelineModel::headingText(const SlaTimelineTimer &t) const
{
    const SlaTimer &s = t.timer;
    const QString target = Texts::duration(std::llround(s.targetMinutes * 60000.0));
    const QString clock = m_timeline.businessHours
        ? tr("target %1 of business hours (%2)").arg(target, m_timeline.timeZone)
        : tr("target %1, round the clock").arg(target);
    QString state;
    switch (s.state) {
    case SlaTimerState::Running:
        state = s.breached ? tr("breached %1 ago, still open").arg(Texts::duration(-s.remainingMs))
            : s.due        ? tr("running, %1 left, due %2").arg(Texts::duration(s.remainingMs), when(*s.due))
                           : tr("running, %1 left").arg(Texts::duration(s.remainingMs));
        break;
    case SlaTimerState::Paused:
        state = s.breached ? tr("paused, breached %1 ago").arg(Texts::duration(-s.remainingMs))
                           : tr("paused, %1 left").arg(Texts::duration(s.remainingMs));
        break;
    case SlaTimerState::Stopped:
        state = s.breached ? tr("missed by %1").arg(Texts::duration(-s.remainingMs))
                           : tr("met with %1 to spare").arg(Texts::duration(s.remainingMs));
        break;
    case SlaTimerState::Cancelled:
        state = tr("cancelled by a priority change");
        break;
    }
    return tr("%1 · %2 · %3 used").arg(clock, state, Texts::duration(s.businessElapsedMs));
}

QString SlaTimelineModel::entryText(const SlaTimelineEntry &e) const
{
    const auto status = [&e]() -> QString {
        const auto s = ticketStatusFromWire(e.status);
        return s ? Texts::status(*s) : e.status;
    };
    QString text;
    switch (e.kind) {
    case Kind::Started:
        text = e.status.isEmpty() ? tr("Started") : tr("Started (status %1)").arg(status());
        break;
    case Kind::Paused:
        text = tr("Paused: status %1").arg(status());
        break;
    case Kind::Resumed:
        text = tr("Resumed: status %1").arg(status());
        break;
    case Kind::Reopened:
        text = tr("Resumed: reopened as %1").arg(status());
        break;
    case Kind::Stopped:
        text = tr("Stopped: %1").arg(status());
        break;
    case Kind::Warning:
        text = e.percent > 0
            ? tr("Warning: %1% of the target used").arg(e.percent)
            : tr("Warning: %1 before due").arg(Texts::duration(std::llround(e.beforeMinutes * 60000.0)));
        break;
    case Kind::Escalation: {
        QString action;
        switch (e.action) {
        case EscalationAction::NotifyLead:
            action = tr("notify the lead");
            break;
        case EscalationAction::Reassign:
            action = tr("reassign");
            break;
        case EscalationAction::RaisePriority:
            action = tr("raise the priority");
            break;
        }
        text = tr("Escalation at %1%: %2").arg(e.percent).arg(action);
        break;
    }
    case Kind::Due:
        text = tr("Due");
        break;
    case Kind::Breached:
        text = tr("Breached: the target passed");
        break;
    case Kind::Met:
        text = e.status.isEmpty() ? tr("Met: an agent replied") : tr("Met: %1").arg(status());
        break;
    case Kind::Missed:
        text = e.status.isEmpty() ? tr("Missed: an agent replied after the due time")
                                  : tr("Missed: %1 after the due time").arg(status());
        break;
    case Kind::Cancelled:
        text = tr("Cancelled: the priority changed, a new cycle started");
        break;
    }
    if (e.projected)
        text = tr("%1 (expected, if the clock keeps running)").arg(text);
    if (e.unconfirmed)
        text = tr("%1 — not synced yet").arg(text);
    return text;
}

QVariant SlaTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<size_t>(index.row())];
    const SlaTimelineTimer &t = m_timeline.timers[static_cast<size_t>(row.timer)];
    const bool heading = row.entry < 0;
    const SlaTimelineEntry *e = heading ? nullptr : &t.entries[static_cast<size_t>(row.entry)];
    const QString name = t.timer.cycle > 1
        ? tr("%1 (cycle %2)").arg(metricName(t.timer.metric)).arg(t.timer.cycle)
        : metricName(t.timer.metric);
    switch (role) {
    case Qt::DisplayRole:
        // A heading is one sentence in the first column (the view spans it over the row).
        if (heading)
            return index.column() == WhenColumn ? tr("%1 — %2").arg(name, headingText(t)) : QString();
        return index.column() == WhenColumn ? when(e->at) : entryText(*e);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignTop));
    case Qt::AccessibleTextRole:
        return heading ? tr("%1: %2").arg(name, headingText(t))
                       : tr("%1, %2: %3").arg(name, when(e->at), entryText(*e));
    case Qt::ToolTipRole:
        if (heading)
            return tr("Business time counts only inside the calendar's hours and outside pauses");
        return e->projected ? tr("Computed from now on the business calendar; moves if the ticket pauses")
                            : QVariant();
    case Qt::DecorationRole: {
        if (index.column() != (heading ? WhenColumn : EventColumn))
            return {};
        if (heading) {
            if (t.timer.breached)
                return SlaStyle::icon(SlaState::Breached);
            if (t.timer.state == SlaTimerState::Paused)
                return SlaStyle::icon(SlaState::Paused);
            if (t.timer.state == SlaTimerState::Running)
                return SlaStyle::icon(
                    t.timer.remainingMs < SlaStyle::kAtRiskMs ? SlaState::AtRisk : SlaState::Ok);
            return {};
        }
        if (e->unconfirmed)
            return SlaStyle::pendingIcon();
        switch (e->kind) {
        case Kind::Breached:
        case Kind::Missed:
            return SlaStyle::icon(SlaState::Breached);
        case Kind::Warning:
        case Kind::Escalation:
            return SlaStyle::icon(SlaState::AtRisk);
        case Kind::Paused:
            return SlaStyle::icon(SlaState::Paused);
        case Kind::Met:
            return SlaStyle::icon(SlaState::Ok);
        default:
            return {};
        }
    }
    case Qt::FontRole: {
        if (!heading && !e->projected)
            return {};
        QFont f;
        f.setBold(heading);
        f.setItalic(!heading);
        return f;
    }
    case IsHeadingRole:
        return heading;
    case MetricRole:
        return static_cast<int>(t.timer.metric);
    case CycleRole:
        return t.timer.cycle;
    case EntryKindRole:
        return heading ? -1 : static_cast<int>(e->kind);
    case AtRole:
        return heading ? t.timer.startedAt : e->at;
    case ProjectedRole:
        return heading ? false : e->projected;
    case UnconfirmedRole:
        return heading ? false : e->unconfirmed;
    case TimerStateRole:
        return static_cast<int>(t.timer.state);
    case BreachedRole:
        return heading ? t.timer.breached : (e->kind == Kind::Breached || e->kind == Kind::Missed);
    }
    return {};
}

QVariant SlaTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    return section == WhenColumn ? tr("When") : tr("SLA event");
}

Qt::ItemFlags SlaTimelineModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

} // namespace triage
