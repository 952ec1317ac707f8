#pragma once

#include "ServerDatabase.h"

#include <optional>

namespace triage::server {

// `clients` and `mutation_results`: each sync client's owner and last processed client_seq, and the
// stored result of every mutation it sent (replayed for duplicates, listed in the change feed's
// recent_results). Callers own the transaction (docs/sync-protocol.md).
class SyncClientStore
{
public:
    explicit SyncClientStore(ServerDatabase &db)
        : m_db(db)
    { }

    struct Claim {
        QString owner; // the client's user: `userId` when the row was created now
        qint64 lastProcessed = 0;
    };
    // Creates the client row on first use and locks it (PostgreSQL) in one round trip: on
    // PostgreSQL it is the tail of ServerDatabase::flushWrites, so it leaves with a lazy BEGIN and
    // carries the reads prefetched before it. An empty owner when nothing came back.
    Claim claim(const QString &clientId, const QString &userId);
    // The client's last processed client_seq when the client belongs to `userId`.
    std::optional<qint64> lastProcessed(const QString &clientId, const QString &userId);
    // The client's newest 20 stored results (JSON), oldest first.
    QList<QByteArray> recentResults(const QString &clientId);

    struct Result {
        QByteArray payloadHash;
        QByteArray json;
    };
    std::optional<Result> result(const QString &clientId, qint64 clientSeq);
    // Both deferred (Sql::execDeferred): on PostgreSQL they leave with the commit.
    void recordResult(const QString &clientId, qint64 clientSeq, const QByteArray &payloadHash,
        const QByteArray &json, qint64 at);
    void setLastProcessed(const QString &clientId, const QString &userId, qint64 clientSeq);
    // Retention: results stored before `createdBefore` (an older replay is still answered
    // "duplicate", without the stored body).
    void purgeResults(qint64 createdBefore);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
