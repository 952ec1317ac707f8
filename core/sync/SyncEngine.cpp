#include "SyncEngine.h"

#include "FeedDecoder.h"
#include "FeedReader.h"
#include "MutationCodec.h"
#include "PagePipeline.h"
#include "Rebase.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "net/AttachmentClient.h"
#include "net/EventStream.h"
#include "net/NetworkStatus.h"
#include "store/BulkWriter.h"
#include "store/LocalCache.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcSync, "triage.sync", QtWarningMsg)

namespace triage {

namespace {

constexpr auto kCursor = u"sync.cursor";
constexpr auto kClientId = u"sync.client_id";
constexpr auto kSeqBase = u"sync.seq_base";
constexpr auto kLastSync = u"sync.last_ms";
constexpr auto kInitial = u"sync.initial_in_progress";
constexpr int kMaxPagesInFlight = 2; // decoded pages waiting for the writer
constexpr auto kResync = u"sync.resync"; // why a resync into staging runs: the 410's problem type

QHash<QString, QList<OutboxEntry>> pendingByTicket(const QList<OutboxEntry> &outbox)
{
    QHash<QString, QList<OutboxEntry>> map;
    for (const auto &e : outbox)
        map[e.entityId] << e;
    return map;
}

} // namespace

SyncEngine::SyncEngine(LocalCache *store, ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_api(api)
    , m_stream(new EventStream(api->network(), this))
    , m_network(new NetworkStatus(this))
{
    connect(m_network, &NetworkStatus::hintChanged, this, &SyncEngine::onNetworkHint);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncEngine::syncNow);
    m_periodic.setInterval(60000); // safety net when a push event is lost
    connect(&m_periodic, &QTimer::timeout, this, &SyncEngine::syncNow);
    m_streamRetry.setSingleShot(true);
    connect(&m_streamRetry, &QTimer::timeout, this, &SyncEngine::openStream);
    connect(m_stream, &EventStream::opened, this, [this] { m_streamFailures = 0; });
    connect(m_stream, &EventStream::event, this, [this](const QByteArray &name, const QByteArray &) {
        if (name == "head")
            syncNow();
    });
    connect(m_stream, &EventStream::closed, this, [this](int status, const QString &reason) {
        qCInfo(lcSync) << "push stream closed" << status << reason;
        if (!m_live)
            return;
        if (status == 401) {
            setState(State::AuthRequired, u"Your session has expired; sign in again."_qs);
            Q_EMIT authRequired();
            return;
        }
        const int base = std::min(60000, 1000 << std::min(m_streamFailures++, 6));
        m_streamRetry.start(base / 2 + QRandomGenerator::global()->bounded(base));
        syncNow(); // the stream may have missed a head
    });
    connect(m_api, &ApiClient::unauthorized, this, [this] {
        if (m_state != State::AuthRequired) {
            setState(State::AuthRequired, u"Your session has expired; sign in again."_qs);
            Q_EMIT authRequired();
        }
    });
    connect(this, &SyncEngine::cycleFinished, this, &SyncEngine::continueToIdle);
    connect(&m_toIdleDeadline, &QTimer::timeout, this, [this] {
        if (!m_toIdle)
            return;
        m_lastError = u"Sync did not finish within %1 s."_qs.arg(m_toIdleDeadline.interval() / 1000);
        endToIdle(false);
    });
    if (m_store->meta().value(QString::fromUtf16(kClientId)).isEmpty())
        resetClientIdentity(m_store);
}

SyncEngine::~SyncEngine()
{
    dropPipeline();
}

void SyncEngine::resetClientIdentity(LocalCache *store)
{
    // client_seq = outbox seq − base, so the first change under a new identity is client_seq 1
    // and pending changes keep their order.
    const auto pending = store->outbox().pending(1);
    qint64 base = 0;
    if (!pending.isEmpty())
        base = pending.first().seq - 1;
    else
        base = store->outbox().lastSeq();
    store->meta().setValue(QString::fromUtf16(kSeqBase), QString::number(base));
    store->meta().setValue(QString::fromUtf16(kClientId), newId());
}

QString SyncEngine::clientId() const
{
    return m_store->meta().value(QString::fromUtf16(kClientId));
}
qint64 SyncEngine::lastSyncMs() const
{
    return m_store->meta().value(QString::fromUtf16(kLastSync)).toLongLong();
}
int SyncEngine::pendingCount() const
{
    return m_store->outbox().pendingCount();
}
int SyncEngine::conflictCount() const
{
    return m_store->outbox().conflictCount();
}

qint64 SyncEngine::clientSeqOf(const OutboxEntry &e) const
{
    return e.seq - m_store->meta().value(QString::fromUtf16(kSeqBase)).toLongLong();
}

void SyncEngine::setState(State s, const QString &error)
{
    if (!error.isEmpty())
        m_lastError = error;
    if (s == m_state)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void SyncEngine::start()
{
    m_live = true;
    m_periodic.start();
    openStream();
    syncNow();
}

void SyncEngine::stop()
{
    m_live = false;
    m_periodic.stop();
    m_retry.stop();
    m_streamRetry.stop();
    m_stream->close();
}

void SyncEngine::openStream()
{
    if (m_live && m_state != State::AuthRequired)
        m_stream->open(m_api->urlFor(u"events"_qs), m_api->authorization());
}

void SyncEngine::onNetworkHint()
{
    if (!m_live)
        return;
    if (m_network->hint() == NetworkStatus::Hint::Online) {
        // The link is back: no need to sit out the backoff.
        m_failures = 0;
        m_streamFailures = 0;
        if (!m_stream->isOpen()) {
            m_streamRetry.stop();
            openStream();
        }
        if (m_state == State::Offline) {
            m_retry.stop();
            syncNow();
        }
    } else if (m_network->hint() == NetworkStatus::Hint::Offline && !m_running
        && (m_state == State::Idle || m_state == State::Syncing)) {
        // Only a hint: the retry timer keeps trying, and a request that gets through wins.
        setState(State::Offline, u"The network is unavailable."_qs);
    }
}

void SyncEngine::syncNow()
{
    if (m_running) {
        m_again = true;
        return;
    }
    if (m_state == State::AuthRequired && !m_api->hasToken())
        return;
    runCycle();
}

void SyncEngine::runCycle()
{
    m_running = true;
    m_again = false;
    setState(State::Syncing);
    push();
}

void SyncEngine::push()
{
    QList<OutboxEntry> batch = m_store->outbox().pending(m_batchSize);
    if (batch.isEmpty()) {
        pull();
        return;
    }
    // A file goes up on its own, in its place: the mutations before it first, then the file, then
    // the comment that names it (SyncUploads.cpp).
    const auto upload = std::find_if(batch.begin(), batch.end(), isUploadEntry);
    if (upload == batch.begin()) {
        uploadNext(batch.first());
        return;
    }
    batch.erase(upload, batch.end());
    QJsonArray mutations;
    for (const auto &e : batch)
        mutations.append(encodeEnvelope(e.payload, e.type, e.id, clientSeqOf(e)));
    const QJsonObject body {{u"client_id"_qs, clientId()}, {u"mutations"_qs, mutations}};
    m_api->request("POST", u"mutations"_qs, {}, QJsonDocument(body),
        [this, batch](const ApiResponse &r) { onPushed(batch, r); });
}

bool SyncEngine::recordResults(const QList<OutboxEntry> &batch, const QJsonArray &results)
{
    QHash<QString, OutboxEntry> byId;
    for (const auto &e : batch)
        byId.insert(e.id, e);
    QStringList processed;
    QList<SyncConflict> conflicts;
    QList<Ticket> current;
    QList<QPair<QString, QJsonObject>> views; // the server's copies (empty: none for us)
    QList<QPair<QString, QJsonObject>> refusedViews; // name, problem
    QSet<QString> processedSet;
    for (const auto &v : results) {
        const QJsonObject r = v.toObject();
        const QString id = r.value(u"id"_qs).toString();
        if (!byId.contains(id))
            continue;
        QString status = r.value(u"status"_qs).toString();
        if (status == u"duplicate" && !r.value(u"original_status"_qs).toString().isEmpty())
            status = r.value(u"original_status"_qs).toString();
        processed << id;
        processedSet.insert(id);
        const OutboxEntry &e = byId.value(id);
        const bool refused = status == u"conflict" || status == u"held" || status == u"rejected";
        if (refused) {
            conflicts << SyncConflict {newId(), id, e.entityId, status,
                encodeEnvelope(e.payload, e.type, e.id, clientSeqOf(e)), r, nowMs()};
        }
        if (isViewMutation(e.type)) {
            if (r.contains(u"view"_qs))
                views << qMakePair(e.entityId, r.value(u"view"_qs).toObject());
            if (refused) {
                const QJsonObject mine = e.payload.value(u"view"_qs).toObject();
                const QString name
                    = mine.value(u"name"_qs)
                          .toString(r.value(u"view"_qs).toObject().value(u"name"_qs).toString());
                refusedViews << qMakePair(name, r.value(u"problem"_qs).toObject());
            }
            continue;
        }
        FieldErrors errors;
        if (r.value(u"ticket"_qs).isObject()) {
            if (auto t = Ticket::fromJson(r.value(u"ticket"_qs).toObject(), &errors))
                current << *t;
        }
    }
    // The server's current tickets, with whatever is still pending re-applied on top.
    const QList<OutboxEntry> remaining = m_store->outbox().pending(100000);
    QList<OutboxEntry> stillPending;
    for (const auto &e : remaining) {
        if (!processedSet.contains(e.id))
            stillPending << e;
    }
    const auto pending = pendingByTicket(stillPending);
    for (auto &t : current)
        t = rebase(t, pending.value(t.id));
    // A view edited again meanwhile keeps its newer local version until that edit's answer.
    views.removeIf([&](const auto &v) { return pending.contains(v.first); });
    if (!m_store->outbox().recordPushResults(processed, conflicts, current, views))
        return false;
    for (const auto &[name, problem] : std::as_const(refusedViews))
        Q_EMIT viewRefused(name, problem);
    return true;
}

void SyncEngine::onPushed(const QList<OutboxEntry> &batch, const ApiResponse &r)
{
    const QJsonObject o = r.json.object();
    if (r.ok() || r.httpStatus == 409 || r.httpStatus == 422) {
        // Partial results come with an error too: everything before the failure is committed.
        if (!recordResults(batch, o.value(u"results"_qs).toArray())) {
            failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
            return;
        }
    }
    if (r.ok()) {
        m_failures = 0;
        push(); // next batch, then pull
        return;
    }
    if (r.httpStatus == 409 && r.error.type == u"mutation-gap" && !m_gapSeen) {
        // The server knows less of this client than we do: most likely a new server epoch
        // (restored from a backup). The pull finds out (410 epoch-changed → new identity);
        // a second gap without that is a real inconsistency and stops the cycle.
        qCWarning(lcSync) << "mutation gap:" << r.error.detail;
        m_gapSeen = true;
        pull();
        return;
    }
    failCycle(r.error);
}

void SyncEngine::pull()
{
    if (!m_staging && !m_store->meta().value(QString::fromUtf16(kResync)).isEmpty()) {
        // A resync killed half-way: go on into the staging tables it left (or start it over).
        if (!m_store->staging().isActive())
            m_store->meta().setValue(QString::fromUtf16(kCursor), QString());
        m_staging = m_store->staging().begin(true);
        if (!m_staging) {
            failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
            return;
        }
    }
    const QString cursor = m_store->meta().value(QString::fromUtf16(kCursor));
    if (!m_bulk && !m_staging
        && (cursor.isEmpty() || m_store->meta().value(QString::fromUtf16(kInitial)) == u"1")) {
        // Initial sync (or full resync), also when resumed after a kill: index once at the end
        // instead of row by row. A kill half-way is safe: the next open finishes the index.
        m_bulk = m_store->syncWriter().beginBulk()
            && m_store->meta().setValue(QString::fromUtf16(kInitial), u"1"_qs);
    }
    requestPage(cursor);
}

void SyncEngine::requestPage(const QString &cursor)
{
    QUrlQuery q;
    q.addQueryItem(u"cursor"_qs, cursor);
    q.addQueryItem(u"limit"_qs, QString::number(m_bulk || m_staging ? 1000 : m_pageLimit));
    q.addQueryItem(u"client_id"_qs, clientId());
    const quint64 generation = m_pullGeneration;
    static const bool pipeline = qEnvironmentVariable("TRIAGE_SYNC_PIPELINE") != u"off";
    if ((m_bulk || m_staging) && pipeline) {
        // Initial sync or resync: the body goes to the page pipeline unparsed.
        m_api->request("GET", u"changes"_qs, q, {},
            [this, generation](const ApiResponse &r) {
                if (generation == m_pullGeneration)
                    onPageBody(r);
            },
            {{ApiClient::kRawBody, QByteArray("1")}});
        return;
    }
    // The body comes unparsed: FeedReader reads it in one pass (onPulled).
    m_api->request("GET", u"changes"_qs, q, {},
        [this, generation](const ApiResponse &r) {
            if (generation == m_pullGeneration)
                onPulled(r);
        },
        {{ApiClient::kRawBody, QByteArray("1")}});
}

bool SyncEngine::applyRecentResults(const QJsonArray &results, qint64 lastProcessed)
{
    // A push whose response was lost: the feed tells what became of it.
    const QList<OutboxEntry> outbox = m_store->outbox().pending(1000);
    QList<OutboxEntry> processed;
    for (const auto &e : outbox) {
        if (isUploadEntry(e))
            break; // nothing after a file waiting to upload was sent yet
        if (clientSeqOf(e) <= lastProcessed)
            processed << e;
    }
    if (processed.isEmpty() || results.isEmpty())
        return true;
    return recordResults(processed, results);
}

void SyncEngine::onPulled(const ApiResponse &r)
{
    if (!r.ok()) {
        if (r.httpStatus == 410 && !m_store->meta().value(QString::fromUtf16(kCursor)).isEmpty()) {
            // Cursor expired or the server's epoch changed: page through everything again, into
            // staging tables. The outbox stays and is rebased; nothing local is deleted because a
            // restored server lacks it.
            qCWarning(lcSync) << "cursor no longer valid, full resync:" << r.error.type;
            if (!startResync(r.error.type)) {
                failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
                return;
            }
            pull();
            return;
        }
        failCycle(r.error);
        return;
    }
    const QString cursorKey = QString::fromUtf16(kCursor);
    auto pending = pendingByTicket(m_store->outbox().pending(100000));
    ServerChanges changes;
    FeedEnvelope env;
    QJsonObject page;
    bool fast = readFeedPage(r.body, pending, cursorKey, &changes, &env);
    if (!fast) {
        // What the reader does not expect is read as before (it says which rows it skips).
        QJsonParseError pe;
        if (!r.body.isEmpty())
            page = QJsonDocument::fromJson(r.body, &pe).object();
        if (!r.body.isEmpty() && pe.error != QJsonParseError::NoError) {
            failCycle(ApiError {
                r.httpStatus, {}, u"Unreadable response from the server"_qs, pe.errorString(), -1, {}});
            return;
        }
        changes = {};
        env.hasMore = page.value(u"has_more"_qs).toBool();
        env.nextCursor = page.value(u"next_cursor"_qs).toString();
        env.recentResults = page.value(u"recent_results"_qs).toArray();
        env.lastProcessedSeq = static_cast<qint64>(page.value(u"last_processed_seq"_qs).toDouble());
    }
    const bool more = env.hasMore;
    if (more && (m_bulk || m_staging)) // pipeline off: still ask for the next page first
        requestPage(env.nextCursor);
    applyRecentResults(env.recentResults, env.lastProcessedSeq);
    if (fast && !env.recentResults.isEmpty() && !pending.isEmpty()) {
        // Results of a push whose response was lost may have emptied part of the outbox: the
        // page's tickets are rebased over what is still pending now.
        pending = pendingByTicket(m_store->outbox().pending(100000));
        FeedEnvelope again;
        fast = readFeedPage(r.body, pending, cursorKey, &changes, &again);
        if (!fast) {
            changes = {};
            page = QJsonDocument::fromJson(r.body).object(); // it was readable a moment ago
        }
    }
    int skipped = 0;
    if (!fast) {
        // After applyRecentResults, as before: its push results may have changed the outbox.
        skipped
            = decodeFeedPage(page, pendingByTicket(m_store->outbox().pending(100000)), cursorKey, &changes);
    }
    if (!m_store->syncWriter().applyServerChanges(changes)) {
        failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
        return;
    }
    if (skipped > 0)
        qCWarning(lcSync) << skipped << "unreadable changes were skipped in this page";
    if (more) {
        if (!m_bulk && !m_staging)
            pull();
        return;
    }
    finishPull();
}

void SyncEngine::onPageBody(const ApiResponse &r)
{
    if (!r.ok()) {
        onPulled(r); // 410, auth, network: as usual
        return;
    }
    if (!m_pipeline) {
        auto writer = m_store->syncWriter().takePageWriter(m_staging);
        if (!writer) {
            failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
            return;
        }
        m_pipeline = std::make_unique<PagePipeline>(std::move(writer),
            pendingByTicket(m_store->outbox().pending(100000)), QString::fromUtf16(kCursor),
            m_store->eventLogs().slaInputs());
        connect(m_pipeline.get(), &PagePipeline::parsed, this,
            [this](const QString &next, bool more, const QJsonArray &recent, qint64 lastProcessed,
                bool skimmed) {
                applyRecentResults(recent, lastProcessed);
                if (more && !skimmed)
                    requestNextPage(next);
            });
        connect(m_pipeline.get(), &PagePipeline::written, this, [this](bool more, const QStringList &kinds) {
            --m_pagesInFlight;
            if (!m_nextCursor.isEmpty() && m_pagesInFlight <= kMaxPagesInFlight)
                requestPage(std::exchange(m_nextCursor, QString()));
            if (!kinds.isEmpty())
                Q_EMIT m_store->referenceData().entitiesChanged(kinds);
            if (!more) { // not from inside the pipeline's own signal: it is deleted first
                m_slaRecompute = m_pipeline->slaNeedsRecompute();
                QTimer::singleShot(0, this, [this] {
                    dropPipeline();
                    finishPull();
                });
            }
        });
        connect(m_pipeline.get(), &PagePipeline::failed, this, [this](const QString &error) {
            QTimer::singleShot(0, this, [this, error] {
                failCycle(ApiError {0, {}, u"Local cache error"_qs, error, -1, {}});
            });
        });
    }
    // The next page is requested as soon as this one's cursor is known: skimmed from the body
    // (a fraction of a millisecond), not after the parser thread has read it all, so the server
    // builds and sends page N+1 while page N is read.
    SkimmedEnvelope skimmed;
    static const bool skim = qEnvironmentVariable("TRIAGE_SYNC_SKIM") != u"off";
    skimmed.ok = skim && skimFeedEnvelope(r.body, &skimmed.nextCursor, &skimmed.hasMore);
    ++m_pagesInFlight;
    m_pipeline->submit(r.body, skimmed);
    if (skimmed.ok && skimmed.hasMore)
        requestNextPage(skimmed.nextCursor);
}

void SyncEngine::requestNextPage(const QString &cursor)
{
    // At most a few pages wait for the writer (memory stays bounded); the rest is asked for as
    // pages are written.
    if (m_pagesInFlight <= kMaxPagesInFlight)
        requestPage(cursor);
    else
        m_nextCursor = cursor;
}

void SyncEngine::dropPipeline()
{
    if (!m_pipeline)
        return;
    // Pages already handed over finish writing (each with its cursor); nothing more is reported.
    m_pipeline->disconnect(this);
    m_pipeline.reset();
    m_pagesInFlight = 0;
    m_nextCursor.clear();
}

void SyncEngine::finishPull()
{
    if (m_bulk) {
        m_bulk = false;
        m_store->meta().setValue(QString::fromUtf16(kInitial), u"0"_qs);
        if (!m_store->syncWriter().endBulk(true)) {
            failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
            return;
        }
        // Every row is in: the cache is usable now. The list indexes (lookups by number, a ticket's
        // comments, filtered lists: correct without them, only slower) and the search index follow
        // a moment later in the console; triagectl builds them before it exits; search() builds
        // them on demand when still missing, and opening the cache finishes them.
        if (m_live)
            m_store->searchIndex().buildSearchIndexInBackground();
    }
    if (m_staging && !finishResync()) {
        failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
        return;
    }
    // Calendars, policies or groups arrived after tickets were written with the old ones.
    if (std::exchange(m_slaRecompute, false) && !m_store->eventLogs().recomputeSla()) {
        failCycle(ApiError {0, {}, u"Local cache error"_qs, m_store->lastError(), -1, {}});
        return;
    }
    finishCycle(true);
}

bool SyncEngine::startResync(const QString &why)
{
    dropPipeline(); // pages of the old cursor still being written finish first
    m_store->meta().setValue(QString::fromUtf16(kCursor), QString());
    if (why == u"epoch-changed") {
        // A different (or restored) database: it has never seen this client, or forgot part of
        // what it sent. Pending changes go out again under a new identity, in the same order.
        resetClientIdentity(m_store);
        m_gapSeen = false;
    }
    if (m_bulk || m_store->tickets().ticketCount() == 0)
        return true; // nothing local to keep apart: an ordinary initial sync
    // A resync that was itself interrupted by another 410 starts over, keeping the stronger reason.
    QString reason = why == u"epoch-changed" ? why : u"cursor-expired"_qs;
    if (m_store->meta().value(QString::fromUtf16(kResync)) == u"epoch-changed")
        reason = u"epoch-changed"_qs;
    m_staging
        = m_store->staging().begin(false) && m_store->meta().setValue(QString::fromUtf16(kResync), reason);
    return m_staging;
}

bool SyncEngine::finishResync()
{
    // Edits made while the resync ran: re-apply every pending intent over the staged server state.
    const QList<OutboxEntry> outbox = m_store->outbox().pending(100000);
    const auto pending = pendingByTicket(outbox);
    ServerChanges again;
    QSet<QString> keepTickets;
    QSet<QString> keepComments;
    for (auto it = pending.constBegin(); it != pending.constEnd(); ++it) {
        keepTickets.insert(it.key());
        if (const auto staged = m_store->staging().stagedTicket(it.key()))
            again.tickets << rebase(*staged, it.value());
    }
    for (const auto &e : outbox) {
        if (e.type == u"comment.create")
            keepComments.insert(e.payload.value(u"comment"_qs).toObject().value(u"id"_qs).toString());
    }
    if (!again.tickets.isEmpty()
        && !(m_store->staging().begin(true) && m_store->syncWriter().applyServerChanges(again)))
        return false;
    const bool serverLostData = m_store->meta().value(QString::fromUtf16(kResync)) == u"epoch-changed";
    QList<SyncConflict> divergences;
    if (!m_store->staging().finish(serverLostData, keepTickets, keepComments,
            {{QString::fromUtf16(kResync), QString()}}, &divergences))
        return false;
    m_staging = false;
    if (!divergences.isEmpty())
        Q_EMIT divergencesFound(static_cast<int>(divergences.size()));
    return true;
}

void SyncEngine::finishCycle(bool ok)
{
    m_running = false;
    if (ok) {
        m_failures = 0;
        if (m_store->outbox().pendingCount() == 0)
            m_gapSeen = false;
        m_store->meta().setValue(QString::fromUtf16(kLastSync), QString::number(nowMs()));
        setState(State::Idle);
    }
    Q_EMIT cycleFinished(ok);
    if (ok && (m_again || m_store->outbox().pendingCount() > 0) && m_state != State::AuthRequired) {
        // New local edits or a head event arrived meanwhile.
        if (m_again || m_live)
            QTimer::singleShot(0, this, &SyncEngine::syncNow);
    }
}

void SyncEngine::failCycle(const ApiError &error)
{
    m_running = false;
    ++m_pullGeneration; // a page prefetched for this cycle is not applied
    dropPipeline();
    if (error.httpStatus == 401) {
        setState(State::AuthRequired, u"Your session has expired; sign in again."_qs);
        Q_EMIT authRequired();
    } else if (error.isNetwork() || error.httpStatus == 502 || error.httpStatus == 503
        || error.httpStatus == 504) {
        // Not reachable, or not able to answer (a proxy without its backend, storage unavailable).
        setState(State::Offline, error.message());
        scheduleRetry(error.retryAfterSeconds);
    } else {
        // The server answered but refused the cycle (its disk is full: 507, too many requests: 429,
        // another error): shown as such, not as "unreachable"; retried the same way.
        setState(State::Failed, error.message());
        scheduleRetry(error.retryAfterSeconds);
    }
    qCInfo(lcSync).noquote() << "sync cycle failed:" << error.message();
    Q_EMIT cycleFinished(false);
}

void SyncEngine::scheduleRetry(int retryAfterSeconds)
{
    if (!m_live)
        return;
    // Exponential backoff with full jitter, capped at a minute; the server's Retry-After wins.
    const int cap = std::min(60000, 500 << std::min(m_failures++, 7));
    int delay = cap / 2 + QRandomGenerator::global()->bounded(cap / 2 + 1);
    if (retryAfterSeconds >= 0)
        delay = std::max(delay, retryAfterSeconds * 1000);
    m_retry.start(delay);
}

void SyncEngine::runToIdle(int timeoutMs)
{
    m_toIdle = true;
    m_toIdleDeadline.setSingleShot(true);
    m_toIdleDeadline.setInterval(std::max(1, timeoutMs));
    m_toIdleDeadline.start();
    if (!m_running)
        runCycle();
    else
        m_again = true;
}

void SyncEngine::continueToIdle(bool cycleOk)
{
    if (!m_toIdle)
        return;
    if (!cycleOk) {
        endToIdle(false);
        return;
    }
    // A head event or a local edit may have asked for another cycle meanwhile: that one runs on
    // its own; what runToIdle waits for is an empty outbox after a successful pull.
    if (m_store->outbox().pendingCount() == 0) {
        endToIdle(true);
        return;
    }
    // After the cycle's own bookkeeping (its signal is still being delivered).
    QTimer::singleShot(0, this, [this] {
        if (!m_toIdle)
            return;
        if (!m_running)
            runCycle();
        else
            m_again = true;
    });
}

void SyncEngine::endToIdle(bool ok)
{
    m_toIdle = false;
    m_toIdleDeadline.stop();
    Q_EMIT idleReached(ok);
}

} // namespace triage
