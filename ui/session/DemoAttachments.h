#pragma once

#include "domain/Comment.h"
#include "domain/Ticket.h"

#include <QList>
#include <QString>

namespace triage {

class LocalCache;

// Files for the demo cache (`--demo-cache`): a requester's mail reply carries a screenshot (PNG,
// drawn here) and a log, already in the profile's `attachments` directory as if
// downloaded, so the conversation shows thumbnails offline. Staged data for screenshots and trials.
// `replies`: the comments that get the two files (fillDemoCache picks them with
// isDemoAttachmentReply, the open tickets updated last, a bounded number).
bool addDemoAttachments(
    LocalCache *store, const QString &directory, const QList<Comment> &replies, QString *error);
// A requester's mail reply quoting the thread, on an open email ticket.
bool isDemoAttachmentReply(const Ticket &ticket, const Comment &comment);

} // namespace triage
