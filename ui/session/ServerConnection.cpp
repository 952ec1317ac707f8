#include "ServerConnection.h"

#include "auth/AccountService.h"
#include "domain/Time.h"
#include "net/ApiClient.h"
#include "store/LocalCache.h"
#include "sync/SyncEngine.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace triage {

ServerConnection::ServerConnection(
    LocalCache *store, QString profileDir, QUrl server, QString userName, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_profileDir(std::move(profileDir))
    , m_server(std::move(server))
    , m_userName(std::move(userName))
    , m_api(std::make_unique<ApiClient>(m_server))
    , m_account(new AccountService(
          m_api.get(), m_profileDir, m_userName, CredentialStore::Placement::Keychain, this))
{
    m_engine = std::make_unique<SyncEngine>(m_store, m_api.get());
    connect(m_engine.get(), &SyncEngine::authRequired, this, &ServerConnection::authRequired);
    connect(m_account, &AccountService::restoreFinished, this, &ServerConnection::restoreFinished);
    connect(m_account, &AccountService::signInFailed, this,
        [this](const ApiError &error) { Q_EMIT signInFailed(error.message()); });
    connect(m_account, &AccountService::signedIn, this, [this](const QJsonObject &user) {
        m_user = user;
        m_store->meta().setValue(
            u"user_json"_qs, QString::fromUtf8(QJsonDocument(m_user).toJson(QJsonDocument::Compact)));
        m_store->meta().setValue(u"user_id"_qs, m_user.value(u"id"_qs).toString());
        if (m_account->tokenStorage() == AccountService::TokenStorage::Memory)
            qCWarning(lcUi).noquote()
                << "no OS keychain; the sign-in lasts for this run only:" << m_account->storageError();
        Q_EMIT signedIn(m_user);
    });
    const QString saved = m_store->meta().value(u"user_json"_qs);
    if (!saved.isEmpty())
        m_user = QJsonDocument::fromJson(saved.toUtf8()).object();
}

ServerConnection::~ServerConnection()
{
    m_engine.reset();
    delete m_account; // before the client it holds
    m_api.reset();
}

QString ServerConnection::tokenStorage() const
{
    return m_account->tokenStorage() == AccountService::TokenStorage::Memory ? u"memory"_qs : u"keychain"_qs;
}

void ServerConnection::restoreToken()
{
    m_account->restore();
}

void ServerConnection::signIn(const QString &password)
{
    m_account->signIn(password);
}

void ServerConnection::signOut()
{
    stop();
    m_account->signOut();
}

void ServerConnection::start()
{
    m_engine->start();
}

void ServerConnection::stop()
{
    m_engine->stop();
}

EngineSyncStatus::EngineSyncStatus(SyncEngine *engine, LocalCache *store, QObject *parent)
    : SyncStatusSource(parent)
    , m_engine(engine)
    , m_store(store)
    , m_pending(store->outbox().pendingCount())
    , m_conflicts(store->outbox().conflictCount())
{
    connect(engine, &SyncEngine::stateChanged, this, &SyncStatusSource::changed);
    connect(engine, &SyncEngine::cycleFinished, this, &SyncStatusSource::changed);
    connect(&store->outbox(), &OutboxRepository::outboxChanged, this, [this](int pending) {
        m_pending = pending;
        Q_EMIT changed();
        // A local edit: push it now rather than at the next periodic pull.
        if (pending > 0)
            m_engine->syncNow();
    });
    connect(&store->outbox(), &OutboxRepository::conflictsChanged, this, [this](int count) {
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
