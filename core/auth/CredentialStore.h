#pragma once

#include <QString>

#include <optional>

namespace triage {

// Where a sign-in token lives: the OS keychain (Secret Service, macOS Keychain, Windows
// Credential Manager) through QtKeychain, scoped per server and user. A plain 0600 file in the
// profile is used only when the caller explicitly asks for it (headless servers without a
// keychain). Tokens are never written anywhere else and never logged.
class CredentialStore
{
public:
    enum class Backend { Keychain, File };

    CredentialStore(QString profileDir, QString server, QString user);

    // Saves to the keychain, or to the file when `allowFile` and the keychain is unavailable or
    // `preferFile`. Returns false with `error` set when neither worked.
    bool save(const QString &token, bool allowFile, bool preferFile, QString *error, Backend *used = nullptr);
    // Reads from the keychain, then from the file.
    std::optional<QString> load(QString *error = nullptr) const;
    void remove();

    QString keychainKey() const; // "https://host:port|username"
    QString tokenFilePath() const;

    // Whether a keychain answers at all here (a D-Bus session with a Secret Service, etc.).
    static bool keychainAvailable(QString *why = nullptr);

private:
    QString m_profileDir;
    QString m_server;
    QString m_user;
};

} // namespace triage
