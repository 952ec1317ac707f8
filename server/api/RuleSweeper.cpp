#include "RuleSweeper.h"

#include "EventHub.h"
#include "TicketRules.h"
#include "TicketService.h"
#include "domain/Time.h"
#include "storage/RuleStore.h"

#include <algorithm>

namespace triage::server {

RuleSweeper::RuleSweeper(ServerDatabase &db, EventHub *hub, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_hub(hub)
    , m_intervalMs(intervalMs)
{
    m_timer.setInterval(std::max(intervalMs, 1));
    connect(&m_timer, &QTimer::timeout, this, [this] { sweep(); });
}

int RuleSweeper::intervalFromEnvironment()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("TRIAGE_RULE_SWEEP_MS", &ok);
    return ok && ms >= 0 ? ms : 60'000;
}

void RuleSweeper::start()
{
    if (m_intervalMs > 0)
        m_timer.start();
}

int RuleSweeper::sweep()
{
    const auto rules = TicketRules::loadRules(m_db);
    if (std::none_of(rules->begin(), rules->end(),
            [](const Rule &r) { return r.enabled && r.kind == RuleKind::Time; }))
        return 0;
    const qint64 now = nowMs();
    TicketRules reader(m_db); // the due check reads only: no transaction
    ServerTicketStore tickets(m_db);
    int fired = 0;
    for (const QString &id : RuleStore(m_db).timeRuleCandidates()) {
        const auto stored = tickets.load(id, false);
        if (!stored || stored->deleted || !reader.timeRuleDue(stored->ticket, now))
            continue;
        WriteTx tx(m_db);
        TicketService service(m_db, tx); // outlives `o`: its deferred write calls back into it
        Outcome o = service.runTimeRules(id, now);
        o.applyWrites();
        tx.commit();
        if (o.changed) {
            ++fired;
            if (m_hub)
                m_hub->poke();
        }
    }
    return fired;
}

} // namespace triage::server
