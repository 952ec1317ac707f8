#pragma once

#include "api/ServerContext.h"

#include <QStringList>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace triage::server {

struct OutgoingRecord;
struct TelegramChannelConfig;

// Sends the outgoing queue (OutgoingStore) on its own thread: claims due messages, composes each
// with its channel's current From address, hands it to the channel's SMTP server, and marks it —
// sent right after the server accepted it; a temporary failure backs off (30 s, 1 min, 2 min … up
// to 1 h; failed after kMaxAttempts); a permanent one fails at once. A failed message is noted on
// its ticket (an internal note by "Triage") so the agent knows the requester did not get it.
// Every instance runs one; claims keep them from sending the same message twice.
class OutgoingSender
{
public:
    explicit OutgoingSender(ServerContext ctx);
    ~OutgoingSender();
    OutgoingSender(const OutgoingSender &) = delete;
    OutgoingSender &operator=(const OutgoingSender &) = delete;

    void start();
    void stop();
    void wake();

    static constexpr int kMaxAttempts = 10;
    static qint64 backoffMs(int attempts);
    // A Telegram message as sendMessage parts: HTML-escaped, each within 4,096 characters.
    static QStringList telegramParts(const QString &text);

private:
    void run();
    int sendDue(); // how many it handled
    void deliver(const OutgoingRecord &message);
    enum class Failure { None, Temporary, Permanent };
    // Marks the message sent, due again (backoff, or `retryAfterMs`) or failed (then noted on its
    // ticket), each in its own transaction.
    void settle(const OutgoingRecord &message, Failure failure, QString error, qint64 retryAfterMs = 0);
    void deliverTelegram(const OutgoingRecord &message, const TelegramChannelConfig &config);
    void noteFailure(const OutgoingRecord &message, const QString &error);

    ServerContext m_ctx;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_woken = false;
};

} // namespace triage::server
