#include "TicketCache.h"

#include "session/DirectoryIndex.h"
#include "store/LocalCache.h"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace triage {

namespace {

// UTF-8 id -> directory index, remembered per distinct id for one reload.
class DirectoryMemo
{
public:
    explicit DirectoryMemo(std::function<quint16(const QString &)> resolve)
        : m_resolve(std::move(resolve))
    { }
    quint16 operator()(QByteArrayView id)
    {
        if (id.isEmpty())
            return 0;
        const std::string_view key(id.data(), static_cast<size_t>(id.size()));
        if (const auto it = m_known.find(key); it != m_known.end())
            return it->second;
        const quint16 i = m_resolve(QString::fromUtf8(id));
        m_known.emplace(std::string(key), i);
        return i;
    }

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    std::function<quint16(const QString &)> m_resolve;
    std::unordered_map<std::string, quint16, Hash, std::equal_to<>> m_known;
};

} // namespace

TicketCache::TicketCache(LocalCache *store, DirectoryIndex *directory, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_directory(directory)
{
    connect(&store->tickets(), &TicketRepository::ticketsChanged, this, &TicketCache::apply);
    connect(&store->tickets(), &TicketRepository::ticketsRemoved, this, &TicketCache::markRemoved);
    connect(&store->tickets(), &TicketRepository::reset, this, &TicketCache::reload);
    connect(&store->outbox(), &OutboxRepository::outboxChanged, this, [this](int) { refreshPending(); });
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
    for (const auto &e : m_store->outbox().pending(100000)) {
        m_pending.insert(QUuid::fromString(e.entityId));
        const QString ticketId = e.payload.value(u"ticket_id"_qs).toString();
        if (!ticketId.isEmpty())
            m_pending.insert(QUuid::fromString(ticketId));
    }
    const qint64 expected = m_store->tickets().ticketCount();
    m_rows.reserve(static_cast<size_t>(expected));
    m_index.reserve(expected);
    // Straight from SQLite's text: ids parsed in place, people and groups looked up once per
    // distinct id (a few hundred) instead of once per row, one QString per row (the title).
    DirectoryMemo users([this](const QString &id) { return m_directory->userIndex(id); });
    DirectoryMemo groups([this](const QString &id) { return m_directory->groupIndex(id); });
    m_store->tickets().forEachTicketListRow([&](const TicketListRow &t) {
        TicketRow r;
        r.id = QUuid::fromString(QAnyStringView(t.id));
        r.title = QString::fromUtf8(t.title);
        r.number = t.number;
        r.createdAt = t.createdAt;
        r.updatedAt = t.updatedAt;
        r.status = static_cast<TicketStatus>(t.status);
        r.priority = static_cast<Priority>(t.priority);
        r.type = static_cast<TicketType>(t.type);
        r.dueAt = t.sla.due; // SlaSnapshot::kNone == kNoDue
        r.paused = t.sla.paused;
        r.warnAt = t.sla.warnAt;
        r.rank = t.rank;
        r.requester = users(t.requesterId);
        r.assignee = users(t.assigneeId);
        r.group = groups(t.groupId);
        r.pending = !m_pending.isEmpty() && m_pending.contains(r.id);
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
    for (const auto &e : m_store->outbox().pending(100000)) {
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
