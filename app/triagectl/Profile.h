#pragma once

#include "Cli.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace triage {
class ApiClient;
class CacheDatabase;
class LocalEditor;
class SyncEngine;
class LocalCache;
} // namespace triage

namespace triage::cli {

// One signed-in account: profile.json (server, user), the local cache and, when online, the API
// client with the token from the keychain (or the explicit 0600 token file).
class Profile
{
public:
    ~Profile();

    // Opens the profile in ctx.profileDir. `needLogin`: fail with AuthRequired when not signed in.
    static std::unique_ptr<Profile> open(const Context &ctx, bool needLogin, int *exitCode);

    const QString &server() const { return m_server; }
    const QString &username() const { return m_username; }
    const QString &userId() const { return m_userId; }
    const QJsonObject &user() const { return m_user; }
    LocalCache *store() const { return m_store.get(); }
    LocalEditor *editor() const { return m_editor.get(); }
    ApiClient *api() const { return m_api.get(); }
    SyncEngine *sync() const { return m_sync.get(); }

    static QString profileFile(const QString &dir);
    static bool save(const QString &dir, const QString &server, const QJsonObject &user, QString *error);

private:
    Profile() = default;

    QString m_server;
    QString m_username;
    QString m_userId;
    QJsonObject m_user;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<LocalCache> m_store;
    std::unique_ptr<LocalEditor> m_editor;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<SyncEngine> m_sync;
};

// Resolves "#123" (server number) or a UUID to a ticket id in the local cache.
QString resolveTicketRef(LocalCache *store, const QString &ref);

// A user as a person types it (issue 24): `me`, `none`/`unassigned` (→ empty), an id, a user name,
// an email or a display name (case-insensitive), looked up in the synced directory. nullopt with
// `error` set when nobody or several people match (the candidates are listed).
std::optional<QString> resolveUserRef(
    LocalCache *store, const QString &ref, const QString &me, QString *error);

} // namespace triage::cli
