#pragma once

#include "ChannelWorker.h"
#include "TelegramChannelConfig.h"

namespace triage::server {

struct TelegramUpdate;

// A Telegram bot's intake (ChannelWorker: one thread, the lease): long polling with getUpdates (no
// public address needed, which suits an on-premises server; deleteWebhook first). Each update is
// stored raw with the cursor (the last stored update_id) in one transaction; the next getUpdates
// passes offset = cursor + 1, which is what confirms updates to Telegram, so a kill at any moment
// neither loses nor duplicates one. Then the stored updates become work: commands (/start, /status,
// /new) are answered by the bot, other private messages go through IntakePipeline.
class TelegramChannelWorker final : public ChannelWorker
{
public:
    TelegramChannelWorker(
        ServerContext ctx, QString channelId, TelegramChannelConfig config, qint64 version, QString owner);
    ~TelegramChannelWorker() override;

protected:
    QString pollOnce() override;
    int pollInterval() const override { return 0; } // getUpdates waits on the server

private:
    void processPending();
    // A command's answer, or empty when the update is ordinary work.
    bool answerCommand(const TelegramUpdate &update, const QString &userId, QString *answer);

    TelegramChannelConfig m_config;
    bool m_webhookCleared = false;
};

} // namespace triage::server
