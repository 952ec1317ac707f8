#pragma once

#include "api/ServerContext.h"

#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

namespace triage::server {

class ChannelWorker;
class OutgoingSender;

// Keeps one worker per enabled channel, as configured in the database (so a PUT on any instance
// reaches every instance within a tick): starts new ones, restarts changed ones, stops removed
// or disabled ones; and runs the outgoing sender. Lives on the main thread; workers block on their
// own threads. Stopping a worker never blocks the event loop: it is asked to stop and joined once
// it finished.
class ChannelSupervisor final : public QObject
{
    Q_OBJECT
public:
    explicit ChannelSupervisor(ServerContext ctx, QObject *parent = nullptr);
    ~ChannelSupervisor() override;

    void start();
    void stop(); // stops every worker and the sender, waiting for them

    // How often the channel list is read.
    static constexpr int kTickMs = 2000;

private:
    void reconcile();

    ServerContext m_ctx;
    QString m_owner;
    QTimer m_timer;
    std::map<QString, std::unique_ptr<ChannelWorker>> m_workers;
    std::vector<std::unique_ptr<ChannelWorker>> m_stopping;
    std::unique_ptr<OutgoingSender> m_sender;
};

} // namespace triage::server
