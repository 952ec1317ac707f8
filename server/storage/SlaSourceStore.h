#pragma once

#include "ServerDatabase.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace triage::server {

// What an SLA evaluation reads of a ticket (server/api/TicketSla): its `created`, `status` and
// `priority` log rows and its comments' authors and visibility, by time. Comments come from their
// own table, which also holds those written before the log existed.
struct SlaSources {
    struct History {
        qint64 at;
        QString field, oldValue, newValue;
    };
    struct Reply {
        qint64 at;
        QString authorId;
        bool isPublic;
    };
    std::vector<History> history; // by time
    std::vector<Reply> replies; // by time
};

class SlaSourceStore
{
public:
    explicit SlaSourceStore(ServerDatabase &db)
        : m_db(db)
    { }

    SlaSources load(const QString &ticketId);
    // The same for many tickets with two queries (SlaSweeper's batches); every id gets an entry.
    QHash<QString, SlaSources> loadMany(const QStringList &ticketIds);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
