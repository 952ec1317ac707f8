#include "EventStream.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace triage {

EventStream::EventStream(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{
    m_watchdog.setSingleShot(true);
    m_watchdog.setInterval(45000); // three missed 15 s heartbeats
    connect(&m_watchdog, &QTimer::timeout, this, [this] { finish(0, u"no heartbeat from the server"_qs); });
}

EventStream::~EventStream()
{
    close();
}

void EventStream::open(const QUrl &url, const QByteArray &authorization)
{
    close();
    QNetworkRequest req(url);
    req.setRawHeader("Accept", "text/event-stream");
    req.setRawHeader("Cache-Control", "no-cache");
    if (!authorization.isEmpty())
        req.setRawHeader("Authorization", authorization);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_buffer.clear();
    m_eventName.clear();
    m_data.clear();
    m_announced = false;
    m_reply = m_nam->get(req);
    connect(m_reply, &QNetworkReply::readyRead, this, &EventStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, [this] {
        if (!m_reply)
            return;
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        finish(status == 200 ? 0 : status, m_reply->errorString());
    });
    m_watchdog.start();
}

void EventStream::close()
{
    m_watchdog.stop();
    if (m_reply) {
        QNetworkReply *r = m_reply;
        m_reply = nullptr;
        r->disconnect(this);
        r->abort();
        r->deleteLater();
    }
}

void EventStream::finish(int status, const QString &reason)
{
    if (!m_reply)
        return;
    close();
    Q_EMIT closed(status, reason);
}

void EventStream::onReadyRead()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        m_reply->readAll();
        return; // finished() reports it
    }
    if (!m_announced) {
        m_announced = true;
        Q_EMIT opened();
    }
    m_watchdog.start();
    m_buffer += m_reply->readAll();
    if (m_buffer.size() > 1024 * 1024) { // a server that never ends a line is not a server we trust
        finish(0, u"event stream line too long"_qs);
        return;
    }
    qsizetype nl;
    while ((nl = m_buffer.indexOf('\n')) >= 0) {
        QByteArray line = m_buffer.left(nl);
        m_buffer.remove(0, nl + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty()) {
            dispatch();
            continue;
        }
        if (line.startsWith(':'))
            continue; // comment
        const qsizetype colon = line.indexOf(':');
        const QByteArray field = colon < 0 ? line : line.left(colon);
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
        if (field == "event")
            m_eventName = value;
        else if (field == "data")
            m_data += (m_data.isEmpty() ? QByteArray() : QByteArray("\n")) + value;
    }
}

void EventStream::dispatch()
{
    if (!m_eventName.isEmpty() || !m_data.isEmpty())
        Q_EMIT event(m_eventName.isEmpty() ? QByteArray("message") : m_eventName, m_data);
    m_eventName.clear();
    m_data.clear();
}

} // namespace triage
