#pragma once

#include "RowFilter.h"
#include "domain/Board.h"
#include "domain/Clock.h"
#include "domain/TicketFilter.h"

#include <QAbstractListModel>
#include <QTimer>

#include <vector>

namespace triage {

class TicketCache;

// The sidebar: saved views (personal and shared) and boards, each with a live count. Counts are
// recomputed off the change signals, coalesced, and once a minute for time-based views.
class NavigationModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NavigationModel)

public:
    enum class Kind { Header, View, Board };
    enum Role { KindRole = Qt::UserRole + 1, IdRole, CountRole };

    NavigationModel(TicketCache *cache, QString meId, QObject *parent = nullptr);
    ~NavigationModel() override;

    void setClock(const Clock *clock) { m_clock = clock; } // null: the process-wide clock
    void setContent(const QList<SavedView> &views, const QList<Board> &boards);
    void addView(const SavedView &view);

    Kind kind(int row) const;
    const SavedView *view(int row) const;
    const Board *board(int row) const;
    int rowOfView(const QString &id) const;
    int rowOfBoard(const QString &id) const;
    int count(int row) const;
    // Recounts now (tests and benchmarks); normally a coalescing timer does it.
    void recount();
    // Names and counts are translated in data(): tells views to fetch them again (language switch).
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Item {
        Kind kind = Kind::Header;
        int index = -1; // into m_views or m_boards
        int count = 0;
    };
    void rebuildItems();
    void scheduleRecount();

    TicketCache *m_cache;
    QString m_me;
    const Clock *m_clock = nullptr;
    QList<SavedView> m_views;
    QList<Board> m_boards;
    std::vector<Item> m_items;
    QTimer m_recountTimer;
    QTimer m_minuteTimer;
};

} // namespace triage
