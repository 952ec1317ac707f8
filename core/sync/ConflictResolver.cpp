#include "ConflictResolver.h"

#include "LocalEditor.h"
#include "store/LocalCache.h"

#include <QJsonArray>

namespace triage {

ConflictResolver::ConflictResolver(LocalCache *store, LocalEditor *editor)
    : m_store(store)
    , m_editor(editor)
{ }

QString ConflictResolver::textOf(const SyncConflict &c)
{
    const QJsonObject &m = c.mutation;
    if (m.value(u"comment"_qs).isObject())
        return m.value(u"comment"_qs).toObject().value(u"body"_qs).toString();
    if (m.value(u"view"_qs).isObject())
        return m.value(u"view"_qs).toObject().value(u"name"_qs).toString();
    if (m.value(u"ticket"_qs).isObject()) {
        const QJsonObject t = m.value(u"ticket"_qs).toObject();
        return t.value(u"title"_qs).toString() + u"\n\n"_qs + t.value(u"description"_qs).toString();
    }
    QStringList parts;
    for (const auto &v : m.value(u"changes"_qs).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(u"to"_qs).isString())
            parts << o.value(u"field"_qs).toString() + u": "_qs + o.value(u"to"_qs).toString();
    }
    return parts.join(u'\n');
}

bool ConflictResolver::applyMine(const SyncConflict &c, QString *error)
{
    const QJsonObject &m = c.mutation;
    const QString type = m.value(u"type"_qs).toString();
    auto failed = [&]() {
        if (error)
            *error = m_editor->lastError();
        return false;
    };
    if (type == u"ticket.update") {
        QJsonObject values;
        for (const auto &v : m.value(u"changes"_qs).toArray())
            values.insert(v.toObject().value(u"field"_qs).toString(), v.toObject().value(u"to"_qs));
        if (!values.isEmpty() && !m_editor->updateWireFields(c.entityId, values))
            return failed();
        QStringList add;
        QStringList remove;
        for (const auto &t : m.value(u"tags_add"_qs).toArray())
            add << t.toString();
        for (const auto &t : m.value(u"tags_remove"_qs).toArray())
            remove << t.toString();
        if ((!add.isEmpty() || !remove.isEmpty()) && !m_editor->changeTags(c.entityId, add, remove))
            return failed();
        return true;
    }
    if (type == u"ticket.move") {
        const auto status = ticketStatusFromWire(m.value(u"status"_qs).toString());
        if (!status
            || !m_editor->move(
                c.entityId, *status, m.value(u"after"_qs).toString(), m.value(u"before"_qs).toString()))
            return failed();
        return true;
    }
    if (type == u"comment.create") {
        FieldErrors errors;
        const auto comment = Comment::fromJson(m.value(u"comment"_qs).toObject(), &errors);
        QStringList files;
        for (const auto &id : m.value(u"attachment_ids"_qs).toArray())
            files << id.toString();
        if (!comment || !m_editor->resendComment(*comment, true, files))
            return comment ? failed() : false;
        return true;
    }
    if (type == u"ticket.create") {
        FieldErrors errors;
        auto ticket = Ticket::fromJson(m.value(u"ticket"_qs).toObject(), &errors);
        if (!ticket) {
            if (error)
                *error = describe(errors);
            return false;
        }
        if (!m_editor->createTicket(*ticket))
            return failed();
        return true;
    }
    if (type == u"view.put") {
        FieldErrors errors;
        const auto view = SavedView::fromJson(m.value(u"view"_qs).toObject(), &errors);
        if (!view || !m_editor->saveView(*view))
            return view ? failed() : false;
        return true;
    }
    if (type == u"view.delete") {
        if (!m_editor->deleteView(m.value(u"view_id"_qs).toString()))
            return failed();
        return true;
    }
    if (error)
        *error = u"This change cannot be re-applied; copy its text instead."_qs;
    return false;
}

bool ConflictResolver::resolve(const QString &conflictId, Choice choice, QString *error)
{
    const QList<SyncConflict> all = m_store->outbox().conflicts();
    const auto it
        = std::find_if(all.begin(), all.end(), [&](const SyncConflict &c) { return c.id == conflictId; });
    if (it == all.end()) {
        if (error)
            *error = u"No conflict with id %1."_qs.arg(conflictId);
        return false;
    }
    const SyncConflict &c = *it;
    const bool isComment = c.mutation.value(u"type"_qs).toString() == u"comment.create";
    switch (choice) {
    case Choice::ApplyMine:
        if (!applyMine(c, error))
            return false;
        break;
    case Choice::KeepServer:
        if (isComment) { // the reply never reached the server: drop the local copy too
            ServerChanges drop;
            drop.removedComments << c.mutation.value(u"comment"_qs).toObject().value(u"id"_qs).toString();
            m_store->syncWriter().applyServerChanges(drop);
        } else if (c.status == u"diverged" && c.mutation.value(u"type"_qs).toString() == u"ticket.create") {
            // A ticket the (restored) server no longer has, and the agent agrees: drop our copy
            // (unless changes to it are still queued; their refusal keeps the text anyway).
            const auto pending = m_store->outbox().pending(100000);
            if (std::any_of(
                    pending.begin(), pending.end(), [&](const auto &e) { return e.entityId == c.entityId; }))
                break;
            ServerChanges drop;
            drop.removedTickets << c.entityId;
            m_store->syncWriter().applyServerChanges(drop);
        }
        break;
    case Choice::AsNote: {
        if (!isComment) {
            if (error)
                *error = u"Only a reply can be sent as an internal note."_qs;
            return false;
        }
        FieldErrors errors;
        auto comment = Comment::fromJson(c.mutation.value(u"comment"_qs).toObject(), &errors);
        if (!comment)
            return false;
        comment->isPublic = false;
        QStringList files;
        for (const auto &id : c.mutation.value(u"attachment_ids"_qs).toArray())
            files << id.toString();
        if (!m_editor->resendComment(*comment, false, files)) {
            if (error)
                *error = m_editor->lastError();
            return false;
        }
        break;
    }
    }
    return m_store->outbox().removeConflict(conflictId);
}

} // namespace triage
