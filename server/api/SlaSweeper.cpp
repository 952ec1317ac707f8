#include "SlaSweeper.h"

#include "TicketSla.h"
#include "domain/Time.h"
#include "storage/SlaBreachStore.h"

#include <QJsonDocument>

namespace triage::server {

SlaSweeper::SlaSweeper(Database &db, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    if (intervalMs <= 0)
        return;
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { sweep(nowMs()); });
    m_timer.start();
}

int SlaSweeper::intervalFromEnvironment()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("TRIAGE_SLA_SWEEP_MS", &ok);
    return ok && ms >= 0 ? ms : 60'000;
}

int SlaSweeper::sweep(qint64 now)
{
    int added = 0;
    try {
        // Stopped tickets are final once evaluated after their last write.
        std::vector<Ticket> tickets;
        {
            Sql q(m_db,
                u"SELECT data FROM tickets WHERE deleted = 0 AND (status NOT IN ('resolved', 'closed')"
                " OR updated_at >= ?)"_qs);
            q.bind(m_lastSweep).exec();
            while (q.next()) {
                if (auto t
                    = Ticket::fromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object(), nullptr))
                    tickets.push_back(std::move(*t));
            }
        }
        TicketSla sla(m_db);
        SlaBreachStore store(m_db);
        for (const Ticket &t : tickets)
            added += store.record(t.id, sla.timers(t, now), now);
        m_lastSweep = now;
    } catch (const DbError &e) {
        m_db.dropThreadConnection();
        qCWarning(lcSla, "SLA sweep failed: %s", e.what());
    }
    return added;
}

} // namespace triage::server
