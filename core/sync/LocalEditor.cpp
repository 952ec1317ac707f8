#include "LocalEditor.h"

#include "domain/TicketFields.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "domain/Workflow.h"
#include "store/StoreErrors.h"
#include "store/TicketRepository.h"

#include <QJsonArray>

namespace triage {

LocalEditor::LocalEditor(TicketRepository *store, QString userId, QObject *parent)
    : QObject(parent)
    , m_store(store)
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

OutboxEntry entry(const QString &type, const QString &entityId, QJsonObject payload)
{
    payload.insert(u"type"_qs, type);
    return OutboxEntry {0, newId(), type, entityId, payload, nowMs(), u"pending"_qs};
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
    if (!m_store->saveLocalEdit(
            draft, entry(u"ticket.create"_qs, draft.id, {{u"ticket"_qs, draft.toJson()}}))) {
        refuseStorage(draft.id);
        return std::nullopt;
    }
    return draft;
}

bool LocalEditor::updateFields(const QString &ticketId, const QJsonObject &newValues)
{
    const auto current = m_store->ticket(ticketId);
    if (!current)
        return refuse(ticketId, {RefusalCode::TicketGone, {}});
    Ticket after = *current;
    QJsonArray changes;
    for (auto it = newValues.constBegin(); it != newValues.constEnd(); ++it) {
        const QJsonValue from = ticketfields::value(*current, it.key());
        if (from.isUndefined())
            return refuse(
                ticketId, {RefusalCode::InvalidFields, {u"'%1' is not an editable field."_qs.arg(it.key())}});
        if (auto why = ticketfields::apply(after, it.key(), it.value()))
            return refuse(ticketId, {RefusalCode::InvalidFields, {it.key() + u" "_qs + *why}});
        if (from != ticketfields::value(after, it.key()))
            changes.append(QJsonObject {{u"field"_qs, it.key()}, {u"from"_qs, from},
                {u"to"_qs, ticketfields::value(after, it.key())}});
    }
    if (changes.isEmpty())
        return true; // nothing changed: no mutation
    if (auto why = workflow::refuseChange(*current, after))
        return refuse(ticketId, std::move(*why));
    if (const FieldErrors errors = after.validate(); !errors.isEmpty())
        return refuse(ticketId, {RefusalCode::InvalidFields, {describe(errors)}});
    after.updatedAt = nowMs();
    const QJsonObject payload {{u"ticket_id"_qs, ticketId},
        {u"base_version"_qs, static_cast<double>(current->version)}, {u"changes"_qs, changes}};
    if (!m_store->saveLocalEdit(after, entry(u"ticket.update"_qs, ticketId, payload)))
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
    QJsonObject payload {{u"ticket_id"_qs, ticketId},
        {u"base_version"_qs, static_cast<double>(current->version)}, {u"changes"_qs, QJsonArray()}};
    applied.writeTo(payload);
    if (!m_store->saveLocalEdit(after, entry(u"ticket.update"_qs, ticketId, payload)))
        return refuseStorage(ticketId);
    return true;
}

bool LocalEditor::assignToMe(const QString &ticketId)
{
    return updateFields(ticketId, {{u"assignee_id"_qs, m_userId}});
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
    const QJsonObject payload {{u"ticket_id"_qs, ticketId},
        {u"base_version"_qs, static_cast<double>(current->version)}, {u"status"_qs, toWire(to)},
        {u"after"_qs, afterId.isEmpty() ? QJsonValue() : QJsonValue(afterId)},
        {u"before"_qs, beforeId.isEmpty() ? QJsonValue() : QJsonValue(beforeId)}};
    if (!m_store->saveLocalEdit(after, entry(u"ticket.move"_qs, ticketId, payload)))
        return refuseStorage(ticketId);
    return true;
}

std::optional<Comment> LocalEditor::addComment(const QString &ticketId, const QString &body, bool isPublic)
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
    QJsonObject payload {
        {u"comment"_qs, c.toJson()}, {u"base_version"_qs, static_cast<double>(ticket->version)}};
    if (!m_store->saveLocalComment(c, entry(u"comment.create"_qs, ticketId, payload))) {
        refuseStorage(ticketId);
        return std::nullopt;
    }
    return c;
}

bool LocalEditor::resendComment(const Comment &comment, bool confirm)
{
    const auto ticket = m_store->ticket(comment.ticketId);
    if (!ticket)
        return refuse(comment.ticketId, {RefusalCode::TicketGone, {}});
    QJsonObject payload {
        {u"comment"_qs, comment.toJson()}, {u"base_version"_qs, static_cast<double>(ticket->version)}};
    if (confirm)
        payload.insert(u"confirm"_qs, true);
    if (!m_store->saveLocalComment(comment, entry(u"comment.create"_qs, comment.ticketId, payload)))
        return refuseStorage(comment.ticketId);
    return true;
}

} // namespace triage
