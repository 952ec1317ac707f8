#include "PagePipeline.h"

#include "FeedDecoder.h"
#include "FeedReader.h"
#include "Rebase.h"
#include "domain/Time.h"
#include "store/BulkWriter.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QSet>

#include <ctime>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace triage {

namespace {

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// The ticket's event log (`history`, staff only): kept when readable, else the ticket still applies.
void readHistory(const QJsonObject &data, const QString &ticketId, ServerChanges *changes)
{
    const QJsonValue log = data.value(u"history"_qs);
    if (log.isUndefined())
        return;
    QString why;
    if (!log.isArray()) {
        why = u"not an array"_qs;
    } else if (auto events = TicketEvent::listFromJson(log.toArray(), &why)) {
        changes->history.insert(ticketId, *events);
        return;
    }
    qCWarning(lcSync) << "unreadable history of ticket" << ticketId << why;
}

} // namespace

int decodeFeedPage(
    const QJsonObject &page, const PendingByTicket &pending, const QString &cursorKey, ServerChanges *out)
{
    ServerChanges &changes = *out;
    int skipped = 0;
    const QJsonArray list = page.value(u"changes"_qs).toArray();
    for (const auto &v : list) {
        const QJsonObject c = v.toObject();
        const QString entity = c.value(u"entity"_qs).toString();
        const bool upsert = c.value(u"op"_qs).toString() == u"upsert";
        const QString id = c.value(u"id"_qs).toString();
        FieldErrors errors;
        if (entity == u"ticket") {
            if (upsert) {
                const QJsonObject data = c.value(u"data"_qs).toObject();
                if (auto t = decodeFeedTicket(data, &errors)) {
                    readHistory(data, t->id, &changes);
                    changes.tickets << rebase(std::move(*t), pending.value(id));
                } else {
                    ++skipped;
                    qCWarning(lcSync) << "unreadable ticket in the feed" << id << describe(errors);
                }
            } else if (!pending.contains(id)) {
                changes.removedTickets << id;
            } else {
                // Deleted (or out of sight) while we still have edits: keep the local copy until
                // the push of those edits comes back refused, with the text kept as a conflict.
                qCInfo(lcSync) << "ticket" << id << "removed on the server while edits are pending";
            }
        } else if (entity == u"comment") {
            if (upsert) {
                if (auto cm = decodeFeedComment(c.value(u"data"_qs).toObject(), &errors)) {
                    changes.comments << *cm;
                } else {
                    ++skipped;
                    qCWarning(lcSync) << "unreadable comment in the feed" << id << describe(errors);
                }
            } else {
                changes.removedComments << id;
            }
        } else if (!entity.isEmpty()) {
            // Wire entity names are the local kinds (users, groups, boards, views… live as JSON).
            if (upsert)
                changes.entities << qMakePair(entity, c.value(u"data"_qs).toObject());
            else
                changes.removedEntities << qMakePair(entity, id);
        }
    }
    changes.meta.insert(cursorKey, page.value(u"next_cursor"_qs).toString());
    return skipped;
}

PagePipeline::PagePipeline(std::unique_ptr<BulkWriter> writer, PendingByTicket pending, QString cursorKey,
    SlaInputs sla, QObject *parent)
    : QObject(parent)
    , m_parseContext(new QObject)
    , m_writeContext(new QObject)
    , m_bulk(std::move(writer))
    , m_pending(std::move(pending))
    , m_cursorKey(std::move(cursorKey))
    , m_sla(std::make_shared<SlaWork>())
    , m_written(std::make_shared<Written>())
    , m_queue(std::make_shared<Queue>())
    , m_stats(std::make_shared<Stats>())
{
    m_sla->state = sla.state();
    m_sla->inputs = std::move(sla);
    m_parseContext->moveToThread(&m_parser);
    m_writeContext->moveToThread(&m_writer);
    connect(&m_parser, &QThread::finished, m_parseContext, &QObject::deleteLater);
    connect(&m_writer, &QThread::finished, m_writeContext, &QObject::deleteLater);
    m_parser.start();
    m_writer.start();
}

PagePipeline::~PagePipeline()
{
    m_parser.quit();
    m_parser.wait();
    m_writer.quit();
    m_writer.wait(); // a page being written finishes (its transaction commits or rolls back)
    qCInfo(lcSync).nospace() << "page pipeline: " << m_stats->pages << " pages in " << m_stats->transactions
                             << " transactions; CPU: parser " << m_stats->parseNs / 1000000 << " ms, writer "
                             << m_stats->writeNs / 1000000 << " ms";
}

void PagePipeline::submit(const QByteArray &body, const SkimmedEnvelope &skimmed)
{
    // Queued to the parser thread, then the writer thread; results come back as calls queued to
    // this object's thread. The destructor stops both threads before the QObject goes, and Qt
    // drops calls still queued for a deleted object, so nothing reaches a dead pipeline.
    PagePipeline *self = this;
    QMetaObject::invokeMethod(m_parseContext,
        [self, body, skimmed, pending = m_pending, key = m_cursorKey, bulk = m_bulk,
            writeContext = m_writeContext, sla = m_sla, written = m_written, queue = m_queue,
            stats = m_stats] {
            const qint64 cpu0 = threadCpuNs();
            // Pages the writer is done with are freed here, on the thread that allocated them.
            QList<std::shared_ptr<ServerChanges>> done;
            {
                const QMutexLocker lock(&written->mutex);
                done.swap(written->pages);
            }
            if (sla->poisoned)
                return; // an earlier page failed: nothing after it is read or written
            auto changes = std::make_shared<ServerChanges>();
            FeedEnvelope env;
            // The one-pass reader first; a page it does not expect goes through QJsonDocument and
            // decodeFeedPage, which read it or skip unreadable rows with their reasons.
            const bool fast = readFeedPage(body, pending, key, changes.get(), &env);
            QJsonObject page;
            if (!fast) {
                QJsonParseError pe;
                page = QJsonDocument::fromJson(body, &pe).object();
                if (pe.error != QJsonParseError::NoError) {
                    // Nothing after this page may be written: the next one may have been requested
                    // already (with its skimmed cursor), and writing it would skip this one.
                    sla->poisoned = true;
                    const QString error = u"Unreadable response from the server: "_qs + pe.errorString();
                    QMetaObject::invokeMethod(self, [self, error] { Q_EMIT self->failed(error); });
                    return;
                }
                *changes = {};
                env.hasMore = page.value(u"has_more"_qs).toBool();
                env.nextCursor = page.value(u"next_cursor"_qs).toString();
                env.recentResults = page.value(u"recent_results"_qs).toArray();
                env.lastProcessedSeq = static_cast<qint64>(page.value(u"last_processed_seq"_qs).toDouble());
            }
            const bool hasMore = env.hasMore;
            if (skimmed.ok && (skimmed.nextCursor != env.nextCursor || skimmed.hasMore != hasMore)) {
                // Cannot happen with well-formed JSON; if it does, the page requested early is the
                // wrong one: stop here (this page is fine, but is not written either: one failure).
                sla->poisoned = true;
                const QString error = u"The page's cursor was misread"_qs;
                QMetaObject::invokeMethod(self, [self, error] { Q_EMIT self->failed(error); });
                return;
            }
            QMetaObject::invokeMethod(self,
                [self, next = env.nextCursor, hasMore, recent = env.recentResults,
                    last = env.lastProcessedSeq,
                    early = skimmed.ok] { Q_EMIT self->parsed(next, hasMore, recent, last, early); });
            if (!fast) {
                if (const int skipped = decodeFeedPage(page, pending, key, changes.get()); skipped > 0)
                    qCWarning(lcSync) << skipped << "unreadable changes were skipped in this page";
            }
            // SLA snapshots, with the configuration as of this page (pages come in commit order).
            if (sla->inputs.absorb(changes->entities, changes->removedEntities)) {
                sla->state = sla->inputs.state();
                if (sla->ticketsSeen)
                    sla->dirty = true;
            }
            const qint64 now = nowMs();
            for (Ticket &t : changes->tickets)
                t.sla = sla->state.snapshot(
                    t, changes->history.value(t.id), sla->inputs.pending.value(t.id), now);
            sla->ticketsSeen = sla->ticketsSeen || !changes->tickets.isEmpty();
            {
                const QMutexLocker lock(&queue->mutex);
                queue->pages.push_back({std::move(changes), hasMore});
            }
            stats->parseNs += threadCpuNs() - cpu0;
            QMetaObject::invokeMethod(writeContext, [self, bulk, queue, written, stats] {
                // Every page queued by now goes in one transaction, in feed order, each with its cursor
                // after its rows: the cursor committed is never ahead of the rows committed, and the
                // per-commit cost (WAL frames of the tables' last pages, the checkpoint) is shared.
                // An empty queue: an earlier call took this page.
                std::vector<Queued> pages;
                {
                    const QMutexLocker lock(&queue->mutex);
                    pages.swap(queue->pages);
                    if (queue->stopped)
                        pages.clear(); // a transaction failed: nothing after it is written
                }
                if (pages.empty())
                    return;
                const qint64 cpu0 = threadCpuNs();
                QString error;
                bool ok = bulk->begin(&error);
                for (size_t i = 0; ok && i < pages.size(); ++i) {
                    const ServerChanges &c = *pages[i].changes;
                    bulk->setRemovals({c.removedTickets, c.removedComments, c.removedEntities});
                    ok = bulk->writeRows(
                        c.tickets, c.comments, &error, c.entities, c.meta, c.history, c.historyJson);
                }
                ok = ok && bulk->commit(&error);
                if (!ok) {
                    const QMutexLocker lock(&queue->mutex);
                    queue->stopped = true;
                }
                stats->writeNs += threadCpuNs() - cpu0;
                stats->pages += static_cast<int>(pages.size());
                ++stats->transactions;
                for (Queued &page : pages) {
                    QSet<QString> kinds;
                    for (const auto &e : page.changes->entities)
                        kinds.insert(e.first);
                    for (const auto &e : page.changes->removedEntities)
                        kinds.insert(e.first);
                    const QStringList kindList = kinds.values();
                    {
                        const QMutexLocker lock(&written->mutex);
                        written->pages << std::move(page.changes);
                    }
                    QMetaObject::invokeMethod(self, [self, ok, error, hasMore = page.hasMore, kindList] {
                        if (ok)
                            Q_EMIT self->written(hasMore, kindList);
                        else
                            Q_EMIT self->failed(error);
                    });
                    if (!ok)
                        break; // one failure is reported once
                }
            });
        });
}

} // namespace triage
