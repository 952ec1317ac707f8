#include "ChannelSupervisor.h"

#include "ChannelKinds.h"
#include "EmailChannelConfig.h"
#include "EmailChannelWorker.h"
#include "OutgoingSender.h"
#include "TelegramChannelConfig.h"
#include "TelegramChannelWorker.h"
#include "api/EventHub.h"
#include "storage/ChannelStore.h"

#include <QCoreApplication>
#include <QSysInfo>

#include <algorithm>
#include <cstdio>

namespace triage::server {

ChannelSupervisor::ChannelSupervisor(ServerContext ctx, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
    , m_owner(QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid()))
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &ChannelSupervisor::reconcile);
}

ChannelSupervisor::~ChannelSupervisor()
{
    stop();
}

void ChannelSupervisor::start()
{
    m_sender = std::make_unique<OutgoingSender>(m_ctx);
    m_sender->start();
    // A commit that queued a message (a confirmation, an agent's reply) moves the head: the sender
    // looks at once instead of at its next one-second tick (the bot answers within a second).
    if (m_ctx.hub)
        connect(m_ctx.hub, &EventHub::headMoved, this, [this] {
            if (m_sender)
                m_sender->wake();
        });
    reconcile();
    m_timer.start();
}

void ChannelSupervisor::stop()
{
    m_timer.stop();
    for (auto &[id, worker] : m_workers)
        worker->requestStop();
    for (auto &worker : m_stopping)
        worker->requestStop();
    m_workers.clear(); // joins
    m_stopping.clear();
    m_sender.reset();
}

void ChannelSupervisor::reconcile()
{
    std::erase_if(m_stopping, [](const auto &w) { return w->finished(); });
    QList<ChannelRecord> channels;
    try {
        channels = ChannelStore(*m_ctx.db).list();
    } catch (const DbError &e) {
        std::fprintf(stderr, "triaged: channels: storage error: %s\n", e.what());
        m_ctx.db->dropThreadConnection();
        return;
    }
    std::map<QString, const ChannelRecord *> wanted;
    for (const ChannelRecord &c : std::as_const(channels)) {
        if (channelkinds::isEnabled(c.kind, c.config))
            wanted[c.id] = &c;
    }
    for (auto it = m_workers.begin(); it != m_workers.end();) {
        const auto w = wanted.find(it->first);
        if (w == wanted.end() || w->second->updatedAt != it->second->version()) {
            it->second->requestStop();
            m_stopping.push_back(std::move(it->second));
            it = m_workers.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto &[id, record] : wanted) {
        if (m_workers.count(id))
            continue;
        // A changed channel: its old worker finishes its current message first.
        if (std::any_of(
                m_stopping.begin(), m_stopping.end(), [&](const auto &w) { return w->channelId() == id; }))
            continue;
        std::unique_ptr<ChannelWorker> worker;
        if (record->kind == u"email"_qs) {
            worker = std::make_unique<EmailChannelWorker>(
                m_ctx, id, *EmailChannelConfig::fromStored(record->config), record->updatedAt, m_owner);
        } else if (record->kind == u"telegram"_qs) {
            worker = std::make_unique<TelegramChannelWorker>(
                m_ctx, id, *TelegramChannelConfig::fromStored(record->config), record->updatedAt, m_owner);
        } else {
            continue;
        }
        worker->start();
        m_workers.emplace(id, std::move(worker));
    }
}

} // namespace triage::server
