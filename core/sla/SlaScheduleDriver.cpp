#include "SlaScheduleDriver.h"

#include "domain/Time.h"

#include <algorithm>

namespace triage {

SlaScheduleDriver::SlaScheduleDriver(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SlaScheduleDriver::wake);
}

void SlaScheduleDriver::upsert(const QString &ticketId, const std::vector<SlaTransition> &transitions)
{
    m_scheduler.upsert(ticketId, transitions);
    rearm();
}

void SlaScheduleDriver::remove(const QString &ticketId)
{
    m_scheduler.remove(ticketId);
    rearm();
}

void SlaScheduleDriver::setMaxSleepMs(int ms)
{
    m_maxSleepMs = std::max(1, ms);
    m_armedFor.reset();
    rearm();
}

void SlaScheduleDriver::wake()
{
    m_armedFor.reset();
    const auto due = m_scheduler.takeDue(nowBy(m_clock));
    if (!due.empty()) {
        qCDebug(lcSla) << "firing" << due.size() << "SLA transitions";
        Q_EMIT transitionsDue(QList<SlaTransition>(due.begin(), due.end()));
    }
    rearm();
}

void SlaScheduleDriver::rearm()
{
    const auto next = m_scheduler.nextWakeUp();
    if (!next) {
        m_timer.stop();
        m_armedFor.reset();
        return;
    }
    if (m_armedFor == next && m_timer.isActive())
        return; // bulk upserts behind the head do not touch the timer
    const qint64 wait = std::clamp<qint64>(*next - nowBy(m_clock), 0, m_maxSleepMs);
    m_armedFor = next;
    m_timer.start(int(wait));
}

} // namespace triage
