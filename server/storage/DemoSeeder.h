#pragma once

#include "Database.h"

#include <QString>

namespace triage::server {

// `triaged serve --demo`: seeds the demo organisation (core/demo/DemoGenerator) once per database,
// every account with `password`. Returns the number of tickets written (0 when already seeded).
qint64 seedDemo(Database &db, const QString &password, qint64 ticketCount);

} // namespace triage::server
