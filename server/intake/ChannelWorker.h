#pragma once

#include "api/ServerContext.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace triage::server {

class WriteTx;
struct InboundRecord;

// One channel's intake on its own thread (outside systems are read with blocking calls; never on
// the event loop or the HTTP threads). The loop every channel kind shares: hold the channel's lease
// (on PostgreSQL its advisory lock, so exactly one instance polls a channel; a standby tries every
// kStandbySeconds and takes over when the holder's session ends), poll once, note the poll in
// channel_state, wait. Subclasses say how to poll (EmailChannelWorker, TelegramChannelWorker).
class ChannelWorker
{
public:
    ChannelWorker(ServerContext ctx, QString channelId, qint64 version, QString owner);
    virtual ~ChannelWorker(); // the subclass's destructor must call stopAndJoin() first
    ChannelWorker(const ChannelWorker &) = delete;
    ChannelWorker &operator=(const ChannelWorker &) = delete;

    void start();
    void requestStop();
    bool finished() const { return m_finished.load(); }
    void wake();

    const QString &channelId() const { return m_channelId; }
    qint64 version() const { return m_version; }

    static constexpr int kStandbySeconds = 5;

protected:
    // One poll: read what is new, store it, turn it into work. Returns an error for the status
    // (empty when all went well); DbError propagates (the loop drops the connection and retries).
    virtual QString pollOnce() = 0;
    // Seconds to wait after a poll (0: poll again at once, e.g. after a long poll).
    virtual int pollInterval() const = 0;
    // What one stored message became, as the processing step reports it.
    struct Processed {
        bool ignored = false;
        QString ticketId;
        QString commentId;
        QString reason; // ignored: why
        bool counts = true; // turned into a ticket or comment (the status' "processed")
        // Runs once the transaction committed (e.g. re-drawing a Telegram message's buttons: an
        // outside call never waits inside a transaction, and never reports what was not stored).
        std::function<void()> afterCommit;
    };
    // The processing step every kind shares: each pending stored message, oldest first, in its own
    // transaction (locked, so two workers never take one), marked with what `handle` made of it.
    // `handle` throws IntakeRefused (→ quarantine, raw bytes kept; the next message goes on) or
    // DbError (→ counted; after three, quarantined, so one poisonous message never stops a channel).
    // `prepare` (optional) runs before each message's transaction, for slow outside work the
    // handler needs (Telegram: downloading a message's files), so no transaction waits on a network.
    void processStored(const std::function<Processed(const InboundRecord &, WriteTx &)> &handle,
        const std::function<void(const InboundRecord &)> &prepare = {});
    bool stopping();
    bool waitFor(int seconds); // false when asked to stop
    // Set when the worker is asked to stop: blocking calls to outside systems watch it.
    const std::atomic<bool> *stopFlag() const { return &m_stopFlag; }
    void stopAndJoin();

    ServerContext m_ctx;
    QString m_channelId;

private:
    void run();
    bool holdsLease();

    qint64 m_version;
    QString m_owner;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_woken = false;
    std::atomic<bool> m_finished {false};
    std::atomic<bool> m_stopFlag {false};
};

} // namespace triage::server
