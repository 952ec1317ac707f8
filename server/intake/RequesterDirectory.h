#pragma once

#include <QString>

namespace triage::server {

class ServerDatabase;
class WriteTx;

// Who wrote: a channel's sender address → a directory user, found or created inside the intake's
// write transaction. Shared by every channel (email addresses, later Telegram ids).
class RequesterDirectory
{
public:
    struct Sender {
        QString userId;
        bool created = false; // a requester created for this message
        bool disabled = false; // a disabled user: the message is not turned into work
        bool staff = false;
    };

    RequesterDirectory(ServerDatabase &db, WriteTx &tx)
        : m_db(db)
        , m_tx(tx)
    { }

    // `kind`: "email"…; `address`: lower-cased; `displayName`: the sender's name if it gave one.
    // `locale` ("ru"/"en", e.g. Telegram's language_code) for a requester created now; empty: guessed
    // from the name's script.
    Sender resolve(
        const QString &kind, const QString &address, const QString &displayName, const QString &locale = {});

    // A login name for a new requester from an address: [a-z0-9._-], unique.
    static QString usernameFor(const QString &address);

private:
    ServerDatabase &m_db;
    WriteTx &m_tx;
};

} // namespace triage::server
