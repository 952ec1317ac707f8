#pragma once

#include "store/OutboxEntry.h"
#include "store/ServerChanges.h"

#include <QByteArrayView>
#include <QHash>
#include <QJsonArray>

namespace triage {

using PendingByTicket = QHash<QString, QList<OutboxEntry>>;

// The envelope of a GET /changes page (everything but `changes`).
struct FeedEnvelope {
    QString nextCursor;
    bool hasMore = false;
    QJsonArray recentResults;
    qint64 lastProcessedSeq = 0;
};

// Reads a whole GET /changes page in one pass over its UTF-8 bytes, straight into a store page
// (no QJsonDocument, no QJsonObject per row): the initial sync's parser. It produces exactly what
// decodeFeedPage (PagePipeline.h) makes of the same page, but it only knows the well-formed feed:
// at the first thing it does not expect (invalid JSON or UTF-8, a wrong JSON type, an unknown
// enum value, an instant in another form, a row the strict parser would have to judge) it
// returns false, and the caller decodes the page again through QJsonDocument and decodeFeedPage,
// which reads it or skips the unreadable rows with their reasons. Unknown keys are skipped.
bool readFeedPage(QByteArrayView body, const PendingByTicket &pending, const QString &cursorKey,
    ServerChanges *out, FeedEnvelope *envelope);

// The page's `next_cursor` and `has_more` only, found by the JSON structure alone (strings and
// brackets; nothing decoded, nothing validated) in a fraction of a full read, so the next page
// can be requested before this one is read. False when either is missing or not plain (a string
// with escapes, null); readFeedPage's answer is the one that counts.
bool skimFeedEnvelope(QByteArrayView body, QString *nextCursor, bool *hasMore);

} // namespace triage
