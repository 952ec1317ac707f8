#include "ViewService.h"

#include "storage/DirectoryStore.h"

namespace triage::server {

namespace {

Outcome refused(int status, const QString &type, const QString &title, const QString &detail)
{
    Outcome o;
    o.status = Outcome::Rejected;
    o.httpStatus = status;
    o.problem = makeProblem(status, type, title, detail);
    return o;
}

Outcome forbidden(const QString &detail)
{
    return refused(403, u"forbidden"_qs, u"Forbidden"_qs, detail);
}

} // namespace

std::optional<Outcome> ViewService::refuseCaller(const Principal &who)
{
    if (!who.canWrite()) // Api::handle already refuses a viewer's writes; a mutation says so too
        return refused(403, u"read-only"_qs, u"Read-only account"_qs,
            u"This account (role viewer) may read tickets and reports but not change anything."_qs);
    if (!who.isStaff())
        return forbidden(u"Only staff can read the directory."_qs);
    return std::nullopt;
}

std::optional<SavedView> ViewService::readableCopy(const Principal &who, const QString &id)
{
    // What GET /views lists for this caller: shared views and their own.
    auto v = DirectoryStore(m_db).view(id);
    if (v && !v->ownerId.isEmpty() && v->ownerId != who.userId)
        return std::nullopt;
    return v;
}

Outcome ViewService::put(const Principal &who, const SavedView &view)
{
    if (auto no = refuseCaller(who))
        return *no;
    const bool personal = view.ownerId == who.userId;
    if (!personal && !who.isAdmin()) {
        Outcome o = forbidden(u"Only administrators can save shared views or views of other users."_qs);
        o.view = readableCopy(who, view.id);
        return o;
    }
    DirectoryStore dir(m_db);
    const auto existing = dir.view(view.id);
    if (existing && existing->ownerId != who.userId && !who.isAdmin()) {
        Outcome o = forbidden(u"This view belongs to someone else."_qs);
        o.view = readableCopy(who, view.id);
        return o;
    }
    Outcome o;
    o.view = view;
    o.changed = true;
    o.write = [this, view] { DirectoryStore(m_db).upsertView(view, m_tx.bumpHead(1)); };
    return o;
}

Outcome ViewService::remove(const Principal &who, const QString &viewId)
{
    if (auto no = refuseCaller(who))
        return *no;
    DirectoryStore dir(m_db);
    const auto existing = dir.view(viewId);
    if (!existing || (!existing->ownerId.isEmpty() && existing->ownerId != who.userId && !who.isAdmin()))
        return refused(404, u"not-found"_qs, u"Not found"_qs, u"No view with that id is visible to you."_qs);
    if (existing->ownerId.isEmpty() && !who.isAdmin()) {
        Outcome o = forbidden(u"Only administrators can change configuration."_qs);
        o.view = existing;
        return o;
    }
    Outcome o;
    o.changed = true;
    o.write = [this, id = existing->id] { DirectoryStore(m_db).deleteView(id, m_tx.bumpHead(1)); };
    return o;
}

} // namespace triage::server
