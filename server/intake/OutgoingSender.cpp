#include "OutgoingSender.h"

#include "EmailChannelConfig.h"
#include "SystemUser.h"
#include "api/TicketService.h"
#include "channels/email/OutgoingMail.h"
#include "channels/email/SmtpSender.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "storage/ChannelStore.h"
#include "storage/OutgoingStore.h"

#include <cstdio>

namespace triage::server {

namespace {

constexpr qint64 kLeaseMs = 5 * 60 * 1000; // longer than any SMTP timeout
constexpr int kBatch = 10;

} // namespace

OutgoingSender::OutgoingSender(ServerContext ctx)
    : m_ctx(ctx)
{ }

OutgoingSender::~OutgoingSender()
{
    stop();
}

void OutgoingSender::start()
{
    m_thread = std::thread([this] { run(); });
}

void OutgoingSender::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_cv.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
}

void OutgoingSender::wake()
{
    std::lock_guard lock(m_mutex);
    m_woken = true;
    m_cv.notify_all();
}

qint64 OutgoingSender::backoffMs(int attempts)
{
    const int exponent = std::clamp(attempts - 1, 0, 7);
    return std::min<qint64>(30'000LL << exponent, 3600'000LL);
}

void OutgoingSender::run()
{
    for (;;) {
        int handled = 0;
        try {
            handled = sendDue();
        } catch (const DbError &e) {
            std::fprintf(stderr, "triaged: outgoing mail: storage error: %s\n", e.what());
            m_ctx.db->dropThreadConnection();
        }
        std::unique_lock lock(m_mutex);
        if (m_stop)
            break;
        if (handled < kBatch) // a full batch: more may be due at once
            m_cv.wait_for(lock, std::chrono::seconds(1), [this] { return m_stop || m_woken; });
        m_woken = false;
        if (m_stop)
            break;
    }
    m_ctx.db->dropThreadConnection();
}

int OutgoingSender::sendDue()
{
    ServerDatabase &db = *m_ctx.db;
    QList<OutgoingRecord> due;
    if (!OutgoingStore(db).anyDue(nowMs()))
        return 0;
    {
        WriteTx tx(db);
        const qint64 now = nowMs();
        due = OutgoingStore(db).claimDue(now, now + kLeaseMs, kBatch);
        tx.commit();
    }
    for (const OutgoingRecord &m : std::as_const(due))
        deliver(m);
    return int(due.size());
}

void OutgoingSender::deliver(const OutgoingRecord &m)
{
    ServerDatabase &db = *m_ctx.db;
    OutgoingStore store(db);
    const auto channel = ChannelStore(db).find(m.channelId);
    const auto config = channel ? EmailChannelConfig::fromStored(channel->config) : std::nullopt;
    if (!config) {
        const QString why = u"its channel was removed"_qs;
        WriteTx tx(db);
        store.markFailed(m.id, why);
        tx.commit();
        noteFailure(m, why);
        return;
    }
    OutgoingMail mail;
    mail.fromAddress = config->address;
    mail.fromName = config->fromName;
    mail.toAddress = m.recipient;
    mail.toName = m.recipientName;
    mail.subject = m.subject;
    mail.text = m.body;
    mail.messageId = m.messageId;
    mail.inReplyTo = m.inReplyTo;
    mail.references = m.references;
    mail.automatic = m.automatic;
    mail.date = nowMs();
    SmtpSender sender(SmtpSender::Config {config->smtpUrl, config->smtpUsername, config->smtpPassword, 60});
    QString error;
    const auto outcome = sender.send(config->address, {m.recipient}, composeMail(mail), &error);
    WriteTx tx(db);
    switch (outcome) {
    case SmtpSender::Outcome::Sent:
        store.markSent(m.id, nowMs());
        tx.commit();
        return;
    case SmtpSender::Outcome::TemporaryFailure:
        if (m.attempts < kMaxAttempts) {
            store.markRetry(m.id, nowMs() + backoffMs(m.attempts), error);
            tx.commit();
            std::fprintf(
                stderr, "triaged: outgoing mail %s: will retry: %s\n", qPrintable(m.id), qPrintable(error));
            return;
        }
        error = u"gave up after %1 attempts: %2"_qs.arg(m.attempts).arg(error);
        break;
    case SmtpSender::Outcome::PermanentFailure:
        break;
    }
    store.markFailed(m.id, error);
    tx.commit();
    std::fprintf(stderr, "triaged: outgoing mail %s failed: %s\n", qPrintable(m.id), qPrintable(error));
    noteFailure(m, error);
}

void OutgoingSender::noteFailure(const OutgoingRecord &m, const QString &error)
{
    ServerDatabase &db = *m_ctx.db;
    Comment note;
    note.id = newId();
    note.ticketId = m.ticketId;
    note.isPublic = false;
    note.body = u"The mail to %1 (%2) could not be delivered: %3"_qs.arg(m.recipient, m.subject, error)
                    .left(kMaxCommentLength);
    WriteTx tx(db);
    TicketService service(db, tx);
    Outcome o = service.addComment(systemPrincipal(), note, std::nullopt, true);
    if (o.status != Outcome::Applied)
        return; // the ticket was deleted: nobody to tell
    o.applyWrites();
    tx.commit();
    m_ctx.committed();
}

} // namespace triage::server
