#include "Auth.h"

#include "domain/Time.h"
#include "storage/DirectoryStore.h"
#include "storage/LoginThrottleStore.h"
#include "storage/TokenStore.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <sodium.h>

namespace triage::server {

namespace {

qint64 envInt(const char *name, qint64 fallback)
{
    bool ok = false;
    const qint64 v = qEnvironmentVariable(name).toLongLong(&ok);
    return ok && v > 0 ? v : fallback;
}

constexpr qint64 kCacheMs = 2000; // a revocation on another instance is seen within this
constexpr int kFreeFailures = 5;

} // namespace

bool initCrypto()
{
    return sodium_init() >= 0;
}

QString hashPassword(const QString &password)
{
    const QByteArray pw = password.toUtf8();
    const auto ops = static_cast<unsigned long long>(
        envInt("TRIAGE_PWHASH_OPSLIMIT", crypto_pwhash_OPSLIMIT_INTERACTIVE));
    const auto mem
        = static_cast<size_t>(envInt("TRIAGE_PWHASH_MEMLIMIT", crypto_pwhash_MEMLIMIT_INTERACTIVE));
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pw.constData(), static_cast<unsigned long long>(pw.size()),
            std::max<unsigned long long>(ops, crypto_pwhash_OPSLIMIT_MIN),
            std::max<size_t>(mem, crypto_pwhash_MEMLIMIT_MIN), crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return {};
    }
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString &hash, const QString &password)
{
    if (hash.isEmpty())
        return false;
    const QByteArray h = hash.toLatin1();
    const QByteArray pw = password.toUtf8();
    return crypto_pwhash_str_verify(h.constData(), pw.constData(), static_cast<unsigned long long>(pw.size()))
        == 0;
}

Auth::Auth(ServerDatabase &db)
    : m_db(db)
    , m_tokenTtlMs(envInt("TRIAGE_TOKEN_TTL_SECONDS", 30 * 24 * 3600) * 1000)
    , m_rate(static_cast<double>(envInt("TRIAGE_RATE_LIMIT", 200)))
    , m_burst(static_cast<double>(
          envInt("TRIAGE_RATE_BURST", std::max<qint64>(envInt("TRIAGE_RATE_LIMIT", 200) * 2, 20))))
{ }

Auth::Shard &Auth::shard(const QString &tokenHash)
{
    return m_shards[qHash(tokenHash) % m_shards.size()];
}

QString Auth::tokenHash(const QByteArray &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

Auth::LoginResult Auth::login(const QString &username, const QString &password, const QString &remote)
{
    LoginResult result;
    const QString key = username.toLower().left(64) + u'|' + remote;
    const qint64 now = nowMs();
    // The throttle lives in the database (login_throttle), so every instance on one PostgreSQL
    // counts the same failures: a client cannot multiply its guesses by the instance count.
    LoginThrottleStore throttle(m_db);
    const std::optional<qint64> blockedUntil = throttle.blockedUntil(key);
    const bool hadFailures = blockedUntil.has_value();
    if (hadFailures && *blockedUntil > now) {
        result.kind = LoginResult::Throttled;
        result.retryAfterSeconds = static_cast<int>((*blockedUntil - now + 999) / 1000);
        return result;
    }
    DirectoryStore dir(m_db);
    const auto stored = dir.userByName(username);
    static const QString dummy = hashPassword(u"timing-equaliser"_qs);
    const bool ok = stored ? verifyPassword(stored->passwordHash, password) && !stored->user.disabled
                           : (verifyPassword(dummy, password), false);
    if (!ok) {
        // One upsert counts the failure (a new 15-minute window when the last one is over); the
        // row lock orders concurrent failures from several instances.
        constexpr qint64 kWindowMs = 15 * 60 * 1000;
        WriteTx tx(m_db);
        const int failures = throttle.countFailure(key, now, now - kWindowMs);
        if (failures >= kFreeFailures) {
            const qint64 seconds = std::min<qint64>(900, 30LL << std::min(failures - kFreeFailures, 5));
            throttle.block(key, now + seconds * 1000);
        }
        tx.commit();
        return result;
    }
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    const QByteArray token = QByteArray(reinterpret_cast<const char *>(raw), sizeof raw)
                                 .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(raw, sizeof raw);
    result.kind = LoginResult::Ok;
    result.token = QString::fromLatin1(token);
    result.expiresAt = now + m_tokenTtlMs;
    result.userId = stored->user.id;
    WriteTx tx(m_db);
    TokenStore(m_db).insert(tokenHash(token), stored->user.id, now, result.expiresAt);
    if (hadFailures)
        throttle.clear(key);
    tx.commit();
    return result;
}

namespace {

std::optional<Principal> principalFor(ServerDatabase &db, const QString &userId, bool activeOnly)
{
    DirectoryStore dir(db);
    const auto stored = dir.userById(userId);
    if (!stored || (activeOnly && stored->user.disabled))
        return std::nullopt;
    Principal p;
    p.userId = userId;
    p.username = stored->user.username;
    p.role = stored->user.role;
    p.groupIds = stored->user.groupIds;
    if (p.role == UserRole::Lead || p.role == UserRole::Viewer)
        p.ledGroups = dir.groupsLedBy(userId);
    return p;
}

} // namespace

std::optional<Principal> principalOf(ServerDatabase &db, const QString &userId)
{
    return principalFor(db, userId, true);
}

std::optional<Principal> Auth::authenticate(const QByteArray &header)
{
    if (!header.startsWith("Bearer "))
        return std::nullopt;
    const QByteArray token = header.mid(7).trimmed();
    if (token.isEmpty() || token.size() > 256)
        return std::nullopt;
    const QString hash = tokenHash(token);
    const qint64 now = nowMs();
    Shard &sh = shard(hash);
    {
        QMutexLocker lock(&sh.mutex);
        const auto it = sh.cache.constFind(hash);
        if (it != sh.cache.constEnd() && now - it->fetchedMs < kCacheMs && it->expiresAt > now)
            return it->principal;
    }
    const auto active = TokenStore(m_db).active(hash, now);
    if (!active)
        return std::nullopt;
    const qint64 expiresAt = active->expiresAt;
    auto found = principalFor(m_db, active->userId, false);
    if (!found)
        return std::nullopt;
    Principal p = std::move(*found);
    p.tokenHash = hash;
    QMutexLocker lock(&sh.mutex);
    if (sh.cache.size() > 5000)
        sh.cache.clear();
    sh.cache.insert(hash, Cached {p, now, expiresAt});
    return p;
}

void Auth::revoke(const QString &hash)
{
    {
        Shard &sh = shard(hash);
        QMutexLocker lock(&sh.mutex);
        sh.cache.remove(hash);
    }
    WriteTx tx(m_db);
    TokenStore(m_db).revoke(hash);
    tx.commit();
}

int Auth::rateLimit(const QString &hash)
{
    const qint64 now = nowMs();
    Shard &sh = shard(hash);
    QMutexLocker lock(&sh.mutex);
    if (sh.buckets.size() > 20000)
        sh.buckets.clear();
    Bucket &b = sh.buckets[hash];
    if (b.lastMs == 0) {
        b.tokens = m_burst;
    } else {
        b.tokens = std::min(m_burst, b.tokens + static_cast<double>(now - b.lastMs) * m_rate / 1000.0);
    }
    b.lastMs = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / m_rate)));
}

} // namespace triage::server
