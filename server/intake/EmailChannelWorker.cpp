#include "EmailChannelWorker.h"

#include "IntakePipeline.h"
#include "channels/email/ImapMailbox.h"
#include "channels/email/MimeParser.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "storage/ChannelStore.h"
#include "storage/InboundStore.h"

#include <cstdio>

namespace triage::server {

namespace {

// A message that failed this often for database reasons is quarantined, so one poisonous message
// cannot stop a channel (the ones after it are processed).
constexpr int kMaxAttempts = 3;
constexpr int kBatch = 50;

} // namespace

EmailChannelWorker::EmailChannelWorker(
    ServerContext ctx, QString channelId, EmailChannelConfig config, qint64 version, QString owner)
    : ChannelWorker(ctx, std::move(channelId), version, std::move(owner))
    , m_config(std::move(config))
{ }

EmailChannelWorker::~EmailChannelWorker()
{
    stopAndJoin();
}

QString EmailChannelWorker::pollOnce()
{
    // Fetch and process in rounds: the first tickets of a large backlog appear at once, and a kill
    // in the middle leaves both stored and unfetched messages (both resume).
    QString error;
    int fetched = 0;
    do {
        fetched = fetchNew(&error);
        processPending();
    } while (fetched >= kFetchRound && error.isEmpty() && !stopping());
    return error;
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
