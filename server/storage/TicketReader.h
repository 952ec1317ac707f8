#pragma once

#include "ServerDatabase.h"
#include "api/TicketVisibility.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace triage::server {

// Read-only queries over many tickets: the ticket list's pages, ticket labels and titles for the
// reports, and what the SLA sweeper re-evaluates. ServerTicketStore reads and writes single rows.
class TicketReader
{
public:
    explicit TicketReader(ServerDatabase &db)
        : m_db(db)
    { }

    // GET /api/v1/tickets: the filters on top of the caller's visibility.
    struct ListFilter {
        QStringList statuses; // wire names; empty = any
        std::optional<QString> priority; // wire name
        std::optional<QString> groupId, requesterId, assigneeId; // "" = none
        QString text; // a case-insensitive substring of any text field; empty = any
        std::optional<qint64> beforeNumber; // the cursor: only tickets numbered below it
        int limit = 50;
    };
    struct Page {
        QList<QByteArray> tickets; // `tickets.data`, newest (highest number) first
        qint64 lastNumber = 0; // of the last ticket on the page
        bool more = false;
    };
    // Reads the whole page before returning: computing SLA afterwards runs queries on the same
    // connection, and PostgreSQL's driver drops a forward-only result set another statement interrupts.
    Page list(const TicketVisibility &visibility, const ListFilter &filter);
    // `visibility` as a WHERE condition on `tickets` (" AND …", or nothing for every ticket), its
    // values appended to `binds`: the SQL form of TicketVisibility::admits.
    static QString visibilityFilter(const TicketVisibility &visibility, QVariantList *binds);

    struct Label {
        QString id;
        qint64 number = 0;
        QByteArray data;
    };
    // The tickets of `ids`, deleted ones included, in batches of 50.
    QList<Label> labels(const QStringList &ids);
    // Every live ticket's id and data, one at a time (a report over every ticket).
    void forEachLive(const std::function<void(const QString &id, const QByteArray &data)> &visit);
    // The data of the live tickets among `ids`, in one statement.
    QList<QByteArray> liveData(const QStringList &ids);

    // Ids for the SLA sweeper: live tickets that are neither resolved nor closed; tickets written
    // after `seq`; tickets written, or commented on, after `after` up to `upTo`.
    QStringList openIds();
    QStringList writtenSince(qint64 seq);
    QStringList touchedBetween(qint64 after, qint64 upTo);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
