#pragma once

#include <QByteArray>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QThreadPool;
struct MHD_Connection;

namespace triage::server {

// A response body of known size produced piece by piece by a producer that may block (an
// attachment's chunks read from the database). The producer runs on the HTTP layer's read pool, one
// piece ahead of the socket; the poll thread only copies bytes and suspends the connection while the
// next piece is on its way. So a download holds at most two pieces in memory and never a thread
// while the client is slow.
class PieceStream : public std::enable_shared_from_this<PieceStream>
{
public:
    // The next piece; an empty array at the end; nullopt on failure (the connection is cut, so the
    // client sees a short body, never a wrong one). Called once at a time, in order.
    using Producer = std::function<std::optional<QByteArray>()>;

    PieceStream(qint64 size, Producer producer)
        : m_size(size)
        , m_producer(std::move(producer))
    { }
    PieceStream(const PieceStream &) = delete;
    PieceStream &operator=(const PieceStream &) = delete;

    qint64 size() const { return m_size; }

    // HTTP layer side (poll thread).
    void attach(MHD_Connection *connection, QThreadPool *pool);
    // Bytes copied; 0 = nothing ready (the connection is suspended until it is); -1 = the end;
    // -2 = the producer failed.
    long read(char *buffer, size_t max);
    void markGone();

private:
    void fetchLocked(); // starts the producer for the next piece; m_mutex held

    const qint64 m_size;
    Producer m_producer;
    std::mutex m_mutex;
    MHD_Connection *m_connection = nullptr;
    QThreadPool *m_pool = nullptr;
    QByteArray m_current;
    qsizetype m_offset = 0;
    std::optional<QByteArray> m_ready; // the next piece, fetched ahead
    bool m_fetching = false;
    bool m_end = false;
    bool m_failed = false;
    bool m_suspended = false;
    bool m_gone = false;
};

} // namespace triage::server
