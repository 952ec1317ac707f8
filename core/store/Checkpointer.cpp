#include "Checkpointer.h"

#include <QLoggingCategory>

#include <sqlite3.h>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace triage {

Checkpointer::Checkpointer(QString path)
    : m_path(std::move(path))
    , m_thread([this] { run(); })
{ }

Checkpointer::~Checkpointer()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void Checkpointer::attach(sqlite3 *db)
{
    sqlite3_wal_hook(db, &Checkpointer::walHook, this);
    // A WAL that grew (a bulk load) is cut back to this size when it restarts.
    sqlite3_exec(db, "PRAGMA journal_size_limit = 67108864", nullptr, nullptr, nullptr);
}

int Checkpointer::checkpointsRun() const
{
    const std::lock_guard lock(m_mutex);
    return m_done;
}

void Checkpointer::setBulkLoad(bool on)
{
    m_bulkLoad = on;
    if (on)
        m_unbounded = true;
}

int Checkpointer::walHook(void *self, sqlite3 *db, const char *name, int frames)
{
    auto *c = static_cast<Checkpointer *>(self);
    if (frames < kInlineFrames && !c->m_bulkLoad)
        c->m_unbounded = false;
    if (frames >= kInlineFrames && !c->m_unbounded) {
        ++c->m_inline;
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (frames >= kBackgroundFrames) {
        {
            const std::lock_guard lock(c->m_mutex);
            c->m_requested = true;
        }
        c->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void Checkpointer::run()
{
    sqlite3 *db = nullptr;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_requested || m_stop; });
        if (m_stop)
            break;
        m_requested = false;
        lock.unlock();
        if (!db) {
            if (sqlite3_open_v2(
                    m_path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
                != SQLITE_OK) {
                qCWarning(lcStore) << "checkpoint connection:" << sqlite3_errmsg(db);
                sqlite3_close(db);
                db = nullptr;
            } else {
                sqlite3_busy_timeout(db, 1000);
                sqlite3_wal_autocheckpoint(db, 0); // this connection never writes anyway
            }
        }
        // PASSIVE: copies what no reader still needs, never waits for readers or writers.
        const int rc = db
            ? sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr)
            : SQLITE_CANTOPEN;
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcStore) << "background checkpoint failed:" << rc;
        lock.lock();
        ++m_done;
    }
    lock.unlock();
    sqlite3_close(db);
}

} // namespace triage
