#pragma once

#include "domain/Ticket.h"

#include <QAbstractListModel>

namespace triage {

class TicketCache;

// A ticket's links, resolved through the cache: "Duplicate of · #123 · VPN down · In progress".
// Links to tickets the cache does not hold are listed but cannot be opened.
class LinkedTicketsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkedTicketsModel)

public:
    enum Role {
        TicketIdRole = Qt::UserRole + 1,
        KindRole, // int(LinkKind)
        OpenableRole, // bool: the linked ticket is in the cache
        IncomingRole, // bool: the other ticket holds this link ("Duplicated by #A")
    };
    explicit LinkedTicketsModel(const TicketCache *cache, QObject *parent = nullptr);
    ~LinkedTicketsModel() override;

    // This ticket's links, then the links other tickets hold to it (TicketRepository::linksTo).
    void setLinks(const QList<TicketLink> &links, const QList<TicketLink> &incoming = {});
    const QList<TicketLink> &links() const { return m_links; }
    const QList<TicketLink> &incoming() const { return m_incoming; }
    bool isIncoming(int row) const { return row >= m_links.size(); }
    const TicketLink &linkAt(int row) const
    {
        return isIncoming(row) ? m_incoming.at(row - m_links.size()) : m_links.at(row);
    }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const TicketCache *m_cache;
    QList<TicketLink> m_links;
    QList<TicketLink> m_incoming;
};

// One local change of a ticket the server has not confirmed yet, or has refused (a conflict).
struct LocalChange {
    enum class State { Pending, Conflict };
    QString mutationId;
    QString what; // translated: "Status: New → In progress", "Internal note", …
    State state = State::Pending;
    QString detail; // translated state detail: "waiting to sync", "conflict: the server kept …"
    qint64 at = 0;
    bool operator==(const LocalChange &) const = default;
};

// The per-change sync state of one ticket, oldest first.
class LocalChangesModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalChangesModel)

public:
    enum Role {
        StateRole = Qt::UserRole + 1, // int(LocalChange::State)
        MutationIdRole,
    };
    explicit LocalChangesModel(QObject *parent = nullptr);
    ~LocalChangesModel() override;

    void setChanges(const QList<LocalChange> &changes);
    const QList<LocalChange> &changes() const { return m_changes; }
    int conflictCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QList<LocalChange> m_changes;
};

} // namespace triage
