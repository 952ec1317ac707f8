#pragma once

#include "Principal.h"
#include "domain/ListEdits.h"
#include "storage/OutgoingStore.h"
#include "storage/ServerDatabase.h"
#include "storage/ServerTicketStore.h"
#include "sync/MutationCodec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <functional>
#include <optional>

namespace triage {
struct RuleEvent;
}

namespace triage::server {

class HistoryLog;
struct RulePlan;

// What applying one write (of a ticket, a comment or a saved view) produced; shared by the mutation
// endpoint and the REST routes.
struct Outcome {
    enum Status { Applied, Conflict, Held, Rejected };
    Status status = Applied;
    int httpStatus = 200;
    QJsonObject problem; // RFC 9457 object when Held/Rejected
    std::optional<Ticket> ticket;
    std::optional<Comment> comment;
    // A view write (ViewService): the stored view, or when refused the server's copy the caller
    // may read; the mutation result carries it so a refused client restores it.
    std::optional<SavedView> view;
    QJsonArray conflicts;
    bool changed = false; // applying writes moves the head

    // The row writes, deferred (they call back into the service that decided them: keep it alive
    // until applyWrites(), never a temporary): they reserve change sequence numbers (the lock on sync_head
    // that serialises writers), so callers run them as the last step before COMMIT, after their own
    // bookkeeping (mutation results, idempotency keys), keeping the serialised section short.
    std::function<void()> write;
    void applyWrites()
    {
        if (write)
            write();
        write = nullptr;
    }

    static QString statusName(Status s);
};

QJsonObject makeProblem(int status, const QString &type, const QString &title, const QString &detail);

// The write rules of tickets and comments: visibility, workflow, field merge defaults
// (docs/sync-protocol.md), ranks, tombstones. Runs inside the caller's WriteTx and reserves change
// sequence numbers from it, so every write of one request commits atomically. Methods read and
// decide; the writes are returned in Outcome::write.
class TicketService
{
public:
    TicketService(ServerDatabase &db, WriteTx &tx)
        : m_db(db)
        , m_tx(tx)
        , m_store(db)
    { }

    // The ticket version the caller saw (mutation `base_version`). A version the ticket never had
    // (newer than its current one) means the caller's state is not from this server: the write is
    // rejected (422, field `base_version`). 0 is allowed: a ticket this client created offline.
    void expectBaseVersion(std::optional<qint64> version) { m_baseVersion = version; }

    Outcome create(const Principal &who, Ticket input);
    // mergeRules = false (REST PATCH behind If-Match): every change is applied as given.
    Outcome update(const Principal &who, const QString &ticketId, const QList<FieldChange> &changes,
        const ListEdits &lists, bool mergeRules);
    // `attachmentIds`: files the author uploaded to this ticket before (attachment.upload), linked to
    // the comment in its transaction; an unknown, foreign or already linked one rejects the comment.
    Outcome addComment(const Principal &who, Comment comment, std::optional<qint64> baseVersion, bool confirm,
        const QStringList &attachmentIds = {});
    // A message a channel matched to this ticket (email reply, Telegram answer): a public comment by
    // `authorId` (a requester; not necessarily this ticket's: someone in copy may answer). The
    // channel vouched for the ticket by threading, so no visibility check. The requester answering
    // reopens a resolved ticket and takes a waiting one back to in progress (its SLA pause ends).
    Outcome addChannelComment(const QString &authorId, Comment comment);
    Outcome move(const Principal &who, const QString &ticketId, std::optional<TicketStatus> status,
        const QString &after, const QString &before);
    Outcome remove(const Principal &who, const QString &ticketId);
    // The time rules of one ticket at `now` (RuleSweeper): a write only when one fired.
    Outcome runTimeRules(const QString &ticketId, qint64 now);

private:
    // The automation rules on an event (TicketRules), decided before the write; a plan whose
    // changes make the ticket invalid keeps the ticket as the event left it and says so.
    RulePlan runRules(const Ticket &after, const RuleEvent &event);
    void keepValid(RulePlan &plan, const Ticket &after, qint64 at);
    // Inside the write, before the log is taken: the plan's log rows, firing keys, notes' entries.
    void writeRules(HistoryLog &log, const RulePlan &plan);
    // After the ticket row is written: the rules' internal notes as comments.
    void insertNotes(const RulePlan &plan);
    std::optional<StoredTicket> loadVisible(const Principal &who, const QString &id, Outcome *out);
    // Referential checks for fields that changed: the group exists, the assignee is an active staff
    // member, the requester exists, every new link points at a ticket the caller can see.
    FieldErrors checkReferences(const Principal &who, const Ticket &next, const Ticket *before);
    void writeTicket(StoredTicket &stored, bool groupChanged, const QByteArray &history = {});
    // The satisfaction survey a change that resolves a Telegram ticket sends (TelegramCsat).
    std::optional<OutgoingRecord> surveyOnResolve(const Ticket &before, const Ticket &after);
    // Renumbers the ranks of `moving`'s column (its target status) 1, 2, 3, … and places `moving`
    // between `after` and `before`; returns the tickets whose rank changed (version bumped).
    QList<StoredTicket> renumberColumn(Ticket &moving, const QString &after, const QString &before);
    // A gap between neighbours smaller than this (relative to their ranks) triggers renumbering:
    // ~30 bisections of a gap of 1, far from the ~52 a double can take.
    static constexpr double kMinRankGap = 1e-9;

    ServerDatabase &m_db;
    WriteTx &m_tx;
    ServerTicketStore m_store;
    std::optional<qint64> m_baseVersion;
};

} // namespace triage::server
