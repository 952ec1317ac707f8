#include "QueueModel.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "domain/Time.h"
#include "session/DirectoryIndex.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QIcon>

#include <algorithm>

namespace triage {

namespace {

RowOrder::Key keyForColumn(int column)
{
    using K = RowOrder::Key;
    switch (column) {
    case QueueModel::NumberColumn:
        return K::Number;
    case QueueModel::TitleColumn:
        return K::Title;
    case QueueModel::RequesterColumn:
        return K::Requester;
    case QueueModel::PriorityColumn:
        return K::Priority;
    case QueueModel::StatusColumn:
        return K::Status;
    case QueueModel::AssigneeColumn:
        return K::Assignee;
    case QueueModel::GroupColumn:
        return K::Group;
    case QueueModel::UpdatedColumn:
        return K::Updated;
    default:
        return K::Due;
    }
}

int columnForKey(RowOrder::Key key)
{
    using K = RowOrder::Key;
    switch (key) {
    case K::Number:
        return QueueModel::NumberColumn;
    case K::Title:
        return QueueModel::TitleColumn;
    case K::Requester:
        return QueueModel::RequesterColumn;
    case K::Priority:
        return QueueModel::PriorityColumn;
    case K::Status:
        return QueueModel::StatusColumn;
    case K::Assignee:
        return QueueModel::AssigneeColumn;
    case K::Group:
        return QueueModel::GroupColumn;
    case K::Updated:
    case K::Created:
        return QueueModel::UpdatedColumn;
    case K::Due:
        return QueueModel::SlaColumn;
    }
    return QueueModel::SlaColumn;
}

} // namespace

QueueModel::QueueModel(TicketCache *cache, QString meId, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
    , m_me(std::move(meId))
    , m_titleOrder(cache)
{
    m_rowFilter = RowFilter(m_filter, m_me, m_cache->directory());
    connect(cache, &TicketCache::reloaded, this, [this] {
        m_titleOrder.invalidate();
        beginResetModel();
        rebuild();
        endResetModel();
    });
    connect(cache, &TicketCache::rowsChanged, this, &QueueModel::applyChangedRows);
    connect(cache, &TicketCache::pendingChanged, this, [this](const QList<int> &) {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                {Qt::DisplayRole, Qt::DecorationRole, PendingRole});
    });
    rebuild();
}

QueueModel::~QueueModel() = default;

void QueueModel::setAgeingMinutes(int minutes)
{
    m_ageingMinutes = minutes;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, StatusColumn));
}

void QueueModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void QueueModel::setFilter(const TicketFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    m_rowFilter = RowFilter(filter, m_me, m_cache->directory());
    m_order = RowOrder::fromFilter(filter);
    m_sortColumn = columnForKey(m_order.key);
    rebuild();
    endResetModel();
}

void QueueModel::setQuickFilter(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_quick)
        return;
    beginResetModel();
    m_quick = t;
    m_hits.clear();
    bool ok = false;
    QString digits = t;
    if (digits.startsWith(u'#'))
        digits.remove(0, 1);
    const qint64 n = digits.toLongLong(&ok);
    m_quickNumber = ok ? n : -1;
    m_quickMatcher = QStringMatcher(m_quick, Qt::CaseInsensitive);
    rebuild();
    endResetModel();
}

void QueueModel::setSearchHits(const QList<int> &cacheRows)
{
    beginResetModel();
    m_hits.assign(static_cast<size_t>(m_cache->size()), 0);
    for (int r : cacheRows) {
        if (r >= 0 && r < m_cache->size())
            m_hits[static_cast<size_t>(r)] = 1;
    }
    rebuild();
    endResetModel();
}

bool QueueModel::quickMatches(const TicketRow &row) const
{
    if (m_quick.isEmpty())
        return true;
    if (m_quickNumber >= 0 && row.number == m_quickNumber)
        return true;
    return m_quickMatcher.indexIn(row.title) >= 0;
}

bool QueueModel::accepts(int cacheRow, qint64 now) const
{
    const TicketRow &row = m_cache->row(cacheRow);
    if (!m_held.isEmpty() && !row.deleted && m_held.contains(cacheRow))
        return true;
    if (!m_rowFilter.matches(row, now))
        return false;
    if (m_quick.isEmpty() || quickMatches(row))
        return true;
    return static_cast<size_t>(cacheRow) < m_hits.size() && m_hits[static_cast<size_t>(cacheRow)];
}

void QueueModel::rebuild()
{
    m_held.clear(); // a rebuilt view shows what matches now
    const qint64 now = nowBy(m_clock);
    m_rows.clear();
    const int n = m_cache->size();
    m_rows.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        if (accepts(i, now))
            m_rows.push_back(i);
    }
    sortRows();
}

// Sorting 100k rows through RowLess chases a pointer per comparison; sorting compact keys built
// once is several times faster. The order is exactly RowLess's (key, then number, then row).
void QueueModel::sortRows()
{
    using K = RowOrder::Key;
    const bool desc = m_order.descending;
    // Title: each row's rank in the kept title order (folded and sorted once, then merged).
    const std::vector<quint32> *titleRanks = m_order.key == K::Title ? &m_titleOrder.ranks() : nullptr;
    // Dense ranks of people and groups by name, so the comparisons below are integers.
    const DirectoryIndex *d = m_cache->directory();
    auto ranks = [](int count, const auto &nameOf) {
        std::vector<int> order(static_cast<size_t>(count));
        for (int i = 0; i < count; ++i)
            order[static_cast<size_t>(i)] = i;
        std::sort(order.begin(), order.end(),
            [&](int a, int b) { return nameOf(a).compare(nameOf(b), Qt::CaseInsensitive) < 0; });
        std::vector<qint64> rank(static_cast<size_t>(count), 0);
        qint64 current = 0;
        for (size_t i = 0; i < order.size(); ++i) {
            if (i > 0 && nameOf(order[i - 1]).compare(nameOf(order[i]), Qt::CaseInsensitive) != 0)
                ++current;
            rank[static_cast<size_t>(order[i])] = current;
        }
        return rank;
    };
    std::vector<qint64> nameRank;
    if (m_order.key == K::Requester || m_order.key == K::Assignee)
        nameRank = ranks(d->userCount(),
            [d](int i) -> const QString & { return d->user(static_cast<quint16>(i)).displayName; });
    else if (m_order.key == K::Group)
        nameRank = ranks(d->groupCount(),
            [d](int i) -> const QString & { return d->group(static_cast<quint16>(i)).name; });

    struct Key {
        qint64 a;
        qint64 b;
        qint64 number;
        int row;
    };
    std::vector<Key> keys;
    keys.reserve(m_rows.size());
    constexpr qint64 kLast = std::numeric_limits<qint64>::max();
    for (int r : m_rows) {
        const TicketRow &t = m_cache->row(r);
        qint64 a = 0;
        qint64 b = 0;
        switch (m_order.key) {
        case K::Due:
            a = t.dueAt;
            break;
        case K::Updated:
            a = t.updatedAt;
            break;
        case K::Created:
            a = t.createdAt;
            break;
        case K::Priority:
            a = priorityRank(t.priority);
            b = t.dueAt;
            break;
        case K::Number:
            a = t.number ? t.number : kLast;
            break;
        case K::Status:
            a = static_cast<int>(t.status);
            break;
        case K::Requester:
            a = nameRank[t.requester];
            break;
        case K::Assignee:
            a = nameRank[t.assignee];
            break;
        case K::Group:
            a = nameRank[t.group];
            break;
        case K::Title:
            a = (*titleRanks)[static_cast<size_t>(r)];
            break;
        }
        if (desc) {
            a = -a;
            b = -b;
        }
        keys.push_back({a, b, t.number, r});
    }
    std::sort(keys.begin(), keys.end(), [](const Key &x, const Key &y) {
        if (x.a != y.a)
            return x.a < y.a;
        if (x.b != y.b)
            return x.b < y.b;
        if (x.number != y.number)
            return x.number < y.number;
        return x.row < y.row;
    });
    for (size_t i = 0; i < keys.size(); ++i)
        m_rows[i] = keys[i].row;
}

void QueueModel::holdRows(const QList<int> &cacheRows)
{
    for (int r : cacheRows) {
        if (r >= 0 && r < m_cache->size())
            m_held.insert(r);
    }
}

void QueueModel::releaseHeld(const QList<int> &keep)
{
    if (m_held.isEmpty())
        return;
    const QList<int> rows = m_held.values();
    m_held.clear();
    for (int k : keep) {
        if (rows.contains(k))
            m_held.insert(k);
    }
    applyChangedRows(rows); // rows that no longer match leave now
}

bool QueueModel::isLeftView(int row) const
{
    if (m_held.isEmpty() || row < 0 || row >= rowCount())
        return false;
    const int c = cacheRow(row);
    return m_held.contains(c) && !m_rowFilter.matches(m_cache->row(c), nowBy(m_clock));
}

void QueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> beforeRows;
    beforeRows.reserve(before.size());
    for (const auto &i : before)
        beforeRows << m_rows[static_cast<size_t>(i.row())];
    m_sortColumn = column;
    m_order.key = keyForColumn(column);
    m_order.descending = order == Qt::DescendingOrder;
    sortRows();
    changePersistentIndexList(before, persistentAfter(before, beforeRows));
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QModelIndexList QueueModel::persistentAfter(const QModelIndexList &before, const QList<int> &beforeRows) const
{
    // Views keep a handful of persistent indexes (current, selection ranges): a scan per distinct
    // row is cheaper than hashing 100k rows; many indexes share a row (one per column).
    QHash<int, int> pos;
    for (int r : beforeRows) {
        if (pos.contains(r))
            continue;
        const auto it = std::find(m_rows.begin(), m_rows.end(), r);
        pos.insert(r, it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin()));
    }
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = pos.value(beforeRows[i], -1);
        after << (row < 0 ? QModelIndex() : index(row, before[i].column()));
    }
    return after;
}

void QueueModel::applyChangedRows(const QList<int> &changed)
{
    if (changed.isEmpty())
        return;
    m_titleOrder.markChanged(changed);
    const qint64 now = nowBy(m_clock);
    const RowLess less(m_cache, m_order);
    // 1 = changed, 2 = changed and currently shown.
    m_scratch.assign(static_cast<size_t>(m_cache->size()), 0);
    for (int c : changed)
        m_scratch[static_cast<size_t>(c)] = 1;

    std::vector<int> movers; // shown and still shown, but out of place; or entering
    std::vector<char> leaving(m_rows.size(), 0);
    int leavingCount = 0;
    int firstStay = -1;
    int lastStay = -1;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const int c = m_rows[i];
        if (!m_scratch[static_cast<size_t>(c)])
            continue;
        m_scratch[static_cast<size_t>(c)] = 2;
        if (!accepts(c, now)) {
            leaving[i] = 1;
            ++leavingCount;
            continue;
        }
        const bool prevOk
            = i == 0 || (!m_scratch[static_cast<size_t>(m_rows[i - 1])] && !less(c, m_rows[i - 1]));
        const bool nextOk = i + 1 == m_rows.size()
            || (!m_scratch[static_cast<size_t>(m_rows[i + 1])] && !less(m_rows[i + 1], c));
        if (prevOk && nextOk) {
            if (firstStay < 0)
                firstStay = static_cast<int>(i);
            lastStay = static_cast<int>(i);
        } else {
            leaving[i] = 2; // moves: taken out and merged back
            movers.push_back(c);
        }
    }
    std::vector<int> entering;
    for (int c : changed) {
        if (m_scratch[static_cast<size_t>(c)] == 1 && accepts(c, now)) {
            m_scratch[static_cast<size_t>(c)] = 3;
            entering.push_back(c);
        }
    }

    if (movers.empty() && entering.empty() && leavingCount == 0) {
        if (firstStay >= 0)
            Q_EMIT dataChanged(index(firstStay, 0), index(lastStay, ColumnCount - 1));
        return;
    }

    // New rows are appended first (a plain insert), then one layout change puts every moved and
    // new row in place and pushes leaving rows to the end, which a plain remove then drops.
    const int oldCount = static_cast<int>(m_rows.size());
    if (!entering.empty()) {
        beginInsertRows({}, oldCount, oldCount + static_cast<int>(entering.size()) - 1);
        m_rows.insert(m_rows.end(), entering.begin(), entering.end());
        leaving.resize(m_rows.size(), 2);
        endInsertRows();
    }
    movers.insert(movers.end(), entering.begin(), entering.end());
    std::sort(movers.begin(), movers.end(), less);

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> beforeRows;
    beforeRows.reserve(before.size());
    for (const auto &i : before)
        beforeRows << m_rows[static_cast<size_t>(i.row())];

    std::vector<int> stable;
    std::vector<int> gone;
    stable.reserve(m_rows.size());
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (leaving[i] == 0)
            stable.push_back(m_rows[i]);
        else if (leaving[i] == 1)
            gone.push_back(m_rows[i]);
    }
    // Few movers into many stable rows: binary-search each mover, copy the runs in between.
    std::vector<int> merged;
    merged.reserve(m_rows.size());
    auto from = stable.begin();
    for (int mover : movers) {
        const auto at = std::lower_bound(from, stable.end(), mover, less);
        merged.insert(merged.end(), from, at);
        merged.push_back(mover);
        from = at;
    }
    merged.insert(merged.end(), from, stable.end());
    merged.insert(merged.end(), gone.begin(), gone.end());
    m_rows = std::move(merged);

    if (!before.isEmpty())
        changePersistentIndexList(before, persistentAfter(before, beforeRows));
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);

    if (!gone.empty()) {
        const int count = static_cast<int>(m_rows.size());
        beginRemoveRows({}, count - static_cast<int>(gone.size()), count - 1);
        m_rows.resize(m_rows.size() - gone.size());
        endRemoveRows();
    }
    if (firstStay >= 0 && !m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString QueueModel::ticketId(int row) const
{
    return row >= 0 && row < rowCount() ? m_cache->idString(cacheRow(row)) : QString();
}

int QueueModel::rowOfTicket(const QString &id) const
{
    const int c = m_cache->indexOf(id);
    if (c < 0)
        return -1;
    const auto it = std::find(m_rows.begin(), m_rows.end(), c);
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

bool QueueModel::isAgeing(const TicketRow &row, qint64 now) const
{
    return m_ageingMinutes > 0 && row.status == TicketStatus::New
        && now - row.createdAt > static_cast<qint64>(m_ageingMinutes) * 60000;
}

QVariant QueueModel::display(const TicketRow &row, int column, qint64 now) const
{
    const DirectoryIndex *d = m_cache->directory();
    switch (column) {
    case NumberColumn:
        return row.number ? QVariant(u"#"_qs + QString::number(row.number)) : QVariant(tr("pending"));
    case TitleColumn:
        return row.title;
    case RequesterColumn:
        return d->user(row.requester).displayName;
    case PriorityColumn:
        return Texts::priority(row.priority);
    case StatusColumn:
        if (isAgeing(row, now))
            return tr("%1 · %2").arg(Texts::status(row.status), Texts::duration(now - row.createdAt));
        return Texts::status(row.status);
    case AssigneeColumn:
        return row.assignee ? d->user(row.assignee).displayName : tr("Unassigned");
    case GroupColumn:
        return d->group(row.group).name;
    case UpdatedColumn:
        return Texts::relativeTime(row.updatedAt, now);
    case SlaColumn:
        return SlaStyle::text(row.dueAt, row.paused, now);
    }
    return {};
}

QString QueueModel::accessibleRow(const TicketRow &row, qint64 now) const
{
    const SlaState s = SlaStyle::state(row.dueAt, row.paused, now);
    QString text = tr("Ticket %1, %2, priority %3, status %4, SLA %5 %6")
                       .arg(display(row, NumberColumn, now).toString(), row.title,
                           Texts::priority(row.priority), display(row, StatusColumn, now).toString(),
                           SlaStyle::stateName(s), SlaStyle::text(row.dueAt, row.paused, now));
    if (row.pending)
        text += u", "_qs + tr("changes not synced yet");
    return text;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TicketRow &row = m_cache->row(cacheRow(index.row()));
    const qint64 now = nowBy(m_clock);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column, now);
    case Qt::ToolTipRole:
        if (column == TitleColumn && isLeftView(index.row()))
            return tr("No longer in this view; it leaves when you move to another ticket");
        if (column == SlaColumn)
            return SlaStyle::stateName(SlaStyle::state(row.dueAt, row.paused, now));
        if (column == NumberColumn && !row.number)
            return tr("Created offline: the server assigns the number when it syncs");
        if (column == TitleColumn && row.pending)
            return tr("Changes not synced yet");
        if (column == StatusColumn && isAgeing(row, now))
            return tr("New for more than %n minute(s)", nullptr, m_ageingMinutes);
        if (column == TitleColumn)
            return row.title;
        return {};
    case Qt::DecorationRole:
        if (column == SlaColumn)
            return SlaStyle::icon(SlaStyle::state(row.dueAt, row.paused, now));
        if (column == TitleColumn && row.pending)
            return SlaStyle::pendingIcon();
        if (column == StatusColumn && isAgeing(row, now))
            return SlaStyle::ageingIcon();
        return {};
    case Qt::ForegroundRole:
        if (column == SlaColumn) {
            const SlaState s = SlaStyle::state(row.dueAt, row.paused, now);
            if (s == SlaState::Breached || s == SlaState::AtRisk)
                return SlaStyle::color(s);
        }
        return {};
    case Qt::BackgroundRole:
        if (column == StatusColumn && isAgeing(row, now)) {
            QColor c = okabeIto::vermillion;
            c.setAlpha(60);
            return c;
        }
        return {};
    case Qt::FontRole:
        if (isLeftView(index.row())) {
            QFont f;
            f.setItalic(true);
            f.setBold(column == PriorityColumn && row.priority == Priority::Critical);
            return f;
        }
        if ((column == NumberColumn && !row.number)
            || (column == PriorityColumn && row.priority == Priority::Critical)) {
            QFont f;
            f.setItalic(!row.number && column == NumberColumn);
            f.setBold(column == PriorityColumn);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == NumberColumn || column == SlaColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::AccessibleTextRole: {
        if (column == SlaColumn)
            return tr("SLA %1 %2")
                .arg(SlaStyle::stateName(SlaStyle::state(row.dueAt, row.paused, now)),
                    SlaStyle::text(row.dueAt, row.paused, now));
        return display(row, column, now);
    }
    case Qt::AccessibleDescriptionRole:
        if (isLeftView(index.row()))
            return QString(accessibleRow(row, now) + u", "_qs + tr("no longer in this view"));
        return accessibleRow(row, now);
    case TicketIdRole:
        return m_cache->idString(cacheRow(index.row()));
    case CacheRowRole:
        return cacheRow(index.row());
    case SlaStateRole:
        return static_cast<int>(SlaStyle::state(row.dueAt, row.paused, now));
    case DueRole:
        return row.dueAt;
    case AgeingRole:
        return isAgeing(row, now);
    case PendingRole:
        return row.pending;
    case LeftViewRole:
        return isLeftView(index.row());
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal
        || (role != Qt::DisplayRole && role != Qt::AccessibleTextRole && role != Qt::ToolTipRole))
        return {};
    switch (section) {
    case NumberColumn:
        return tr("Number");
    case TitleColumn:
        return tr("Title");
    case RequesterColumn:
        return tr("Requester");
    case PriorityColumn:
        return tr("Priority");
    case StatusColumn:
        return tr("Status");
    case AssigneeColumn:
        return tr("Assignee");
    case GroupColumn:
        return tr("Group");
    case UpdatedColumn:
        return tr("Updated");
    case SlaColumn:
        return tr("SLA");
    }
    return {};
}

Qt::ItemFlags QueueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

} // namespace triage
