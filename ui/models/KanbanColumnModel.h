#pragma once

#include <QAbstractListModel>

#include <functional>
#include <vector>

namespace triage {

class KanbanController;
class TicketCache;

// One kanban column (or, with swimlanes, one lane's cell of it): cache rows in rank order. Cards are painted
// by CardDelegate; drops are handed to the controller, which moves tickets through LocalEditor (offline too).
class KanbanColumnModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KanbanColumnModel)

public:
    enum Role {
        TicketIdRole = Qt::UserRole + 1,
        NumberRole, // qint64, 0 = pending
        TitleRole,
        PriorityRole, // int(Priority)
        InitialsRole,
        AssigneeRole,
        DueRole,
        PausedRole,
        PendingRole,
        AgeingRole,
    };
    static constexpr auto kMimeType = "application/x-triage-ticket-ids";

    KanbanColumnModel(KanbanController *controller, int column, int lane, QObject *parent = nullptr);
    ~KanbanColumnModel() override;

    int column() const { return m_column; }
    int lane() const { return m_lane; }
    const std::vector<int> &rows() const { return m_rows; }
    QString ticketId(int row) const;
    int rowOfTicket(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;

private:
    friend class KanbanController;
    void resetRows(std::vector<int> rows);
    void removeAt(int row);
    void insertAt(int row, int cacheRow);
    void changedAt(int row);

    KanbanController *m_controller;
    int m_column;
    int m_lane;
    std::vector<int> m_rows;
};

} // namespace triage
