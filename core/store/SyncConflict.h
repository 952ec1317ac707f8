#pragma once

#include <QJsonObject>
#include <QString>

namespace triage {

// A change the server did not apply as sent: kept with the agent's full mutation until decided.
struct SyncConflict {
    QString id;
    QString outboxId; // the mutation id
    QString entityId; // ticket id
    QString status; // conflict | held | rejected | diverged
    QJsonObject mutation;
    QJsonObject result; // the server's per-mutation result (problem, conflicts, current ticket)
    qint64 createdAt = 0;
};

} // namespace triage
