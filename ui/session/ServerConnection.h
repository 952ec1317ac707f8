#pragma once

#include "session/SyncStatus.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

namespace triage {

class ApiClient;
class SyncEngine;
class TicketStore;

// The console's link to triaged: signs in (token from the OS keychain, or a password once),
// runs the sync engine in live mode, and reports its state to the status bar. No widgets here.
class ServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnection)

public:
    ServerConnection(
        TicketStore *store, QString profileDir, QUrl server, QString userName, QObject *parent = nullptr);
    ~ServerConnection() override;

    const QUrl &server() const { return m_server; }
    const QString &userName() const { return m_userName; }
    ApiClient *api() const { return m_api.get(); }
    SyncEngine *engine() const { return m_engine.get(); }

    // A token saved by an earlier sign-in; no network needed (later starts open at once).
    bool restoreToken();
    // Signs in with a password (blocking, for the first start or an expired session).
    // On success the token is kept in the keychain when there is one, otherwise for this run only.
    bool signIn(const QString &password, QString *error);
    // Revokes the token on the server (best effort) and forgets it; the cache and outbox stay.
    void signOut();

    void start(); // live sync
    void stop();

    QJsonObject user() const { return m_user; } // as the server returned it at sign-in
    QString tokenStorage() const { return m_tokenStorage; } // "keychain", "memory"

Q_SIGNALS:
    void signedIn(const QJsonObject &user);
    void authRequired();

private:
    TicketStore *m_store;
    QString m_profileDir;
    QUrl m_server;
    QString m_userName;
    QJsonObject m_user;
    QString m_tokenStorage;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<SyncEngine> m_engine;
};

// The status bar's view of a live SyncEngine.
class EngineSyncStatus final : public SyncStatusSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineSyncStatus)

public:
    EngineSyncStatus(SyncEngine *engine, TicketStore *store, QObject *parent = nullptr);
    ~EngineSyncStatus() override;

    State state() const override;
    int pendingCount() const override { return m_pending; }
    int conflictCount() const override { return m_conflicts; }
    QString detail() const override;
    void syncNow() override;

private:
    SyncEngine *m_engine;
    TicketStore *m_store;
    int m_pending = 0;
    int m_conflicts = 0;
};

} // namespace triage
