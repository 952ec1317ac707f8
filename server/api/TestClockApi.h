#pragma once

#include "Router.h"

#include <functional>

namespace triage {
class OffsetClock;
}

namespace triage::server {

// `triaged serve --test-clock` only (never in production): tests move the server's time forward
// instead of sleeping. `POST /api/v1/test/clock {"advance_ms": N}` (admin) adds N ms to the
// process-wide OffsetClock, lets the SLA monitor catch up with the new now (`settle`, run on its
// thread), and answers {"now", "offset_ms"}. Time only moves forward, so nothing that was already
// stamped can end up in the future.
class TestClockApi
{
public:
    TestClockApi(OffsetClock &clock, std::function<void()> settle);
    void registerRoutes(Router &router);

private:
    HttpResponse advance(Call &call);

    OffsetClock &m_clock;
    std::function<void()> m_settle;
};

} // namespace triage::server
