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

namespace { } // namespace

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
    const MimeParser parser(MimeParser::Options {m_config.fallbackCharset, 64 * 1024 * 1024});
    IntakePipeline::Source source {m_channelId, u"email"_qs, Channel::Email, m_config.groupId, &m_config};
    source.maxAttachmentBytes = m_ctx.maxAttachmentBytes;
    processStored([&](const InboundRecord &r, WriteTx &tx) {
        QString why;
        const auto message = parser.parse(r.raw, &why);
        if (!message)
            throw IntakeRefused(u"unreadable message: "_qs + why);
        const auto result = IntakePipeline(*m_ctx.db, tx).apply(source, *message);
        return Processed {
            result.kind == IntakePipeline::Result::Ignored, result.ticketId, result.commentId, result.reason};
    });
}

} // namespace triage::server
