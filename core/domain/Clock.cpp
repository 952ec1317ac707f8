#include "Clock.h"

#include <QDateTime>

namespace triage {

namespace {

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

const SystemClock g_system;
std::atomic<const Clock *> g_current {&g_system};

} // namespace

const Clock &Clock::system()
{
    return g_system;
}

const Clock &Clock::current()
{
    return *g_current.load(std::memory_order_acquire);
}

void Clock::install(const Clock *clock)
{
    g_current.store(clock ? clock : &g_system, std::memory_order_release);
}

ManualClock::ManualClock(qint64 nowMs)
    : m_now(nowMs)
{ }

qint64 OffsetClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_offset.load(std::memory_order_relaxed);
}

ScopedClock::ScopedClock(const Clock &clock)
    : m_previous(&Clock::current())
{
    Clock::install(&clock);
}

ScopedClock::~ScopedClock()
{
    Clock::install(m_previous);
}

} // namespace triage
