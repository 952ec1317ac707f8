#pragma once

#include "Principal.h"
#include "storage/ServerDatabase.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <array>
#include <optional>

namespace triage::server {

// Argon2id password hashing (libsodium crypto_pwhash_str). Limits come from TRIAGE_PWHASH_OPSLIMIT /
// TRIAGE_PWHASH_MEMLIMIT (bytes); defaults are libsodium's "interactive" (2 passes, 64 MiB).
QString hashPassword(const QString &password);
bool verifyPassword(const QString &hash, const QString &password);
bool initCrypto();

// The caller as the routes see them, for a user acting through another door (a Telegram button):
// nullopt for a missing or disabled user.
std::optional<Principal> principalOf(ServerDatabase &db, const QString &userId);

// Bearer tokens (32 random bytes, stored as SHA-256, expiring, revocable), login throttling and the
// per-token request rate limit. The login throttle is in the database (shared by every instance on
// one PostgreSQL); the request rate buckets are per instance, in memory (docs/server.md says why).
class Auth
{
public:
    explicit Auth(ServerDatabase &db);

    struct LoginResult {
        enum Kind { Ok, Invalid, Throttled } kind = Invalid;
        QString token;
        qint64 expiresAt = 0;
        int retryAfterSeconds = 0;
        QString userId;
    };
    LoginResult login(const QString &username, const QString &password, const QString &remote);
    // std::nullopt: missing, unknown, expired, revoked or disabled user.
    std::optional<Principal> authenticate(const QByteArray &authorizationHeader);
    void revoke(const QString &tokenHash);
    // 0 = allowed; otherwise seconds until the next request may pass.
    int rateLimit(const QString &tokenHash);

    static QString tokenHash(const QByteArray &token);

private:
    struct Bucket {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    struct Cached {
        Principal principal;
        qint64 fetchedMs = 0;
        qint64 expiresAt = 0;
    };

    // Token cache and rate buckets are sharded: every request touches them from all workers.
    struct Shard {
        QMutex mutex;
        QHash<QString, Bucket> buckets;
        QHash<QString, Cached> cache;
    };
    Shard &shard(const QString &tokenHash);

    ServerDatabase &m_db;
    std::array<Shard, 16> m_shards;
    qint64 m_tokenTtlMs;
    double m_rate; // requests per second per token
    double m_burst;
};

} // namespace triage::server
