#pragma once

#include "storage/ServerDatabase.h"

#include <QObject>
#include <QTimer>

namespace triage::server {

class EventHub;

// Fires due time rules (docs/automation.md "Time rules"): every `intervalMs` (TRIAGE_RULE_SWEEP_MS,
// default 60 s; 0 disables it) and when the test clock moves, each ticket not closed is asked
// RuleEngine::sweep; a due, unfired rule is carried out through TicketService::runTimeRules in
// its own write transaction, its firing key stored with the changes (once per state entry, also
// across instances). Lives on the main thread and uses its database connection.
class RuleSweeper : public QObject
{
    Q_OBJECT

public:
    RuleSweeper(ServerDatabase &db, EventHub *hub, int intervalMs, QObject *parent = nullptr);
    static int intervalFromEnvironment();

    void start();
    // One pass at the clock's now; returns how many tickets had a time rule fire.
    int sweep();

private:
    ServerDatabase &m_db;
    EventHub *m_hub;
    int m_intervalMs;
    QTimer m_timer;
};

} // namespace triage::server
