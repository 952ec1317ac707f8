#pragma once

#include "TicketHistory.h"
#include "domain/TicketEvent.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace triage {

class MetricsStore;

// Turns a ticket's logged events (TicketEvent: the server's `ticket_history` rows, or the console
// cache's synced copy) into the metrics' event log. One implementation for triaged
// (server/storage/HistoryReader) and the console cache (CacheHistory), so both compute the same
// numbers. Agents are named by username and groups by name, interned into the MetricsStore.
// Tickets without a `created` row (seeded, or created before the log existed) get their start
// reconstructed from the ticket's values: created as `new` with the values the first logged change
// of each field replaced (else the current ones), comments older than the first logged row as
// replies, and the status and rating not explained by logged rows at the last of those instants
// (docs/server.md, "Reports").
class HistoryAssembler
{
public:
    // The ticket's current values.
    struct Row {
        QString id;
        QString title, category;
        TicketType type = TicketType::Incident;
        Channel channel = Channel::Api;
        TicketStatus status = TicketStatus::New;
        Priority priority = Priority::Normal;
        QString groupId, assigneeId;
        std::optional<int> rating;
        qint64 createdAt = 0, updatedAt = 0;
    };
    struct CommentRow {
        qint64 at = 0;
        QString authorId;
        bool isPublic = true;
    };

    std::function<QString(const QString &)> userName; // id → username (the id when unknown)
    std::function<QString(const QString &)> groupName; // id → name
    std::function<bool(const QString &)> isStaff; // comment authors

    // `log` in any order; `comments` in time order (only used without a `created` row).
    TicketHistory assemble(const Row &row, const QList<TicketEvent> &log,
        const std::vector<CommentRow> &comments, MetricsStore &store) const;
    // True when the log says the ticket was deleted.
    static bool isDeleted(const QList<TicketEvent> &log);
};

} // namespace triage
