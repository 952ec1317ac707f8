#include "KanbanController.h"

#include "common/Texts.h"
#include "domain/Time.h"
#include "domain/Workflow.h"
#include "models/KanbanColumnModel.h"
#include "models/TicketCache.h"
#include "session/DirectoryIndex.h"
#include "sync/LocalEditor.h"

#include <algorithm>

namespace triage {

KanbanController::KanbanController(TicketCache *cache, LocalEditor *editor, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_editor(editor)
{
    connect(cache, &TicketCache::reloaded, this, &KanbanController::rebuild);
    connect(cache, &TicketCache::rowsChanged, this, &KanbanController::onRowsChanged);
    connect(cache, &TicketCache::pendingChanged, this, &KanbanController::onRowsChanged);
    connect(editor, &LocalEditor::refused, this,
        [this](const QString &id, const Refusal &why) { Q_EMIT refused(id, Texts::refusal(why)); });
}

KanbanController::~KanbanController() = default;

bool KanbanController::isAgeing(const TicketRow &row) const
{
    return m_ageingMinutes > 0 && row.status == TicketStatus::New
        && now() - row.createdAt > static_cast<qint64>(m_ageingMinutes) * 60000;
}

void KanbanController::setBoard(const Board &board, std::optional<Swimlanes> lanes)
{
    m_board = board;
    if (lanes)
        m_lanes = *lanes;
    m_group = board.groupId.isEmpty() ? 0 : m_cache->directory()->groupIndex(board.groupId);
    m_laneKeys.clear(); // new cells for the new columns
    for (auto &lane : m_cells) {
        for (auto *c : lane)
            c->deleteLater();
    }
    m_cells.clear();
    rebuild();
}

void KanbanController::setSwimlanes(Swimlanes lanes)
{
    if (lanes == m_lanes)
        return;
    m_lanes = lanes;
    rebuild();
}

void KanbanController::setShowAll(bool all)
{
    if (m_showAll == all)
        return;
    m_showAll = all;
    rebuild();
}

int KanbanController::laneKey(const TicketRow &row) const
{
    switch (m_lanes) {
    case Swimlanes::None:
        return 0;
    case Swimlanes::Priority:
        return static_cast<int>(row.priority);
    case Swimlanes::Assignee:
        return row.assignee;
    }
    return 0;
}

int KanbanController::laneFor(const TicketRow &row) const
{
    const auto key = static_cast<size_t>(laneKey(row));
    return key < m_laneOfKey.size() ? m_laneOfKey[key] : -1;
}

QString KanbanController::laneTitle(int lane) const
{
    const int key = m_laneKeys.at(static_cast<size_t>(lane));
    switch (m_lanes) {
    case Swimlanes::None:
        return {};
    case Swimlanes::Priority:
        return Texts::priority(static_cast<Priority>(key));
    case Swimlanes::Assignee:
        return key ? m_cache->directory()->user(static_cast<quint16>(key)).displayName : tr("Unassigned");
    }
    return {};
}

int KanbanController::laneTotal(int lane) const
{
    int n = 0;
    for (auto *c : m_cells[static_cast<size_t>(lane)])
        n += c->rowCount();
    return n;
}

int KanbanController::columnTotal(int column) const
{
    int n = 0;
    for (const auto &lane : m_cells)
        n += lane[static_cast<size_t>(column)]->rowCount();
    return n;
}

int KanbanController::laneOfTicket(const QString &ticketId) const
{
    const int c = m_cache->indexOf(ticketId);
    if (c < 0 || static_cast<size_t>(c) >= m_columnOf.size() || m_columnOf[static_cast<size_t>(c)] < 0)
        return -1;
    return m_laneOf[static_cast<size_t>(c)];
}

bool KanbanController::setLaneKeys(std::vector<int> keys)
{
    if (keys == m_laneKeys && !m_cells.empty())
        return false;
    for (auto &lane : m_cells) {
        for (auto *c : lane)
            c->deleteLater();
    }
    m_cells.clear();
    m_laneKeys = std::move(keys);
    m_laneOfKey.clear();
    for (size_t l = 0; l < m_laneKeys.size(); ++l) {
        const auto key = static_cast<size_t>(m_laneKeys[l]);
        if (m_laneOfKey.size() <= key)
            m_laneOfKey.resize(key + 1, -1);
        m_laneOfKey[key] = static_cast<int>(l);
        std::vector<KanbanColumnModel *> cells;
        for (int c = 0; c < columnCount(); ++c)
            cells.push_back(new KanbanColumnModel(this, c, static_cast<int>(l), this));
        m_cells.push_back(std::move(cells));
    }
    return true;
}

bool KanbanController::overWipLimit(int column) const
{
    const int limit = m_board.columns.value(column).wipLimit;
    return limit > 0 && columnTotal(column) > limit;
}

int KanbanController::targetColumn(const TicketRow &row) const
{
    if (row.deleted || (m_group && row.group != m_group))
        return -1;
    return m_board.columnOf(row.status);
}

bool KanbanController::visible(const TicketRow &row) const
{
    if (m_showAll || row.status != TicketStatus::Closed)
        return true;
    return row.updatedAt >= now() - static_cast<qint64>(m_board.closedRecentDays) * 86400000;
}

bool KanbanController::rankLess(int a, int b) const
{
    const TicketRow &ra = m_cache->row(a);
    const TicketRow &rb = m_cache->row(b);
    if (ra.rank != rb.rank)
        return ra.rank < rb.rank;
    return a < b;
}

void KanbanController::rebuild()
{
    const size_t nColumns = static_cast<size_t>(columnCount());
    const int n = m_cache->size();
    m_hidden.assign(nColumns, 0);
    m_columnOf.assign(static_cast<size_t>(n), -1);
    m_laneOf.assign(static_cast<size_t>(n), -1);
    // The lanes: fixed for priorities; for assignees, the people with cards on the board.
    std::vector<int> keys;
    if (m_lanes == Swimlanes::Priority) {
        keys = {int(Priority::Critical), int(Priority::High), int(Priority::Normal), int(Priority::Low)};
    } else if (m_lanes == Swimlanes::Assignee) {
        std::vector<bool> seen(static_cast<size_t>(m_cache->directory()->userCount()) + 1, false);
        for (int i = 0; i < n; ++i) {
            const TicketRow &r = m_cache->row(i);
            if (targetColumn(r) >= 0 && r.assignee < seen.size())
                seen[r.assignee] = true;
        }
        for (size_t k = 1; k < seen.size(); ++k) {
            if (seen[k])
                keys.push_back(static_cast<int>(k));
        }
        const DirectoryIndex *dir = m_cache->directory();
        std::sort(keys.begin(), keys.end(), [dir](int a, int b) {
            return QString::localeAwareCompare(dir->user(static_cast<quint16>(a)).displayName,
                       dir->user(static_cast<quint16>(b)).displayName)
                < 0;
        });
        keys.insert(keys.begin(), 0); // Unassigned first
    } else {
        keys = {0};
    }
    const bool lanesChangedNow = setLaneKeys(std::move(keys));
    const size_t nLanes = m_cells.size();
    std::vector<std::vector<std::vector<int>>> rows(nLanes, std::vector<std::vector<int>>(nColumns));
    for (int i = 0; i < n; ++i) {
        const TicketRow &r = m_cache->row(i);
        const int c = targetColumn(r);
        if (c < 0)
            continue;
        const int lane = laneFor(r);
        if (lane < 0)
            continue; // a placeholder user added since the scan: shown after the next rebuild
        m_laneOf[static_cast<size_t>(i)] = static_cast<qint16>(lane);
        if (!visible(r)) {
            ++m_hidden[static_cast<size_t>(c)];
            m_columnOf[static_cast<size_t>(i)] = static_cast<qint8>(-c - 2);
            continue;
        }
        rows[static_cast<size_t>(lane)][static_cast<size_t>(c)].push_back(i);
        m_columnOf[static_cast<size_t>(i)] = static_cast<qint8>(c);
    }
    for (size_t l = 0; l < nLanes; ++l) {
        for (size_t c = 0; c < nColumns; ++c) {
            auto &cell = rows[l][c];
            std::sort(cell.begin(), cell.end(), [this](int a, int b) { return rankLess(a, b); });
            m_cells[l][c]->resetRows(std::move(cell));
        }
    }
    if (lanesChangedNow)
        Q_EMIT lanesChanged();
    Q_EMIT countsChanged();
}

int KanbanController::insertPosition(int lane, int column, int cacheRow) const
{
    const auto &rows = cell(lane, column)->rows();
    return static_cast<int>(std::lower_bound(rows.begin(), rows.end(), cacheRow, [this](int a, int b) {
        return rankLess(a, b);
    }) - rows.begin());
}

void KanbanController::onRowsChanged(const QList<int> &changed)
{
    if (m_cells.empty())
        return;
    if (changed.size() > 200) {
        rebuild(); // a big sync page: one reset per cell beats hundreds of inserts
        return;
    }
    m_columnOf.resize(static_cast<size_t>(m_cache->size()), -1);
    m_laneOf.resize(static_cast<size_t>(m_cache->size()), -1);
    // A card that needs a lane the board does not have yet (a new assignee): rebuild the lanes.
    for (int c : changed) {
        const TicketRow &r = m_cache->row(c);
        if (targetColumn(r) >= 0 && laneFor(r) < 0) {
            rebuild();
            return;
        }
    }
    // m_columnOf: >= 0 shown in that column, -1 not on the board, <= -2 hidden in column -v-2.
    for (int c : changed) {
        const TicketRow &r = m_cache->row(c);
        const int was = m_columnOf[static_cast<size_t>(c)];
        const int oldLane = m_laneOf[static_cast<size_t>(c)];
        if (was <= -2)
            --m_hidden[static_cast<size_t>(-was - 2)];
        const int oldColumn = was;
        int newColumn = targetColumn(r);
        const int newLane = newColumn >= 0 ? laneFor(r) : -1;
        int mark = newColumn;
        if (newColumn >= 0 && !visible(r)) {
            ++m_hidden[static_cast<size_t>(newColumn)];
            mark = -newColumn - 2;
            newColumn = -1;
        }
        if (oldColumn >= 0 && oldLane >= 0) {
            auto *model = cell(oldLane, oldColumn);
            const auto &rows = model->rows();
            const int at = static_cast<int>(std::find(rows.begin(), rows.end(), c) - rows.begin());
            if (oldColumn == newColumn && oldLane == newLane) {
                // Same cell: stays if still in rank order, else moves.
                const bool before = at == 0 || !rankLess(c, rows[static_cast<size_t>(at - 1)]);
                const bool after = at + 1 >= static_cast<int>(rows.size())
                    || !rankLess(rows[static_cast<size_t>(at + 1)], c);
                if (before && after) {
                    model->changedAt(at);
                    continue;
                }
            }
            model->removeAt(at);
        }
        if (newColumn >= 0)
            cell(newLane, newColumn)->insertAt(insertPosition(newLane, newColumn, c), c);
        m_columnOf[static_cast<size_t>(c)] = static_cast<qint8>(mark);
        m_laneOf[static_cast<size_t>(c)] = static_cast<qint16>(newLane);
    }
    Q_EMIT countsChanged();
}

std::pair<int, int> KanbanController::find(const QString &ticketId) const
{
    const int lane = laneOfTicket(ticketId);
    if (lane < 0)
        return {-1, -1};
    const int column = m_columnOf[static_cast<size_t>(m_cache->indexOf(ticketId))];
    return {column, cell(lane, column)->rowOfTicket(ticketId)};
}

bool KanbanController::moveTo(const QString &ticketId, int column, int row)
{
    return moveTo(ticketId, laneOfTicket(ticketId), column, row);
}

bool KanbanController::moveTo(const QString &ticketId, int lane, int column, int row)
{
    const int c = m_cache->indexOf(ticketId);
    if (c < 0 || column < 0 || column >= columnCount()) {
        Q_EMIT refused(ticketId, Texts::refusal({RefusalCode::TicketGone, {}}));
        return false;
    }
    if (m_readOnly) {
        Q_EMIT refused(ticketId, tr("This is a read-only account: cards cannot be moved."));
        return false;
    }
    const TicketRow &r = m_cache->row(c);
    const int own = laneFor(r);
    if (lane < 0)
        lane = own;
    if (lane != own) {
        // Lanes group the cards; a move never changes the priority or the assignee behind the
        // agent's back.
        Q_EMIT refused(ticketId,
            m_lanes == Swimlanes::Priority
                ? tr("Lanes only group the cards: drop it in its own lane (%1), or change the priority "
                     "in the ticket.")
                      .arg(own >= 0 ? laneTitle(own) : QString())
                : tr("Lanes only group the cards: drop it in its own lane (%1), or change the assignee "
                     "in the ticket.")
                      .arg(own >= 0 ? laneTitle(own) : QString()));
        return false;
    }
    const auto &statuses = m_board.columns[column].statuses;
    const TicketStatus to = statuses.contains(r.status) ? r.status : statuses.value(0, r.status);
    if (auto why = workflow::refuseTransition(r.status, to)) {
        Q_EMIT refused(ticketId, Texts::refusal(*why));
        return false;
    }
    // Neighbours in the target cell, without the card itself.
    std::vector<int> rows = cell(lane, column)->rows();
    const auto self = std::find(rows.begin(), rows.end(), c);
    if (self != rows.end()) {
        if (static_cast<int>(self - rows.begin()) < row)
            --row;
        rows.erase(self);
    }
    row = std::clamp(row, 0, static_cast<int>(rows.size()));
    const QString afterId = row > 0 ? m_cache->idString(rows[static_cast<size_t>(row - 1)]) : QString();
    const QString beforeId
        = row < static_cast<int>(rows.size()) ? m_cache->idString(rows[static_cast<size_t>(row)]) : QString();
    if (!m_editor->move(ticketId, to, afterId, beforeId))
        return false; // LocalEditor::refused carries the reason
    const auto [newColumn, newRow] = find(ticketId);
    Q_EMIT moved(ticketId, newColumn, newRow);
    return true;
}

bool KanbanController::moveBy(const QString &ticketId, int columnDelta, int rowDelta)
{
    const auto [column, row] = find(ticketId);
    if (column < 0)
        return false;
    if (columnDelta != 0) {
        const int target = column + columnDelta;
        if (target < 0 || target >= columnCount())
            return false;
        return moveTo(ticketId, target, 0);
    }
    const int target = row + rowDelta;
    if (target < 0 || target >= cell(laneOfTicket(ticketId), column)->rowCount())
        return false;
    // Moving down by one means landing after the next card.
    return moveTo(ticketId, column, rowDelta > 0 ? target + 1 : target);
}

} // namespace triage
