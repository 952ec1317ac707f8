#include "LoginThrottleStore.h"

namespace triage::server {

std::optional<qint64> LoginThrottleStore::blockedUntil(const QString &key)
{
    Sql q(m_db, u"SELECT blocked_until FROM login_throttle WHERE key = ?"_qs);
    q.bind(key).exec();
    if (!q.next())
        return std::nullopt;
    return q.i64(0);
}

int LoginThrottleStore::countFailure(const QString &key, qint64 now, qint64 windowStart)
{
    // The statement ends with this scope: SQLite cannot commit while a RETURNING statement is open.
    Sql up(m_db,
        u"INSERT INTO login_throttle (key, failures, window_start, blocked_until, last_failure)"
        " VALUES (?, 1, ?, 0, ?) ON CONFLICT (key) DO UPDATE SET"
        " failures = CASE WHEN login_throttle.window_start < ? THEN 1"
        " ELSE login_throttle.failures + 1 END,"
        " window_start = CASE WHEN login_throttle.window_start < ? THEN excluded.window_start"
        " ELSE login_throttle.window_start END, last_failure = excluded.last_failure"
        " RETURNING failures"_qs);
    up.bind(key).bind(now).bind(now).bind(windowStart).bind(windowStart).exec();
    return up.next() ? static_cast<int>(up.i64(0)) : 1;
}

void LoginThrottleStore::block(const QString &key, qint64 until)
{
    Sql block(m_db, u"UPDATE login_throttle SET blocked_until = ? WHERE key = ?"_qs);
    block.bind(until).bind(key).exec();
}

void LoginThrottleStore::clear(const QString &key)
{
    Sql clear(m_db, u"DELETE FROM login_throttle WHERE key = ?"_qs);
    clear.bind(key).exec();
}

void LoginThrottleStore::purge(qint64 lastFailureBefore, qint64 now)
{
    Sql throttle(m_db, u"DELETE FROM login_throttle WHERE last_failure < ? AND blocked_until < ?"_qs);
    throttle.bind(lastFailureBefore).bind(now).exec();
}

} // namespace triage::server
