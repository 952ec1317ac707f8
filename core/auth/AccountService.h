#pragma once

#include "auth/CredentialStore.h"
#include "net/ApiClient.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace triage {

// One account on one server: signs in with a password (POST /auth/login), keeps the token where
// the caller's placement allows (CredentialStore), restores it at the next start, and signs out.
// The console (ui/session/ServerConnection), the wall (core/reports/WallFeed) and triagectl all
// sign in through it, so the server URL is normalised and the token keyed the same way everywhere.
// Asynchronous only: every operation answers with a signal, nothing waits inside.
class AccountService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountService)

public:
    enum class TokenStorage { None, Keychain, File, Memory };
    Q_ENUM(TokenStorage)

    // `api` (not owned) is the account's client: it gets the token. Its base URL is the server.
    AccountService(ApiClient *api, QString profileDir, QString userName, CredentialStore::Placement placement,
        QObject *parent = nullptr);
    ~AccountService() override;

    ApiClient *api() const { return m_api; }
    QString serverKey() const;
    const QString &userName() const { return m_userName; }
    CredentialStore credentials() const;
    void setLoginTimeoutMs(int ms) { m_loginTimeoutMs = ms; }

    // Reads a token saved by an earlier sign-in (no network): restoreFinished(found).
    void restore();
    // POST /auth/login, then keeps the token: signedIn(user) or signInFailed(error). A sign-in
    // already under way is not started twice.
    void signIn(const QString &password);
    bool isSigningIn() const;
    // Revokes the token on the server (best effort, not waited for) and forgets it here and in
    // storage: signedOut() once storage answered.
    void signOut();
    // The server refused the token (401): forget it here and in storage, without a logout call.
    void forgetToken();

    // The user object and the whole answer of the last successful sign-in (expires_at, …).
    const QJsonObject &user() const { return m_user; }
    const QJsonObject &loginAnswer() const { return m_loginAnswer; }
    // Where the current token is kept; Memory = storage failed (storageError() says why) and the
    // sign-in lasts for this run only.
    TokenStorage tokenStorage() const { return m_storage; }
    const QString &storageError() const { return m_storageError; }

Q_SIGNALS:
    void restoreFinished(bool found);
    void signedIn(const QJsonObject &user);
    void signInFailed(const triage::ApiError &error);
    void signedOut();
    // A request with this account's token was answered 401 (expired or revoked).
    void authRequired();

private:
    void restored(const std::optional<QString> &token);
    void loggedIn(const ApiResponse &r);

    ApiClient *m_api;
    ApiClient *m_loginApi; // no token, its own timeout; its 401 (a wrong password) is no expiry
    QString m_profileDir;
    QString m_userName;
    CredentialStore::Placement m_placement;
    int m_loginTimeoutMs = 15000;
    QPointer<QNetworkReply> m_login;
    QJsonObject m_user;
    QJsonObject m_loginAnswer;
    TokenStorage m_storage = TokenStorage::None;
    QString m_storageError;
};

} // namespace triage
