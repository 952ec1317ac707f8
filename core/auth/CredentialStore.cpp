#include "CredentialStore.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QSaveFile>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace triage {

namespace {

const QString kService = u"Triage"_qs;

// TRIAGE_KEYCHAIN=off: never touch the OS keychain (demo runs, kiosks); sign-ins then last for
// the run only, or go to the explicit token file.
bool keychainDisabled()
{
    return qEnvironmentVariable("TRIAGE_KEYCHAIN") == u"off"_qs;
}

QString disabledReason()
{
    return u"disabled by TRIAGE_KEYCHAIN=off"_qs;
}

// Answers that need no keychain still arrive later, like the keychain's, so callers never see
// their callback run inside the call.
void later(QObject *context, std::function<void()> fn)
{
    QTimer::singleShot(0, context, std::move(fn));
}

// Starts `job` (it deletes itself once finished) and calls `done` with it from `context`.
template<typename Job> void runJob(Job *job, QObject *context, std::function<void(Job *)> done)
{
    if (context && done)
        QObject::connect(
            job, &QKeychain::Job::finished, context, [job, done = std::move(done)] { done(job); });
    job->start();
}

} // namespace

CredentialStore::CredentialStore(QString profileDir, QString serverKey, QString user)
    : m_profileDir(std::move(profileDir))
    , m_server(std::move(serverKey))
    , m_user(std::move(user))
{ }

QString CredentialStore::keychainKey() const
{
    return m_server + u'|' + m_user;
}

QString CredentialStore::tokenFilePath() const
{
    return QDir(m_profileDir).filePath(u"token"_qs);
}

void CredentialStore::probeKeychain(QObject *context, std::function<void(bool, const QString &)> done)
{
    if (keychainDisabled()) {
        later(context, [done = std::move(done)] { done(false, disabledReason()); });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(u"triage-availability-probe"_qs);
    runJob<QKeychain::ReadPasswordJob>(job, context, [done = std::move(done)](QKeychain::ReadPasswordJob *j) {
        const bool available = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
        done(available, available ? QString() : j->errorString());
    });
}

CredentialStore::SaveResult CredentialStore::saveFile(const QString &token) const
{
    SaveResult r;
    QDir().mkpath(m_profileDir);
    QSaveFile f(tokenFilePath());
    if (!f.open(QIODevice::WriteOnly)) {
        r.error = f.errorString();
        return r;
    }
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(token.toUtf8());
    if (!f.commit()) {
        r.error = f.errorString();
        return r;
    }
    QFile::setPermissions(tokenFilePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    r.ok = true;
    r.used = Backend::File;
    return r;
}

void CredentialStore::save(const QString &token, Placement placement, QObject *context, SaveDone done) const
{
    // The keychain failed (or was not to be asked): the file when allowed, else a clear refusal.
    auto fallBack = [self = *this, token, placement, done](const QString &keychainError) {
        if (placement == Placement::Keychain) {
            SaveResult r;
            r.error = u"No OS keychain is available (%1). Use --token-file to keep the token in a "
                      u"file readable only by you."_qs.arg(keychainError);
            done(r);
            return;
        }
        done(self.saveFile(token));
    };
    if (placement == Placement::File || keychainDisabled()) {
        later(context,
            [fallBack, placement] { fallBack(placement == Placement::File ? QString() : disabledReason()); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(keychainKey());
    job->setTextData(token);
    runJob<QKeychain::WritePasswordJob>(
        job, context, [tokenFile = tokenFilePath(), fallBack, done](QKeychain::WritePasswordJob *j) {
            if (j->error() != QKeychain::NoError) {
                fallBack(j->errorString());
                return;
            }
            QFile::remove(tokenFile); // one place only
            done(SaveResult {true, Backend::Keychain, {}});
        });
}

void CredentialStore::load(Placement placement, QObject *context, LoadDone done) const
{
    QFile f(tokenFilePath());
    if (f.exists() && f.open(QIODevice::ReadOnly)) {
        later(context, [token = QString::fromUtf8(f.readAll()).trimmed(), done] { done(token, {}); });
        return;
    }
    if (placement == Placement::File || keychainDisabled()) {
        later(context, [done] { done(std::nullopt, {}); });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(keychainKey());
    runJob<QKeychain::ReadPasswordJob>(job, context, [done](QKeychain::ReadPasswordJob *j) {
        if (j->error() == QKeychain::NoError)
            done(j->textData(), {});
        else
            done(std::nullopt, j->error() == QKeychain::EntryNotFound ? QString() : j->errorString());
    });
}

void CredentialStore::remove(Placement placement, QObject *context, std::function<void()> done) const
{
    QFile::remove(tokenFilePath());
    if (placement == Placement::File || keychainDisabled()) {
        if (context && done)
            later(context, std::move(done));
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(keychainKey());
    std::function<void(QKeychain::DeletePasswordJob *)> finished;
    if (done)
        finished = [done = std::move(done)](QKeychain::DeletePasswordJob *) { done(); };
    runJob<QKeychain::DeletePasswordJob>(job, context, std::move(finished));
}

} // namespace triage
