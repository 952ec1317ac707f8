#include "TicketDetailModels.h"

#include "TicketCache.h"
#include "common/SlaStyle.h"
#include "common/Texts.h"

#include <QColor>
#include <QFont>

namespace triage {

LinkedTicketsModel::LinkedTicketsModel(const TicketCache *cache, QObject *parent)
    : QAbstractListModel(parent)
    , m_cache(cache)
{ }

LinkedTicketsModel::~LinkedTicketsModel() = default;

void LinkedTicketsModel::setLinks(const QList<TicketLink> &links, const QList<TicketLink> &incoming)
{
    if (links == m_links && incoming == m_incoming) {
        if (rowCount() > 0) // titles or statuses of the targets may have changed
            Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        return;
    }
    beginResetModel();
    m_links = links;
    m_incoming = incoming;
    endResetModel();
}

int LinkedTicketsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_links.size() + m_incoming.size());
}

QVariant LinkedTicketsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TicketLink &link = linkAt(index.row());
    const bool incoming = isIncoming(index.row());
    const QString kind = incoming ? Texts::incomingLinkKind(link.kind) : Texts::linkKind(link.kind);
    const int row = m_cache->indexOf(link.ticketId);
    const bool known = row >= 0 && !m_cache->row(row).deleted;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        if (!known)
            return tr("%1 a ticket not in the local cache").arg(kind);
        const TicketRow &t = m_cache->row(row);
        const QString number = t.number ? u"#"_qs + QString::number(t.number) : tr("pending");
        return tr("%1 %2 · %3 · %4").arg(kind, number, t.title, Texts::status(t.status));
    }
    case Qt::ToolTipRole:
        return known ? tr("Enter or double-click opens the linked ticket")
                     : tr("The linked ticket is not in your cache (no access, or not synced yet)");
    case Qt::ForegroundRole:
        return known ? QVariant() : QVariant(QColor(Qt::gray));
    case TicketIdRole:
        return link.ticketId;
    case KindRole:
        return static_cast<int>(link.kind);
    case OpenableRole:
        return known;
    case IncomingRole:
        return incoming;
    }
    return {};
}

Qt::ItemFlags LinkedTicketsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

LocalChangesModel::LocalChangesModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

LocalChangesModel::~LocalChangesModel() = default;

void LocalChangesModel::setChanges(const QList<LocalChange> &changes)
{
    if (changes == m_changes)
        return;
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

int LocalChangesModel::conflictCount() const
{
    return static_cast<int>(std::count_if(m_changes.begin(), m_changes.end(),
        [](const LocalChange &c) { return c.state == LocalChange::State::Conflict; }));
}

int LocalChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_changes.size());
}

QVariant LocalChangesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LocalChange &c = m_changes.at(index.row());
    const bool conflict = c.state == LocalChange::State::Conflict;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return tr("%1 — %2").arg(c.what, c.detail);
    case Qt::DecorationRole:
        return conflict ? SlaStyle::icon(SlaState::Breached) : SlaStyle::pendingIcon();
    case Qt::ToolTipRole:
        return conflict ? tr("File → Conflicts… decides what happens to this change")
                        : tr("Saved on this computer; sent with the next sync");
    case Qt::FontRole:
        if (conflict) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case StateRole:
        return static_cast<int>(c.state);
    case MutationIdRole:
        return c.mutationId;
    }
    return {};
}

Qt::ItemFlags LocalChangesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

} // namespace triage
