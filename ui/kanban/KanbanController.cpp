#include "KanbanController.h"

#include "common/Texts.h"
#include "domain/Time.h"
#include "domain/Workflow.h"
#include "models/KanbanColumnModel.h"
#include "models/TicketCache.h"
#include "session/Directory.h"
#include "sync/LocalEditor.h"

#include <algorithm>

namespace triage {

KanbanController::KanbanController(TicketCache *cache, LocalEditor *editor, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_editor(editor)
    , m_clock(&nowMs)
{
    connect(cache, &TicketCache::reloaded, this, &KanbanController::rebuild);
    connect(cache, &TicketCache::rowsChanged, this, &KanbanController::onRowsChanged);
    connect(cache, &TicketCache::pendingChanged, this, &KanbanController::onRowsChanged);
    connect(editor, &LocalEditor::refused, this,
        [this](const QString &id, const QString &reason) { Q_EMIT refused(id, Texts::reason(reason)); });
}

KanbanController::~KanbanController() = default;

bool KanbanController::isAgeing(const TicketRow &row) const
{
    return m_ageingMinutes > 0 && row.status == TicketStatus::New
        && now() - row.createdAt > static_cast<qint64>(m_ageingMinutes) * 60000;
}

void KanbanController::setBoard(const Board &board)
{
    m_board = board;
    m_group = board.groupId.isEmpty() ? 0 : m_cache->directory()->groupIndex(board.groupId);
    for (auto *c : m_columns)
        c->deleteLater();
    m_columns.clear();
    for (int i = 0; i < board.columns.size(); ++i)
        m_columns.push_back(new KanbanColumnModel(this, i, this));
    rebuild();
}

void KanbanController::setShowAll(bool all)
{
    if (m_showAll == all)
        return;
    m_showAll = all;
    rebuild();
}

bool KanbanController::overWipLimit(int column) const
{
    const int limit = m_board.columns.value(column).wipLimit;
    return limit > 0 && m_columns[static_cast<size_t>(column)]->rowCount() > limit;
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
    const size_t nColumns = m_columns.size();
    std::vector<std::vector<int>> rows(nColumns);
    m_hidden.assign(nColumns, 0);
    m_columnOf.assign(static_cast<size_t>(m_cache->size()), -1);
    const int n = m_cache->size();
    for (int i = 0; i < n; ++i) {
        const TicketRow &r = m_cache->row(i);
        const int c = targetColumn(r);
        if (c < 0)
            continue;
        if (!visible(r)) {
            ++m_hidden[static_cast<size_t>(c)];
            m_columnOf[static_cast<size_t>(i)] = static_cast<qint8>(-c - 2);
            continue;
        }
        rows[static_cast<size_t>(c)].push_back(i);
        m_columnOf[static_cast<size_t>(i)] = static_cast<qint8>(c);
    }
    for (size_t c = 0; c < nColumns; ++c) {
        std::sort(rows[c].begin(), rows[c].end(), [this](int a, int b) { return rankLess(a, b); });
        m_columns[c]->resetRows(std::move(rows[c]));
    }
    Q_EMIT countsChanged();
}

int KanbanController::insertPosition(int column, int cacheRow) const
{
    const auto &rows = m_columns[static_cast<size_t>(column)]->rows();
    return static_cast<int>(std::lower_bound(rows.begin(), rows.end(), cacheRow, [this](int a, int b) {
        return rankLess(a, b);
    }) - rows.begin());
}

void KanbanController::onRowsChanged(const QList<int> &changed)
{
    if (m_columns.empty())
        return;
    if (changed.size() > 200) {
        rebuild(); // a big sync page: one reset per column beats hundreds of inserts
        return;
    }
    m_columnOf.resize(static_cast<size_t>(m_cache->size()), -1);
    // m_columnOf: >= 0 shown in that column, -1 not on the board, <= -2 hidden in column -v-2.
    for (int c : changed) {
        const TicketRow &r = m_cache->row(c);
        const int was = m_columnOf[static_cast<size_t>(c)];
        if (was <= -2)
            --m_hidden[static_cast<size_t>(-was - 2)];
        const int oldColumn = was;
        int newColumn = targetColumn(r);
        int mark = newColumn;
        if (newColumn >= 0 && !visible(r)) {
            ++m_hidden[static_cast<size_t>(newColumn)];
            mark = -newColumn - 2;
            newColumn = -1;
        }
        if (oldColumn >= 0) {
            auto *model = m_columns[static_cast<size_t>(oldColumn)];
            const auto &rows = model->rows();
            const int at = static_cast<int>(std::find(rows.begin(), rows.end(), c) - rows.begin());
            if (oldColumn == newColumn) {
                // Same column: stays if still in rank order, else moves.
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
            m_columns[static_cast<size_t>(newColumn)]->insertAt(insertPosition(newColumn, c), c);
        m_columnOf[static_cast<size_t>(c)] = static_cast<qint8>(mark);
    }
    Q_EMIT countsChanged();
}

std::pair<int, int> KanbanController::find(const QString &ticketId) const
{
    const int c = m_cache->indexOf(ticketId);
    if (c < 0 || static_cast<size_t>(c) >= m_columnOf.size() || m_columnOf[static_cast<size_t>(c)] < 0)
        return {-1, -1};
    const int column = m_columnOf[static_cast<size_t>(c)];
    return {column, m_columns[static_cast<size_t>(column)]->rowOfTicket(ticketId)};
}

bool KanbanController::moveTo(const QString &ticketId, int column, int row)
{
    const int c = m_cache->indexOf(ticketId);
    if (c < 0 || column < 0 || column >= columnCount()) {
        Q_EMIT refused(ticketId, Texts::reason(u"The ticket no longer exists."_qs));
        return false;
    }
    const TicketRow &r = m_cache->row(c);
    const auto &statuses = m_board.columns[column].statuses;
    const TicketStatus to = statuses.contains(r.status) ? r.status : statuses.value(0, r.status);
    if (auto why = workflow::refuseTransition(r.status, to)) {
        Q_EMIT refused(ticketId, Texts::reason(*why));
        return false;
    }
    // Neighbours in the target column, without the card itself.
    std::vector<int> rows = m_columns[static_cast<size_t>(column)]->rows();
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
    if (target < 0 || target >= m_columns[static_cast<size_t>(column)]->rowCount())
        return false;
    // Moving down by one means landing after the next card.
    return moveTo(ticketId, column, rowDelta > 0 ? target + 1 : target);
}

} // namespace triage
