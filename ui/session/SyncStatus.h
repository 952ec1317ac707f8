#pragma once

#include <QObject>
#include <QString>

namespace triage {

class OutboxRepository;

// What the status bar shows about synchronisation. The sync engine plugs in behind this; until it
// does (or with no server configured) LocalSyncStatus reports "offline" with the store's counts.
class SyncStatusSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusSource)

public:
    enum class State { Offline, Online, Syncing };
    Q_ENUM(State)

    using QObject::QObject;
    ~SyncStatusSource() override;

    virtual State state() const = 0;
    virtual int pendingCount() const = 0;
    virtual int conflictCount() const = 0;
    // One short sentence for the tooltip ("Server unreachable, retrying in 8 s").
    virtual QString detail() const { return {}; }
    // Asks for a sync now (a no-op without a server).
    virtual void syncNow() { }

Q_SIGNALS:
    void changed();
};

class LocalSyncStatus final : public SyncStatusSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalSyncStatus)

public:
    LocalSyncStatus(OutboxRepository *outbox, QString serverUrl, QObject *parent = nullptr);
    ~LocalSyncStatus() override;

    State state() const override { return State::Offline; }
    int pendingCount() const override { return m_pending; }
    int conflictCount() const override { return m_conflicts; }
    QString detail() const override;

private:
    OutboxRepository *m_outbox;
    QString m_serverUrl;
    int m_pending = 0;
    int m_conflicts = 0;
};

} // namespace triage
