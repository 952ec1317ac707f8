#pragma once

#include "RowFilter.h"
#include "TicketCache.h"
#include "TitleOrder.h"
#include "domain/Clock.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QStringMatcher>

#include <vector>

namespace triage {

// The queue table: a vector of TicketCache row indices, filtered and sorted in place (no proxy;
// see docs/console.md for the numbers). The SLA column is computed at data() time from each row's
// fixed due instant and the model's clock, so a repaint is all a ticking countdown needs.
class QueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueModel)

public:
    enum Column {
        NumberColumn,
        TitleColumn,
        RequesterColumn,
        PriorityColumn,
        StatusColumn,
        AssigneeColumn,
        GroupColumn,
        UpdatedColumn,
        SlaColumn,
        ColumnCount
    };
    enum Role {
        TicketIdRole = Qt::UserRole + 1,
        CacheRowRole,
        SlaStateRole, // int(SlaState)
        DueRole, // qint64 due instant, kNoDue when none
        AgeingRole, // bool: the ageing rule fires
        PendingRole, // bool: local changes not synced yet
        LeftViewRole, // bool: kept on screen after an action, but no longer matches the view
    };

    QueueModel(TicketCache *cache, QString meId, QObject *parent = nullptr);
    ~QueueModel() override;

    void setClock(const Clock *clock) { m_clock = clock; } // null: the process-wide clock
    qint64 now() const { return nowBy(m_clock); }
    // The ageing rule: tickets in New longer than this are highlighted; 0 turns it off.
    void setAgeingMinutes(int minutes);
    // Every text is built in data() and headerData(): tells views to fetch them again.
    void retranslate();
    int ageingMinutes() const { return m_ageingMinutes; }

    // Shows a saved view's filter with its default order. Resets the model.
    void setFilter(const TicketFilter &filter);
    const TicketFilter &filter() const { return m_filter; }
    // Filter as you type: title substring or ticket number, plus any full-text hits.
    void setQuickFilter(const QString &text);
    QString quickFilter() const { return m_quick; }
    // Cache rows that matched a full-text search for the current quick text (comments included).
    void setSearchHits(const QList<int> &cacheRows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_order.descending ? Qt::DescendingOrder : Qt::AscendingOrder; }

    int cacheRow(int row) const { return m_rows[static_cast<size_t>(row)]; }
    QString ticketId(int row) const;
    int rowOfTicket(const QString &id) const;
    TicketCache *cache() const { return m_cache; }

    // Rows an action is about to change stay on screen (marked, LeftViewRole) even when they stop
    // matching the view, like a mail client keeps a message just marked read in "Unread", until
    // releaseHeld() (the selection moved on) or the view is rebuilt (another view, typed filter).
    void holdRows(const QList<int> &cacheRows);
    // Lets held rows that no longer match leave, except `keep` (cache rows).
    void releaseHeld(const QList<int> &keep = {});
    bool hasHeld() const { return !m_held.isEmpty(); }
    bool isLeftView(int row) const;

    // Re-evaluates rows whose tickets changed (public for benchmarks).
    void applyChangedRows(const QList<int> &cacheRows);

private:
    bool accepts(int cacheRow, qint64 now) const;
    bool quickMatches(const TicketRow &row) const;
    void rebuild();
    void sortRows();
    QModelIndexList persistentAfter(const QModelIndexList &before, const QList<int> &beforeRows) const;
    QVariant display(const TicketRow &row, int column, qint64 now) const;
    QString accessibleRow(const TicketRow &row, qint64 now) const;
    bool isAgeing(const TicketRow &row, qint64 now) const;

    TicketCache *m_cache;
    QString m_me;
    const Clock *m_clock = nullptr;
    TicketFilter m_filter;
    RowFilter m_rowFilter;
    RowOrder m_order;
    int m_sortColumn = SlaColumn;
    QString m_quick;
    qint64 m_quickNumber = -1;
    QStringMatcher m_quickMatcher; // case-insensitive, built once per typed text
    std::vector<char> m_hits;
    std::vector<int> m_rows;
    std::vector<char> m_scratch;
    QSet<int> m_held; // cache rows
    TitleOrder m_titleOrder;
    int m_ageingMinutes = 15;
};

} // namespace triage
