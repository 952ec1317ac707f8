#pragma once

#include "store/CacheRepository.h"

#include <QString>

namespace triage {

// Reply drafts, one per ticket and kind (e.g. "reply" or "note"); they survive restarts.
class DraftStore final : public CacheRepository
{
public:
    explicit DraftStore(LocalCache &cache);

    QString draft(const QString &ticketId, const QString &kind) const;
    // An empty body removes the draft.
    bool save(const QString &ticketId, const QString &kind, const QString &body);
};

} // namespace triage
