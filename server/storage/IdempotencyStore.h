#pragma once

#include "ServerDatabase.h"

#include <optional>

namespace triage::server {

// `idempotency`: the answers to POST /api/v1/tickets with an Idempotency-Key, per user and key, so
// a retried request gets the first answer again. Callers own the transaction.
class IdempotencyStore
{
public:
    explicit IdempotencyStore(ServerDatabase &db)
        : m_db(db)
    { }

    struct Answer {
        QString requestHash; // SHA-256 of the request body, hex
        int status = 0;
        QByteArray body;
    };
    std::optional<Answer> find(const QString &userId, const QString &key);
    void insert(const QString &userId, const QString &key, const Answer &answer, qint64 createdAt);
    // Retention: answers stored before `createdBefore`.
    void purge(qint64 createdBefore);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
