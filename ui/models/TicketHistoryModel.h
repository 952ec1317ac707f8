#pragma once

#include "domain/TicketEvent.h"

#include <QAbstractTableModel>
#include <QSet>

namespace triage {

class DirectoryIndex;

// A change made on this computer that the server has not confirmed yet, as the history shows it.
struct PendingHistoryEntry {
    qint64 at = 0;
    QString what; // translated: "Priority: Normal → Critical"
    bool operator==(const PendingHistoryEntry &) const = default;
};

// A ticket's change history, readable: when, who, what changed from → to (status, priority,
// assignment, group, replies and notes, rating), and whether a status change paused or resumed
// the SLA. The synced event log first, then the local changes still waiting to sync (marked as
// such). Oldest first; new entries are appended (rowsInserted) so the view keeps its place.
class TicketHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketHistoryModel)

public:
    enum Column { WhenColumn, WhoColumn, ChangeColumn, ColumnCount };
    enum Role {
        AtRole = Qt::UserRole + 1, // qint64 UTC ms
        FieldRole, // wire field name ("status", "assignee_id", …); empty for pending rows
        PendingRole, // bool: a local change the server has not confirmed
        SlaEffectRole, // int(SlaEffect)
    };
    enum class SlaEffect { None, Paused, Resumed, Stopped };

    explicit TicketHistoryModel(const DirectoryIndex *directory, QObject *parent = nullptr);
    ~TicketHistoryModel() override;

    // `pauseStatuses`/`stopStatuses`: the ticket's SLA policy (a status change says what it did to
    // the timers); `me`: display name shown as the author of pending changes.
    void setHistory(const QList<TicketEvent> &log, const QList<PendingHistoryEntry> &pending,
        const QSet<QString> &pauseStatuses, const QSet<QString> &stopStatuses, const QString &me);
    // Texts are built in data(): after a language switch the view only needs a repaint.
    void retranslate();
    int pendingCount() const { return static_cast<int>(m_pending.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // One log entry as a sentence ("Status: New → In progress · SLA paused"); public for tests.
    QString describe(const TicketEvent &e) const;
    SlaEffect slaEffect(const TicketEvent &e) const;

private:
    QString value(const QString &field, const QString &wire) const;
    QString person(const QString &userId) const;

    const DirectoryIndex *m_directory;
    QList<TicketEvent> m_log;
    QList<PendingHistoryEntry> m_pending;
    QSet<QString> m_pause;
    QSet<QString> m_stop;
    QString m_me;
};

} // namespace triage
