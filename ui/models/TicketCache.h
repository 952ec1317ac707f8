#pragma once

#include "domain/Ticket.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QUuid>

#include <vector>

namespace triage {

class DirectoryIndex;
class LocalCache;

// One ticket as the queue and the board need it: ~250 bytes instead of a full Ticket.
struct TicketRow {
    QUuid id;
    QString title;
    qint64 number = 0; // 0 until the server assigns one ("pending")
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 dueAt = 0; // the next SLA due instant (Ticket::sla, from the event log), kNoDue when none
    qint64 warnAt = 0; // the policy's first warning for that timer, kNoDue when none
    double rank = 0; // kanban position
    quint16 requester = 0; // DirectoryIndex indices, 0 = none
    quint16 assignee = 0;
    quint16 group = 0;
    TicketStatus status = TicketStatus::New;
    Priority priority = Priority::Normal;
    TicketType type = TicketType::Incident;
    bool paused = false;
    bool pending = false; // has unsynced local changes
    bool deleted = false; // tombstone: indices stay stable for every model
};

// All tickets of the local cache in memory as compact rows, kept current from LocalCache's change
// signals. Row indices never change (deleted rows become tombstones), so models over it hold plain
// index vectors. Emits which rows changed so those models touch exact rows.
class TicketCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketCache)

public:
    TicketCache(LocalCache *store, DirectoryIndex *directory, QObject *parent = nullptr);
    ~TicketCache() override;

    // Reads every ticket; emits reloaded().
    void reload();

    int size() const { return static_cast<int>(m_rows.size()); }
    int liveCount() const { return size() - m_deleted; }
    const TicketRow &row(int i) const { return m_rows[static_cast<size_t>(i)]; }
    int indexOf(const QString &id) const;
    int indexOf(const QUuid &id) const { return m_index.value(id, -1); }
    QString idString(int i) const { return row(i).id.toString(QUuid::WithoutBraces); }
    LocalCache *store() const { return m_store; }
    DirectoryIndex *directory() const { return m_directory; }

    // Applies tickets to the rows (also used by benchmarks to simulate a sync page without SQL).
    void apply(const QList<Ticket> &tickets);
    void markRemoved(const QStringList &ids);
    void refreshPending();

Q_SIGNALS:
    void reloaded();
    void rowsChanged(const QList<int> &rows); // updated, inserted (appended) or newly deleted
    void pendingChanged(const QList<int> &rows);

private:
    TicketRow toRow(const Ticket &t);

    LocalCache *m_store;
    DirectoryIndex *m_directory;
    std::vector<TicketRow> m_rows;
    QHash<QUuid, int> m_index;
    QSet<QUuid> m_pending;
    int m_deleted = 0;
};

} // namespace triage
