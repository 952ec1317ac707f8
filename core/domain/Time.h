#pragma once

#include <QString>

namespace triage {

// Wire form of instants: ISO 8601 in UTC with milliseconds, e.g. 2026-03-02T07:00:00.000Z.
QString isoUtc(qint64 msecsSinceEpoch);
qint64 nowMs();

} // namespace triage
