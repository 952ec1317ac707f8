#pragma once

#include "ChannelWorker.h"
#include "TelegramChannelConfig.h"
#include "channels/InboundMessage.h"

namespace triage::server {

class BotApi;
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
    // Before a stored update's transaction: its files' bytes (getFile, then the download), so no
    // transaction waits on Telegram. A file that cannot be had comes back with `missing` set.
    void prefetchFiles(const InboundRecord &record);
    InboundAttachment fetchFile(const BotApi &api, const TelegramUpdate &update, int index);
    // A requester's tap on an inline button (the agents' "take:"/"open:" went to AgentAlerts first),
    // routed by its callback_data prefix ("csat:" → TelegramCsat; other kinds of buttons add their
    // own prefix here). Always answered (answerCallbackQuery, queued), so the button stops spinning.
    Processed handleCallback(const TelegramUpdate &update, WriteTx &tx);
    QString languageOf(const TelegramUpdate &update) const;

    TelegramChannelConfig m_config;
    bool m_webhookCleared = false;
    // The files prefetchFiles() brought for the record about to be processed.
    QString m_prefetchedFor;
    QList<InboundAttachment> m_prefetched;
};

} // namespace triage::server
