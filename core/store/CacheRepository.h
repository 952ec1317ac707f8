#pragma once

#include <QString>

namespace triage {

class CacheDatabase;
class LocalCache;

// What every room of the local cache shares: its CacheDatabase, the sibling rooms (a write that
// spans rooms, such as a local edit and its outbox entry, runs in one transaction), and one last
// error — a compound write fails in whichever room it was in, and the caller asks once.
class CacheRepository
{
public:
    // Why the last failing call of any room of this cache failed (LocalCache::lastError()).
    QString lastError() const;

protected:
    explicit CacheRepository(LocalCache &cache);
    ~CacheRepository() = default;
    CacheRepository(const CacheRepository &) = delete;
    CacheRepository &operator=(const CacheRepository &) = delete;

    // Logs, records lastError() (a full disk as kDiskFullError) and returns false.
    bool fail(const QString &what, const QString &detail) const;

    LocalCache &m_cache;
    CacheDatabase *m_db;
};

} // namespace triage
