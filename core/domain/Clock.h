#pragma once

#include <QtGlobal>

#include <atomic>

namespace triage {

// The time the domain sees (KeePassXC's Clock). Everything that asks "what time is it" for SLA,
// scheduling, sync stamps and token lifetimes reads a Clock, so tests move time instead of
// sleeping: the process-wide one (`triage::nowMs()` reads it; triaged's `--test-clock` installs an
// OffsetClock the tests advance over HTTP), or one handed to an object (models, the scheduler).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0; // UTC ms since the epoch

    static const Clock &system();
    // The clock `triage::nowMs()` reads: the system clock unless another was installed.
    static const Clock &current();
    // Installs `clock` process-wide (nullptr: the system clock again). The caller keeps it alive
    // until it is uninstalled. Meant for a program's start (triaged --test-clock) and for tests.
    static void install(const Clock *clock);
};

// Now by `clock`, or by the process-wide clock when it is null (objects whose clock a test may set).
inline qint64 nowBy(const Clock *clock)
{
    return (clock ? *clock : Clock::current()).nowMs();
}

// A clock that stands still until moved (tests).
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 nowMs = 0);
    qint64 nowMs() const override { return m_now.load(std::memory_order_relaxed); }
    void setNow(qint64 ms) { m_now.store(ms, std::memory_order_relaxed); }
    void advance(qint64 ms) { m_now.fetch_add(ms, std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_now;
};

// The system clock moved by an offset that only grows forward (triaged --test-clock): time keeps
// flowing, and a test can jump it ahead, e.g. past an SLA deadline.
class OffsetClock final : public Clock
{
public:
    qint64 nowMs() const override;
    qint64 offsetMs() const { return m_offset.load(std::memory_order_relaxed); }
    void advance(qint64 ms) { m_offset.fetch_add(ms, std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_offset {0};
};

// Installs a clock for one scope (tests): the previous one is back afterwards.
class ScopedClock
{
public:
    explicit ScopedClock(const Clock &clock);
    ~ScopedClock();
    ScopedClock(const ScopedClock &) = delete;
    ScopedClock &operator=(const ScopedClock &) = delete;

private:
    const Clock *m_previous;
};

} // namespace triage
