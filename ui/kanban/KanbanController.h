#pragma once

#include "domain/Board.h"

#include <QObject>

#include <functional>
#include <vector>

namespace triage {

class KanbanColumnModel;
class LocalEditor;
class TicketCache;
struct TicketRow;

// A board: which tickets sit in which column and in what order, and moving them. Moves go through
// LocalEditor (validated, written with their outbox intent, offline too); refusals come back as
// one translated sentence.
class KanbanController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KanbanController)

public:
    KanbanController(TicketCache *cache, LocalEditor *editor, QObject *parent = nullptr);
    ~KanbanController() override;

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }
    void setAgeingMinutes(int minutes) { m_ageingMinutes = minutes; }
    int ageingMinutes() const { return m_ageingMinutes; }
    bool isAgeing(const TicketRow &row) const;

    void setBoard(const Board &board);
    const Board &board() const { return m_board; }
    int columnCount() const { return static_cast<int>(m_columns.size()); }
    KanbanColumnModel *column(int i) const { return m_columns[static_cast<size_t>(i)]; }
    // Closed-type columns show only cards changed in the last `closedRecentDays` unless shown all.
    void setShowAll(bool all);
    bool showAll() const { return m_showAll; }
    int hiddenCount(int column) const { return m_hidden[static_cast<size_t>(column)]; }
    bool overWipLimit(int column) const;
    TicketCache *cache() const { return m_cache; }

    // Moves a ticket to `column` before the card now at `row` (row == count: at the end).
    bool moveTo(const QString &ticketId, int column, int row);
    // Keyboard: one column left/right (to the top of it), or one place up/down.
    bool moveBy(const QString &ticketId, int columnDelta, int rowDelta);
    // Where a ticket is: {column, row} or {-1, -1}.
    std::pair<int, int> find(const QString &ticketId) const;

Q_SIGNALS:
    void refused(const QString &ticketId, const QString &reason);
    void moved(const QString &ticketId, int column, int row);
    void countsChanged();

private:
    void rebuild();
    void onRowsChanged(const QList<int> &rows);
    int targetColumn(const TicketRow &row) const;
    bool visible(const TicketRow &row) const;
    int insertPosition(int column, int cacheRow) const;
    bool rankLess(int a, int b) const;

    TicketCache *m_cache;
    LocalEditor *m_editor;
    std::function<qint64()> m_clock;
    Board m_board;
    quint16 m_group = 0;
    bool m_showAll = false;
    int m_ageingMinutes = 15;
    std::vector<KanbanColumnModel *> m_columns;
    std::vector<int> m_hidden;
    std::vector<qint8> m_columnOf; // by cache row, -1 = not on the board
};

} // namespace triage
