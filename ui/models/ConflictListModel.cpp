#include "ConflictListModel.h"

#include "common/Texts.h"
#include "sync/ConflictResolver.h"
#include "sync/MutationCodec.h"

#include <QJsonObject>

namespace triage {

ConflictListModel::ConflictListModel(LocalCache *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    connect(&store->outbox(), &OutboxRepository::conflictsChanged, this, [this](int) { reload(); });
    reload();
}

ConflictListModel::~ConflictListModel() = default;

void ConflictListModel::reload()
{
    beginResetModel();
    m_rows = m_store->outbox().conflicts();
    endResetModel();
}

int ConflictListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

const SyncConflict *ConflictListModel::conflict(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

QVariant ConflictListModel::data(const QModelIndex &index, int role) const
{
    const SyncConflict *c = index.isValid() ? conflict(index.row()) : nullptr;
    if (!c)
        return {};
    const QString type = c->mutation.value(u"type"_qs).toString();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        const QJsonObject problem = c->result.value(u"problem"_qs).toObject();
        // A refusal the server coded is shown in the UI language; otherwise its English detail.
        const QString detail
            = Texts::refusalFromProblem(problem).value_or(problem.value(u"detail"_qs).toString());
        if (isViewMutation(type)) {
            const QString name = c->mutation.value(u"view"_qs).toObject().value(u"name"_qs).toString();
            const QString what = type == u"view.delete" ? tr("Deleting a saved view was refused")
                                                        : tr("Your saved view “%1” was refused").arg(name);
            return QString(what + (detail.isEmpty() ? QString() : QString(u" — "_qs + detail)));
        }
        const auto ticket = m_store->tickets().ticket(c->entityId);
        const QString subject = ticket
            ? (ticket->number ? u"#%1 "_qs.arg(*ticket->number) : QString()) + ticket->title
            : tr("a ticket no longer on the server");
        QString what;
        if (type == u"comment.create")
            what = tr("Your reply");
        else if (type == u"attachment.upload")
            what = tr("Your file “%1”")
                       .arg(c->mutation.value(u"attachment"_qs).toObject().value(u"filename"_qs).toString());
        else if (type == u"ticket.create")
            what = tr("Your new ticket");
        else if (type == u"ticket.move")
            what = tr("Your move");
        else
            what = tr("Your change");
        QString why;
        if (c->status == u"conflict")
            why = tr("was changed by someone else meanwhile");
        else if (c->status == u"held")
            why = tr("is on hold: the ticket was closed or answered meanwhile");
        else if (c->status == u"diverged")
            why = tr("is missing on the server (restored from a backup?)");
        else
            why = tr("was refused");
        return QString(tr("%1 on %2 %3").arg(what, subject, why)
            + (detail.isEmpty() ? QString() : QString(u" — "_qs + detail)));
    }
    case Qt::ToolTipRole:
    case TextRole:
        return ConflictResolver::textOf(*c);
    case IdRole:
        return c->id;
    case CanSendAsNoteRole:
        return type == u"comment.create";
    default:
        return {};
    }
}

QHash<int, QByteArray> ConflictListModel::roleNames() const
{
    QHash<int, QByteArray> r = QAbstractListModel::roleNames();
    r.insert(IdRole, "conflictId");
    r.insert(CanSendAsNoteRole, "canSendAsNote");
    r.insert(TextRole, "text");
    return r;
}

} // namespace triage
