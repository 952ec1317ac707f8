#pragma once

#include "domain/Board.h"
#include "domain/Clock.h"

#include <QObject>

#include <optional>
#include <vector>

namespace triage {

class KanbanColumnModel;
class LocalEditor;
class TicketCache;
struct TicketRow;

// A board: which tickets sit in which column and in what order, and moving them. Moves go through
// LocalEditor (validated, written with their outbox intent, offline too); refusals come back as
// one translated sentence.
//
// Swimlanes (optional) split every column into lanes by priority (Critical … Low) or by assignee
// (Unassigned first, then the people with cards on the board by name): one KanbanColumnModel per
// cell. Lanes only group: a card's lane follows its priority or assignee, moves change the status
// (and the order) only, and a drop into another lane is refused with the reason.
class KanbanController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KanbanController)

public:
    KanbanController(TicketCache *cache, LocalEditor *editor, QObject *parent = nullptr);
    ~KanbanController() override;

    void setClock(const Clock *clock) { m_clock = clock; } // null: the process-wide clock
    qint64 now() const { return nowBy(m_clock); }
    void setAgeingMinutes(int minutes) { m_ageingMinutes = minutes; }
    int ageingMinutes() const { return m_ageingMinutes; }
    bool isAgeing(const TicketRow &row) const;

    // `lanes`: the swimlanes to show it with (else the current ones).
    void setBoard(const Board &board, std::optional<Swimlanes> lanes = std::nullopt);
    const Board &board() const { return m_board; }
    int columnCount() const { return static_cast<int>(m_board.columns.size()); }
    // Lane 0's cell of a column: without swimlanes, the whole column.
    KanbanColumnModel *column(int i) const { return cell(0, i); }

    // Swimlanes::None: one lane. Changing it rebuilds the cells and emits lanesChanged().
    void setSwimlanes(Swimlanes lanes);
    Swimlanes swimlanes() const { return m_lanes; }
    int laneCount() const { return static_cast<int>(m_cells.size()); }
    KanbanColumnModel *cell(int lane, int column) const
    {
        return m_cells[static_cast<size_t>(lane)][static_cast<size_t>(column)];
    }
    QString laneTitle(int lane) const; // translated: "High", "Unassigned", a person's name
    int laneTotal(int lane) const; // cards shown in the lane, all columns
    int columnTotal(int column) const; // cards shown in the column, all lanes
    int laneOfTicket(const QString &ticketId) const; // -1 when not shown
    // Closed-type columns show only cards changed in the last `closedRecentDays` unless shown all.
    void setShowAll(bool all);
    // A viewer account: every move is refused with the reason, cards cannot be dragged.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }
    bool showAll() const { return m_showAll; }
    int hiddenCount(int column) const { return m_hidden[static_cast<size_t>(column)]; }
    bool overWipLimit(int column) const;
    TicketCache *cache() const { return m_cache; }

    // Moves a ticket to `column` before the card now at `row` of its lane's cell (row == count: at
    // the end).
    bool moveTo(const QString &ticketId, int column, int row);
    // The same for a drop into a given lane: refused (with the reason) when it is not the card's.
    bool moveTo(const QString &ticketId, int lane, int column, int row);
    // Keyboard: one column left/right (to the top of it), or one place up/down.
    bool moveBy(const QString &ticketId, int columnDelta, int rowDelta);
    // Where a ticket is: {column, row in its lane's cell} or {-1, -1}.
    std::pair<int, int> find(const QString &ticketId) const;

Q_SIGNALS:
    void refused(const QString &ticketId, const QString &reason);
    void moved(const QString &ticketId, int column, int row);
    void countsChanged();
    // The lanes were rebuilt (other swimlanes, a new assignee): cells are new models.
    void lanesChanged();

private:
    void rebuild();
    // The lane key of a row: priority, or assignee index; 0 without swimlanes.
    int laneKey(const TicketRow &row) const;
    // The lane a row belongs in now, -1 when the board has no lane for it (yet).
    int laneFor(const TicketRow &row) const;
    // Recreates the cells when the lane keys differ; true if they did.
    bool setLaneKeys(std::vector<int> keys);
    void onRowsChanged(const QList<int> &rows);
    int targetColumn(const TicketRow &row) const;
    bool visible(const TicketRow &row) const;
    int insertPosition(int lane, int column, int cacheRow) const;
    bool rankLess(int a, int b) const;

    TicketCache *m_cache;
    LocalEditor *m_editor;
    const Clock *m_clock = nullptr;
    Board m_board;
    quint16 m_group = 0;
    bool m_showAll = false;
    bool m_readOnly = false;
    int m_ageingMinutes = 15;
    Swimlanes m_lanes = Swimlanes::None;
    std::vector<int> m_laneKeys; // lane → key
    std::vector<int> m_laneOfKey; // key → lane (-1: no lane yet)
    std::vector<std::vector<KanbanColumnModel *>> m_cells; // [lane][column]
    std::vector<int> m_hidden; // by column
    std::vector<qint8> m_columnOf; // by cache row, -1 = not on the board
    std::vector<qint16> m_laneOf; // by cache row: the lane it was put in
};

} // namespace triage
