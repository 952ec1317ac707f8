#pragma once

#include "TriagedProcess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

namespace triage::test {

// Collects a Server-Sent Events stream from GET /api/v1/events for assertions.
class SseReader
{
public:
    SseReader(TestClient &client)
        : m_reply(
            client.start("GET", QStringLiteral("/api/v1/events"), {}, {{"Accept", "text/event-stream"}}))
    {
        QObject::connect(
            m_reply, &QNetworkReply::readyRead, m_reply, [this] { m_data += m_reply->readAll(); });
    }
    ~SseReader()
    {
        m_reply->abort();
        m_reply->deleteLater();
    }

    // Spins the event loop until `needle` appears in the stream (or the timeout).
    bool waitFor(const QByteArray &needle, int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (!m_data.contains(needle) && t.elapsed() < timeoutMs) {
            QEventLoop loop;
            QTimer::singleShot(20, &loop, &QEventLoop::quit);
            loop.exec();
        }
        return m_data.contains(needle);
    }
    bool finished() const { return m_reply->isFinished(); }
    int status() const { return m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); }
    QByteArray data() const { return m_data; }

private:
    QNetworkReply *m_reply;
    QByteArray m_data;
};

} // namespace triage::test
