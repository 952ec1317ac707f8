#include "EmailChannelWorker.h"

#include "IntakePipeline.h"
#include "channels/email/ImapMailbox.h"
#include "channels/email/MimeParser.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "storage/ChannelStore.h"
#include "storage/InboundStore.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <cstdio>

namespace triage::server {

namespace {

// A message that failed this often for database reasons is quarantined, so one poisonous message
// cannot stop a channel (the ones after it are processed).
constexpr int kMaxAttempts = 3;
constexpr int kBatch = 50;
constexpr int kFetchRound = 20;

// The advisory lock's two int4 keys: a constant for Triage channels and the channel's hash.
int lockKey(const QString &channelId)
{
    const QByteArray h = QCryptographicHash::hash(channelId.toUtf8(), QCryptographicHash::Sha256);
    return static_cast<int>(qFromBigEndian<quint32>(h.constData()) & 0x7fffffffu);
}
constexpr int kLockClass = 0x74726368; // "trch"

} // namespace

EmailChannelWorker::EmailChannelWorker(
    ServerContext ctx, QString channelId, EmailChannelConfig config, qint64 version, QString owner)
    : m_ctx(ctx)
    , m_channelId(std::move(channelId))
    , m_config(std::move(config))
    , m_version(version)
    , m_owner(std::move(owner))
{ }

EmailChannelWorker::~EmailChannelWorker()
{
    requestStop();
    if (m_thread.joinable())
        m_thread.join();
}

void EmailChannelWorker::start()
{
    m_thread = std::thread([this] { run(); });
}

void EmailChannelWorker::requestStop()
{
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_cv.notify_all();
}

void EmailChannelWorker::wake()
{
    std::lock_guard lock(m_mutex);
    m_woken = true;
    m_cv.notify_all();
}

bool EmailChannelWorker::waitFor(int seconds)
{
    std::unique_lock lock(m_mutex);
    m_cv.wait_for(lock, std::chrono::seconds(seconds), [this] { return m_stop || m_woken; });
    m_woken = false;
    return !m_stop;
}

bool EmailChannelWorker::holdsLease()
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

void EmailChannelWorker::run()
{
    bool standbyLogged = false;
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                break;
        }
        int wait = m_config.pollSeconds;
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
            // Fetch and process in rounds: the first tickets of a large backlog appear at once,
            // and a kill in the middle leaves both stored and unfetched messages (both resume).
            QString error;
            int fetched = 0;
            do {
                fetched = fetchNew(&error);
                processPending();
            } while (fetched >= kFetchRound && error.isEmpty() && !stopping());
            ChannelStore(*m_ctx.db).notePoll(m_channelId, nowMs(), error, m_owner);
        } catch (const DbError &e) {
            // The database is away: the lease (a session lock) may be gone with the connection.
            std::fprintf(
                stderr, "triaged: channel %s: storage error: %s\n", qPrintable(m_channelId), e.what());
            m_ctx.db->dropThreadConnection();
            wait = std::min(wait, kStandbySeconds);
        }
        if (!waitFor(wait))
            break;
    }
    m_ctx.db->dropThreadConnection(); // releases the lease on PostgreSQL
    m_finished = true;
}

bool EmailChannelWorker::stopping()
{
    std::lock_guard lock(m_mutex);
    return m_stop;
}

int EmailChannelWorker::fetchNew(QString *error)
{
    ImapMailbox mailbox;
    ImapMailbox::Config imap {m_config.imapUrl, m_config.imapUsername, m_config.imapPassword, 30};
    if (!mailbox.open(imap, error))
        return 0;
    ServerDatabase &db = *m_ctx.db;
    ChannelStore channels(db);
    const ChannelState state = channels.state(m_channelId);
    const qint64 validity = mailbox.uidValidity();
    // A new UIDVALIDITY (the box was rebuilt): every UID is new again; the message keys keep
    // already stored messages from being stored twice.
    const qint64 last = state.cursorValidity == validity ? state.cursorLast : 0;
    const auto uids = mailbox.uidsAfter(quint32(last), error);
    if (!uids)
        return 0;
    int stored = 0;
    for (quint32 uid : *uids) {
        if (stored == kFetchRound || stopping())
            break;
        ++stored;
        QString fetchError;
        const auto raw = mailbox.fetch(uid, &fetchError);
        if (!raw && !mailbox.isOpen()) {
            *error = fetchError;
            return stored;
        }
        InboundRecord r;
        r.id = newId();
        r.channelId = m_channelId;
        r.sourceKey = u"%1:%2"_qs.arg(validity).arg(uid);
        r.receivedAt = nowMs();
        WriteTx tx(db);
        if (raw) {
            r.raw = *raw;
            r.messageKey = MimeParser::messageKey(*raw);
            InboundStore(db).insert(r);
        }
        // A message expunged between the listing and the fetch is simply passed.
        channels.setCursor(m_channelId, validity, uid);
        tx.commit();
    }
    return stored;
}

void EmailChannelWorker::processPending()
{
    ServerDatabase &db = *m_ctx.db;
    InboundStore inbound(db);
    MimeParser parser(MimeParser::Options {m_config.fallbackCharset, 64 * 1024 * 1024});
    IntakePipeline::Source source {m_channelId, u"email"_qs, Channel::Email, m_config.groupId, &m_config};
    for (;;) {
        const QList<InboundRecord> batch = inbound.pending(m_channelId, kBatch);
        if (batch.isEmpty())
            return;
        for (const InboundRecord &r : batch) {
            if (stopping())
                return;
            QString why;
            const auto message = parser.parse(r.raw, &why);
            try {
                if (!message)
                    throw IntakeRefused(u"unreadable message: "_qs + why);
                WriteTx tx(db);
                if (!inbound.lockPending(r.id))
                    continue; // another worker took it
                IntakePipeline pipeline(db, tx);
                const auto result = pipeline.apply(source, *message);
                if (result.kind == IntakePipeline::Result::Ignored)
                    inbound.markIgnored(r.id, result.reason, nowMs());
                else
                    inbound.markDone(r.id, result.ticketId, result.commentId, nowMs());
                if (result.kind != IntakePipeline::Result::Ignored)
                    ChannelStore(db).addProcessed(m_channelId, 1);
                tx.commit();
                m_ctx.committed();
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

} // namespace triage::server
