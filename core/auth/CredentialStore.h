#pragma once

#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace triage {

// Where a sign-in token lives: the OS keychain (Secret Service, macOS Keychain, Windows
// Credential Manager) through QtKeychain, scoped per server and user. A plain 0600 file in the
// profile is used only when the caller explicitly asks for it (headless servers without a
// keychain, walls). Tokens are never written anywhere else and never logged.
//
// Every operation is asynchronous: a keychain may take a while (a D-Bus round trip, an unlock
// prompt) and the console must keep painting meanwhile. `done` runs later on `context`'s thread,
// never before the call returns, and not at all when `context` is destroyed first.
class CredentialStore
{
public:
    enum class Backend { Keychain, File };
    // Where save() may put a token, and where load() looks.
    enum class Placement {
        Keychain, // the keychain or nowhere (the console; triagectl by default)
        KeychainElseFile, // the keychain, else the 0600 file
        File, // only the file, and load() never asks the keychain (walls, triagectl --token-file)
    };

    struct SaveResult {
        bool ok = false;
        Backend used = Backend::Keychain;
        QString error; // set when !ok
    };
    using SaveDone = std::function<void(const SaveResult &)>;
    // `token` is std::nullopt when none is stored (or the keychain failed: `error` says why).
    using LoadDone = std::function<void(const std::optional<QString> &token, const QString &error)>;

    // `serverKey`: serverKey() of the server URL (core/net/ServerUrl.h).
    CredentialStore(QString profileDir, QString serverKey, QString user);

    void save(const QString &token, Placement placement, QObject *context, SaveDone done) const;
    // Reads the file, then (unless Placement::File) the keychain.
    void load(Placement placement, QObject *context, LoadDone done) const;
    // Forgets the token in the file and (unless Placement::File) the keychain; `done` (optional)
    // once the keychain answered.
    void remove(Placement placement, QObject *context = nullptr, std::function<void()> done = {}) const;

    QString keychainKey() const; // "https://host:port|username"
    QString tokenFilePath() const;

    // Whether a keychain answers at all here (a D-Bus session with a Secret Service, etc.).
    static void probeKeychain(QObject *context, std::function<void(bool available, const QString &why)> done);

private:
    SaveResult saveFile(const QString &token) const;

    QString m_profileDir;
    QString m_server;
    QString m_user;
};

} // namespace triage
