#include "PrometheusApi.h"

#include "ApiUtil.h"
#include "EventHub.h"
#include "http/RequestMetrics.h"
#include "storage/ChannelStore.h"
#include "storage/OutgoingStore.h"
#include "storage/ServerDatabase.h"

#include <QDateTime>

namespace triage::server {

namespace {

const qint64 g_startedMs = QDateTime::currentMSecsSinceEpoch();

void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

} // namespace

void PrometheusApi::registerRoutes(Router &router)
{
    router.add("GET", u"/metrics"_qs, true, [this](Call &c) { return metrics(c); });
}

HttpResponse PrometheusApi::metrics(Call &call)
{
    if (!call.principal.isAdmin())
        return forbidden(u"Only administrators' tokens can read the metrics."_qs);
    QByteArray out = requestMetrics::exposition();
    const double now = static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0;

    family(out, "triage_build_info", "gauge", "The running triaged's version.");
    out += "triage_build_info{version=\"" + promLabel(QString::fromLatin1(TRIAGE_VERSION)) + "\"} 1\n";
    family(out, "triage_process_start_time_seconds", "gauge", "When this triaged started (Unix time).");
    out += "triage_process_start_time_seconds " + QByteArray::number(double(g_startedMs) / 1000.0, 'f', 3)
        + '\n';
    family(out, "triage_change_feed_head", "gauge", "The change feed's newest sequence number.");
    out += "triage_change_feed_head " + QByteArray::number(readHead(*m_ctx.db)) + '\n';
    if (m_ctx.hub) {
        family(out, "triage_push_clients", "gauge", "Open push streams (/api/v1/events) on this instance.");
        out += "triage_push_clients " + QByteArray::number(m_ctx.hub->subscriberCount()) + '\n';
    }
    family(
        out, "triage_db_connections", "gauge", "Database connections this instance holds (one per thread).");
    out += "triage_db_connections " + QByteArray::number(m_ctx.db->liveConnections()) + '\n';

    ChannelStore channels(*m_ctx.db);
    OutgoingStore outgoing(*m_ctx.db);
    QByteArray queued, failed, up, age, processed;
    for (const ChannelRecord &c : channels.list()) {
        const QByteArray labels = "channel=\"" + promLabel(c.id) + "\",kind=\"" + promLabel(c.kind) + '"';
        const ChannelState s = channels.state(c.id);
        queued += "triage_outgoing_queued{" + labels + "} "
            + QByteArray::number(outgoing.countIn(c.id, OutgoingRecord::State::Queued)) + '\n';
        failed += "triage_outgoing_failed{" + labels + "} "
            + QByteArray::number(outgoing.countIn(c.id, OutgoingRecord::State::Failed)) + '\n';
        up += "triage_channel_up{" + labels + "} " + (s.lastError.isEmpty() && s.lastPollAt ? "1" : "0")
            + '\n';
        if (s.lastPollAt) {
            age += "triage_channel_last_poll_age_seconds{" + labels + "} "
                + QByteArray::number(std::max(0.0, now - double(*s.lastPollAt) / 1000.0), 'f', 3) + '\n';
        }
        processed
            += "triage_channel_processed_total{" + labels + "} " + QByteArray::number(s.processed) + '\n';
    }
    family(out, "triage_outgoing_queued", "gauge", "Messages waiting in the outgoing queue, per channel.");
    out += queued;
    family(out, "triage_outgoing_failed", "gauge", "Messages the outgoing queue gave up on, per channel.");
    out += failed;
    family(out, "triage_channel_up", "gauge", "1 when the channel's last poll succeeded, else 0.");
    out += up;
    family(
        out, "triage_channel_last_poll_age_seconds", "gauge", "Seconds since the channel was last polled.");
    out += age;
    family(out, "triage_channel_processed_total", "counter",
        "Messages the channel turned into tickets or comments.");
    out += processed;

    HttpResponse r;
    r.status = 200;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    r.body = out;
    return r;
}

} // namespace triage::server
