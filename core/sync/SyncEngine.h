#pragma once

#include "domain/Attachment.h"
#include "net/ApiClient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>

namespace triage {

class AttachmentClient;
class EventStream;
class NetworkStatus;
class PagePipeline;
class LocalCache;
struct OutboxEntry;

// Offline-first sync: pushes the outbox in order (exactly once, by client_id/client_seq), pulls
// the change feed page by page (each page and its cursor in one transaction), rebases pending
// intents over server state, keeps refused changes as conflicts, and follows the server's push
// stream. Online/offline is decided by real request outcomes. See docs/sync-protocol.md.
class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    enum class State { Idle, Syncing, Offline, AuthRequired, Failed };
    Q_ENUM(State)

    SyncEngine(LocalCache *store, ApiClient *api, QObject *parent = nullptr);
    ~SyncEngine() override;

    State state() const { return m_state; }
    bool isOnline() const { return m_state == State::Idle || m_state == State::Syncing; }
    QString lastError() const { return m_lastError; }
    qint64 lastSyncMs() const; // 0 = never
    QString clientId() const;
    int pendingCount() const;
    int conflictCount() const;

    // Live mode (console): push stream, periodic safety-net pull, retries with backoff.
    void start();
    void stop();
    // Asks for a cycle now (coalesced with a running one).
    void syncNow();
    // Runs cycles until the outbox is empty and the feed is at head, a failure or the timeout
    // (CLI, tests): idleReached(ok) then. Returns at once.
    void runToIdle(int timeoutMs = 300000);

    // The operating system's network hint (QNetworkInformation where a backend exists).
    NetworkStatus *networkStatus() const { return m_network; }

    void setPageLimit(int n) { m_pageLimit = n; }
    void setBatchSize(int n) { m_batchSize = n; }
    void setPeriodicPullMs(int ms) { m_periodic.setInterval(ms); }

    // Where staged files wait for their upload (AttachmentFiles); default: `attachments` beside the
    // cache file, as the console's profile has it.
    void setAttachmentDirectory(const QString &dir) { m_attachmentDir = dir; }

    // Records a new identity for this install × user × server; pending changes keep their order.
    static void resetClientIdentity(LocalCache *store);

Q_SIGNALS:
    void stateChanged(triage::SyncEngine::State state);
    void cycleFinished(bool ok);
    void authRequired();
    // Divergences found after the server's epoch changed (restored from a backup): local tickets
    // and comments it lacks, tickets it has at an older state. OutboxRepository::divergences() lists them.
    void divergencesFound(int count);
    // The end of runToIdle(): true = outbox empty and feed at head; false = lastError() says why.
    void idleReached(bool ok);
    // The server refused a saved view's change (view.put/view.delete): the server's copy is back in
    // the cache and the change is kept as a conflict. `problem` as the result carried it (code, args,
    // English detail).
    void viewRefused(const QString &viewName, const QJsonObject &problem);
    // The server would not take a file (too large, no longer allowed…): it is kept as a conflict and
    // the comment that named it goes without it. `problem` as the server answered (or a local one).
    void uploadRefused(const QString &filename, const QJsonObject &problem);
    // A file reached the server (console and tests follow the queue with it).
    void uploaded(const QString &attachmentId);

private:
    void setState(State s, const QString &error = {});
    void runCycle();
    void push();
    void onPushed(const QList<OutboxEntry> &batch, const ApiResponse &r);
    void pull();
    void requestPage(const QString &cursor);
    void requestNextPage(const QString &cursor); // within the pipeline's page budget
    void onPulled(const ApiResponse &r);
    void onPageBody(const ApiResponse &r);
    void finishPull();
    void dropPipeline();
    void finishCycle(bool ok);
    void continueToIdle(bool cycleOk);
    void endToIdle(bool ok);
    void failCycle(const ApiError &error);
    void scheduleRetry(int retryAfterSeconds);
    void openStream();
    void onNetworkHint();
    bool applyRecentResults(const QJsonArray &results, qint64 lastProcessed);
    bool startResync(const QString &why);
    bool finishResync();
    bool recordResults(const QList<OutboxEntry> &batch, const QJsonArray &results);
    qint64 clientSeqOf(const OutboxEntry &e) const;
    static bool isUploadEntry(const OutboxEntry &e);
    void uploadNext(const OutboxEntry &e); // SyncUploads.cpp
    void onUploaded(const OutboxEntry &e, const std::optional<Attachment> &stored, const ApiError &error);
    QString attachmentDirectory() const;

    LocalCache *m_store;
    ApiClient *m_api;
    EventStream *m_stream;
    NetworkStatus *m_network;
    State m_state = State::Idle;
    QString m_lastError;
    bool m_live = false;
    bool m_running = false;
    bool m_again = false;
    std::unique_ptr<PagePipeline> m_pipeline; // initial sync / resync: parse and write off-thread
    int m_pagesInFlight = 0; // handed to the pipeline, not yet written
    bool m_slaRecompute = false; // the pipeline saw the SLA configuration change after tickets
    QString m_nextCursor; // the next page, held back while the writer catches up
    bool m_staging = false; // a full resync writing staging tables (meta sync.resync says why)
    bool m_gapSeen = false;
    bool m_bulk = false;
    int m_failures = 0;
    int m_pageLimit = 500;
    // Bumped when a cycle ends: a prefetched page of an ended cycle is dropped.
    quint64 m_pullGeneration = 0;
    int m_batchSize = 100;
    QTimer m_retry;
    QTimer m_periodic;
    QTimer m_streamRetry;
    int m_streamFailures = 0;
    bool m_toIdle = false; // runToIdle() under way
    QTimer m_toIdleDeadline;
    QString m_attachmentDir;
    std::unique_ptr<AttachmentClient> m_uploads;
};

} // namespace triage
