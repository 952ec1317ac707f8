#include "SseStream.h"

#include <cstring>
#include <microhttpd.h>

namespace triage::server {

void SseStream::attach(MHD_Connection *connection)
{
    std::lock_guard lock(m_mutex);
    m_connection = connection;
}

void SseStream::push(const QByteArray &bytes)
{
    std::lock_guard lock(m_mutex);
    if (m_gone || m_closed)
        return;
    m_pending.append(bytes);
    if (m_suspended) {
        m_suspended = false;
        MHD_resume_connection(m_connection);
    }
}

void SseStream::close()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
    if (m_suspended) {
        m_suspended = false;
        MHD_resume_connection(m_connection);
    }
}

bool SseStream::isGone() const
{
    std::lock_guard lock(m_mutex);
    return m_gone;
}

void SseStream::markGone()
{
    std::lock_guard lock(m_mutex);
    m_gone = true;
}

long SseStream::read(char *buffer, size_t max)
{
    std::lock_guard lock(m_mutex);
    if (!m_pending.isEmpty()) {
        const size_t n = std::min(max, static_cast<size_t>(m_pending.size()));
        std::memcpy(buffer, m_pending.constData(), n);
        m_pending.remove(0, static_cast<qsizetype>(n));
        return static_cast<long>(n);
    }
    if (m_closed || m_gone)
        return -1;
    // Nothing to send: park the connection instead of letting MHD poll us in a busy loop.
    m_suspended = true;
    MHD_suspend_connection(m_connection);
    return 0;
}

} // namespace triage::server
