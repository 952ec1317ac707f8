#include "SyncStatus.h"

#include "store/OutboxRepository.h"

namespace triage {

SyncStatusSource::~SyncStatusSource() = default;

LocalSyncStatus::LocalSyncStatus(OutboxRepository *outbox, QString serverUrl, QObject *parent)
    : SyncStatusSource(parent)
    , m_outbox(outbox)
    , m_serverUrl(std::move(serverUrl))
    , m_pending(outbox->pendingCount())
    , m_conflicts(outbox->conflictCount())
{
    connect(outbox, &OutboxRepository::outboxChanged, this, [this](int pending) {
        m_pending = pending;
        m_conflicts = m_outbox->conflictCount();
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
