#include "IntakePipeline.h"

#include "EmailChannelConfig.h"
#include "MailOutbox.h"
#include "RequestConfirmation.h"
#include "RequesterDirectory.h"
#include "SystemUser.h"
#include "api/TicketService.h"
#include "channels/InboundMessage.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "sla/KeyPhraseRules.h"
#include "storage/AttachmentStore.h"
#include "storage/InboundStore.h"
#include "storage/OutgoingStore.h"
#include "storage/ServerTicketStore.h"

#include <QBuffer>
#include <QRegularExpression>

namespace triage::server {

namespace {

// Printable text for a one-line field: controls and runs of blanks become one space.
QString oneLine(const QString &s, int max)
{
    QString out;
    out.reserve(s.size());
    for (QChar c : s) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || c.category() == QChar::Other_Surrogate || c.category() == QChar::Other_NotAssigned)
            out += u' ';
        else
            out += c;
    }
    return out.simplified().left(max);
}

// Multi-line text as the ticket rules accept it: no NUL or other C0 controls but tab and newline.
QString cleanText(const QString &s, int max)
{
    QString out;
    out.reserve(s.size());
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'\r')
            continue;
        if ((u < 0x20 && u != u'\n' && u != u'\t') || u == 0x7F || c.isNonCharacter())
            continue;
        out += c;
    }
    if (out.size() > max)
        out = out.left(max - 80) + u"\n\n[…] (shortened; the whole message is kept by the channel)"_qs;
    return out.trimmed();
}

QString titleFor(const InboundMessage &m)
{
    static const QRegularExpression prefixes(
        uR"(^(?:(?:re|fwd?|aw|wg|sv|ответ|отв|пересл)\s*(?:\[\d+\])?\s*:\s*)+)"_qs,
        QRegularExpression::CaseInsensitiveOption);
    QString t = oneLine(m.subject, kMaxTitleLength);
    t.remove(prefixes);
    if (t.isEmpty())
        t = oneLine(m.text.section(u'\n', 0, 0, QString::SectionSkipEmpty), 120);
    if (t.isEmpty())
        t = u"(no subject)"_qs;
    return t;
}

QString bodyFor(const InboundMessage &m)
{
    QString text = m.text;
    // Files are stored as attachments; the ones a channel named without their bytes are listed.
    QStringList names;
    for (const InboundAttachment &a : m.attachments) {
        if (a.bytes.isEmpty())
            names << (a.filename.isEmpty() ? u"(unnamed)"_qs : a.filename);
    }
    if (!names.isEmpty())
        text += u"\n\n[Files: %1]"_qs.arg(names.join(u", "_qs));
    return cleanText(text, kMaxDescriptionLength);
}

} // namespace

QString IntakePipeline::threadOf(const InboundMessage &m, const QString &senderId)
{
    OutgoingStore outgoing(m_db);
    InboundStore inbound(m_db);
    for (const QString &id : m.replyTo) {
        QString ticket = outgoing.ticketForMessageId(id);
        if (ticket.isEmpty())
            ticket = inbound.ticketForMessageKey(u"email:"_qs + id);
        if (!ticket.isEmpty())
            return ticket;
    }
    // The subject tag is easy to type: trusted only from the ticket's own requester, so nobody adds
    // to someone else's ticket by guessing its number.
    static const QRegularExpression tag(uR"(\[#(\d{1,15})\])"_qs);
    const auto match = tag.match(m.subject);
    if (!match.hasMatch())
        return {};
    ServerTicketStore tickets(m_db);
    const QString id = tickets.idForNumber(match.captured(1).toLongLong());
    if (id.isEmpty())
        return {};
    const auto stored = tickets.load(id, false);
    if (!stored || stored->deleted || stored->ticket.requesterId != senderId)
        return {};
    return id;
}

void IntakePipeline::storeAttachments(
    const Ticket &ticket, const QString &commentId, const QList<InboundAttachment> &files, qint64 maxBytes)
{
    AttachmentStore store(m_db);
    QStringList dropped;
    QStringList missing;
    for (const InboundAttachment &file : files) {
        if (!file.missing.isEmpty()) {
            missing << u"%1: %2"_qs.arg(
                file.filename.isEmpty() ? u"(unnamed)"_qs : file.filename, file.missing);
            continue;
        }
        if (file.bytes.isEmpty())
            continue; // named in the text: the channel did not bring its bytes
        NewAttachment in;
        in.filename = file.filename.isEmpty() ? u"attachment"_qs : file.filename;
        in.commentId = commentId;
        in.commentPublic = true;
        QBuffer bytes;
        bytes.setData(file.bytes);
        bytes.open(QIODevice::ReadOnly);
        const auto r = store.put(m_tx, ticket, in, bytes, maxBytes);
        if (r.status != AttachmentStore::PutResult::Stored)
            dropped << u"%1 (%2 bytes)"_qs.arg(in.filename).arg(file.bytes.size());
    }
    if (dropped.isEmpty() && missing.isEmpty())
        return;
    // The agents must know a file was sent and is not there.
    Comment note;
    note.id = newId();
    note.ticketId = ticket.id;
    note.isPublic = false;
    QStringList lines;
    if (!dropped.isEmpty()) {
        lines << u"Attachments dropped: over the limit of %1 MiB per file: %2"_qs
                     .arg(double(maxBytes) / (1024.0 * 1024.0), 0, 'f', 1)
                     .arg(dropped.join(u", "_qs));
    }
    if (!missing.isEmpty())
        lines << u"Attachments not stored: "_qs + missing.join(u"; "_qs);
    note.body = lines.join(u'\n').left(kMaxCommentLength);
    TicketService service(m_db, m_tx); // outlives `o`: its deferred write calls back into it
    Outcome o = service.addComment(systemPrincipal(), note, std::nullopt, true);
    if (o.status == Outcome::Applied)
        o.applyWrites();
}

QString IntakePipeline::openTelegramTicketOf(const QString &senderId)
{
    ServerTicketStore tickets(m_db);
    for (const QString &id : tickets.openTicketsOf(senderId, 20)) {
        const auto stored = tickets.load(id, false);
        if (stored && stored->ticket.channel == Channel::Telegram)
            return id;
    }
    return {};
}

IntakePipeline::Result IntakePipeline::apply(const Source &source, const InboundMessage &m)
{
    Result r;
    if (m.fromAddress.isEmpty() && m.automatic != AutoKind::Bounce)
        throw IntakeRefused(u"the message names no sender address"_qs);
    if (source.email && m.fromAddress == source.email->address) {
        r.reason = u"sent from this channel's own address (a mail loop)"_qs;
        return r;
    }
    const QString fromAddress = m.fromAddress.isEmpty() ? u"mailer-daemon@invalid"_qs : m.fromAddress;
    RequesterDirectory directory(m_db, m_tx);
    const auto sender = directory.resolve(source.kind, fromAddress, oneLine(m.fromName, 200),
        source.kind == u"telegram"_qs ? source.language : QString());
    if (sender.disabled) {
        r.reason = u"the sender's account is disabled"_qs;
        return r;
    }
    const QString ticketId = source.kind == u"telegram"_qs
        ? (source.forceNew ? QString() : openTelegramTicketOf(sender.userId))
        : threadOf(m, sender.userId);
    TicketService service(m_db, m_tx);
    if (m.automatic == AutoKind::Bounce) {
        if (ticketId.isEmpty()) {
            r.reason = u"a delivery report that answers no ticket"_qs;
            return r;
        }
        // A bounce of our mail: the agents must know the requester did not get it; the requester
        // must not get a mail about it (it would bounce too).
        Comment note;
        note.id = newId();
        note.ticketId = ticketId;
        note.isPublic = false;
        note.body = cleanText(u"Delivery problem reported by %1 (%2):\n\n%3"_qs.arg(
                                  fromAddress, oneLine(m.subject, 300), m.text.left(4000)),
            kMaxCommentLength);
        Outcome o = service.addComment(systemPrincipal(), note, std::nullopt, true);
        if (o.status != Outcome::Applied)
            throw IntakeRefused(o.problem.value(u"detail"_qs).toString());
        o.applyWrites();
        return Result {Result::Note, ticketId, note.id, {}};
    }
    if (!ticketId.isEmpty()) {
        ServerTicketStore tickets(m_db);
        const auto stored = tickets.load(ticketId, false);
        if (stored && !stored->deleted && stored->ticket.status == TicketStatus::Closed)
            return newTicket(source, m, sender.userId, ticketId); // a follow-up, linked
        Comment c;
        c.id = newId();
        c.ticketId = ticketId;
        c.body = bodyFor(m);
        if (c.body.isEmpty())
            c.body = u"(empty message)"_qs;
        Outcome o = service.addChannelComment(sender.userId, c);
        if (o.status != Outcome::Applied)
            throw IntakeRefused(o.problem.value(u"detail"_qs).toString());
        o.applyWrites();
        storeAttachments(*o.ticket, c.id, m.attachments, source.maxAttachmentBytes);
        return Result {Result::Comment, ticketId, c.id, {}};
    }
    return newTicket(source, m, sender.userId, {});
}

IntakePipeline::Result IntakePipeline::newTicket(
    const Source &source, const InboundMessage &m, const QString &senderId, const QString &followUpOf)
{
    Ticket t;
    t.id = newId();
    t.title = titleFor(m);
    t.description = bodyFor(m);
    t.channel = source.ticketChannel;
    t.groupId = source.groupId;
    t.type = TicketType::Request;
    static const KeyPhraseRules phrases = KeyPhraseRules::defaults();
    const QString text = t.title + u'\n' + t.description;
    t.priority = phrases.apply(Priority::Normal, text).priority;
    if (!followUpOf.isEmpty())
        t.links.append(TicketLink {LinkKind::RelatesTo, followUpOf});
    Principal requester;
    requester.userId = senderId;
    requester.role = UserRole::Requester;
    TicketService service(m_db, m_tx);
    Outcome o = service.create(requester, t);
    if (o.status != Outcome::Applied) {
        // A follow-up links a ticket the sender (someone in copy) cannot see: the channel vouches.
        t.requesterId = senderId;
        o = service.create(systemPrincipal(), t);
    }
    if (o.status != Outcome::Applied && !source.groupId.isEmpty()) {
        // The channel's group was deleted since it was configured: the ticket still comes in.
        t.groupId.clear();
        o = service.create(systemPrincipal(), t);
    }
    if (o.status != Outcome::Applied)
        throw IntakeRefused(o.problem.value(u"detail"_qs).toString());
    o.applyWrites();
    storeAttachments(*o.ticket, {}, m.attachments, source.maxAttachmentBytes);
    if (source.email) {
        MailOutbox outbox(m_db);
        if (const auto ack = outbox.acknowledgementFor(*o.ticket, source.channelId, *source.email, m))
            OutgoingStore(m_db).enqueue(*ack);
    } else if (!source.chat.isEmpty() && m.automatic == AutoKind::None) {
        const qint64 now = nowMs();
        const QString accepted = RequestConfirmation::acceptedLine(*o.ticket->number,
            RequestConfirmation::expectedResolution(m_db, *o.ticket, now), source.language, now);
        const QString text = source.language == u"en"_qs
            ? u"%1.\n\"%2\"\nWe will answer here; write more to add to it, /new for another request."_qs
            : u"%1.\n«%2»\nОтветим здесь; пишите, чтобы дополнить её, /new — новая заявка."_qs;
        OutgoingStore(m_db).enqueue(MailOutbox::botMessage(
            *o.ticket, source.channelId, source.chat, text.arg(accepted, o.ticket->title), true));
    }
    return Result {Result::NewTicket, o.ticket->id, {}, {}};
}

} // namespace triage::server
