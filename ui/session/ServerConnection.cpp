#include "ServerConnection.h"

#include "auth/CredentialStore.h"
#include "domain/Time.h"
#include "net/ApiClient.h"
#include "store/TicketStore.h"
#include "sync/SyncEngine.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace triage {

ServerConnection::ServerConnection(
    TicketStore *store, QString profileDir, QUrl server, QString userName, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_profileDir(std::move(profileDir))
    , m_server(std::move(server))
    , m_userName(std::move(userName))
    , m_api(std::make_unique<ApiClient>(m_server))
{
    m_engine = std::make_unique<SyncEngine>(m_store, m_api.get());
    connect(m_engine.get(), &SyncEngine::authRequired, this, &ServerConnection::authRequired);
    const QString saved = m_store->meta(u"user_json"_qs);
    if (!saved.isEmpty())
        m_user = QJsonDocument::fromJson(saved.toUtf8()).object();
}

ServerConnection::~ServerConnection()
{
    m_engine.reset();
    m_api.reset();
}

bool ServerConnection::restoreToken()
{
    CredentialStore creds(m_profileDir, m_server.toString(QUrl::StripTrailingSlash), m_userName);
    const auto token = creds.load();
    if (!token || token->isEmpty())
        return false;
    m_api->setToken(*token);
    m_tokenStorage = u"keychain"_qs;
    return true;
}

bool ServerConnection::signIn(const QString &password, QString *error)
{
    ApiClient api(m_server);
    api.setTimeoutMs(15000);
    const ApiResponse r = api.call("POST", u"auth/login"_qs, {},
        QJsonDocument(QJsonObject {{u"username"_qs, m_userName}, {u"password"_qs, password}}));
    if (!r.ok()) {
        *error = r.error.message();
        return false;
    }
    const QJsonObject o = r.json.object();
    const QString token = o.value(u"token"_qs).toString();
    m_user = o.value(u"user"_qs).toObject();
    m_store->setMeta(
        u"user_json"_qs, QString::fromUtf8(QJsonDocument(m_user).toJson(QJsonDocument::Compact)));
    m_store->setMeta(u"user_id"_qs, m_user.value(u"id"_qs).toString());
    m_api->setToken(token);
    CredentialStore creds(m_profileDir, m_server.toString(QUrl::StripTrailingSlash), m_userName);
    QString keychainError;
    if (creds.save(token, false, false, &keychainError)) {
        m_tokenStorage = u"keychain"_qs;
    } else {
        // No keychain (a bare X session, a container): never write the token to disk behind the
        // user's back; this run keeps it in memory and the next start asks again.
        m_tokenStorage = u"memory"_qs;
        qCWarning(lcUi).noquote() << "no OS keychain; the sign-in lasts for this run only:" << keychainError;
    }
    Q_EMIT signedIn(m_user);
    return true;
}

void ServerConnection::signOut()
{
    stop();
    if (m_api->hasToken())
        m_api->call("POST", u"auth/logout"_qs);
    CredentialStore(m_profileDir, m_server.toString(QUrl::StripTrailingSlash), m_userName).remove();
    m_api->setToken(QString());
}

void ServerConnection::start()
{
    m_engine->start();
}

void ServerConnection::stop()
{
    m_engine->stop();
}

EngineSyncStatus::EngineSyncStatus(SyncEngine *engine, TicketStore *store, QObject *parent)
    : SyncStatusSource(parent)
    , m_engine(engine)
    , m_store(store)
    , m_pending(store->pendingCount())
    , m_conflicts(store->conflictCount())
{
    connect(engine, &SyncEngine::stateChanged, this, &SyncStatusSource::changed);
    connect(engine, &SyncEngine::cycleFinished, this, &SyncStatusSource::changed);
    connect(store, &TicketStore::outboxChanged, this, [this](int pending) {
        m_pending = pending;
        Q_EMIT changed();
        // A local edit: push it now rather than at the next periodic pull.
        if (pending > 0)
            m_engine->syncNow();
    });
    connect(store, &TicketStore::conflictsChanged, this, [this](int count) {
        m_conflicts = count;
        Q_EMIT changed();
    });
}

EngineSyncStatus::~EngineSyncStatus() = default;

SyncStatusSource::State EngineSyncStatus::state() const
{
    switch (m_engine->state()) {
    case SyncEngine::State::Syncing:
        return State::Syncing;
    case SyncEngine::State::Idle:
        return State::Online;
    case SyncEngine::State::Offline:
    case SyncEngine::State::AuthRequired:
    case SyncEngine::State::Failed:
        break;
    }
    return State::Offline;
}

QString EngineSyncStatus::detail() const
{
    const qint64 last = m_engine->lastSyncMs();
    const QString when = last ? QDateTime::fromMSecsSinceEpoch(last).toString(u"HH:mm"_qs) : tr("never");
    switch (m_engine->state()) {
    case SyncEngine::State::AuthRequired:
        return tr("Signed out by the server: sign in again. Your changes are kept.");
    case SyncEngine::State::Offline:
        return tr("Server unreachable (%1); retrying. Last sync: %2.").arg(m_engine->lastError(), when);
    case SyncEngine::State::Failed:
        return tr("Sync failed: %1. Last sync: %2.").arg(m_engine->lastError(), when);
    case SyncEngine::State::Syncing:
    case SyncEngine::State::Idle:
        break;
    }
    return tr("Last sync: %1.").arg(when);
}

void EngineSyncStatus::syncNow()
{
    m_engine->syncNow();
}

} // namespace triage
