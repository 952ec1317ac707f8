#include "MetricsService.h"

#include "domain/Time.h"
#include "storage/DirectoryStore.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <cstdio>

namespace triage::server {

QJsonObject MetricsService::defaultPolicyJson()
{
    const auto res = [](int minutes) { return QJsonObject {{u"resolution"_qs, minutes}}; };
    return QJsonObject {{u"targets_by_priority"_qs,
                            QJsonObject {{u"critical"_qs, res(4 * 60)}, {u"high"_qs, res(8 * 60)},
                                {u"normal"_qs, res(24 * 60)}, {u"low"_qs, res(72 * 60)}}},
        {u"warn_at_percent"_qs, QJsonArray {75, 90}}};
}

void MetricsService::configure(const QList<QJsonObject> &calendars, const QList<QJsonObject> &policies,
    BusinessCalendar *calendar, SlaPolicy *policy, QJsonObject *calendarJson, QJsonObject *policyJson)
{
    *calendar = BusinessCalendar();
    *calendarJson = {};
    for (const QJsonObject &doc : calendars) {
        if (auto c = BusinessCalendar::fromJson(doc.value(u"calendar"_qs), nullptr)) {
            *calendar = std::move(*c);
            *calendarJson = doc.value(u"calendar"_qs).toObject();
            break;
        }
    }
    *policyJson = defaultPolicyJson();
    for (const QJsonObject &doc : policies) {
        if (SlaPolicy::fromJson(doc.value(u"policy"_qs), nullptr)) {
            *policyJson = doc.value(u"policy"_qs).toObject();
            break;
        }
    }
    *policy = SlaPolicy::fromJson(*policyJson, nullptr).value_or(SlaPolicy());
}

void MetricsService::rebuild(const QString &configVersion)
{
    QElapsedTimer clock;
    clock.start();
    BusinessCalendar calendar;
    SlaPolicy policy;
    {
        DirectoryStore dir(m_db);
        configure(dir.configDocs(u"calendar"_qs), dir.configDocs(u"sla_policy"_qs), &calendar, &policy,
            &m_calendarJson, &m_policyJson);
    }
    m_live.reset();
    m_store = std::make_unique<MetricsStore>(std::move(calendar), std::move(policy));
    m_groupCalendarsJson = {};
    {
        // Before any ticket is added: setting a group calendar later recomputes every ticket.
        DirectoryStore dir(m_db);
        for (const Group &g : dir.groups()) {
            if (g.calendarId.isEmpty())
                continue;
            const auto doc = dir.configDoc(u"calendar"_qs, g.calendarId);
            if (!doc)
                continue;
            if (auto c = BusinessCalendar::fromJson(doc->value(u"calendar"_qs), nullptr)) {
                m_store->setGroupCalendar(g.name, std::move(*c));
                m_groupCalendarsJson.insert(g.name, doc->value(u"calendar"_qs));
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
