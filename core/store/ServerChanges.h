#pragma once

#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "domain/TicketEvent.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace triage {

// One page of server state to apply atomically, with the cursor that follows it (SyncWriter).
struct ServerChanges {
    QList<Ticket> tickets; // already rebased over pending local intents
    QStringList removedTickets;
    QList<Comment> comments;
    QStringList removedComments;
    QList<QPair<QString, QJsonObject>> entities; // (kind, wire JSON)
    QList<QPair<QString, QString>> removedEntities; // (kind, id)
    QMap<QString, QString> meta; // e.g. cursor
    // Ticket id → its whole event log as the server sent it (replaces the stored one).
    QHash<QString, QList<TicketEvent>> history;
    // The same logs' JSON arrays as the feed carried them, where the reader kept them: stored as they
    // are (a log missing here is written from `history`).
    QHash<QString, QByteArray> historyJson;
};

} // namespace triage
