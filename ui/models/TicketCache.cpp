#include "TicketCache.h"

#include "session/Directory.h"
#include "store/TicketStore.h"

namespace triage {

TicketCache::TicketCache(TicketStore *store, DirectoryIndex *directory, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_directory(directory)
{
    connect(store, &TicketStore::ticketsChanged, this, &TicketCache::apply);
    connect(store, &TicketStore::ticketsRemoved, this, &TicketCache::markRemoved);
    connect(store, &TicketStore::reset, this, &TicketCache::reload);
    connect(store, &TicketStore::outboxChanged, this, [this](int) { refreshPending(); });
}

TicketCache::~TicketCache() = default;

int TicketCache::indexOf(const QString &id) const
{
    return m_index.value(QUuid::fromString(id), -1);
}

TicketRow TicketCache::toRow(const Ticket &t)
{
    TicketRow r;
    r.id = QUuid::fromString(t.id);
    r.title = t.title;
    r.number = t.number.value_or(0);
    r.createdAt = t.createdAt;
    r.updatedAt = t.updatedAt;
    r.dueAt = t.sla.due; // SlaSnapshot::kNone == kNoDue
    r.paused = t.sla.paused;
    r.warnAt = t.sla.warnAt;
    r.rank = t.rank;
    r.requester = m_directory->userIndex(t.requesterId);
    r.assignee = m_directory->userIndex(t.assigneeId);
    r.group = m_directory->groupIndex(t.groupId);
    r.status = t.status;
    r.priority = t.priority;
    r.type = t.type;
    r.pending = m_pending.contains(r.id);
    return r;
}

void TicketCache::reload()
{
    m_rows.clear();
    m_index.clear();
    m_deleted = 0;
    m_pending.clear();
    for (const auto &e : m_store->pendingOutbox(100000)) {
        m_pending.insert(QUuid::fromString(e.entityId));
        const QString ticketId = e.payload.value(u"ticket_id"_qs).toString();
        if (!ticketId.isEmpty())
            m_pending.insert(QUuid::fromString(ticketId));
    }
    const qint64 expected = m_store->ticketCount();
    m_rows.reserve(static_cast<size_t>(expected));
    m_index.reserve(expected);
    m_store->forEachTicketHeader([this](Ticket &&t) {
        TicketRow r = toRow(t);
        m_index.insert(r.id, static_cast<int>(m_rows.size()));
        m_rows.push_back(std::move(r));
    });
    Q_EMIT reloaded();
}

void TicketCache::apply(const QList<Ticket> &tickets)
{
    QList<int> changed;
    changed.reserve(tickets.size());
    for (const auto &t : tickets) {
        TicketRow r = toRow(t);
        const auto it = m_index.constFind(r.id);
        if (it == m_index.constEnd()) {
            m_index.insert(r.id, static_cast<int>(m_rows.size()));
            changed << static_cast<int>(m_rows.size());
            m_rows.push_back(std::move(r));
        } else {
            auto &slot = m_rows[static_cast<size_t>(*it)];
            if (slot.deleted)
                --m_deleted;
            slot = std::move(r);
            changed << *it;
        }
    }
    if (!changed.isEmpty())
        Q_EMIT rowsChanged(changed);
}

void TicketCache::markRemoved(const QStringList &ids)
{
    QList<int> changed;
    for (const auto &id : ids) {
        const int i = indexOf(id);
        if (i < 0 || m_rows[static_cast<size_t>(i)].deleted)
            continue;
        m_rows[static_cast<size_t>(i)].deleted = true;
        ++m_deleted;
        changed << i;
    }
    if (!changed.isEmpty())
        Q_EMIT rowsChanged(changed);
}

void TicketCache::refreshPending()
{
    QSet<QUuid> now;
    for (const auto &e : m_store->pendingOutbox(100000)) {
        now.insert(QUuid::fromString(e.entityId));
        const QString ticketId = e.payload.value(u"ticket_id"_qs).toString();
        if (!ticketId.isEmpty())
            now.insert(QUuid::fromString(ticketId));
    }
    QList<int> changed;
    auto flip = [&](const QUuid &id, bool pending) {
        const int i = indexOf(id);
        if (i >= 0 && m_rows[static_cast<size_t>(i)].pending != pending) {
            m_rows[static_cast<size_t>(i)].pending = pending;
            changed << i;
        }
    };
    for (const auto &id : std::as_const(now))
        flip(id, true);
    for (const auto &id : std::as_const(m_pending)) {
        if (!now.contains(id))
            flip(id, false);
    }
    m_pending = now;
    if (!changed.isEmpty())
        Q_EMIT pendingChanged(changed);
}

} // namespace triage
