#pragma once

#include <QByteArray>

#include <mutex>

struct MHD_Connection;

namespace triage::server {

// The sending side of one Server-Sent Events response. Any thread may push(); the HTTP layer pulls
// bytes from its poll thread and suspends the connection while nothing is pending, so an idle
// stream costs a file descriptor and a few bytes, never a thread.
class SseStream
{
public:
    SseStream() = default;
    SseStream(const SseStream &) = delete;
    SseStream &operator=(const SseStream &) = delete;

    void push(const QByteArray &bytes);
    void close(); // ends the response after the pending bytes
    bool isGone() const; // the client went away (or the server closed it)

    // HTTP layer side.
    void attach(MHD_Connection *connection);
    // Copies up to `max` pending bytes; 0 = nothing pending (connection suspended), -1 = finished.
    long read(char *buffer, size_t max);
    void markGone();

private:
    mutable std::mutex m_mutex;
    QByteArray m_pending;
    MHD_Connection *m_connection = nullptr;
    bool m_suspended = false;
    bool m_closed = false;
    bool m_gone = false;
};

} // namespace triage::server
