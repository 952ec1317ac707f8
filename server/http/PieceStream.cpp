#include "PieceStream.h"

#include <QThreadPool>

#include <cstring>
#include <microhttpd.h>

namespace triage::server {

void PieceStream::attach(MHD_Connection *connection, QThreadPool *pool)
{
    std::lock_guard lock(m_mutex);
    m_connection = connection;
    m_pool = pool;
    fetchLocked(); // the first piece is on its way while the headers go out
}

void PieceStream::fetchLocked()
{
    if (m_fetching || m_end || m_failed || m_gone || m_ready)
        return;
    m_fetching = true;
    m_pool->start([self = shared_from_this()] {
        std::optional<QByteArray> piece;
        try {
            piece = self->m_producer();
        } catch (...) {
            piece.reset();
        }
        std::lock_guard lock(self->m_mutex);
        self->m_fetching = false;
        if (!piece)
            self->m_failed = true;
        else if (piece->isEmpty())
            self->m_end = true;
        else
            self->m_ready = std::move(*piece);
        if (self->m_suspended && !self->m_gone) {
            self->m_suspended = false;
            MHD_resume_connection(self->m_connection);
        }
    });
}

long PieceStream::read(char *buffer, size_t max)
{
    std::lock_guard lock(m_mutex);
    if (m_offset == m_current.size() && m_ready) {
        m_current = std::move(*m_ready);
        m_ready.reset();
        m_offset = 0;
        fetchLocked(); // one piece ahead
    }
    if (m_offset < m_current.size()) {
        const size_t n = std::min(max, static_cast<size_t>(m_current.size() - m_offset));
        std::memcpy(buffer, m_current.constData() + m_offset, n);
        m_offset += static_cast<qsizetype>(n);
        return static_cast<long>(n);
    }
    if (m_failed)
        return -2;
    if (m_end)
        return -1;
    fetchLocked();
    m_suspended = true;
    MHD_suspend_connection(m_connection);
    return 0;
}

void PieceStream::markGone()
{
    std::lock_guard lock(m_mutex);
    m_gone = true;
    m_current.clear();
    m_ready.reset();
}

} // namespace triage::server
