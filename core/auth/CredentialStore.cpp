#include "CredentialStore.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
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

template<typename Job> bool runJob(Job &job, QString *error)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (job.error() != QKeychain::NoError) {
        if (error)
            *error = job.errorString();
        return false;
    }
    return true;
}

} // namespace

CredentialStore::CredentialStore(QString profileDir, QString server, QString user)
    : m_profileDir(std::move(profileDir))
    , m_server(std::move(server))
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

bool CredentialStore::keychainAvailable(QString *why)
{
    if (keychainDisabled()) {
        if (why)
            *why = u"disabled by TRIAGE_KEYCHAIN=off"_qs;
        return false;
    }
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(u"triage-availability-probe"_qs);
    QString error;
    if (runJob(job, &error) || job.error() == QKeychain::EntryNotFound)
        return true;
    if (why)
        *why = error;
    return false;
}

bool CredentialStore::save(
    const QString &token, bool allowFile, bool preferFile, QString *error, Backend *used)
{
    QString keychainError = keychainDisabled() ? u"disabled by TRIAGE_KEYCHAIN=off"_qs : QString();
    if (!preferFile && !keychainDisabled()) {
        QKeychain::WritePasswordJob job(kService);
        job.setKey(keychainKey());
        job.setTextData(token);
        if (runJob(job, &keychainError)) {
            QFile::remove(tokenFilePath()); // one place only
            if (used)
                *used = Backend::Keychain;
            return true;
        }
    }
    if (!allowFile) {
        if (error)
            *error = u"No OS keychain is available (%1). Use --token-file to keep the token in a "
                     u"file readable only by you."_qs.arg(keychainError);
        return false;
    }
    QDir().mkpath(m_profileDir);
    QSaveFile f(tokenFilePath());
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(token.toUtf8());
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    QFile::setPermissions(tokenFilePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (used)
        *used = Backend::File;
    return true;
}

std::optional<QString> CredentialStore::load(QString *error) const
{
    QFile f(tokenFilePath());
    if (f.exists() && f.open(QIODevice::ReadOnly))
        return QString::fromUtf8(f.readAll()).trimmed();
    if (keychainDisabled())
        return std::nullopt;
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(keychainKey());
    if (runJob(job, error))
        return job.textData();
    return std::nullopt;
}

void CredentialStore::remove()
{
    QFile::remove(tokenFilePath());
    if (keychainDisabled())
        return;
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(keychainKey());
    runJob(job, nullptr);
}

} // namespace triage
