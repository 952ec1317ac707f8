#pragma once

#include "Principal.h"
#include "domain/Ticket.h"
#include "domain/Time.h"
#include "sla/SlaScheduleDriver.h"
#include "storage/ServerDatabase.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <memory>

namespace triage::server {

class EventHub;
class TicketSla;

// triaged's SLA monitor (docs/sla.md "Breaches and escalations"): one SlaScheduleDriver per
// process holds the upcoming breaches and escalation levels of every open ticket and wakes for
// the next one only. Tickets are (re)evaluated when they change (the change head moves: a local
// commit, another instance, the periodic head check), all of them when calendars, policies or
// groups change, and every `resyncMs` as a safety net. Firing re-evaluates the ticket,
// records breaches (SlaBreachStore) and executes escalation levels (SlaEscalationStore claims
// each once across instances; actions go through TicketService as the SLA system user). Lives on
// the main thread and uses its database connection.
class SlaSweeper : public QObject
{
    Q_OBJECT

public:
    struct Options {
        bool enabled = true;
        int resyncMs = 600'000; // full re-evaluation (TRIAGE_SLA_SWEEP_MS; 0 disables the monitor)
        qint64 catchUpMs = 3'600'000; // escalations older than this when first seen are not executed
        int batch = 200; // tickets evaluated per event-loop turn
        const Clock *clock = nullptr; // null: the process-wide clock (benchmarks inject one)
    };
    static Options optionsFromEnvironment();

    // The disabled admin account that authors escalation notes and changes (created on demand).
    static const QString kSystemUserId;
    static const QString kSystemUsername;

    SlaSweeper(ServerDatabase &db, EventHub *hub, Options options, QObject *parent = nullptr);
    ~SlaSweeper() override;

    // Loads every open ticket (in batches, so requests keep flowing) and starts listening.
    void start();
    // Re-evaluates what was written since the last look.
    void refresh();
    // Re-evaluates every open ticket with freshly loaded calendars and policies.
    void resyncAll();

    const SlaScheduler &scheduler() const { return m_driver.scheduler(); }
    bool isLoading() const { return !m_backlog.empty(); }
    // Evaluates the whole backlog now instead of batch by batch (benchmarks, tests).
    void drainBacklog();
    // One scheduler wake-up at the clock's now: fires what is due (benchmarks, tests).
    void tick() { m_driver.wake(); }
    // Catches up at once with what was written and what is due now (`triaged --test-clock` after
    // moving the clock): re-evaluates changed tickets, fires every due transition, and takes in the
    // changes the firing made itself.
    void settle();

Q_SIGNALS:
    // After each batch of fired transitions was handled (tests, diagnostics).
    void fired(int transitions, int escalations);

private:
    void enqueue(const QString &ticketId);
    void processBacklog();
    // Evaluates these tickets at `now` (deleted ones are left out) and records their breaches.
    QHash<QString, std::vector<SlaTimer>> evaluate(const QStringList &ids, qint64 now);
    // Replaces the ticket's upcoming transitions with those of `timers` (null: the ticket is gone).
    void schedule(const QString &ticketId, const std::vector<SlaTimer> *timers, qint64 now);
    void fire(const QList<SlaTransition> &due);
    bool escalate(const QString &ticketId, const SlaTransition &level, qint64 now);
    void ensureSystemUser();
    qint64 now() const { return nowBy(m_options.clock); }

    ServerDatabase &m_db;
    EventHub *m_hub;
    Options m_options;
    SlaScheduleDriver m_driver;
    std::unique_ptr<TicketSla> m_sla;
    QTimer m_resyncTimer;
    QTimer m_backlogTimer;
    std::deque<QString> m_backlog;
    QSet<QString> m_queued;
    qint64 m_seenSeq = -1;
    bool m_systemUserReady = false;
    bool m_warningsWanted = false; // some agent linked Telegram (AgentAlerts): schedule warnings too
    qint64 m_linksCheckedAt = 0; // wall-clock ms of the last look for links (refresh)
};

} // namespace triage::server
