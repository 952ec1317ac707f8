#pragma once

#include "domain/SlaSnapshot.h"

#include <QByteArrayView>
#include <QtGlobal>

namespace triage {

// One ticket's list columns straight from SQLite (TicketRepository::forEachTicketListRow): what the
// console's queue and board keep in memory. Text is UTF-8 and valid only during the callback; no
// QString or Ticket is built, so 100k rows cost little more than the SQLite scan itself.
struct TicketListRow {
    QByteArrayView id;
    QByteArrayView title;
    QByteArrayView requesterId; // empty when none
    QByteArrayView assigneeId;
    QByteArrayView groupId;
    qint64 number = 0; // 0 while the server has not numbered it
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    double rank = 0;
    int type = 0; // TicketType, TicketStatus, Priority as stored
    int status = 0;
    int priority = 0;
    SlaSnapshot sla; // as stored (core/sla/TicketSlaState)
};

} // namespace triage
