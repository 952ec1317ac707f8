#include "AccountService.h"

#include "net/ServerUrl.h"

#include <QNetworkReply>

#include <memory>

namespace triage {

AccountService::AccountService(ApiClient *api, QString profileDir, QString userName,
    CredentialStore::Placement placement, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_loginApi(new ApiClient(api->baseUrl(), api->network(), this))
    , m_profileDir(std::move(profileDir))
    , m_userName(std::move(userName))
    , m_placement(placement)
{
    connect(m_api, &ApiClient::unauthorized, this, &AccountService::authRequired);
}

AccountService::~AccountService()
{
    if (m_login)
        m_login->abort();
}

QString AccountService::serverKey() const
{
    return triage::serverKey(m_api->baseUrl());
}

CredentialStore AccountService::credentials() const
{
    return CredentialStore(m_profileDir, serverKey(), m_userName);
}

void AccountService::restore()
{
    // A bare "https://host/" was keyed with its slash before core/net/ServerUrl: look there too,
    // so nobody has to sign in again for it.
    const QString legacyKey = serverKey() + u'/';
    const bool tryLegacy = m_api->baseUrl().path().isEmpty() || m_api->baseUrl().path() == u"/"_qs;
    credentials().load(m_placement, this,
        [this, legacyKey, tryLegacy](const std::optional<QString> &token, const QString &) {
            if ((token && !token->isEmpty()) || !tryLegacy) {
                restored(token);
                return;
            }
            CredentialStore(m_profileDir, legacyKey, m_userName)
                .load(m_placement, this,
                    [this](const std::optional<QString> &legacy, const QString &) { restored(legacy); });
        });
}

void AccountService::restored(const std::optional<QString> &token)
{
    const bool found = token && !token->isEmpty();
    if (found) {
        m_api->setToken(*token);
        m_storage
            = m_placement == CredentialStore::Placement::File ? TokenStorage::File : TokenStorage::Keychain;
    }
    Q_EMIT restoreFinished(found);
}

bool AccountService::isSigningIn() const
{
    return m_login != nullptr;
}

void AccountService::signIn(const QString &password)
{
    if (m_login)
        return;
    m_loginApi->setTimeoutMs(m_loginTimeoutMs);
    m_login = m_loginApi->request("POST", u"auth/login"_qs, {},
        QJsonDocument(QJsonObject {{u"username"_qs, m_userName}, {u"password"_qs, password}}),
        [this](const ApiResponse &r) { loggedIn(r); });
}

void AccountService::loggedIn(const ApiResponse &r)
{
    m_login = nullptr;
    const QString token = r.json.object().value(u"token"_qs).toString();
    if (!r.ok() || token.isEmpty()) {
        ApiError error = r.error;
        if (r.ok()) { // a 2xx without a token: not a sign-in
            error.httpStatus = 502;
            error.title = u"Unreadable response from the server"_qs;
            error.detail = u"the sign-in answer has no token"_qs;
        }
        Q_EMIT signInFailed(error);
        return;
    }
    m_loginAnswer = r.json.object();
    m_user = m_loginAnswer.value(u"user"_qs).toObject();
    m_api->setToken(token);
    credentials().save(token, m_placement, this, [this](const CredentialStore::SaveResult &saved) {
        if (saved.ok) {
            m_storage
                = saved.used == CredentialStore::Backend::File ? TokenStorage::File : TokenStorage::Keychain;
            m_storageError.clear();
        } else {
            // No keychain (a bare X session, a container): never write the token to disk behind the
            // user's back; this run keeps it in memory and the next start asks again.
            m_storage = TokenStorage::Memory;
            m_storageError = saved.error;
        }
        Q_EMIT signedIn(m_user);
    });
}

void AccountService::signOut()
{
    // Done when both the server (if asked) and the storage answered: a CLI exits right after.
    auto waiting = std::make_shared<int>(1);
    auto oneDone = [this, waiting] {
        if (--*waiting == 0)
            Q_EMIT signedOut();
    };
    if (m_api->hasToken()) {
        ++*waiting;
        m_api->request("POST", u"auth/logout"_qs, {}, {}, [oneDone](const ApiResponse &) { oneDone(); });
    }
    m_api->setToken(QString());
    m_storage = TokenStorage::None;
    credentials().remove(m_placement, this, oneDone);
}

void AccountService::forgetToken()
{
    m_api->setToken(QString());
    m_storage = TokenStorage::None;
    credentials().remove(m_placement);
}

} // namespace triage
