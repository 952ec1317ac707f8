#include "TestClockApi.h"

#include "ApiUtil.h"
#include "domain/Clock.h"
#include "domain/Time.h"

namespace triage::server {

namespace {
constexpr qint64 kMaxAdvanceMs = 10LL * 366 * 24 * 3600 * 1000; // ten years per call
}

TestClockApi::TestClockApi(OffsetClock &clock, std::function<void()> settle)
    : m_clock(clock)
    , m_settle(std::move(settle))
{ }

void TestClockApi::registerRoutes(Router &router)
{
    router.add("POST", u"/api/v1/test/clock"_qs, true, [this](Call &c) { return advance(c); });
}

HttpResponse TestClockApi::advance(Call &call)
{
    if (!call.principal.isAdmin())
        return forbidden(u"Only administrators can move the test clock."_qs);
    HttpResponse err;
    const auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    const QJsonValue v = body->value(u"advance_ms"_qs);
    const double ms = v.toDouble(-1);
    if (!v.isDouble() || ms < 0 || ms > double(kMaxAdvanceMs) || ms != double(qint64(ms))) {
        return validationProblem(
            {{u"advance_ms"_qs, u"must be a whole number of milliseconds from 0 to ten years"_qs}});
    }
    m_clock.advance(qint64(ms));
    if (m_settle)
        m_settle();
    const qint64 now = nowMs();
    return HttpResponse::json(200,
        QJsonObject {{u"now"_qs, isoUtc(now)}, {u"now_ms"_qs, double(now)},
            {u"offset_ms"_qs, double(m_clock.offsetMs())}});
}

} // namespace triage::server
