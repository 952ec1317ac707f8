#pragma once

#include "FeedReader.h"
#include "sla/TicketSlaState.h"

#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

namespace triage {

class BulkWriter;

// One feed page (GET /changes) as a store page: tickets rebased over `pending`, comments,
// removals (a ticket with pending edits is not removed: its refused push keeps the text),
// reference entities, and the page's cursor under `cursorKey`. Returns how many rows were
// unreadable (skipped with a warning).
int decodeFeedPage(
    const QJsonObject &page, const PendingByTicket &pending, const QString &cursorKey, ServerChanges *out);

// A page's envelope as skimFeedEnvelope found it (`ok` false: not found).
struct SkimmedEnvelope {
    bool ok = false;
    QString nextCursor;
    bool hasMore = false;
};

// The initial sync's (and a resync's) page pipeline: page N+1 is being built by the server and
// transferred while page N is parsed and decoded on one thread and page N-1 is written on another
// (its own SQLite connection, the store's bulk target). The main thread only does HTTP. Pages are
// written strictly in order, each with its cursor in one transaction, so a kill resumes after
// the last written page. Results come back as queued signals on the owner's thread.
class PagePipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagePipeline)

public:
    // `sla`: the cache's SLA documents and pending replies; each page's tickets get their SLA snapshot
    // on the parser thread (the configuration follows the calendars, policies and groups of the pages).
    PagePipeline(std::unique_ptr<BulkWriter> writer, PendingByTicket pending, QString cursorKey,
        SlaInputs sla, QObject *parent = nullptr);
    ~PagePipeline() override; // waits for the page being written

    // A page's raw body, in feed order. `skimmed`: its envelope as skimFeedEnvelope read it, when the
    // caller already requested the next page with it; the full read must agree, else the pipeline
    // fails and writes nothing after this page (the page requested early would be the wrong one).
    void submit(const QByteArray &body, const SkimmedEnvelope &skimmed = SkimmedEnvelope());
    // The SLA configuration changed after tickets were written with the old one: the caller re-derives
    // every snapshot once the load is over (EventLogRepository::recomputeSla).
    bool slaNeedsRecompute() const { return m_sla->dirty; }
    // Pages written so far and the transactions they took (pages waiting together share one).
    int pagesWritten() const { return m_stats->pages; }
    int transactions() const { return m_stats->transactions; }
    // CPU time the parser and writer threads spent on pages so far.
    double parserCpuMs() const { return static_cast<double>(m_stats->parseNs) / 1e6; }
    double writerCpuMs() const { return static_cast<double>(m_stats->writeNs) / 1e6; }

Q_SIGNALS:
    // The page's envelope is read: the caller may request the next page now (unless it did already
    // with the skimmed envelope: `skimmed`).
    void parsed(const QString &nextCursor, bool hasMore, const QJsonArray &recentResults,
        qint64 lastProcessedSeq, bool skimmed);
    // The page (and its cursor) is committed; `kinds` = reference entity kinds it touched.
    void written(bool hasMore, const QStringList &kinds);
    void failed(const QString &error);

private:
    QThread m_parser;
    QThread m_writer;
    QObject *m_parseContext;
    QObject *m_writeContext;
    std::shared_ptr<BulkWriter> m_bulk;
    PendingByTicket m_pending;
    QString m_cursorKey;
    struct SlaWork {
        SlaInputs inputs;
        TicketSlaState state;
        bool ticketsSeen = false; // parser thread only
        std::atomic<bool> dirty = false;
        // Parser thread only: a page was unreadable or its skimmed envelope wrong; no later page is
        // read or written (it may have been requested already and would skip this one).
        bool poisoned = false;
    };
    std::shared_ptr<SlaWork> m_sla;
    // Pages already written, handed back to the parser thread to be freed there (glibc frees a
    // block fastest on the thread whose arena it came from; the writer is the busiest stage).
    struct Written {
        QMutex mutex;
        QList<std::shared_ptr<ServerChanges>> pages;
    };
    std::shared_ptr<Written> m_written;
    // Decoded pages waiting for the writer, which takes all of them into one transaction.
    struct Queued {
        std::shared_ptr<ServerChanges> changes;
        bool hasMore = false;
    };
    struct Queue {
        QMutex mutex;
        std::vector<Queued> pages;
        bool stopped = false; // a write failed: later pages are dropped (the cursor must not skip it)
    };
    std::shared_ptr<Queue> m_queue;
    // CPU time of the stages, logged when the pipeline ends (triage.sync.info).
    struct Stats {
        std::atomic<qint64> parseNs = 0;
        std::atomic<qint64> writeNs = 0;
        std::atomic<int> pages = 0;
        std::atomic<int> transactions = 0;
    };
    std::shared_ptr<Stats> m_stats;
};

} // namespace triage
