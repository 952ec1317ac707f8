#pragma once

#include "store/CacheRepository.h"

#include <QList>
#include <QObject>
#include <QString>

class QThread;

namespace triage {

struct SearchHit {
    QString ticketId;
    bool inComment = false; // matched a comment rather than the title/description
};

// Full-text search over tickets and comments (FTS5), and the indexes a bulk load with deferred
// indexes leaves to build: the list indexes first, then the search index (SyncWriter::endBulk).
class SearchIndex final : public QObject, public CacheRepository
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchIndex)

public:
    explicit SearchIndex(LocalCache &cache);
    ~SearchIndex() override; // waits for a background build

    // Newest hits first, bounded by `limit`; builds the indexes first if still missing.
    QList<SearchHit> search(const QString &userQuery, int limit) const;

    bool listIndexesPending() const;
    bool buildListIndexes() const;
    bool searchIndexPending() const; // the search index, or the list indexes before it
    bool buildSearchIndex() const; // the list indexes first when they are still missing
    // Both on a worker thread with its own connection (console), the list indexes first (their own
    // transaction: they are ready in a fraction of the time); emits searchIndexReady().
    void buildSearchIndexInBackground();
    // Blocks until a background build has finished (before a bulk load drops the indexes again).
    void waitForSearchIndex() const;

Q_SIGNALS:
    void searchIndexReady(bool ok);

private:
    mutable QThread *m_indexer = nullptr; // a background search-index build
};

} // namespace triage
