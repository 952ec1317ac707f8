#include "KanbanColumnModel.h"

#include "TicketCache.h"
#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "kanban/KanbanController.h"
#include "session/DirectoryIndex.h"

#include <QMimeData>

namespace triage {

KanbanColumnModel::KanbanColumnModel(KanbanController *controller, int column, int lane, QObject *parent)
    : QAbstractListModel(parent)
    , m_controller(controller)
    , m_column(column)
    , m_lane(lane)
{ }

KanbanColumnModel::~KanbanColumnModel() = default;

QString KanbanColumnModel::ticketId(int row) const
{
    return row >= 0 && row < rowCount() ? m_controller->cache()->idString(m_rows[static_cast<size_t>(row)])
                                        : QString();
}

int KanbanColumnModel::rowOfTicket(const QString &id) const
{
    const int c = m_controller->cache()->indexOf(id);
    const auto it = std::find(m_rows.begin(), m_rows.end(), c);
    return c < 0 || it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

void KanbanColumnModel::resetRows(std::vector<int> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void KanbanColumnModel::removeAt(int row)
{
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void KanbanColumnModel::insertAt(int row, int cacheRow)
{
    beginInsertRows({}, row, row);
    m_rows.insert(m_rows.begin() + row, cacheRow);
    endInsertRows();
}

void KanbanColumnModel::changedAt(int row)
{
    Q_EMIT dataChanged(index(row), index(row));
}

int KanbanColumnModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant KanbanColumnModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TicketCache *cache = m_controller->cache();
    const TicketRow &r = cache->row(m_rows[static_cast<size_t>(index.row())]);
    const qint64 now = m_controller->now();
    const auto &assignee = cache->directory()->user(r.assignee);
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return r.title;
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole: {
        const QString number = r.number ? u"#"_qs + QString::number(r.number) : tr("pending");
        QString t = tr("%1 %2, priority %3, %4, SLA %5 %6")
                        .arg(number, r.title, Texts::priority(r.priority),
                            r.assignee ? tr("assigned to %1").arg(assignee.displayName) : tr("unassigned"),
                            SlaStyle::stateName(SlaStyle::state(r.dueAt, r.paused, now)),
                            SlaStyle::text(r.dueAt, r.paused, now));
        if (r.pending)
            t += u", "_qs + tr("changes not synced yet");
        if (m_controller->isAgeing(r))
            t += u", "_qs + tr("new for more than %n minute(s)", nullptr, m_controller->ageingMinutes());
        return t;
    }
    case TicketIdRole:
        return cache->idString(m_rows[static_cast<size_t>(index.row())]);
    case NumberRole:
        return r.number;
    case PriorityRole:
        return static_cast<int>(r.priority);
    case InitialsRole:
        return r.assignee ? assignee.initials : QString();
    case AssigneeRole:
        return r.assignee ? assignee.displayName : QString();
    case DueRole:
        return r.dueAt;
    case PausedRole:
        return r.paused;
    case PendingRole:
        return r.pending;
    case AgeingRole:
        return m_controller->isAgeing(r);
    }
    return {};
}

Qt::ItemFlags KanbanColumnModel::flags(const QModelIndex &index) const
{
    const bool readOnly = m_controller->isReadOnly();
    if (!index.isValid())
        return readOnly ? Qt::NoItemFlags : Qt::ItemIsDropEnabled;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren
        | (readOnly ? Qt::NoItemFlags : Qt::ItemIsDragEnabled);
}

Qt::DropActions KanbanColumnModel::supportedDropActions() const
{
    return Qt::MoveAction;
}
Qt::DropActions KanbanColumnModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QStringList KanbanColumnModel::mimeTypes() const
{
    return {QString::fromLatin1(kMimeType)};
}

QMimeData *KanbanColumnModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids;
    for (const auto &i : indexes)
        ids << ticketId(i.row());
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(kMimeType), ids.join(u'\n').toUtf8());
    data->setText(ids.join(u'\n'));
    return data;
}

bool KanbanColumnModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &) const
{
    return data && !m_controller->isReadOnly() && data->hasFormat(QString::fromLatin1(kMimeType));
}

bool KanbanColumnModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    if (row < 0)
        row = parent.isValid() ? parent.row() : rowCount();
    const QStringList ids
        = QString::fromUtf8(data->data(QString::fromLatin1(kMimeType))).split(u'\n', Qt::SkipEmptyParts);
    bool any = false;
    for (const auto &id : ids)
        any = m_controller->moveTo(id, m_lane, m_column, row++) || any;
    // false keeps the view from removing source rows itself: the store's signal moves the card.
    Q_UNUSED(any);
    return false;
}

} // namespace triage
