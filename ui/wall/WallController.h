#pragma once

#include "reports/WallFeed.h"

#include <QObject>

namespace triage {

// The wall window's side of core/reports/WallFeed (which owns the sign-in, the polling, the push
// stream and the snapshot cache): the same data, and its problems in the agent's language.
class WallController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WallController)

public:
    using Options = WallFeed::Options;

    explicit WallController(Options options, QObject *parent = nullptr);
    ~WallController() override;

    void start() { m_feed.start(); }

    const WallData &data() const { return m_feed.data(); }
    bool hasData() const { return m_feed.hasData(); }
    // The last attempt failed: the data shown is the last good one (possibly from disk).
    bool isStale() const { return m_feed.isStale(); }
    // Local time the shown data was received (for "data as of HH:MM").
    qint64 receivedAtMs() const { return m_feed.receivedAtMs(); }
    // Server clock minus local clock, so countdowns use the server's idea of "now".
    qint64 clockOffsetMs() const { return m_feed.clockOffsetMs(); }
    QString problem() const;
    int nextRetryMs() const { return m_feed.nextRetryMs(); }
    QString cacheFile() const { return m_feed.cacheFile(); }

Q_SIGNALS:
    void updated();

private:
    WallFeed m_feed;
};

} // namespace triage
