#include "NavigationModel.h"

#include "TicketCache.h"
#include "common/Texts.h"
#include "domain/Time.h"
#include "domain/Workflow.h"

#include <QFont>

#include <algorithm>

namespace triage {

NavigationModel::NavigationModel(TicketCache *cache, QString meId, QObject *parent)
    : QAbstractListModel(parent)
    , m_cache(cache)
    , m_me(std::move(meId))
{
    m_recountTimer.setSingleShot(true);
    m_recountTimer.setInterval(200);
    connect(&m_recountTimer, &QTimer::timeout, this, &NavigationModel::recount);
    m_minuteTimer.setInterval(60000);
    connect(&m_minuteTimer, &QTimer::timeout, this, &NavigationModel::recount);
    m_minuteTimer.start();
    connect(cache, &TicketCache::reloaded, this, &NavigationModel::scheduleRecount);
    connect(cache, &TicketCache::rowsChanged, this, &NavigationModel::scheduleRecount);
}

NavigationModel::~NavigationModel() = default;

void NavigationModel::scheduleRecount()
{
    if (!m_recountTimer.isActive())
        m_recountTimer.start();
}

void NavigationModel::setContent(const QList<SavedView> &views, const QList<Board> &boards)
{
    beginResetModel();
    m_views = views;
    std::stable_sort(m_views.begin(), m_views.end(), [](const SavedView &a, const SavedView &b) {
        // Personal views after the shared ones, each by position.
        if (a.ownerId.isEmpty() != b.ownerId.isEmpty())
            return a.ownerId.isEmpty();
        return a.position < b.position;
    });
    m_boards = boards;
    rebuildItems();
    endResetModel();
    recount();
}

void NavigationModel::addView(const SavedView &view)
{
    QList<SavedView> views = m_views;
    views << view;
    setContent(views, m_boards);
}

void NavigationModel::rebuildItems()
{
    m_items.clear();
    m_items.push_back({Kind::Header, 0, 0});
    for (int i = 0; i < m_views.size(); ++i)
        m_items.push_back({Kind::View, i, 0});
    if (!m_boards.isEmpty()) {
        m_items.push_back({Kind::Header, 1, 0});
        for (int i = 0; i < m_boards.size(); ++i)
            m_items.push_back({Kind::Board, i, 0});
    }
}

void NavigationModel::recount()
{
    const qint64 now = nowBy(m_clock);
    std::vector<RowFilter> filters;
    std::vector<size_t> slots;
    for (size_t i = 0; i < m_items.size(); ++i) {
        const Item &it = m_items[i];
        if (it.kind == Kind::View) {
            filters.emplace_back(m_views[it.index].filter, m_me, m_cache->directory());
        } else if (it.kind == Kind::Board) {
            TicketFilter f;
            f.statuses = {TicketStatus::New, TicketStatus::InProgress, TicketStatus::Waiting};
            if (!m_boards[it.index].groupId.isEmpty())
                f.groupIds = {m_boards[it.index].groupId};
            filters.emplace_back(f, m_me, m_cache->directory());
        } else {
            continue;
        }
        slots.push_back(i);
    }
    std::vector<int> counts(filters.size(), 0);
    const int n = m_cache->size();
    for (int r = 0; r < n; ++r) {
        const TicketRow &row = m_cache->row(r);
        if (row.deleted)
            continue;
        for (size_t f = 0; f < filters.size(); ++f)
            counts[f] += filters[f].matches(row, now) ? 1 : 0;
    }
    for (size_t f = 0; f < slots.size(); ++f) {
        Item &it = m_items[slots[f]];
        if (it.count != counts[f]) {
            it.count = counts[f];
            const QModelIndex idx = index(static_cast<int>(slots[f]));
            Q_EMIT dataChanged(idx, idx, {CountRole, Qt::AccessibleTextRole, Qt::ToolTipRole});
        }
    }
}

NavigationModel::Kind NavigationModel::kind(int row) const
{
    return row >= 0 && row < rowCount() ? m_items[static_cast<size_t>(row)].kind : Kind::Header;
}

const SavedView *NavigationModel::view(int row) const
{
    return kind(row) == Kind::View ? &m_views[m_items[static_cast<size_t>(row)].index] : nullptr;
}

const Board *NavigationModel::board(int row) const
{
    return kind(row) == Kind::Board ? &m_boards[m_items[static_cast<size_t>(row)].index] : nullptr;
}

int NavigationModel::rowOfView(const QString &id) const
{
    for (int r = 0; r < rowCount(); ++r) {
        if (const auto *v = view(r); v && v->id == id)
            return r;
    }
    return -1;
}

int NavigationModel::rowOfBoard(const QString &id) const
{
    for (int r = 0; r < rowCount(); ++r) {
        if (const auto *b = board(r); b && b->id == id)
            return r;
    }
    return -1;
}

int NavigationModel::count(int row) const
{
    return row >= 0 && row < rowCount() ? m_items[static_cast<size_t>(row)].count : 0;
}

int NavigationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QVariant NavigationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &it = m_items[static_cast<size_t>(index.row())];
    QString name;
    if (it.kind == Kind::Header)
        name = it.index == 0 ? tr("Views") : tr("Boards");
    else if (it.kind == Kind::View)
        name = Texts::builtInName(m_views[it.index].name);
    else
        name = Texts::builtInName(m_boards[it.index].name);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return name;
    case Qt::AccessibleTextRole:
        if (it.kind == Kind::Header)
            return name;
        return tr("%1, %n ticket(s)", nullptr, it.count).arg(name);
    case Qt::ToolTipRole:
        if (it.kind == Kind::View)
            return m_views[it.index].ownerId.isEmpty() ? tr("Shared view: %n ticket(s)", nullptr, it.count)
                                                       : tr("Personal view: %n ticket(s)", nullptr, it.count);
        if (it.kind == Kind::Board)
            return tr("Board: %n open ticket(s)", nullptr, it.count);
        return {};
    case Qt::FontRole:
        if (it.kind == Kind::Header) {
            QFont f;
            f.setBold(true);
            f.setCapitalization(QFont::AllUppercase);
            f.setPointSizeF(f.pointSizeF() * 0.85);
            return f;
        }
        return {};
    case KindRole:
        return static_cast<int>(it.kind);
    case IdRole:
        if (it.kind == Kind::View)
            return m_views[it.index].id;
        if (it.kind == Kind::Board)
            return m_boards[it.index].id;
        return {};
    case CountRole:
        return it.kind == Kind::Header ? QVariant() : QVariant(it.count);
    }
    return {};
}

Qt::ItemFlags NavigationModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (m_items[static_cast<size_t>(index.row())].kind == Kind::Header)
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

} // namespace triage

namespace triage {

void NavigationModel::retranslate()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

} // namespace triage
