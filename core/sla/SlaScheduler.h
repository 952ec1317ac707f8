#pragma once

#include "SlaEngine.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace triage {

// An upcoming (or fired) moment of one ticket's SLA: a warning, an escalation level or a breach.
struct SlaTransition {
    QString ticketId;
    SlaMetric metric = SlaMetric::Resolution;
    int cycle = 1;
    SlaMark::Kind kind = SlaMark::Kind::Breach;
    double percent = 100;
    double beforeMinutes = 0;
    EscalationAction action = EscalationAction::NotifyLead;
    qint64 at = 0;         // theoretical instant (UTC ms)
    qint64 detectedAt = 0; // when takeDue() handed it out; later than `at` after sleep or a clock jump

    // Identifies the transition within its ticket, independent of its instant, so recomputing a
    // ticket never re-fires what already fired.
    quint64 key() const;
};

// The transitions of a ticket's running timers that fall after `since`.
std::vector<SlaTransition> slaTransitions(const QString &ticketId, const std::vector<SlaTimer> &timers, qint64 since);

// One ordered structure of upcoming transitions for every ticket of the process: never a timer
// per ticket. Upserting a ticket replaces its pending transitions; what takeDue() handed out is
// remembered per ticket and never handed out again, so recomputing after a clock jump (forward or
// backward) neither loses nor repeats an event.
class SlaScheduler
{
public:
    void upsert(const QString &ticketId, const std::vector<SlaTransition> &transitions);
    void remove(const QString &ticketId);
    void clear();

    std::optional<qint64> nextWakeUp() const;
    // Every pending transition with at <= now, in time order; they leave the structure.
    std::vector<SlaTransition> takeDue(qint64 now);

    size_t pendingCount() const { return m_queue.size(); }
    qsizetype ticketCount() const { return m_tickets.size(); }

private:
    using Queue = std::multimap<qint64, SlaTransition>;
    struct Ticket {
        std::vector<Queue::iterator> pending;
        QSet<quint64> fired;
    };

    Queue m_queue;
    QHash<QString, Ticket> m_tickets;
};

} // namespace triage
