#include "LocalCache.h"

namespace triage {

LocalCache::LocalCache(CacheDatabase *db)
    : m_db(db)
    , m_tickets(*this)
    , m_eventLogs(*this)
    , m_referenceData(*this)
    , m_outbox(*this)
    , m_syncWriter(*this)
    , m_staging(*this)
    , m_searchIndex(*this)
    , m_meta(*this)
    , m_drafts(*this)
    , m_attachments(*this)
{ }

LocalCache::~LocalCache() = default;

} // namespace triage
