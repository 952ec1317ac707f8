#pragma once

#include "domain/Clock.h"
#include "session/Session.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace triage::test {

// 2026-11-27T12:00:00Z: demo timelines end here so SLA states are the same every run.
constexpr qint64 kNow = 1795780800000;
// A clock standing at kNow, for models whose countdowns a test reads.
inline const Clock *fixedClock()
{
    static const ManualClock clock(kNow);
    return &clock;
}

// A profile in a temporary folder, filled with `tickets` demo tickets, signed in as agent1.
struct TestProfile {
    QTemporaryDir dir;
    std::unique_ptr<Session> session;

    explicit TestProfile(qint64 tickets = 300, const QString &user = u"agent1"_qs)
    {
        SessionOptions o;
        o.profileDir = dir.path();
        o.userName = user;
        o.demoCache = tickets;
        o.demoNow = kNow;
        QString error;
        session = Session::open(o, &error);
        if (!session)
            qFatal("cannot open a test session: %s", qPrintable(error));
    }
};

} // namespace triage::test
