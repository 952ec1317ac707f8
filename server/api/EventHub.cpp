#include "EventHub.h"

#include "domain/Time.h"
#include "storage/IdempotencyStore.h"
#include "storage/LoginThrottleStore.h"
#include "storage/ServerDatabase.h"
#include "storage/SyncClientStore.h"
#include "storage/TokenStore.h"

#include <QMetaObject>
#include <QSqlDriver>

#include <cstdio>

namespace triage::server {

EventHub::EventHub(ServerDatabase &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    bool ok = false;
    const int heartbeatMs = qEnvironmentVariableIntValue("TRIAGE_SSE_HEARTBEAT_MS", &ok);
    m_heartbeatTimer.setInterval(ok && heartbeatMs > 0 ? heartbeatMs : 15000);
    m_pollTimer.setInterval(db.isPostgres() ? 5000 : 1000);
    connect(&m_pollTimer, &QTimer::timeout, this, &EventHub::checkHead);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &EventHub::heartbeat);
    m_maintenanceTimer.setInterval(3600 * 1000);
    connect(&m_maintenanceTimer, &QTimer::timeout, this, &EventHub::maintenance);
}

EventHub::~EventHub()
{
    closeAll();
}

void EventHub::start()
{
    m_head = readHead(m_db);
    ensureListening();
    m_pollTimer.start();
    m_heartbeatTimer.start();
    m_maintenanceTimer.start();
    maintenance();
}

void EventHub::maintenance()
{
    // Retention: tokens a day after they expired; Idempotency-Key replays for 24 h; mutation results
    // for 30 days (an older replay is still answered "duplicate", without the stored body).
    const qint64 now = nowMs();
    constexpr qint64 kDay = 24LL * 3600 * 1000;
    try {
        WriteTx tx(m_db);
        TokenStore(m_db).purge(now - kDay, now - 30 * kDay);
        IdempotencyStore(m_db).purge(now - kDay);
        SyncClientStore(m_db).purgeResults(now - 30 * kDay);
        LoginThrottleStore(m_db).purge(now - kDay / 24, now);
        tx.commit();
    } catch (const DbError &e) {
        std::fprintf(stderr, "error: maintenance: %s\n", e.what());
        m_db.dropThreadConnection();
    }
}

QByteArray EventHub::headEvent() const
{
    const QByteArray cursor = (m_db.epoch() + u'.' + QString::number(m_head)).toUtf8();
    return "event: head\ndata: {\"cursor\":\"" + cursor + "\",\"seq\":" + QByteArray::number(m_head)
        + "}\n\n";
}

std::shared_ptr<SseStream> EventHub::subscribe()
{
    auto stream = std::make_shared<SseStream>();
    std::lock_guard lock(m_mutex);
    stream->push("retry: 3000\n\n" + headEvent());
    if (m_closed)
        stream->close();
    else
        m_streams.push_back(stream);
    return stream;
}

void EventHub::ensureListening()
{
    if (!m_db.isPostgres() || m_listening)
        return;
    QSqlDriver *driver = m_db.connection().driver();
    if (driver->subscribeToNotification(u"triage_head"_qs)) {
        // The driver dies with its connection (dropThreadConnection): then this is re-armed.
        connect(driver, &QSqlDriver::notification, this, [this] { poke(); });
        connect(driver, &QObject::destroyed, this, [this] { m_listening = false; });
        m_listening = true;
    }
}

void EventHub::poke()
{
    if (m_checkQueued.exchange(true))
        return; // a queued check has not started yet: it will see this commit
    QMetaObject::invokeMethod(this, &EventHub::checkHead, Qt::QueuedConnection);
}

void EventHub::checkHead()
{
    m_checkQueued = false; // before reading the head: a commit from now on queues a new check
    qint64 head = 0;
    try {
        head = readHead(m_db);
    } catch (const DbError &) {
        m_db.dropThreadConnection(); // reconnect once now; if that fails too, the next tick retries
        try {
            head = readHead(m_db);
        } catch (const DbError &) {
            m_db.dropThreadConnection();
            return;
        }
    }
    ensureListening();
    {
        std::lock_guard lock(m_mutex);
        if (head == m_head)
            return;
        m_head = head;
        const QByteArray event = headEvent();
        std::erase_if(m_streams, [](const auto &s) { return s->isGone(); });
        for (const auto &s : m_streams)
            s->push(event);
    }
    Q_EMIT headMoved(head);
}

void EventHub::heartbeat()
{
    broadcast("event: heartbeat\ndata: {\"time\":\"" + isoUtc(nowMs()).toUtf8() + "\"}\n\n");
}

void EventHub::broadcast(const QByteArray &event)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_streams, [](const auto &s) { return s->isGone(); });
    for (const auto &s : m_streams)
        s->push(event);
}

void EventHub::closeAll()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
    for (const auto &s : m_streams)
        s->close();
    m_streams.clear();
}

int EventHub::subscriberCount() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_streams.size());
}

} // namespace triage::server
