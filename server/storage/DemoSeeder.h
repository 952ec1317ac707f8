#pragma once

#include "ServerDatabase.h"

#include <QString>

namespace triage::server {

// `triaged serve --demo`: seeds the demo organisation (core/demo/DemoGenerator) once per database,
// every account with `password`. Returns the number of tickets written (0 when already seeded).
// `withSla`: also the demo calendars and SLA policies (DemoSla; TRIAGE_DEMO_SLA=0 leaves them out).
qint64 seedDemo(ServerDatabase &db, const QString &password, qint64 ticketCount, bool withSla = true);

} // namespace triage::server
