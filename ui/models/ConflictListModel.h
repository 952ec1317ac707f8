#pragma once

#include "store/LocalCache.h"

#include <QAbstractListModel>

namespace triage {

// The changes the server did not apply as sent, for the conflicts list (one row each).
class ConflictListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictListModel)

public:
    enum Role { IdRole = Qt::UserRole + 1, CanSendAsNoteRole, TextRole };

    explicit ConflictListModel(LocalCache *store, QObject *parent = nullptr);
    ~ConflictListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    const SyncConflict *conflict(int row) const;
    void reload();

private:
    LocalCache *m_store;
    QList<SyncConflict> m_rows;
};

} // namespace triage
