#pragma once

#include "metrics/LiveMetrics.h"
#include "metrics/MetricsStore.h"
#include "storage/Database.h"
#include "storage/HistoryReader.h"

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
    explicit MetricsService(Database &db)
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

    // The calendar and policy the metrics use: the first calendar and SLA policy documents (by id),
    // else 24x7 UTC with the console's default resolution targets (4 h, 8 h, 24 h, 72 h).
    // `calendarJson`/`policyJson` get the documents used (empty calendar = 24x7 UTC).
    static void configure(const QList<QJsonObject> &calendars, const QList<QJsonObject> &policies,
        BusinessCalendar *calendar, SlaPolicy *policy, QJsonObject *calendarJson, QJsonObject *policyJson);
    static QJsonObject defaultPolicyJson();
    // The configuration in use (only valid inside run()).
    const QJsonObject &calendarJson() const { return m_calendarJson; }
    const QJsonObject &policyJson() const { return m_policyJson; }
    // Group name → calendar document of the groups that have their own calendar (TicketSla's
    // calendarFor): their tickets' business time and SLA timers use it.
    const QJsonObject &groupCalendarsJson() const { return m_groupCalendarsJson; }

private:
    void ensureCurrent();
    void rebuild(const QString &configVersion);

    Database &m_db;
    QMutex m_mutex;
    std::unique_ptr<MetricsStore> m_store;
    std::unique_ptr<LiveMetrics> m_live;
    std::unique_ptr<HistoryReader> m_reader;
    QString m_configVersion;
    QJsonObject m_calendarJson, m_policyJson, m_groupCalendarsJson;
    qint64 m_seq = -1;
    Stats m_stats;
};

} // namespace triage::server
