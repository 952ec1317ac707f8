#pragma once

#include "domain/Attachment.h"
#include "domain/Ticket.h"
#include "store/CacheRepository.h"
#include "store/OutboxEntry.h"
#include "store/SyncConflict.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>

#include <optional>

namespace triage {

// The changes waiting for the server (the outbox) and the ones it did not apply as sent (conflicts,
// and the divergences a resync found).
class OutboxRepository final : public QObject, public CacheRepository
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxRepository)

public:
    explicit OutboxRepository(LocalCache &cache);
    ~OutboxRepository() override;

    // The outbox in local order.
    QList<OutboxEntry> pending(int limit = 1000) const;
    int pendingCount() const;
    qint64 lastSeq() const; // the highest seq ever given out, pending or not
    bool remove(const QStringList &ids);

    // Push results: drop processed outbox entries, keep refused ones as conflicts, and store the
    // server's current tickets and saved views (id, its JSON; empty: the server has none for this
    // user) — all in one transaction.
    bool recordPushResults(const QStringList &processedOutboxIds, const QList<SyncConflict> &conflicts,
        const QList<Ticket> &currentTickets, const QList<QPair<QString, QJsonObject>> &currentViews = {});
    // An `attachment.upload` entry is done (OutboxUploads.cpp): removed, with the client sequence
    // base (meta `seqBaseKey`) moved past it in the same transaction, since its seq was never a
    // client_seq. `stored`: the server's copy of the file, kept as the cache's metadata. `refused`:
    // the server would not take it; kept as that conflict, its local metadata dropped, and the
    // pending comments that named it go without it (the reply is not lost for one file).
    bool finishUpload(const OutboxEntry &upload, const QString &seqBaseKey,
        const std::optional<Attachment> &stored, const std::optional<SyncConflict> &refused);
    QList<SyncConflict> conflicts() const;
    int conflictCount() const;
    bool removeConflict(const QString &id);
    // The `diverged` conflicts: what the server lost, for the console and `triagectl status`.
    QList<SyncConflict> divergences() const;

    // For the other rooms' writes, inside a transaction the caller holds; no signal.
    bool write(const OutboxEntry &entry);
    bool writeConflicts(const QList<SyncConflict> &conflicts, const QString &what);

Q_SIGNALS:
    void outboxChanged(int pending);
    void conflictsChanged(int count);
};

} // namespace triage
