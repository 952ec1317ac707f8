#pragma once

#include "http/SseStream.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace triage::server {

class ServerDatabase;

// Push: every open GET /api/v1/events stream gets `event: head` when the change head moves, and
// `event: heartbeat` every 15 s. Lives on the main thread. Wake-ups: local commits (poke()),
// PostgreSQL LISTEN triage_head (other instances), and a periodic head check as the safety net
// (1 s on SQLite, 5 s on PostgreSQL).
class EventHub : public QObject
{
    Q_OBJECT
public:
    explicit EventHub(ServerDatabase &db, QObject *parent = nullptr);
    ~EventHub() override;

    void start();
    std::shared_ptr<SseStream> subscribe(); // thread-safe
    // Thread-safe. Wake-ups coalesce: while a head check is queued and not yet started, more
    // pokes add nothing (that check reads the head after their commits). Under load this is one
    // head read for many commits instead of one or two (poke + our own NOTIFY) per commit.
    void poke();
    void closeAll();
    int subscriberCount() const;

Q_SIGNALS:
    // The change head moved (a local commit, another instance, or the periodic check).
    void headMoved(qint64 head);

private:
    void checkHead();
    void ensureListening();
    void heartbeat();
    void maintenance(); // hourly: drop expired tokens, old idempotency keys and mutation results
    void broadcast(const QByteArray &event);
    QByteArray headEvent() const;

    ServerDatabase &m_db;
    QTimer m_pollTimer;
    QTimer m_heartbeatTimer;
    QTimer m_maintenanceTimer;
    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<SseStream>> m_streams;
    qint64 m_head = -1;
    bool m_listening = false;
    bool m_closed = false;
    std::atomic<bool> m_checkQueued {false};
};

} // namespace triage::server
