// Routing (issue 18): one routing decision over a 200-agent group with a roster, for each strategy,
// as triaged makes it on every new or re-routed ticket. p95 of single decisions, in milliseconds.
#include "Bench.h"
#include "routing/Roster.h"
#include "routing/Router.h"
#include "sla/BusinessCalendar.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>

using namespace triage;
using namespace triage::bench;

namespace {

constexpr int kAgents = 200;

QString idOf(int i)
{
    return u"00000000-0000-7000-8000-%1"_qs.arg(i, 12, 10, QChar(u'0'));
}

void decisions(const Options &opts)
{
    QRandomGenerator rng(18);
    QString error;
    const BusinessCalendar cal = *BusinessCalendar::fromJson(
        QJsonDocument::fromJson(R"({"timezone": "Europe/Moscow", "holidays": ["2026-03-09"]})").object(),
        &error);
    const QStringList skills {u"network"_qs, u"hardware"_qs, u"mac"_qs, u"1c"_qs, u"vpn"_qs, u"printers"_qs};
    const QStringList zones {
        u"Europe/Moscow"_qs, u"Asia/Novosibirsk"_qs, u"Asia/Vladivostok"_qs, u"Europe/Berlin"_qs};

    std::vector<RoutingAgent> agents;
    Roster roster;
    roster.groupId = idOf(9999);
    for (int i = 0; i < kAgents; ++i) {
        RoutingAgent a;
        a.id = idOf(i + 1);
        a.name = u"Agent %1"_qs.arg(i);
        a.presence.state = rng.bounded(10) == 0 ? Presence::Away : Presence::Available;
        a.openLoad = rng.bounded(12);
        a.profile.capacity = rng.bounded(4) == 0 ? 0 : 10;
        a.profile.timeZone = zones.at(rng.bounded(int(zones.size())));
        a.profile.languages = {u"ru"_qs};
        for (const QString &s : skills) {
            if (rng.bounded(3) == 0)
                a.skills << s;
        }
        agents.push_back(a);
        // Two teams on alternating 12-hour shifts, a few on call around the clock.
        roster.weekly.push_back(
            {a.id, 0x7f, i % 2 ? 9 * 60 : 21 * 60, i % 2 ? 21 * 60 : 9 * 60, i % 25 == 0, true});
    }

    const int n = std::max(50, int(20'000 * opts.scale));
    std::vector<double> all;
    for (int s = 0; s < 5; ++s) {
        GroupRouting config;
        config.groupId = roster.groupId;
        config.strategy = RoutingStrategy(s);
        config.skillMap = {{u"tag:vpn"_qs, {u"vpn"_qs, u"network"_qs}}, {u"tag:mac"_qs, {u"mac"_qs}}};
        config.maxOffsetMinutes = 240;
        QString position;
        std::vector<double> ms;
        ms.reserve(size_t(n));
        qint64 now = QDateTime::fromString(u"2026-03-02T08:00:00Z"_qs, Qt::ISODate).toMSecsSinceEpoch();
        for (int t = 0; t < n; ++t) {
            RoutingTicket ticket;
            ticket.id = idOf(100000 + t);
            ticket.priority = Priority(rng.bounded(4));
            ticket.tags = rng.bounded(2) ? QStringList {u"vpn"_qs} : QStringList {u"mac"_qs};
            ticket.requesterTimeZone = zones.at(rng.bounded(int(zones.size())));
            now += 7 * 60'000; // tickets arrive through the day and night: shifts change hands
            RoutingInput in;
            in.config = &config;
            in.agents = &agents;
            in.roster = &roster;
            in.calendar = &cal;
            in.lastPosition = position;
            in.nowMs = now;
            QElapsedTimer timer;
            timer.start();
            const RoutingDecision d = Router::route(ticket, in);
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            position = d.position;
        }
        report(u"routing.decision."_qs + toWire(config.strategy) + u"_p95"_qs, n, percentile(ms, 95),
            u"ms"_qs, 1.0);
        all.insert(all.end(), ms.begin(), ms.end());
    }
    report(u"routing.decision_p95"_qs, qint64(all.size()), percentile(all, 95), u"ms"_qs, 1.0);
}

} // namespace

TRIAGE_BENCH("routing.decision", decisions);
