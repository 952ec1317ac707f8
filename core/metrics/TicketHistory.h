#pragma once

#include "domain/Enums.h"
#include "sla/SlaEvent.h"

#include <QString>

#include <vector>

namespace triage {

// One entry of a ticket's immutable event log as the metrics see it. Compact (16 bytes) because a
// wall keeps a million tickets' logs in memory: agent and group names are indexes into the
// owning HistorySet's name tables (-1 = none).
struct MetricEvent {
    enum class Kind : quint8 { Created, Status, Reply, Priority, Assign, Group, Rating };

    qint64 at = 0; // UTC ms
    Kind kind = Kind::Created;
    TicketStatus status = TicketStatus::New; // Created (initial), Status (new status)
    Priority priority = Priority::Normal; // Created, Priority
    bool fromAgent = false; // Reply
    bool isPublic = true; // Reply; internal notes are not contact
    qint8 rating = 0; // Rating, 1..5
    qint16 group = -1; // Created, Group
    qint32 assignee = -1; // Created, Assign

    static MetricEvent created(
        qint64 at, Priority p, int group = -1, int assignee = -1, TicketStatus s = TicketStatus::New);
    static MetricEvent statusChange(qint64 at, TicketStatus to);
    static MetricEvent reply(qint64 at, bool fromAgent, bool isPublic = true);
    static MetricEvent priorityChange(qint64 at, Priority to);
    static MetricEvent assign(qint64 at, int assignee);
    static MetricEvent groupChange(qint64 at, int group);
    static MetricEvent rated(qint64 at, int rating);
};

// The metrics replay SLA timers from their own compact log: this is its one conversion to the SLA
// engine's input. Created, Status, Reply and Priority map one to one; Assign, Group and Rating
// mean nothing to SLA timers (nullopt).
std::optional<SlaEvent> slaEventOf(const MetricEvent &event);

// What MetricsStore keeps of a ticket: its immutable attributes plus its event log (time order,
// `created` first).
struct TicketLog {
    QString id;
    QString category; // free label (e.g. the first tag); part of the recurring-issue key (interned)
    TicketType type = TicketType::Incident;
    Channel channel = Channel::Api;
    std::vector<MetricEvent> events;
    quint64 textKey = 0; // normalised stem set of the title, filled by MetricsStore::addTicket

    qint64 createdAt() const { return events.empty() ? 0 : events.front().at; }
    qint64 lastEventAt() const { return events.empty() ? 0 : events.back().at; }
};

// A ticket as read (HistoryAssembler, history files, the generator): its log plus its text.
// MetricsStore::addTicket turns the title into `textKey` and keeps only the TicketLog, so a
// million stored tickets do not carry two empty strings each.
struct TicketHistory : TicketLog {
    TicketHistory() = default;
    explicit TicketHistory(TicketLog log)
        : TicketLog(std::move(log))
    { }

    QString title; // the text recurring issues are grouped by
    QString description; // not used by the metrics yet
};

} // namespace triage
