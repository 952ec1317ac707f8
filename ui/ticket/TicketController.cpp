#include "TicketController.h"

#include "ComposerAttachments.h"
#include "common/Texts.h"
#include "domain/Time.h"
#include "models/ConversationModel.h"
#include "models/SlaTimelineModel.h"
#include "models/TicketCache.h"
#include "models/TicketDetailModels.h"
#include "models/TicketHistoryModel.h"
#include "session/Session.h"
#include "sla/SlaTimeline.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"
#include "sync/MutationCodec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace triage {

TicketController::TicketController(Session *session, QString ticketId, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_id(std::move(ticketId))
    , m_conversation(new ConversationModel(session->directory(), this))
    , m_links(new LinkedTicketsModel(session->cache(), this))
    , m_changes(new LocalChangesModel(this))
    , m_history(new TicketHistoryModel(session->directory(), this))
    , m_timeline(new SlaTimelineModel(this))
    , m_composerFiles(new ComposerAttachments(session->options().profileDir + u"/attachments"_qs, this))
{
    LocalCache *store = session->store();
    connect(&store->tickets(), &TicketRepository::ticketsChanged, this, [this](const QList<Ticket> &tickets) {
        // Another ticket that links here (or did): "Duplicated by #A" follows it.
        const bool incoming = std::any_of(tickets.begin(), tickets.end(), [this](const Ticket &t) {
            return t.id != m_id
                && (std::any_of(t.links.begin(), t.links.end(),
                        [this](const TicketLink &l) { return l.ticketId == m_id; })
                    || std::any_of(m_links->incoming().begin(), m_links->incoming().end(),
                        [&t](const TicketLink &l) { return l.ticketId == t.id; }));
        });
        if (incoming)
            reloadLinks();
        for (const auto &t : tickets) {
            if (t.id == m_id) {
                m_ticket = t;
                m_deleted = false;
                reloadLinks();
                reloadHistory(); // a sync writes the log with the ticket
                Q_EMIT ticketChanged();
            }
        }
    });
    connect(&store->tickets(), &TicketRepository::ticketsRemoved, this, [this](const QStringList &ids) {
        if (ids.contains(m_id)) {
            m_deleted = true;
            refreshTimeline();
            Q_EMIT deleted();
        }
    });
    connect(&store->tickets(), &TicketRepository::commentsAdded, this, [this](const QString &id) {
        if (id == m_id)
            reloadComments();
    });
    connect(&store->outbox(), &OutboxRepository::outboxChanged, this, [this](int) {
        reloadSyncState();
        reloadHistory();
        Q_EMIT ticketChanged();
    });
    connect(&store->outbox(), &OutboxRepository::conflictsChanged, this, [this](int) { reloadSyncState(); });
    connect(session, &Session::accessChanged, this, &TicketController::accessChanged);
    // A reset (bulk load, SLA configuration re-derived) may change the log and the policy.
    connect(&store->tickets(), &TicketRepository::reset, this, [this] {
        if (auto t = m_session->store()->tickets().ticket(m_id)) {
            m_ticket = std::move(t);
            reloadLinks();
            reloadHistory();
            Q_EMIT ticketChanged();
        }
    });
    // Projected instants ("left", "due in") follow the clock.
    m_clock.setInterval(30000);
    connect(&m_clock, &QTimer::timeout, this, &TicketController::refreshTimeline);
    m_clock.start();
    // Linked tickets show their current title and status.
    connect(session->cache(), &TicketCache::rowsChanged, this, [this](const QList<int> &) {
        if (m_links->rowCount() > 0)
            m_links->setLinks(m_links->links(), m_links->incoming());
    });
    reload();
}

TicketController::~TicketController() = default;

void TicketController::reload()
{
    m_ticket = m_session->store()->tickets().ticket(m_id);
    m_deleted = !m_ticket.has_value();
    reloadComments();
    reloadLinks();
    reloadSyncState();
    reloadHistory();
}

void TicketController::reloadLinks()
{
    m_links->setLinks(
        m_ticket ? m_ticket->links : QList<TicketLink>(), m_session->store()->tickets().linksTo(m_id));
}

void TicketController::reloadHistory()
{
    m_log = m_session->store()->eventLogs().history(m_id);
    refreshTimeline();
    QList<PendingHistoryEntry> pending;
    for (const LocalChange &c : m_changes->changes()) {
        if (c.state == LocalChange::State::Pending)
            pending << PendingHistoryEntry {c.at, c.what};
    }
    const SlaTimeline &timeline = m_timeline->timeline();
    m_history->setHistory(
        m_log, pending, timeline.pauseStatuses, timeline.stopStatuses, m_session->userDisplayName());
}

void TicketController::refreshTimeline()
{
    if (!m_ticket || m_deleted) {
        m_timeline->setTimeline({});
        return;
    }
    m_timeline->setTimeline(SlaTimeline::build(
        m_session->store()->eventLogs().slaState(), *m_ticket, m_log, m_pendingSla, nowMs()));
}

void TicketController::reloadComments()
{
    m_conversation->setComments(
        m_session->store()->tickets().comments(m_id), m_ticket ? m_ticket->requesterId : QString());
}

bool TicketController::isPending() const
{
    const int row = m_session->cache()->indexOf(m_id);
    return row >= 0 && m_session->cache()->row(row).pending;
}

bool TicketController::isReadOnly() const
{
    return m_session->isReadOnly();
}

bool TicketController::setField(TicketField field, const QJsonValue &value)
{
    if (m_deleted)
        return false;
    if (isReadOnly()) {
        m_lastError = tr("This is a read-only account: tickets cannot be changed from it.");
        Q_EMIT refused(m_lastError);
        Q_EMIT ticketChanged(); // puts the editors back to the stored value
        return false;
    }
    if (m_session->editor()->updateField(m_id, field, value))
        return true;
    m_lastError = Texts::refusal(m_session->editor()->lastRefusal());
    Q_EMIT refused(m_lastError);
    Q_EMIT ticketChanged(); // puts the editors back to the stored value
    return false;
}

bool TicketController::refuseReadOnly()
{
    if (!isReadOnly())
        return false;
    m_lastError = tr("This is a read-only account: tickets cannot be changed from it.");
    Q_EMIT refused(m_lastError);
    return true;
}

bool TicketController::addLink(LinkKind kind, const QString &reference)
{
    if (m_deleted)
        return false;
    if (refuseReadOnly())
        return false;
    // "#1042", "1042" or an id: the target must be in the cache (offline too).
    const QString ref = reference.trimmed();
    QString targetId;
    const TicketCache *cache = m_session->cache();
    bool isNumber = false;
    const qint64 number = (ref.startsWith(u'#') ? ref.mid(1) : ref).toLongLong(&isNumber);
    if (isNumber) {
        for (int i = 0; i < cache->size() && targetId.isEmpty(); ++i) {
            if (cache->row(i).number == number && !cache->row(i).deleted)
                targetId = cache->idString(i);
        }
    } else if (const int i = cache->indexOf(ref); i >= 0 && !cache->row(i).deleted) {
        targetId = cache->idString(i);
    }
    if (targetId.isEmpty()) {
        m_lastError = ref.isEmpty() ? tr("Type the number of the ticket to link, e.g. #1042.")
                                    : tr("There is no ticket %1 on this computer.").arg(ref);
        Q_EMIT refused(m_lastError);
        return false;
    }
    if (m_session->editor()->changeLinks(m_id, {{kind, targetId}}, {}))
        return true;
    m_lastError = Texts::refusal(m_session->editor()->lastRefusal());
    Q_EMIT refused(m_lastError);
    return false;
}

bool TicketController::removeLink(int row)
{
    if (m_deleted || row < 0 || row >= m_links->rowCount())
        return false;
    if (refuseReadOnly())
        return false;
    // A link another ticket holds is removed from that ticket ("Duplicated by #A": #A's link).
    const TicketLink link = m_links->linkAt(row);
    const bool removed = m_links->isIncoming(row)
        ? m_session->editor()->changeLinks(link.ticketId, {}, {TicketLink {link.kind, m_id}})
        : m_session->editor()->changeLinks(m_id, {}, {link});
    if (removed)
        return true;
    m_lastError = Texts::refusal(m_session->editor()->lastRefusal());
    Q_EMIT refused(m_lastError);
    return false;
}

bool TicketController::send(const QString &body, bool isPublic)
{
    if (m_deleted || body.trimmed().isEmpty())
        return false;
    if (isReadOnly()) {
        m_lastError = tr("This is a read-only account: it cannot reply or add notes.");
        Q_EMIT refused(m_lastError);
        return false;
    }
    if (!m_session->editor()->addComment(m_id, body.trimmed(), isPublic, m_composerFiles->files())) {
        m_lastError = Texts::refusal(m_session->editor()->lastRefusal());
        Q_EMIT refused(m_lastError);
        return false;
    }
    m_composerFiles->take(); // the comment's files now: their copies stay for the upload
    saveDraft(isPublic, QString());
    reloadComments();
    return true;
}

QString TicketController::draft(bool isPublic) const
{
    return m_session->store()->drafts().draft(m_id, isPublic ? u"reply"_qs : u"note"_qs);
}

void TicketController::saveDraft(bool isPublic, const QString &body)
{
    m_session->store()->drafts().save(m_id, isPublic ? u"reply"_qs : u"note"_qs, body);
}

} // namespace triage

namespace triage {

void TicketController::reloadSyncState()
{
    QList<LocalChange> changes;
    m_pendingSla = {};
    for (const OutboxEntry &e : m_session->store()->outbox().pending(100000)) {
        if (e.entityId != m_id && e.payload.value(u"ticket_id"_qs).toString() != m_id)
            continue;
        if (e.type == u"comment.create"_qs
            && e.payload.value(u"comment"_qs).toObject().value(u"public"_qs).toBool())
            m_pendingSla.publicReplies << e.createdAt;
        LocalChange c;
        c.mutationId = e.id;
        c.what = describe(e.type, e.payload);
        c.detail = tr("waiting to sync");
        c.at = e.createdAt;
        changes << c;
    }
    for (const SyncConflict &s : m_session->store()->outbox().conflicts()) {
        if (s.entityId != m_id)
            continue;
        LocalChange c;
        c.mutationId = s.outboxId;
        c.state = LocalChange::State::Conflict;
        c.what = describe(s.mutation.value(u"type"_qs).toString(), s.mutation);
        if (s.status == u"held"_qs)
            c.detail = tr("held: the server asks you to confirm it");
        else if (s.status == u"rejected"_qs)
            c.detail = tr("refused by the server");
        else if (s.status == u"diverged"_qs)
            c.detail = tr("differs from the server's copy");
        else
            c.detail = tr("conflict: someone changed the same field first");
        c.at = s.createdAt;
        changes << c;
    }
    std::stable_sort(changes.begin(), changes.end(),
        [](const LocalChange &a, const LocalChange &b) { return a.at < b.at; });
    m_changes->setChanges(changes);
}

QString TicketController::describeValue(const QString &field, const QJsonValue &value) const
{
    if (value.isNull() || value.isUndefined())
        return tr("none");
    const QString s = value.isString() ? value.toString() : QString::number(value.toDouble());
    if (field == u"status"_qs) {
        if (const auto v = ticketStatusFromWire(s))
            return Texts::status(*v);
    } else if (field == u"priority"_qs) {
        if (const auto v = priorityFromWire(s))
            return Texts::priority(*v);
    } else if (field == u"type"_qs) {
        if (const auto v = ticketTypeFromWire(s))
            return Texts::type(*v);
    } else if (field == u"impact"_qs || field == u"urgency"_qs) {
        if (const auto v = levelFromWire(s))
            return Texts::level(*v);
    } else if (field == u"assignee_id"_qs) {
        const quint16 i = m_session->directory()->findUser(s);
        return i ? m_session->directory()->user(i).displayName : s.left(8);
    } else if (field == u"group_id"_qs) {
        const quint16 i = m_session->directory()->findGroup(s);
        return i ? m_session->directory()->group(i).name : s.left(8);
    }
    return s.size() > 40 ? QString(u"“"_qs + s.left(39) + u"…”"_qs) : QString(u"“"_qs + s + u"”"_qs);
}

QString TicketController::describe(const QString &type, const QJsonObject &payload) const
{
    if (type == u"ticket.create"_qs)
        return tr("Created on this computer");
    if (type == u"ticket.delete"_qs)
        return tr("Deleted");
    if (type == u"ticket.move"_qs) {
        const auto to = ticketStatusFromWire(payload.value(u"status"_qs).toString());
        return tr("Moved on the board to %1").arg(to ? Texts::status(*to) : tr("another column"));
    }
    if (type == kAttachmentUploadType) {
        const QJsonObject a = payload.value(u"attachment"_qs).toObject();
        return tr("File to upload: %1 (%2)")
            .arg(a.value(u"filename"_qs).toString(),
                QLocale().formattedDataSize(a.value(u"size"_qs).toInteger()));
    }
    if (type == u"comment.create"_qs) {
        const QJsonObject c = payload.value(u"comment"_qs).toObject();
        const QString body = c.value(u"body"_qs).toString().simplified();
        return tr("%1: %2").arg(c.value(u"public"_qs).toBool(true) ? tr("Reply") : tr("Internal note"),
            body.size() > 40 ? QString(body.left(39) + u"…"_qs) : body);
    }
    if (type == u"ticket.update"_qs) {
        QStringList parts;
        for (const auto &v : payload.value(u"changes"_qs).toArray()) {
            const QJsonObject ch = v.toObject();
            const QString field = ch.value(u"field"_qs).toString();
            parts << tr("%1: %2 → %3")
                         .arg(Texts::field(field), describeValue(field, ch.value(u"from"_qs)),
                             describeValue(field, ch.value(u"to"_qs)));
        }
        QStringList tags;
        for (const auto &t : payload.value(u"tags_add"_qs).toArray())
            tags << u"+"_qs + t.toString();
        for (const auto &t : payload.value(u"tags_remove"_qs).toArray())
            tags << QString(QChar(0x2212)) + t.toString();
        if (!tags.isEmpty())
            parts << tr("Tags %1").arg(tags.join(u' '));
        return parts.isEmpty() ? tr("Change") : parts.join(u"; "_qs);
    }
    return type;
}

} // namespace triage

namespace triage {

void TicketController::retranslate()
{
    m_links->setLinks(m_links->links(), m_links->incoming());
    m_changes->setChanges({});
    reloadSyncState();
    reloadHistory();
    m_history->retranslate();
    m_timeline->retranslate();
}

} // namespace triage
