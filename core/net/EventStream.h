#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace triage {

// A Server-Sent Events subscription (text/event-stream). Emits each event; detects a dead
// connection when neither an event nor a heartbeat arrives within the idle timeout. It does not
// reconnect by itself: the owner decides when (backoff, jitter, Retry-After).
class EventStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStream)

public:
    EventStream(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~EventStream() override;

    void open(const QUrl &url, const QByteArray &authorization);
    void close();
    bool isOpen() const { return m_reply != nullptr; }
    void setIdleTimeoutMs(int ms) { m_watchdog.setInterval(ms); }

Q_SIGNALS:
    void opened();
    void event(const QByteArray &name, const QByteArray &data);
    // The stream ended: `httpStatus` 0 for a network error or an idle timeout.
    void closed(int httpStatus, const QString &reason);

private:
    void onReadyRead();
    void dispatch();
    void finish(int status, const QString &reason);

    QNetworkAccessManager *m_nam;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_buffer;
    QByteArray m_eventName;
    QByteArray m_data;
    QTimer m_watchdog;
    bool m_announced = false;
};

} // namespace triage
