#pragma once

#include "ServerDatabase.h"
#include "api/Principal.h"

#include <QByteArray>

namespace triage::server {

struct FeedPage {
    int count = 0;
    qint64 nextSeq = 0;
    qint64 head = 0;
    bool hasMore = false;
};

// The commit-ordered change feed: rows of every entity table with seq > after, merged by seq,
// filtered by the caller's visibility ("remove" when a ticket left it). Runs in one read snapshot
// so the head and the rows agree; sequences at or below the head are all committed (WriteTx).
class ChangeFeed
{
public:
    explicit ChangeFeed(ServerDatabase &db)
        : m_db(db)
    { }
    // SQLite: call inside a ReadTx. PostgreSQL: one statement, one snapshot (no transaction needed).
    // Appends the page's changes to `json` as a JSON array, built from the stored documents without
    // re-serialising (the caller's response body: no copy of the page).
    FeedPage read(const Principal &who, qint64 after, int limit, QByteArray *json);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
