#pragma once

#include <QJsonObject>
#include <QString>

namespace triage {

// A local change waiting for the server. Written in the same transaction as the edit it carries.
struct OutboxEntry {
    qint64 seq = 0; // local order, strictly increasing
    QString id; // mutation UUID
    QString type; // "ticket.create", "ticket.update", "comment.create", …
    QString entityId;
    QJsonObject payload;
    qint64 createdAt = 0;
    QString state = u"pending"_qs;
};

} // namespace triage
