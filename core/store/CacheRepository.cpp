#include "CacheRepository.h"

#include "LocalCache.h"
#include "StoreErrors.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace triage {

CacheRepository::CacheRepository(LocalCache &cache)
    : m_cache(cache)
    , m_db(cache.database())
{ }

QString CacheRepository::lastError() const
{
    return m_cache.lastError();
}

bool CacheRepository::fail(const QString &what, const QString &detail) const
{
    qCWarning(lcStore).noquote() << what << u":"_qs << detail;
    // A full disk is the one storage failure the user can fix: say so plainly (SQLITE_FULL's text).
    m_cache.m_lastError = detail.contains(u"database or disk is full"_qs) ? QString::fromUtf16(kDiskFullError)
                                                                          : what + u": "_qs + detail;
    return false;
}

} // namespace triage
