#pragma once

#include "domain/Ticket.h"
#include "domain/TicketEvent.h"
#include "store/CacheRepository.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>

#include <memory>

namespace triage {

class TicketSlaState;
struct PendingSla;
struct SlaInputs;

// Each ticket's event log as the server sent it, and the SLA snapshot derived from it with the
// synced calendars and policies, stored with the ticket so a cold start evaluates nothing
// (core/sla/TicketSlaState; docs/sync-client.md "Event logs and SLA").
class EventLogRepository final : public CacheRepository
{
public:
    explicit EventLogRepository(LocalCache &cache);
    ~EventLogRepository();

    // The ticket's event log as last synced, in time order.
    QList<TicketEvent> history(const QString &ticketId) const;
    // The stored logs of several tickets in one query (tickets without one are absent).
    QHash<QString, QList<TicketEvent>> histories(const QStringList &ticketIds) const;
    // Every stored log at once (ticket id → log), for whole-cache work (SLA recompute, metrics).
    QHash<QString, QList<TicketEvent>> allHistories() const;

    // The SLA configuration from the synced calendars, policies and groups (reloaded when they change).
    const TicketSlaState &slaState() const;
    // The same configuration as documents, with the pending replies: for a worker thread (PagePipeline).
    SlaInputs slaInputs() const;
    // Re-derives every ticket's SLA snapshot (after the configuration changed); emits the tickets' reset().
    bool recomputeSla();
    // Once per change of the SLA rules themselves (kSlaRulesRevision): a cache written by an older
    // Triage re-derives its stored snapshots. Cheap when nothing changed (one meta read).
    bool upgradeSlaSnapshots();

    // For the other rooms' writes, inside a transaction the caller holds.
    bool writeHistory(const QHash<QString, QList<TicketEvent>> &history,
        const QHash<QString, QByteArray> &historyJson = {});
    // Fills each ticket's `sla`. `readStored`: tickets missing from `history` use their stored log
    // (false in bulk loads: none yet).
    void fillSla(QList<Ticket> &tickets, const QHash<QString, QList<TicketEvent>> *history,
        bool readStored = true) const;
    // The SLA configuration changed: slaState() reloads on next use.
    void reloadSlaState();

private:
    QHash<QString, PendingSla> pendingSla() const;

    mutable std::unique_ptr<TicketSlaState> m_sla; // loaded on first use
};

} // namespace triage
