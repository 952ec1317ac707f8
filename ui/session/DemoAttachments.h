#pragma once

#include <QString>

namespace triage {

class LocalCache;

// Files for the demo cache (`--demo-cache`): a mail reply of each email ticket's requester carries a
// screenshot (PNG, drawn here) and a log, already in the profile's `attachments` directory as if
// downloaded, so the conversation shows thumbnails offline. Staged data for screenshots and trials.
bool addDemoAttachments(LocalCache *store, const QString &directory, QString *error);

} // namespace triage
