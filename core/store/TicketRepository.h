#pragma once

#include "domain/Attachment.h"
#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/TicketEvent.h"
#include "domain/TicketFilter.h"
#include "store/CacheRepository.h"
#include "store/OutboxEntry.h"
#include "store/TicketListRow.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace triage {

// The cache's tickets and comments (and the links between tickets), and a user's edits, each
// written with its outbox entry. Emits precise change signals after each commit so item models
// touch exact rows.
class TicketRepository final : public QObject, public CacheRepository
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketRepository)

public:
    explicit TicketRepository(LocalCache &cache);
    ~TicketRepository() override;

    std::optional<Ticket> ticket(const QString &id) const;
    std::optional<Ticket> ticketByNumber(qint64 number) const;
    // The links other tickets hold to `id`, each as {its kind, the linking ticket} ("#A duplicate_of
    // this"), ordered by number.
    QList<TicketLink> linksTo(const QString &id) const;
    qint64 ticketCount() const;
    // Every ticket, streamed in storage order without building a list (queue and kanban models).
    bool forEachTicket(const std::function<void(Ticket &&)> &fn) const;
    // The same, with only the list columns filled (no description, tags, links, CSAT): what the
    // console's queue and board keep in memory. Several times faster than forEachTicket.
    bool forEachTicketHeader(const std::function<void(Ticket &&)> &fn) const;
    // The list columns only, straight from SQLite without building a Ticket (the console's cache at
    // start-up; TicketRepositoryList.cpp). Views in the row are valid during the callback only.
    bool forEachTicketListRow(const std::function<void(const TicketListRow &)> &fn) const;
    // Filtered, sorted, bounded. `me` resolves "assigned to me". Text uses full-text search.
    QList<Ticket> matching(const TicketFilter &filter, const QString &me, int limit) const;

    // Upserts server state (or local edits) in one transaction; emits ticketsChanged after the commit.
    bool upsertTickets(const QList<Ticket> &tickets);
    bool removeTickets(const QStringList &ids);

    // A user's edit and its outbox entry, atomically and durably (synchronous=FULL).
    bool saveLocalEdit(const Ticket &ticket, const OutboxEntry &entry);
    // `entries`: the comment's files (attachment.upload, before it) and its comment.create, in that
    // order; `files`: their metadata, shown under the comment until the server's arrives.
    bool saveLocalComment(
        const Comment &comment, const QList<OutboxEntry> &entries, const QList<Attachment> &files = {});

    QList<Comment> comments(const QString &ticketId) const;
    bool upsertComments(const QList<Comment> &comments);

    // For the other rooms' writes, inside a transaction the caller holds; no signal.
    // Fills each ticket's `sla` (from `history` where given, else the stored log) and writes it.
    bool writeTickets(QList<Ticket> &tickets, const QHash<QString, QList<TicketEvent>> *history = nullptr);
    bool writeComments(const QList<Comment> &comments);

Q_SIGNALS:
    // Each after its commit, never for a write that failed. There are no "about to" signals: the
    // models apply the new rows as they come and nothing needs the state before a change.
    void ticketsChanged(const QList<triage::Ticket> &tickets); // inserted or updated
    void ticketsRemoved(const QStringList &ids);
    void commentsAdded(const QString &ticketId);
    // The tickets were rewritten wholesale (a bulk load, a resync, new SLA snapshots): re-read them.
    void reset();
};

} // namespace triage
