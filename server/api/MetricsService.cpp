#include "MetricsService.h"

#include "domain/Time.h"
#include "metrics/MetricsConfig.h"
#include "storage/DirectoryStore.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <cstdio>

namespace triage::server {

void MetricsService::rebuild(const QString &configVersion)
{
    QElapsedTimer clock;
    clock.start();
    MetricsConfig config;
    {
        DirectoryStore dir(m_db);
        config = MetricsConfig::fromDocs(dir.configDocs(u"calendar"_qs), dir.configDocs(u"sla_policy"_qs));
    }
    m_calendarJson = config.calendarJson;
    m_policyDocs = config.policyDocs;
    m_live.reset();
    m_store = std::make_unique<MetricsStore>(std::move(config.calendar), std::move(config.policies));
    m_groupIdsJson = {};
    m_groupCalendarsJson = {};
    {
        // Before any ticket is added: setting a group's id or calendar later recomputes every ticket.
        DirectoryStore dir(m_db);
        for (const Group &g : dir.groups()) {
            const QString name = g.name.isEmpty() ? g.id : g.name; // HistoryReader's group name
            m_store->setGroupId(name, g.id);
            m_groupIdsJson.insert(name, g.id);
            if (g.calendarId.isEmpty())
                continue;
            const auto doc = dir.configDoc(u"calendar"_qs, g.calendarId);
            if (!doc)
                continue;
            if (auto c = BusinessCalendar::fromJson(doc->value(u"calendar"_qs), nullptr)) {
                m_store->setGroupCalendar(name, std::move(*c));
                m_groupCalendarsJson.insert(name, doc->value(u"calendar"_qs));
            }
        }
    }
    m_reader = std::make_unique<HistoryReader>(m_db);
    m_reader->loadDirectory();
    // The head first: a change committed while we read is re-read by the next catch-up.
    const qint64 head = readHead(m_db);
    m_reader->readAll(*m_store, [this](TicketHistory &&h, bool deleted) {
        if (!deleted)
            m_store->addTicket(std::move(h));
    });
    m_live = std::make_unique<LiveMetrics>(*m_store, nowMs());
    m_seq = head;
    m_configVersion = configVersion;
    m_stats.lastBuildMs = double(clock.nsecsElapsed()) / 1e6;
    std::fprintf(stderr, "metrics: built from ticket_history: %lld tickets in %.0f ms\n",
        static_cast<long long>(m_store->size()), m_stats.lastBuildMs);
}

void MetricsService::ensureCurrent()
{
    HistoryReader probe(m_db);
    const QString version = m_reader ? m_reader->configVersion() : probe.configVersion();
    if (!m_store || version != m_configVersion) {
        rebuild(version);
        return;
    }
    int count = 0;
    m_seq = m_reader->readChanged(
        m_seq, *m_store,
        [this](TicketHistory &&h, bool deleted) {
            const qsizetype i = m_store->find(h.id);
            if (i >= 0)
                m_live->replace(i, deleted ? std::vector<MetricEvent>() : std::move(h.events));
            else if (!deleted && !h.events.empty())
                m_live->addTicket(h);
        },
        &count);
    m_stats.lastCatchUpTickets = count;
}

void MetricsService::run(const Work &work)
{
    QMutexLocker lock(&m_mutex);
    try {
        ensureCurrent();
    } catch (...) {
        m_store.reset(); // half-read: start over next time
        m_live.reset();
        m_seq = -1;
        throw;
    }
    m_live->advance(nowMs());
    work(*m_store, *m_live, *m_reader);
}

void MetricsService::warmUp()
{
    try {
        run([](MetricsStore &, LiveMetrics &, HistoryReader &) {});
    } catch (const DbError &e) {
        std::fprintf(stderr, "metrics: warm-up failed (retried on first use): %s\n", e.what());
    }
}

MetricsService::Stats MetricsService::stats()
{
    QMutexLocker lock(&m_mutex);
    m_stats.tickets = m_store ? m_store->size() : 0;
    m_stats.seq = m_seq;
    return m_stats;
}

} // namespace triage::server
