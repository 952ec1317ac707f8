#pragma once

#include "store/CacheRepository.h"

#include <QString>

namespace triage {

// Small named values of the cache: the sync state (cursor, client id, server URL…) and markers
// such as a pending index build.
class MetaStore final : public CacheRepository
{
public:
    explicit MetaStore(LocalCache &cache);

    QString value(const QString &key) const; // empty when unset
    bool setValue(const QString &key, const QString &value);
};

} // namespace triage
