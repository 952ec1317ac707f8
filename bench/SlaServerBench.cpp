// triaged's SLA monitor (issue 5, server/api/SlaSweeper) on SQLite with 100k open tickets: loading
// and scheduling every ticket from the database at start, and scheduler ticks one simulated
// minute apart, each firing what is due with the database work it implies (re-evaluating the
// ticket, breach records, notify-lead escalations written as internal notes).
#include "Bench.h"
#include "api/SlaSweeper.h"
#include "demo/DemoGenerator.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "storage/DirectoryStore.h"
#include "storage/ServerTicketStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <cstdio>

using namespace triage;
using namespace triage::bench;
using namespace triage::server;

namespace {

constexpr qint64 kMin = 60'000;

void seed(ServerDatabase &db, int n, qint64 now)
{
    WriteTx tx(db);
    qint64 seq = tx.bumpHead(n + 3);
    DirectoryStore dir(db);
    User lead;
    lead.id = DemoGenerator::stableId(u"bench-user"_qs, 0);
    lead.username = u"lead"_qs;
    lead.displayName = u"Lead"_qs;
    lead.role = UserRole::Lead;
    Group g;
    g.id = DemoGenerator::stableId(u"bench-group"_qs, 0);
    g.name = u"IT"_qs;
    g.leadId = lead.id;
    lead.groupIds << g.id;
    dir.upsertUser(lead, QString(), seq++);
    dir.upsertGroup(g, seq++);
    const QJsonObject targets {{u"first_response"_qs, 240}, {u"resolution"_qs, 2880}};
    dir.upsertConfigDoc(u"sla_policy"_qs,
        QJsonObject {{u"id"_qs, DemoGenerator::stableId(u"bench-policy"_qs, 0)}, {u"name"_qs, u"Bench"_qs},
            {u"policy"_qs,
                QJsonObject {{u"targets"_qs, targets}, {u"warn_at_percent"_qs, QJsonArray {75, 90}},
                    {u"escalations"_qs,
                        QJsonArray {QJsonObject {{u"percent"_qs, 90}, {u"action"_qs, u"notify_lead"_qs}}}}}}},
        seq++);
    QRandomGenerator rng(11);
    ServerTicketStore store(db);
    for (int i = 0; i < n; ++i) {
        Ticket t;
        t.id = newId();
        t.number = 1000 + i;
        t.title = u"Bench ticket %1"_qs.arg(i);
        t.groupId = g.id;
        t.requesterId = lead.id;
        t.priority = Priority(rng.bounded(4));
        t.status = rng.bounded(3) ? TicketStatus::New : TicketStatus::InProgress;
        t.createdAt = now - qint64(rng.bounded(3 * 1440)) * kMin; // the last three days: timers running
        t.updatedAt = t.createdAt;
        t.version = 1;
        store.insert(t, seq++);
    }
    tx.commit();
}

void monitor(const Options &opts)
{
    const int n = std::max(200, int(100'000 * opts.scale));
    const QString dir = opts.workDir + u"/sla-monitor"_qs;
    QDir(dir).removeRecursively();
    QString error;
    auto db = ServerDatabase::open(dir, QString(), &error);
    if (!db) {
        std::fprintf(stderr, "sla.monitor: %s\n", qPrintable(error));
        return;
    }
    ManualClock simNow(nowMs());
    seed(*db, n, simNow.nowMs());
    QLoggingCategory::setFilterRules(u"triage.sla.info=false"_qs); // one line per escalation otherwise

    SlaSweeper::Options o;
    o.clock = &simNow;
    o.batch = 1000;
    SlaSweeper sweeper(*db, nullptr, o);
    int fired = 0;
    int escalated = 0;
    QObject::connect(&sweeper, &SlaSweeper::fired, &sweeper, [&](int transitions, int escalations) {
        fired += transitions;
        escalated += escalations;
    });
    QElapsedTimer t;
    t.start();
    sweeper.resyncAll();
    sweeper.drainBacklog();
    const double loadMs = double(t.nsecsElapsed()) / 1e6;
    const size_t pending = sweeper.scheduler().pendingCount();
    report(u"sla.monitor_load_100k"_qs, n, loadMs, u"ms"_qs, 60'000 * opts.scale);

    // The first wake-up after the load catches up on the levels reached within the last hour
    // (TRIAGE_SLA_CATCH_UP_MS) and creates the SLA system user: measured on its own.
    QElapsedTimer first;
    first.start();
    sweeper.tick();
    const double catchUpMs = double(first.nsecsElapsed()) / 1e6;
    const int caughtUp = fired;
    // Then four simulated hours, one tick a minute: each hands out what is due and acts on it.
    std::vector<double> tickMs;
    for (int i = 0; i < 240; ++i) {
        simNow.advance(kMin);
        QElapsedTimer tick;
        tick.start();
        sweeper.tick();
        tickMs.push_back(double(tick.nsecsElapsed()) / 1e6);
    }
    std::fprintf(stderr,
        "sla.monitor: %d tickets, %zu pending after load, catch-up tick fired %d in %.1f ms; then %d fired,"
        " %d escalations in 240 ticks\n",
        n, pending, caughtUp, catchUpMs, fired - caughtUp, escalated);
    if (fired == 0)
        std::fprintf(stderr, "sla.monitor: nothing fired\n");
    report(u"sla.monitor_tick_100k_median"_qs, n, median(tickMs), u"ms"_qs, 8);
    report(u"sla.monitor_tick_100k_p95"_qs, n, percentile(tickMs, 95), u"ms"_qs, 8);
    report(u"sla.monitor_tick_100k_max"_qs, n, *std::max_element(tickMs.begin(), tickMs.end()), u"ms"_qs, 50);
    db.reset();
}

} // namespace

TRIAGE_BENCH("sla.monitor", monitor);
