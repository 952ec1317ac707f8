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
    qint64 at = 0; // theoretical instant (UTC ms)
    qint64 detectedAt = 0; // when takeDue() handed it out; later than `at` after sleep or a clock jump

    // Identifies the transition within its ticket, independent of its instant, so recomputing a
    // ticket never re-fires what already fired.
    quint64 key() const;
};

// The transitions of a ticket's running timers that fall after `since`.
std::vector<SlaTransition> slaTransitions(
    const QString &ticketId, const std::vector<SlaTimer> &timers, qint64 since);

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
    qsizetype ticketCount() const { return m_slotById.size(); }

private:
    // Tickets live in slots so a fired transition reaches its ticket without hashing the id.
    struct Entry {
        int slot;
        SlaTransition transition;
    };
    using Queue = std::multimap<qint64, Entry>;
    struct Ticket {
        QString id;
        std::vector<Queue::iterator> pending;
        std::vector<quint64> fired; // a handful per ticket: a vector beats a set
    };
    int slotFor(const QString &ticketId);
    void release(int slot);

    Queue m_queue;
    QHash<QString, int> m_slotById;
    std::vector<Ticket> m_slots;
    std::vector<int> m_freeSlots;
};

} // namespace triage
