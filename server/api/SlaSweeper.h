#pragma once

#include "storage/Database.h"

#include <QObject>
#include <QTimer>

namespace triage::server {

// Notices SLA breaches nobody read: every `intervalMs` it evaluates the open tickets (and those
// written since the last sweep) with TicketSla and records new breaches in `sla_breaches`. Runs on
// the thread that owns it (its own database connection). TRIAGE_SLA_SWEEP_MS sets the interval
// (default 60 s; 0 disables).
class SlaSweeper : public QObject
{
    Q_OBJECT

public:
    explicit SlaSweeper(Database &db, int intervalMs, QObject *parent = nullptr);
    static int intervalFromEnvironment();

    // One pass at `now`; returns how many breaches were new. Storage errors are logged, not thrown.
    int sweep(qint64 now);

private:
    Database &m_db;
    QTimer m_timer;
    qint64 m_lastSweep = 0;
};

} // namespace triage::server
