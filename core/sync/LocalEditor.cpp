#include "LocalEditor.h"

#include "domain/TicketFields.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "domain/Workflow.h"
#include "store/MetaStore.h"
#include "store/ReferenceData.h"
#include "store/StoreErrors.h"
#include "store/TicketRepository.h"
#include "sync/MutationCodec.h"

#include <QJsonArray>

namespace triage {

LocalEditor::LocalEditor(TicketRepository *store, ReferenceData *views, QString userId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_views(views)
    , m_userId(std::move(userId))
{ }

LocalEditor::~LocalEditor() = default;

bool LocalEditor::refuse(const QString &ticketId, Refusal why)
{
    m_lastRefusal = std::move(why);
    m_lastError = m_lastRefusal.english();
    Q_EMIT refused(ticketId, m_lastRefusal);
    return false;
}

bool LocalEditor::refuseStorage(const QString &ticketId)
{
    // The store reports a full disk with its one fixed sentence; anything else in SQLite's words.
    const QString &error = m_store->lastError();
    if (error == QStringView(kDiskFullError))
        return refuse(ticketId, {RefusalCode::DiskFull, {}});
    return refuse(ticketId, {RefusalCode::StorageFailed, {error}});
}

namespace {

// The outbox row of a new intent: the mutation as the codec encodes it, numbered when sent.
OutboxEntry entry(const Mutation &m, const QString &entityId)
{
    return OutboxEntry {
        0, newId(), mutationTypeName(m.type), entityId, encodeMutation(m), nowMs(), u"pending"_qs};
}

Mutation mutation(Mutation::Type type, const QString &ticketId, qint64 baseVersion)
{
    Mutation m;
    m.type = type;
    m.ticketId = ticketId;
    m.baseVersion = baseVersion;
    return m;
}

} // namespace

std::optional<Ticket> LocalEditor::createTicket(Ticket draft)
{
    if (draft.id.isEmpty())
        draft.id = newId();
    draft.number.reset(); // the server assigns it
    draft.version = 0;
    draft.status = TicketStatus::New;
    draft.createdAt = draft.updatedAt = nowMs();
    if (draft.requesterId.isEmpty())
        draft.requesterId = m_userId;
    for (auto &tag : draft.tags)
        tag = normaliseTag(tag);
    if (const FieldErrors errors = draft.validate(); !errors.isEmpty()) {
        refuse(draft.id, {RefusalCode::InvalidFields, {describe(errors)}});
        return std::nullopt;
    }
    Mutation create;
    create.type = Mutation::Type::TicketCreate;
    create.ticket = draft;
    if (!m_store->saveLocalEdit(draft, entry(create, draft.id))) {
        refuseStorage(draft.id);
        return std::nullopt;
    }
    return draft;
}

bool LocalEditor::updateWireFields(const QString &ticketId, const QJsonObject &newValues)
{
    TicketFieldValues values;
    for (auto it = newValues.constBegin(); it != newValues.constEnd(); ++it) {
        const auto field = ticketFieldFromWire(it.key());
        if (!field)
            return refuse(
                ticketId, {RefusalCode::InvalidFields, {u"'%1' is not an editable field."_qs.arg(it.key())}});
        values.insert(*field, it.value());
    }
    return updateFields(ticketId, values);
}

bool LocalEditor::updateField(const QString &ticketId, TicketField field, const QJsonValue &value)
{
    return updateFields(ticketId, {{field, value}});
}

bool LocalEditor::updateFields(const QString &ticketId, const TicketFieldValues &newValues)
{
    const auto current = m_store->ticket(ticketId);
    if (!current)
        return refuse(ticketId, {RefusalCode::TicketGone, {}});
    Ticket after = *current;
    Mutation update = mutation(Mutation::Type::TicketUpdate, ticketId, current->version);
    QList<FieldChange> &changes = update.changes;
    for (auto it = newValues.constBegin(); it != newValues.constEnd(); ++it) {
        const QJsonValue from = ticketfields::value(*current, it.key());
        if (auto why = ticketfields::apply(after, it.key(), it.value()))
            return refuse(ticketId, {RefusalCode::InvalidFields, {toWire(it.key()) + u" "_qs + *why}});
        if (const QJsonValue to = ticketfields::value(after, it.key()); from != to)
            changes.append(FieldChange {toWire(it.key()), from, to});
    }
    if (changes.isEmpty())
        return true; // nothing changed: no mutation
    if (auto why = workflow::refuseChange(*current, after))
        return refuse(ticketId, std::move(*why));
    if (const FieldErrors errors = after.validate(); !errors.isEmpty())
        return refuse(ticketId, {RefusalCode::InvalidFields, {describe(errors)}});
    after.updatedAt = nowMs();
    if (!m_store->saveLocalEdit(after, entry(update, ticketId)))
        return refuseStorage(ticketId);
    return true;
}

bool LocalEditor::changeTags(const QString &ticketId, const QStringList &add, const QStringList &remove)
{
    ListEdits edits;
    edits.tagsAdd = add;
    edits.tagsRemove = remove;
    return changeLists(ticketId, edits);
}

bool LocalEditor::changeLinks(
    const QString &ticketId, const QList<TicketLink> &add, const QList<TicketLink> &remove)
{
    ListEdits edits;
    edits.linksAdd = add;
    edits.linksRemove = remove;
    return changeLists(ticketId, edits);
}

bool LocalEditor::changeLists(const QString &ticketId, const ListEdits &edits)
{
    const auto current = m_store->ticket(ticketId);
    if (!current)
        return refuse(ticketId, {RefusalCode::TicketGone, {}});
    Ticket after = *current;
    const ListEdits applied = edits.applyTo(after);
    if (applied.isEmpty())
        return true; // nothing changed: no mutation
    for (const TicketLink &link : applied.linksAdd) {
        if (link.ticketId == ticketId)
            return refuse(ticketId, {RefusalCode::SelfLink, {}});
        if (!m_store->ticket(link.ticketId))
            return refuse(ticketId, {RefusalCode::LinkTargetNotCached, {}});
    }
    if (auto why = workflow::refuseChange(*current, after))
        return refuse(ticketId, std::move(*why));
    if (const FieldErrors errors = after.validate(); !errors.isEmpty())
        return refuse(ticketId, {RefusalCode::InvalidFields, {describe(errors)}});
    after.updatedAt = nowMs();
    Mutation update = mutation(Mutation::Type::TicketUpdate, ticketId, current->version);
    update.lists = applied;
    if (!m_store->saveLocalEdit(after, entry(update, ticketId)))
        return refuseStorage(ticketId);
    return true;
}

bool LocalEditor::assignToMe(const QString &ticketId)
{
    return updateField(ticketId, TicketField::Assignee, m_userId);
}

bool LocalEditor::move(
    const QString &ticketId, TicketStatus to, const QString &afterId, const QString &beforeId)
{
    const auto current = m_store->ticket(ticketId);
    if (!current)
        return refuse(ticketId, {RefusalCode::TicketGone, {}});
    Ticket after = *current;
    after.status = to;
    if (auto why = workflow::refuseChange(*current, after))
        return refuse(ticketId, std::move(*why));
    // A provisional fractional rank between the neighbours; the server computes the final one.
    const auto a = afterId.isEmpty() ? std::nullopt : m_store->ticket(afterId);
    const auto b = beforeId.isEmpty() ? std::nullopt : m_store->ticket(beforeId);
    if (a && b)
        after.rank = (a->rank + b->rank) / 2;
    else if (a)
        after.rank = a->rank + 1;
    else if (b)
        after.rank = b->rank - 1;
    after.updatedAt = nowMs();
    Mutation m = mutation(Mutation::Type::TicketMove, ticketId, current->version);
    m.status = to;
    m.after = afterId;
    m.before = beforeId;
    if (!m_store->saveLocalEdit(after, entry(m, ticketId)))
        return refuseStorage(ticketId);
    return true;
}

std::optional<Comment> LocalEditor::addComment(
    const QString &ticketId, const QString &body, bool isPublic, QList<Attachment> files)
{
    const auto ticket = m_store->ticket(ticketId);
    if (!ticket) {
        refuse(ticketId, {RefusalCode::TicketGone, {}});
        return std::nullopt;
    }
    Comment c {newId(), ticketId, m_userId, isPublic, body, nowMs()};
    if (const FieldErrors errors = c.validate(); !errors.isEmpty()) {
        refuse(ticketId, {RefusalCode::InvalidFields, {describe(errors)}});
        return std::nullopt;
    }
    if (files.size() > kMaxAttachmentsPerComment) {
        refuse(ticketId,
            {RefusalCode::InvalidFields,
                {u"At most %1 files per message."_qs.arg(kMaxAttachmentsPerComment)}});
        return std::nullopt;
    }
    Mutation create = mutation(Mutation::Type::CommentCreate, QString(), ticket->version);
    create.comment = c;
    QList<OutboxEntry> entries;
    for (Attachment &a : files) {
        a.ticketId = ticketId;
        a.commentId = c.id;
        a.createdBy = m_userId;
        create.attachmentIds << a.id;
        entries << OutboxEntry {0, newId(), QString(kAttachmentUploadType.toString()), ticketId,
            QJsonObject {{u"attachment"_qs, a.toJson()}, {u"internal"_qs, !isPublic}}, nowMs(),
            u"pending"_qs};
    }
    entries << entry(create, ticketId);
    if (!m_store->saveLocalComment(c, entries, files)) {
        refuseStorage(ticketId);
        return std::nullopt;
    }
    return c;
}

bool LocalEditor::resendComment(const Comment &comment, bool confirm, const QStringList &attachmentIds)
{
    const auto ticket = m_store->ticket(comment.ticketId);
    if (!ticket)
        return refuse(comment.ticketId, {RefusalCode::TicketGone, {}});
    Mutation create = mutation(Mutation::Type::CommentCreate, QString(), ticket->version);
    create.comment = comment;
    create.confirm = confirm;
    create.attachmentIds = attachmentIds;
    if (!m_store->saveLocalComment(comment, {entry(create, comment.ticketId)}))
        return refuseStorage(comment.ticketId);
    return true;
}

namespace {

const QString kViewKind = u"view"_qs;
const QString kLegacyViewQueue = u"pending_views"_qs;

ReferenceData::LocalEdit viewPut(const SavedView &view)
{
    Mutation m;
    m.type = Mutation::Type::ViewPut;
    m.view = view;
    m.viewId = view.id;
    return {view.id, view.toJson(), entry(m, view.id)};
}

ReferenceData::LocalEdit viewDelete(const QString &id)
{
    Mutation m;
    m.type = Mutation::Type::ViewDelete;
    m.viewId = id;
    return {id, {}, entry(m, id)};
}

} // namespace

std::optional<QJsonObject> LocalEditor::cachedView(const QString &id) const
{
    for (const QJsonObject &o : m_views->entities(kViewKind)) {
        if (o.value(u"id"_qs).toString() == id)
            return o;
    }
    return std::nullopt;
}

bool LocalEditor::saveView(const SavedView &view)
{
    // The server's validation, before anything is stored: what it would refuse never queues.
    FieldErrors errors;
    if (!SavedView::fromJson(view.toJson(), &errors))
        return refuse(view.id, {RefusalCode::InvalidFields, {describe(errors)}});
    if (!m_views->saveLocalEdits(kViewKind, {viewPut(view)}))
        return refuseStorage(view.id);
    return true;
}

bool LocalEditor::deleteView(const QString &viewId)
{
    if (!cachedView(viewId))
        return true;
    if (!m_views->saveLocalEdits(kViewKind, {viewDelete(viewId)}))
        return refuseStorage(viewId);
    return true;
}

bool LocalEditor::adoptLegacyViewQueue(const MetaStore &meta)
{
    const QStringList ids = meta.value(kLegacyViewQueue).split(u',', Qt::SkipEmptyParts);
    if (ids.isEmpty())
        return true;
    // The old queue sent the cached view as it is now (PUT), or DELETE when it was gone.
    QList<ReferenceData::LocalEdit> edits;
    QStringList cleared {kLegacyViewQueue};
    for (const QString &id : ids) {
        cleared << u"view_base:"_qs + id;
        FieldErrors errors;
        const auto json = cachedView(id);
        if (!json)
            edits << viewDelete(id);
        else if (const auto view = SavedView::fromJson(*json, &errors))
            edits << viewPut(*view);
        // A cached view that does not parse was never accepted by the server either: nothing to send.
    }
    if (!m_views->saveLocalEdits(kViewKind, edits, cleared))
        return refuseStorage(QString());
    return true;
}

} // namespace triage
