#pragma once

#include <QString>
#include <QUuid>

namespace triage {

// Time-ordered UUIDs (RFC 9562 version 7) that a client generates offline: sortable by creation,
// unique without coordination. Monotonic within one process even if the clock steps back.
QUuid createUuidV7();
QString newId(); // createUuidV7() without braces, the wire form

// Accepts only the canonical 36-character form; ids come from the network and the command line.
bool isValidId(QStringView s);

} // namespace triage
