#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace triage {

// Moves WAL checkpoints off the threads that commit. SQLite's automatic checkpoint runs inside the
// COMMIT that pushes the WAL past 1000 pages: copying those pages into the database file and two
// fsyncs land on whichever commit crossed the line (with scattered 500-ticket pages, nearly every
// one). Connections given to attach() instead wake a thread of ours, which runs a PASSIVE
// checkpoint on its own connection (readers and writers carry on meanwhile). Should that thread
// fall far behind, the committing connection checkpoints inline again, as SQLite would.
class Checkpointer
{
public:
    explicit Checkpointer(QString path);
    ~Checkpointer(); // stops the thread (after a checkpoint in progress)
    Checkpointer(const Checkpointer &) = delete;
    Checkpointer &operator=(const Checkpointer &) = delete;

    // Replaces `db`'s automatic checkpoint (its WAL hook). `db` must be closed before this object
    // goes.
    void attach(sqlite3 *db);
    // During an initial sync's bulk load no commit checkpoints inline, however far the thread falls
    // behind: the WAL may grow to the size of the load (the busiest stage, the bulk writer, is not
    // held in I/O). It stays so after the load until a commit finds the WAL back under
    // kInlineFrames (the thread caught up and the WAL restarted), so the first commits after it do
    // not copy the whole load inline either. journal_size_limit bounds the file after the restart.
    void setBulkLoad(bool on);

    static constexpr int kBackgroundFrames = 1000; // SQLite's default autocheckpoint
    static constexpr int kInlineFrames = 16000; // ~64 MB of WAL: checkpoint in the commit after all

    int checkpointsRun() const; // for tests
    int inlineCheckpoints() const { return m_inline; } // for tests

private:
    static int walHook(void *self, sqlite3 *db, const char *name, int frames);
    void run();

    QString m_path;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    std::atomic<bool> m_bulkLoad = false;
    std::atomic<int> m_inline = 0;
    std::atomic<bool> m_unbounded = false; // no inline checkpoint: a bulk load, or its WAL not yet caught up
    bool m_stop = false;
    int m_done = 0;
    std::thread m_thread;
};

} // namespace triage
