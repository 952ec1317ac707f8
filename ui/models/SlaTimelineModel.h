#pragma once

#include "sla/SlaTimeline.h"

#include <QAbstractTableModel>

namespace triage {

// A ticket's SLA timeline as a table: for each timer (reaction — first and next response — and
// resolution, each cycle) a heading row with its target and state ("Resolution — target 8 h …
// running, 2 h 10 min left", all in the first column: views span it over the row),
// then its entries oldest first — started, paused/resumed, warnings, escalations, due, met or
// breached — with their instants; entries not reached yet are projected ("expected") and entries
// caused by local changes not synced yet say so. Instants come from the SLA engine over the
// ticket's calendar, so they are business-time aware.
class SlaTimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlaTimelineModel)

public:
    enum Column { WhenColumn, EventColumn, ColumnCount };
    enum Role {
        IsHeadingRole = Qt::UserRole + 1, // bool: a timer's heading row
        MetricRole, // int(SlaMetric)
        CycleRole, // int
        EntryKindRole, // int(SlaTimelineEntry::Kind); -1 on headings
        AtRole, // qint64 UTC ms; headings: the timer's start
        ProjectedRole, // bool
        UnconfirmedRole, // bool
        TimerStateRole, // int(SlaTimerState)
        BreachedRole, // bool: the timer (heading) or entry (Breached, Missed) is a breach
    };

    explicit SlaTimelineModel(QObject *parent = nullptr);
    ~SlaTimelineModel() override;

    // Same rows as before (the usual case: "now" moved on): dataChanged; otherwise a reset.
    void setTimeline(SlaTimeline timeline);
    const SlaTimeline &timeline() const { return m_timeline; }
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    static QString metricName(SlaMetric metric);

private:
    struct Row {
        int timer = 0;
        int entry = -1; // -1: the heading
        int kind = -1;
        bool operator==(const Row &) const = default;
    };
    QString headingText(const SlaTimelineTimer &t) const;
    QString entryText(const SlaTimelineEntry &e) const;
    QString when(qint64 at) const;

    SlaTimeline m_timeline;
    std::vector<Row> m_rows;
};

} // namespace triage
