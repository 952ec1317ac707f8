#pragma once

#include "ServerDatabase.h"
#include "metrics/HistoryAssembler.h"
#include "metrics/TicketHistory.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace triage {
class MetricsStore;
}

namespace triage::server {

// Reads `ticket_history` rows (HistoryLog), ticket rows and comments, and turns them into
// core/metrics event logs through HistoryAssembler (the code the console cache uses too).
class HistoryReader
{
public:
    explicit HistoryReader(ServerDatabase &db)
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

    struct TicketRow : HistoryAssembler::Row {
        bool deleted = false;
        qint64 seq = 0;
    };
    using CommentRow = HistoryAssembler::CommentRow;

private:
    TicketRow ticketRow(const Sql &q) const;
    HistoryAssembler assembler() const;

    ServerDatabase &m_db;
    QHash<QString, QString> m_userNames;
    QSet<QString> m_staff;
    QHash<QString, QString> m_groupNames;
};

} // namespace triage::server
