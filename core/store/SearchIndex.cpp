// Full-text search, and the list and search indexes a bulk load with deferred indexes leaves to build.
#include "SearchIndex.h"

#include "BulkWriter.h"
#include "CacheDatabase.h"
#include "CacheSchema.h"
#include "LocalCache.h"
#include "SearchQuery.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <memory>
#include <utility>

namespace triage {

SearchIndex::SearchIndex(LocalCache &cache)
    : CacheRepository(cache)
{ }

SearchIndex::~SearchIndex()
{
    waitForSearchIndex();
}

QList<SearchHit> SearchIndex::search(const QString &userQuery, int limit) const
{
    QList<SearchHit> out;
    const QString match = toFtsQuery(userQuery);
    if (match.isEmpty())
        return out;
    waitForSearchIndex();
    if (searchIndexPending() && !buildSearchIndex())
        return out;
    limit = std::clamp(limit, 1, 5000);
    // Newest hits first, bounded: ranking every hit of a common word by bm25 costs ~0.7 s on 1M
    // comments, while the newest N come straight off the index (performance.md).
    QSet<QString> seen;
    auto run = [&](const QString &sql, bool inComment) {
        QSqlQuery q(m_db->connection());
        q.setForwardOnly(true);
        q.prepare(sql);
        q.addBindValue(match);
        q.addBindValue(limit);
        if (!q.exec()) {
            fail(u"searching"_qs, q.lastError().text());
            return;
        }
        while (q.next() && out.size() < limit) {
            const QString id = q.value(0).toString();
            if (!seen.contains(id)) {
                seen.insert(id);
                out << SearchHit {id, inComment};
            }
        }
    };
    run(u"SELECT t.id FROM ticket_fts f JOIN tickets t ON t.rid = f.rowid "
        u"WHERE ticket_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?"_qs,
        false);
    if (out.size() < limit) {
        run(u"SELECT c.ticket_id FROM comment_fts f JOIN comments c ON c.rid = f.rowid "
            u"WHERE comment_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?"_qs,
            true);
    }
    return out;
}

bool SearchIndex::listIndexesPending() const
{
    return m_cache.meta().value(u"list_indexes_dirty"_qs) == u"1";
}

bool SearchIndex::buildListIndexes() const
{
    waitForSearchIndex();
    if (!listIndexesPending())
        return true;
    QString error;
    if (!m_db->execAll(cacheschema::secondaryIndexStatements(), &error))
        return fail(u"building the list indexes"_qs, error);
    return true;
}

bool SearchIndex::searchIndexPending() const
{
    return m_cache.meta().value(u"fts_dirty"_qs) == u"1" || listIndexesPending();
}

bool SearchIndex::buildSearchIndex() const
{
    if (!buildListIndexes())
        return false;
    if (!searchIndexPending())
        return true;
    QString error;
    if (!m_db->execAll(cacheschema::searchIndexBuildStatements(), &error))
        return fail(u"building the search index"_qs, error);
    return true;
}

void SearchIndex::buildSearchIndexInBackground()
{
    if (m_indexer || !searchIndexPending())
        return;
    auto ok = std::make_shared<bool>(false);
    auto error = std::make_shared<QString>();
    m_indexer = QThread::create([path = m_db->path(), lists = listIndexesPending(), ok, error] {
        *ok = (!lists || BulkWriter::execAll(path, cacheschema::secondaryIndexStatements(), error.get()))
            && BulkWriter::execAll(path, cacheschema::searchIndexBuildStatements(), error.get());
    });
    connect(m_indexer, &QThread::finished, this, [this, ok, error] {
        if (!m_indexer)
            return; // already waited for
        m_indexer->deleteLater();
        m_indexer = nullptr;
        if (!*ok)
            fail(u"building the search index"_qs, *error);
        Q_EMIT searchIndexReady(*ok);
    });
    m_indexer->start(QThread::LowPriority);
}

void SearchIndex::waitForSearchIndex() const
{
    if (!m_indexer)
        return;
    m_indexer->wait();
    // The queued finished handler sees m_indexer gone and does nothing.
    delete std::exchange(m_indexer, nullptr);
}

} // namespace triage
