#pragma once

#include "session/SyncStatus.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

namespace triage {

class AccountService;
class ApiClient;
class SyncEngine;
class LocalCache;

// The console's link to triaged: its account (core/auth/AccountService: token from the OS
// keychain, or a password once), the sync engine in live mode, and the signed-in user kept in the
// cache. No widgets and no HTTP of its own here.
class ServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnection)

public:
    ServerConnection(
        LocalCache *store, QString profileDir, QUrl server, QString userName, QObject *parent = nullptr);
    ~ServerConnection() override;

    const QUrl &server() const { return m_server; }
    const QString &userName() const { return m_userName; }
    ApiClient *api() const { return m_api.get(); }
    AccountService *account() const { return m_account; }
    SyncEngine *engine() const { return m_engine.get(); }

    // A token saved by an earlier sign-in; no network needed (later starts open at once):
    // restoreFinished(found).
    void restoreToken();
    // Signs in with a password (the first start or an expired session): signedIn(user) or
    // signInFailed(message). The token is kept in the keychain when there is one, otherwise for
    // this run only.
    void signIn(const QString &password);
    // Stops syncing, revokes the token on the server (best effort) and forgets it; the cache and
    // outbox stay.
    void signOut();

    void start(); // live sync
    void stop();

    QJsonObject user() const { return m_user; } // as the server returned it at sign-in
    QString tokenStorage() const; // "keychain", "memory"

Q_SIGNALS:
    void restoreFinished(bool found);
    void signedIn(const QJsonObject &user);
    void signInFailed(const QString &message);
    void authRequired();

private:
    LocalCache *m_store;
    QString m_profileDir;
    QUrl m_server;
    QString m_userName;
    QJsonObject m_user;
    std::unique_ptr<ApiClient> m_api;
    AccountService *m_account;
    std::unique_ptr<SyncEngine> m_engine;
};

// The status bar's view of a live SyncEngine.
class EngineSyncStatus final : public SyncStatusSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineSyncStatus)

public:
    EngineSyncStatus(SyncEngine *engine, LocalCache *store, QObject *parent = nullptr);
    ~EngineSyncStatus() override;

    State state() const override;
    int pendingCount() const override { return m_pending; }
    int conflictCount() const override { return m_conflicts; }
    QString detail() const override;
    void syncNow() override;

private:
    SyncEngine *m_engine;
    LocalCache *m_store;
    int m_pending = 0;
    int m_conflicts = 0;
};

} // namespace triage
