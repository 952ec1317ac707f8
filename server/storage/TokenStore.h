#pragma once

#include "ServerDatabase.h"

#include <optional>

namespace triage::server {

// `tokens`: the bearer tokens Auth hands out, by SHA-256 hash. Callers own the transaction.
class TokenStore
{
public:
    explicit TokenStore(ServerDatabase &db)
        : m_db(db)
    { }

    void insert(const QString &hash, const QString &userId, qint64 createdAt, qint64 expiresAt);
    struct Active {
        QString userId;
        qint64 expiresAt = 0;
    };
    // The token's user when the token is neither expired at `now` nor revoked and the user is not
    // disabled.
    std::optional<Active> active(const QString &hash, qint64 now);
    void revoke(const QString &hash);
    // Retention: tokens that expired before `expiredBefore`, and revoked ones created before
    // `revokedCreatedBefore`.
    void purge(qint64 expiredBefore, qint64 revokedCreatedBefore);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
