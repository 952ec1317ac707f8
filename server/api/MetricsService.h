#pragma once

#include "metrics/LiveMetrics.h"
#include "metrics/MetricsStore.h"
#include "storage/HistoryReader.h"
#include "storage/ServerDatabase.h"

#include <QMutex>

#include <functional>
#include <memory>

namespace triage::server {

// The server's copy of the metrics input: a MetricsStore built from `ticket_history`
// (HistoryReader) and a LiveMetrics over it for the wall. Brought up to date on each use by
// re-reading the tickets whose row moved past the last seen change sequence — so writes by other
// instances on one PostgreSQL count too. Rebuilt when users, groups or the SLA configuration
// change. One lock: reports and wall ticks are serialised (the store is not thread-safe).
class MetricsService
{
public:
    explicit MetricsService(ServerDatabase &db)
        : m_db(db)
    { }

    using Work = std::function<void(MetricsStore &store, LiveMetrics &live, HistoryReader &names)>;
    // Runs `work` on the current data, under the lock. Throws DbError like any storage call.
    void run(const Work &work);
    // Builds the store now (triaged serve calls it in the background at start).
    void warmUp();

    struct Stats {
        qint64 tickets = 0;
        qint64 seq = 0;
        double lastBuildMs = 0;
        int lastCatchUpTickets = 0;
    };
    Stats stats();

    // The configuration in use (core/metrics/MetricsConfig; only valid inside run()): the report
    // calendar document (empty = 24x7 UTC), the stored SLA policy documents that parse (each ticket
    // is measured against the one SlaPolicySet selects for it, as its `sla` object is), group name →
    // id (what `applies_to.groups` names), and group name → calendar document of the groups that
    // have their own calendar (TicketSla's calendarFor).
    const QJsonObject &calendarJson() const { return m_calendarJson; }
    const QList<QJsonObject> &policyDocs() const { return m_policyDocs; }
    const QJsonObject &groupIdsJson() const { return m_groupIdsJson; }
    const QJsonObject &groupCalendarsJson() const { return m_groupCalendarsJson; }

private:
    void ensureCurrent();
    void rebuild(const QString &configVersion);

    ServerDatabase &m_db;
    QMutex m_mutex;
    std::unique_ptr<MetricsStore> m_store;
    std::unique_ptr<LiveMetrics> m_live;
    std::unique_ptr<HistoryReader> m_reader;
    QString m_configVersion;
    QJsonObject m_calendarJson, m_groupIdsJson, m_groupCalendarsJson;
    QList<QJsonObject> m_policyDocs;
    qint64 m_seq = -1;
    Stats m_stats;
};

} // namespace triage::server
