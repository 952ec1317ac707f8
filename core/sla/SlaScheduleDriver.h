#pragma once

#include "SlaScheduler.h"
#include "domain/Clock.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace triage {

// Drives an SlaScheduler with a single QTimer armed for the next transition only. Every wake-up
// reads the clock afresh, so late timers (sleep/resume) and wall-clock jumps fire each passed
// transition exactly once; sleeps are capped so a forward jump is noticed within `maxSleepMs`.
class SlaScheduleDriver : public QObject
{
    Q_OBJECT

public:
    // `clock` null: the process-wide clock (Clock::current()).
    explicit SlaScheduleDriver(const Clock *clock = nullptr, QObject *parent = nullptr);

    void upsert(const QString &ticketId, const std::vector<SlaTransition> &transitions);
    void remove(const QString &ticketId);
    const SlaScheduler &scheduler() const { return m_scheduler; }

    void setMaxSleepMs(int ms);
    // The interval the timer is armed with, -1 when idle (for tests and diagnostics).
    int armedIntervalMs() const { return m_timer.isActive() ? m_timer.interval() : -1; }

public Q_SLOTS:
    // Fires everything due at the clock's now and re-arms; also call it on resume from sleep or
    // when the system reports a time change.
    void wake();

Q_SIGNALS:
    void transitionsDue(const QList<triage::SlaTransition> &transitions);

private:
    void rearm();

    const Clock *m_clock;
    SlaScheduler m_scheduler;
    QTimer m_timer;
    int m_maxSleepMs = 60'000;
    std::optional<qint64> m_armedFor;
};

} // namespace triage

Q_DECLARE_METATYPE(triage::SlaTransition)
