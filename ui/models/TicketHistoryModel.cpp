#include "TicketHistoryModel.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "session/DirectoryIndex.h"

#include <QDateTime>
#include <QFont>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace triage {

TicketHistoryModel::TicketHistoryModel(const DirectoryIndex *directory, QObject *parent)
    : QAbstractTableModel(parent)
    , m_directory(directory)
{ }

TicketHistoryModel::~TicketHistoryModel() = default;

void TicketHistoryModel::setHistory(const QList<TicketEvent> &log, const QList<PendingHistoryEntry> &pending,
    const QSet<QString> &pauseStatuses, const QSet<QString> &stopStatuses, const QString &me)
{
    const bool sameContext = pauseStatuses == m_pause && stopStatuses == m_stop && me == m_me;
    // The usual change: the log grew (a sync) and/or the pending tail changed. Rows of the log are
    // kept; the pending tail is replaced in place when its length stays, else re-inserted.
    bool logExtends = sameContext && log.size() >= m_log.size();
    for (qsizetype i = 0; logExtends && i < m_log.size(); ++i)
        logExtends = log[i] == m_log[i];
    if (!logExtends) {
        beginResetModel();
        m_log = log;
        m_pending = pending;
        m_pause = pauseStatuses;
        m_stop = stopStatuses;
        m_me = me;
        endResetModel();
        return;
    }
    if (log.size() == m_log.size() && pending == m_pending)
        return;
    if (!m_pending.isEmpty()) {
        const int first = static_cast<int>(m_log.size());
        beginRemoveRows({}, first, first + static_cast<int>(m_pending.size()) - 1);
        m_pending.clear();
        endRemoveRows();
    }
    if (log.size() > m_log.size()) {
        beginInsertRows({}, static_cast<int>(m_log.size()), static_cast<int>(log.size()) - 1);
        m_log = log;
        endInsertRows();
    }
    if (!pending.isEmpty()) {
        const int first = static_cast<int>(m_log.size());
        beginInsertRows({}, first, first + static_cast<int>(pending.size()) - 1);
        m_pending = pending;
        endInsertRows();
    }
}

void TicketHistoryModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int TicketHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_log.size() + m_pending.size());
}

int TicketHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TicketHistoryModel::person(const QString &userId) const
{
    if (userId.isEmpty())
        return tr("System");
    const quint16 i = m_directory->findUser(userId);
    return i ? m_directory->user(i).displayName : tr("Unknown user");
}

QString TicketHistoryModel::value(const QString &field, const QString &wire) const
{
    if (wire.isEmpty()) {
        if (field == TicketEvent::kAssignee)
            return tr("nobody");
        return tr("none");
    }
    if (field == TicketEvent::kStatus) {
        if (const auto s = ticketStatusFromWire(wire))
            return Texts::status(*s);
    } else if (field == TicketEvent::kPriority) {
        if (const auto p = priorityFromWire(wire))
            return Texts::priority(*p);
    } else if (field == TicketEvent::kAssignee) {
        return person(wire);
    } else if (field == TicketEvent::kGroup) {
        const quint16 i = m_directory->findGroup(wire);
        return i ? m_directory->group(i).name : tr("Unknown group");
    }
    return wire.size() > 40 ? QString(wire.left(39) + u"…"_qs) : wire;
}

TicketHistoryModel::SlaEffect TicketHistoryModel::slaEffect(const TicketEvent &e) const
{
    if (e.field != TicketEvent::kStatus)
        return SlaEffect::None;
    if (m_stop.contains(e.newValue) && !m_stop.contains(e.oldValue))
        return SlaEffect::Stopped;
    if (m_pause.contains(e.newValue) && !m_pause.contains(e.oldValue))
        return SlaEffect::Paused;
    if (m_pause.contains(e.oldValue) && !m_pause.contains(e.newValue) && !m_stop.contains(e.newValue))
        return SlaEffect::Resumed;
    return SlaEffect::None;
}

QString TicketHistoryModel::describe(const TicketEvent &e) const
{
    const QString &f = e.field;
    if (f == TicketEvent::kCreated) {
        const QJsonObject initial = QJsonDocument::fromJson(e.newValue.toUtf8()).object();
        QStringList parts;
        const QString status = initial.value(u"status"_qs).toString();
        if (!status.isEmpty())
            parts << value(TicketEvent::kStatus.toString(), status);
        const QString priority = initial.value(u"priority"_qs).toString();
        if (!priority.isEmpty())
            parts << tr("priority %1").arg(value(TicketEvent::kPriority.toString(), priority));
        const QString group = initial.value(u"group_id"_qs).toString();
        if (!group.isEmpty())
            parts << tr("group %1").arg(value(TicketEvent::kGroup.toString(), group));
        const QString assignee = initial.value(u"assignee_id"_qs).toString();
        if (!assignee.isEmpty())
            parts << tr("assigned to %1").arg(person(assignee));
        return parts.isEmpty() ? tr("Ticket created") : tr("Ticket created: %1").arg(parts.join(u", "_qs));
    }
    if (f == TicketEvent::kStatus) {
        const QString change = tr("Status: %1 → %2").arg(value(f, e.oldValue), value(f, e.newValue));
        switch (slaEffect(e)) {
        case SlaEffect::Paused:
            return tr("%1 · SLA paused").arg(change);
        case SlaEffect::Resumed:
            return tr("%1 · SLA resumed").arg(change);
        case SlaEffect::Stopped:
            return tr("%1 · SLA timers stop").arg(change);
        case SlaEffect::None:
            break;
        }
        return change;
    }
    if (f == TicketEvent::kAssignee) {
        if (e.oldValue.isEmpty())
            return tr("Assigned to %1").arg(person(e.newValue));
        if (e.newValue.isEmpty())
            return tr("Unassigned (was %1)").arg(person(e.oldValue));
        return tr("Reassigned: %1 → %2").arg(person(e.oldValue), person(e.newValue));
    }
    if (f == TicketEvent::kPriority)
        return tr("Priority: %1 → %2").arg(value(f, e.oldValue), value(f, e.newValue));
    if (f == TicketEvent::kGroup)
        return tr("Group: %1 → %2").arg(value(f, e.oldValue), value(f, e.newValue));
    if (f == TicketEvent::kReply)
        return e.newValue == u"requester" ? tr("Requester replied") : tr("Public reply to the requester");
    if (f == TicketEvent::kNote)
        return tr("Internal note");
    if (f == TicketEvent::kRating)
        return tr("Satisfaction rating: %1 of 5").arg(e.newValue);
    if (f == TicketEvent::kDeleted)
        return tr("Ticket deleted");
    // A field this version does not know (a later server may log more): shown as it came.
    return tr("%1: %2 → %3").arg(Texts::field(f), value(f, e.oldValue), value(f, e.newValue));
}

QVariant TicketHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const bool pending = row >= m_log.size();
    const TicketEvent *e = pending ? nullptr : &m_log[row];
    const PendingHistoryEntry *p = pending ? &m_pending[row - m_log.size()] : nullptr;
    const qint64 at = pending ? p->at : e->at;
    const QLocale locale;
    const QString when = locale.toString(QDateTime::fromMSecsSinceEpoch(at), QLocale::ShortFormat);
    const QString who = pending ? (m_me.isEmpty() ? tr("You") : m_me) : person(e->userId);
    const QString what = pending ? tr("%1 — waiting to sync").arg(p->what) : describe(*e);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhenColumn:
            return when;
        case WhoColumn:
            return who;
        case ChangeColumn:
            return what;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignTop));
    case Qt::AccessibleTextRole:
        return tr("%1, %2: %3").arg(when, who, what);
    case Qt::ToolTipRole:
        if (pending)
            return tr("Saved on this computer; sent with the next sync");
        return index.column() == WhenColumn
            ? locale.toString(QDateTime::fromMSecsSinceEpoch(at), QLocale::LongFormat)
            : QVariant();
    case Qt::DecorationRole:
        if (index.column() != ChangeColumn)
            return {};
        if (pending)
            return SlaStyle::pendingIcon();
        switch (slaEffect(*e)) {
        case SlaEffect::Paused:
            return SlaStyle::icon(SlaState::Paused);
        case SlaEffect::Resumed:
            return SlaStyle::icon(SlaState::Ok);
        default:
            return {};
        }
    case Qt::FontRole:
        if (pending) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case AtRole:
        return at;
    case FieldRole:
        return pending ? QString() : e->field;
    case PendingRole:
        return pending;
    case SlaEffectRole:
        return static_cast<int>(pending ? SlaEffect::None : slaEffect(*e));
    }
    return {};
}

QVariant TicketHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case ChangeColumn:
        return tr("Change");
    }
    return {};
}

Qt::ItemFlags TicketHistoryModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

} // namespace triage
