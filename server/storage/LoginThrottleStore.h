#pragma once

#include "ServerDatabase.h"

#include <optional>

namespace triage::server {

// `login_throttle`: failed sign-ins per "username|remote" key, in the database so every instance on
// one PostgreSQL counts the same failures (Auth::login). Callers own the transaction.
class LoginThrottleStore
{
public:
    explicit LoginThrottleStore(ServerDatabase &db)
        : m_db(db)
    { }

    // The key's blocked_until; nullopt when the key has no failures on record.
    std::optional<qint64> blockedUntil(const QString &key);
    // Counts one failure at `now` in one upsert (a new window when the current one started before
    // `windowStart`); returns the failures in the window. The row lock orders concurrent failures
    // from several instances.
    int countFailure(const QString &key, qint64 now, qint64 windowStart);
    void block(const QString &key, qint64 until);
    void clear(const QString &key);
    // Retention: keys whose last failure is before `lastFailureBefore` and that are not blocked at
    // `now`.
    void purge(qint64 lastFailureBefore, qint64 now);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
