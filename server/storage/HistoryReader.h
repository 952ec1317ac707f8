#pragma once

#include "Database.h"
#include "metrics/TicketHistory.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace triage {
class MetricsStore;
}

namespace triage::server {

// Turns `ticket_history` rows (HistoryLog) into core/metrics event logs. Agents are named by
// username and groups by name, interned into the MetricsStore. Tickets without a `created` row
// (seeded, or created before the log existed) get their start reconstructed from the ticket row:
// created as `new` with the values the first logged change of each field replaced (else the
// current ones), comments older than the first logged row as replies, and the status and rating
// not explained by logged rows at the last of those instants (docs/server.md, "Reports").
class HistoryReader
{
public:
    explicit HistoryReader(Database &db)
        : m_db(db)
    { }

    // Users (username, staff or not) and group names; call before reading tickets.
    void loadDirectory();
    // Every ticket, deleted ones as an empty log. `sink(history, deleted, seq)`.
    using Sink = std::function<void(TicketHistory &&, bool deleted)>;
    void readAll(MetricsStore &store, const Sink &sink);
    // Tickets whose row changed after `afterSeq` (every ticket write moves its row's seq); returns
    // the highest seq seen (or `afterSeq`).
    qint64 readChanged(qint64 afterSeq, MetricsStore &store, const Sink &sink, int *count = nullptr);
    // A cheap fingerprint of users, groups and SLA configuration: changes when any of them does.
    QString configVersion();

    QString userName(const QString &id) const { return m_userNames.value(id, id); }
    QString groupName(const QString &id) const { return m_groupNames.value(id, id); }

    struct TicketRow {
        QString id;
        QString title, category;
        TicketType type = TicketType::Incident;
        Channel channel = Channel::Api;
        TicketStatus status = TicketStatus::New;
        Priority priority = Priority::Normal;
        QString groupId, assigneeId;
        std::optional<int> rating;
        qint64 createdAt = 0, updatedAt = 0;
        bool deleted = false;
        qint64 seq = 0;
    };
    struct LogRow {
        qint64 at = 0;
        QString field, oldValue, newValue;
    };
    struct CommentRow {
        qint64 at = 0;
        QString authorId;
        bool isPublic = true;
    };

private:
    TicketRow ticketRow(const Sql &q) const;
    TicketHistory assemble(const TicketRow &row, std::vector<LogRow> &log,
        const std::vector<CommentRow> &comments, MetricsStore &store) const;

    Database &m_db;
    QHash<QString, QString> m_userNames;
    QSet<QString> m_staff;
    QHash<QString, QString> m_groupNames;
};

} // namespace triage::server
