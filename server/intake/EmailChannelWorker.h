#pragma once

#include "EmailChannelConfig.h"
#include "api/ServerContext.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace triage::server {

class ImapMailbox;

// One email channel's intake, on its own thread (IMAP calls block; never the event loop): every
// poll_seconds it signs in, stores every message above the last stored UID (raw, with the cursor,
// one transaction each: InboundStore), then turns the stored messages into work (IntakePipeline),
// one transaction each. On PostgreSQL it first holds the channel's advisory lock, so exactly one
// instance polls a channel; a standby tries every few seconds and takes over when the holder's
// session ends (docs/channels.md "Several instances").
class EmailChannelWorker
{
public:
    EmailChannelWorker(
        ServerContext ctx, QString channelId, EmailChannelConfig config, qint64 version, QString owner);
    ~EmailChannelWorker(); // stops and joins
    EmailChannelWorker(const EmailChannelWorker &) = delete;
    EmailChannelWorker &operator=(const EmailChannelWorker &) = delete;

    void start();
    void requestStop();
    bool finished() const { return m_finished.load(); }
    void wake();

    const QString &channelId() const { return m_channelId; }
    qint64 version() const { return m_version; }

    // Standby tries for the lock this often; a dead holder is replaced within this plus one poll.
    static constexpr int kStandbySeconds = 5;

private:
    void run();
    bool holdsLease();
    // Fetch step: stores up to a round of new messages; returns how many it looked at, with an
    // error when the mailbox could not be read.
    int fetchNew(QString *error);
    bool stopping();
    void processPending();
    bool waitFor(int seconds); // false when asked to stop

    ServerContext m_ctx;
    QString m_channelId;
    EmailChannelConfig m_config;
    qint64 m_version;
    QString m_owner;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_woken = false;
    std::atomic<bool> m_finished {false};
};

} // namespace triage::server
