#include "SyncStatus.h"

#include "store/TicketStore.h"

namespace triage {

SyncStatusSource::~SyncStatusSource() = default;

LocalSyncStatus::LocalSyncStatus(TicketStore *store, QString serverUrl, QObject *parent)
    : SyncStatusSource(parent)
    , m_store(store)
    , m_serverUrl(std::move(serverUrl))
    , m_pending(store->pendingCount())
    , m_conflicts(store->conflictCount())
{
    connect(store, &TicketStore::outboxChanged, this, [this](int pending) {
        m_pending = pending;
        m_conflicts = m_store->conflictCount();
        Q_EMIT changed();
    });
}

LocalSyncStatus::~LocalSyncStatus() = default;

QString LocalSyncStatus::detail() const
{
    return m_serverUrl.isEmpty()
        ? tr("No server configured: working from the local cache")
        : tr("Not connected to %1: changes are kept and sent later").arg(m_serverUrl);
}

} // namespace triage
