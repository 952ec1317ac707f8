#pragma once

#include "ServerDatabase.h"
#include "domain/Comment.h"
#include "domain/Ticket.h"

#include <QStringList>

#include <optional>

namespace triage::server {

// A ticket row as stored: the domain value plus what only the server tracks.
struct StoredTicket {
    Ticket ticket;
    bool deleted = false;
    QStringList formerGroups; // every group the ticket was ever in ("" = no group): "remove" events
    qint64 seq = 0;
    // The row's group_id and requester_id as loaded: update() rewrites the comments' copies
    // (comments.ticket_group / ticket_requester) only when these change. Unknown: always rewritten.
    bool rowKnown = false;
    QString rowGroup;
    QString rowRequester;
};

struct StoredComment {
    Comment comment;
    qint64 ticketVersion = 0; // the ticket's version right after this comment was added
};

// Ticket and comment rows. Callers own the transaction (WriteTx/ReadTx); writes take the sequence
// number their transaction reserved with WriteTx::bumpHead, or a placeholder that WriteTx::stamp
// replaces at commit.
class ServerTicketStore
{
public:
    // The longest `tickets.history_tail` (characters) before a write folds it into `history`: a
    // write rewrites at most this much of the log plus, once every few writes, the whole log.
    static constexpr int kHistoryTailChars = 1000;

    explicit ServerTicketStore(ServerDatabase &db)
        : m_db(db)
    { }

    std::optional<StoredTicket> load(const QString &id, bool forUpdate);
    // PostgreSQL: load(id, true) / loadComment(id) sent ahead with the transaction's next round trip
    // (ServerDatabase::prefetch); the later call takes the row instead of asking again.
    void prefetchForUpdate(const QString &id);
    void prefetchComment(const QString &id);
    qint64 nextNumber();
    // The id of the live ticket with `number` (a subject tag "[#1234]"); empty when none.
    QString idForNumber(qint64 number);
    // A requester's live tickets that are not resolved or closed, newest first.
    QStringList openTicketsOf(const QString &requesterId, int limit);
    // `history`: the ticket's event log as HistoryLog::take() returned it (`tickets.history`, which the
    // change feed copies); nullopt leaves it NULL and the feed reads `ticket_history` instead.
    void insert(const Ticket &ticket, qint64 seq, const std::optional<QByteArray> &history = std::nullopt);
    // Writes ticket + formerGroups; appends `history` (HistoryLog::take()) to the stored log: to
    // `history_tail` while that stays within kHistoryTailChars, else folded into `history`.
    void update(const StoredTicket &stored, qint64 seq, const QByteArray &history = {});
    void markDeleted(const QString &id, qint64 seq); // and its comments' ticket_deleted

    // `ticket`: the comment's ticket as this transaction leaves it (its group and requester are
    // copied into the comment row for the change feed; the ticket is not deleted).
    void insertComment(const Comment &comment, const Ticket &ticket, qint64 ticketVersion, qint64 seq);
    std::optional<StoredComment> loadComment(const QString &id);
    QList<StoredComment> comments(const QString &ticketId);
    QStringList commentIds(const QString &ticketId);
    // Public replies by someone other than `authorId` added after the ticket had `baseVersion`.
    int publicRepliesSince(const QString &ticketId, qint64 baseVersion, const QString &authorId);

    // Rank neighbours for kanban moves.
    std::optional<double> rankOf(const QString &ticketId);
    // Every live ticket with `status` (a kanban column), locked for update, in rank order (ties by
    // number). For rank renormalisation.
    QList<StoredTicket> column(const QString &status);

    static QString encodeGroups(const QStringList &groups);
    static QStringList decodeGroups(const QString &text);

private:
    std::optional<QList<QByteArray>> row(
        const QString &key, const QString &sql, const QString &id, int columns);

    ServerDatabase &m_db;
};

} // namespace triage::server
