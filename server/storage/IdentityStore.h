#pragma once

#include "ServerDatabase.h"

#include <QString>

namespace triage::server {

// Who a channel's sender is (table identities): (kind, address) → user id. Email addresses are
// stored lower-cased; one user may have several identities (two addresses, a Telegram account).
class IdentityStore
{
public:
    explicit IdentityStore(ServerDatabase &db)
        : m_db(db)
    { }

    QString userFor(const QString &kind, const QString &address);
    // No-op when the identity exists (two messages from a new sender in one poll).
    void add(const QString &kind, const QString &address, const QString &userId, qint64 at);
    // The first address of `kind` a user is known by (where a reply goes); empty when none.
    QString addressOf(const QString &kind, const QString &userId);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
