#pragma once

#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/TicketEvent.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

struct sqlite3;

namespace triage {

// The initial-sync fast path: its own SQLite connection (the C API, not QtSql) writing whole
// pages of tickets and comments. QtSql spends most of a narrow row's insert on binding values
// by name; this path binds UTF-8 directly and is ~3x faster (bench: store.bulk_insert_*).
// Used only between SyncWriter::beginBulk() and endBulk(); WAL lets it write next to QtSql's
// connection.
class BulkWriter
{
public:
    ~BulkWriter();
    // `prefix` names the tables written: "" the cache itself, "staging_" a full resync's copy.
    static std::unique_ptr<BulkWriter> open(const QString &path, QString *error, const QString &prefix = {});
    // Runs `statements` in one transaction on a connection of its own (any thread).
    static bool execAll(const QString &path, const QStringList &statements, QString *error);

    // One transaction: rows (tickets with their `sla` snapshot filled), reference entities (kind, JSON),
    // meta (e.g. the sync cursor) and event logs (each replaces the ticket's log in ticket_logs; its
    // JSON from `historyJson` when there, else written from `history`).
    bool write(const QList<Ticket> &tickets, const QList<Comment> &comments, QString *error,
        const QList<QPair<QString, QJsonObject>> &entities = {}, const QMap<QString, QString> &meta = {},
        const QHash<QString, QList<TicketEvent>> &history = {},
        const QHash<QString, QByteArray> &historyJson = {});
    // The same in parts, so several pages go in one transaction: begin(), writeRows() per page in
    // feed order (each page's meta after its rows: the cursor committed is the last page's), commit().
    // A failed writeRows() or commit() has rolled the whole transaction back.
    bool begin(QString *error);
    bool writeRows(const QList<Ticket> &tickets, const QList<Comment> &comments, QString *error,
        const QList<QPair<QString, QJsonObject>> &entities = {}, const QMap<QString, QString> &meta = {},
        const QHash<QString, QList<TicketEvent>> &history = {},
        const QHash<QString, QByteArray> &historyJson = {});
    bool commit(QString *error);
    // Rows removed by the same page, deleted in the same transaction before the rows are written.
    struct Removals {
        QStringList tickets;
        QStringList comments;
        QList<QPair<QString, QString>> entities; // (kind, id)
        bool isEmpty() const { return tickets.isEmpty() && comments.isEmpty() && entities.isEmpty(); }
    };
    void setRemovals(const Removals &r) { m_removals = r; }
    sqlite3 *connection() const; // for CacheDatabase::checkpointInBackground

private:
    BulkWriter() = default;
    struct Impl;
    std::unique_ptr<Impl> d;
    Removals m_removals; // consumed by the next write()
};

} // namespace triage
