#include "ChannelWorker.h"

#include "IntakePipeline.h"
#include "domain/Time.h"
#include "storage/ChannelStore.h"
#include "storage/InboundStore.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <cstdio>

namespace triage::server {

namespace {

constexpr int kMaxAttempts = 3;
constexpr int kBatch = 50;

// The advisory lock's two int4 keys: a constant for Triage channels and the channel's hash.
constexpr int kLockClass = 0x74726368; // "trch"

int lockKey(const QString &channelId)
{
    const QByteArray h = QCryptographicHash::hash(channelId.toUtf8(), QCryptographicHash::Sha256);
    return static_cast<int>(qFromBigEndian<quint32>(h.constData()) & 0x7fffffffu);
}

} // namespace

ChannelWorker::ChannelWorker(ServerContext ctx, QString channelId, qint64 version, QString owner)
    : m_ctx(ctx)
    , m_channelId(std::move(channelId))
    , m_version(version)
    , m_owner(std::move(owner))
{ }

ChannelWorker::~ChannelWorker()
{
    stopAndJoin();
}

void ChannelWorker::stopAndJoin()
{
    requestStop();
    if (m_thread.joinable())
        m_thread.join();
}

void ChannelWorker::start()
{
    m_thread = std::thread([this] { run(); });
}

void ChannelWorker::requestStop()
{
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_stopFlag = true;
    m_cv.notify_all();
}

void ChannelWorker::wake()
{
    std::lock_guard lock(m_mutex);
    m_woken = true;
    m_cv.notify_all();
}

bool ChannelWorker::stopping()
{
    std::lock_guard lock(m_mutex);
    return m_stop;
}

bool ChannelWorker::waitFor(int seconds)
{
    std::unique_lock lock(m_mutex);
    if (seconds > 0)
        m_cv.wait_for(lock, std::chrono::seconds(seconds), [this] { return m_stop || m_woken; });
    m_woken = false;
    return !m_stop;
}

bool ChannelWorker::holdsLease()
{
    ServerDatabase &db = *m_ctx.db;
    if (!db.isPostgres())
        return true; // one instance per SQLite data directory (triaged.lock)
    const int key = lockKey(m_channelId);
    // Held already by this session? (A session-level lock taken twice would need two unlocks.)
    Sql held(db,
        u"SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        " AND classid = ? AND objid = ? AND objsubid = 2 AND granted"_qs);
    held.bind(kLockClass).bind(key).exec();
    if (held.next())
        return true;
    Sql take(db, u"SELECT pg_try_advisory_lock(?, ?)"_qs);
    take.bind(kLockClass).bind(key).exec();
    return take.next() && take.value(0).toBool();
}

void ChannelWorker::processStored(const std::function<Processed(const InboundRecord &, WriteTx &)> &handle,
    const std::function<void(const InboundRecord &)> &prepare)
{
    ServerDatabase &db = *m_ctx.db;
    InboundStore inbound(db);
    for (;;) {
        const QList<InboundRecord> batch = inbound.pending(m_channelId, kBatch);
        if (batch.isEmpty())
            return;
        for (const InboundRecord &r : batch) {
            if (stopping())
                return;
            try {
                if (prepare)
                    prepare(r);
                Processed p;
                {
                    WriteTx tx(db);
                    if (!inbound.lockPending(r.id))
                        continue; // another worker took it
                    p = handle(r, tx);
                    if (p.ignored)
                        inbound.markIgnored(r.id, p.reason, nowMs());
                    else
                        inbound.markDone(r.id, p.ticketId, p.commentId, nowMs());
                    if (!p.ignored && p.counts)
                        ChannelStore(db).addProcessed(m_channelId, 1);
                    tx.commit();
                }
                m_ctx.committed();
                if (p.afterCommit)
                    p.afterCommit();
            } catch (const IntakeRefused &e) {
                WriteTx tx(db);
                inbound.markQuarantined(r.id, e.reason(), nowMs());
                tx.commit();
                std::fprintf(stderr, "triaged: channel %s: message %s quarantined: %s\n",
                    qPrintable(m_channelId), qPrintable(r.id), qPrintable(e.reason()));
            } catch (const DbError &e) {
                std::fprintf(stderr, "triaged: channel %s: message %s not processed yet: %s\n",
                    qPrintable(m_channelId), qPrintable(r.id), e.what());
                m_ctx.db->dropThreadConnection();
                WriteTx tx(db);
                const int attempts = inbound.noteAttempt(r.id, QString::fromUtf8(e.what()));
                if (attempts >= kMaxAttempts)
                    inbound.markQuarantined(r.id,
                        u"storage refused it %1 times: %2"_qs.arg(attempts).arg(QString::fromUtf8(e.what())),
                        nowMs());
                tx.commit();
                if (attempts < kMaxAttempts)
                    return; // the database may be away: try again next poll
            }
        }
    }
}

void ChannelWorker::run()
{
    bool standbyLogged = false;
    while (!stopping()) {
        int wait = pollInterval();
        try {
            if (!holdsLease()) {
                if (!standbyLogged)
                    std::fprintf(stderr, "triaged: channel %s: another instance polls it; standing by\n",
                        qPrintable(m_channelId));
                standbyLogged = true;
                if (!waitFor(kStandbySeconds))
                    break;
                continue;
            }
            if (standbyLogged)
                std::fprintf(stderr, "triaged: channel %s: taking over polling\n", qPrintable(m_channelId));
            standbyLogged = false;
            const QString error = pollOnce();
            ChannelStore(*m_ctx.db).notePoll(m_channelId, nowMs(), error, m_owner);
            if (!error.isEmpty())
                wait = std::max(wait, kStandbySeconds); // an outside system refusing: do not hammer it
        } catch (const DbError &e) {
            // The database is away: the lease (a session lock) may be gone with the connection.
            std::fprintf(
                stderr, "triaged: channel %s: storage error: %s\n", qPrintable(m_channelId), e.what());
            m_ctx.db->dropThreadConnection();
            wait = kStandbySeconds;
        }
        if (!waitFor(wait))
            break;
    }
    m_ctx.db->dropThreadConnection(); // releases the lease on PostgreSQL
    m_finished = true;
}

} // namespace triage::server
