#pragma once

#include "ChannelWorker.h"
#include "EmailChannelConfig.h"

namespace triage::server {

// An email channel's intake (ChannelWorker: one thread, the lease): every poll_seconds it signs in,
// stores every message above the last stored UID (raw, with the cursor, one transaction each:
// InboundStore), then turns the stored messages into work (IntakePipeline), one transaction each,
// in rounds of kFetchRound.
class EmailChannelWorker final : public ChannelWorker
{
public:
    EmailChannelWorker(
        ServerContext ctx, QString channelId, EmailChannelConfig config, qint64 version, QString owner);
    ~EmailChannelWorker() override;

    static constexpr int kFetchRound = 20;

protected:
    QString pollOnce() override;
    int pollInterval() const override { return m_config.pollSeconds; }

private:
    // Fetch step: stores up to a round of new messages; returns how many it looked at, with an
    // error when the mailbox could not be read.
    int fetchNew(QString *error);
    void processPending();

    EmailChannelConfig m_config;
};

} // namespace triage::server
