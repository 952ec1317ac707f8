#include "ConfigApi.h"

#include "ApiUtil.h"
#include "sla/BusinessCalendar.h"
#include "sla/SlaPolicy.h"
#include "sla/SlaPolicySet.h"
#include "storage/DirectoryStore.h"

#include <QJsonArray>

namespace triage::server {

namespace {

const QString kCalendar = u"calendar"_qs;
const QString kPolicy = u"sla_policy"_qs;

QString bodyKey(const QString &kind)
{
    return kind == kCalendar ? u"calendar"_qs : u"policy"_qs;
}
QString listKey(const QString &kind)
{
    return kind == kCalendar ? u"calendars"_qs : u"sla_policies"_qs;
}

} // namespace

void ConfigApi::registerRoutes(Router &router)
{
    for (const auto &[path, kind] :
        {std::pair {u"/api/v1/calendars"_qs, kCalendar}, std::pair {u"/api/v1/sla-policies"_qs, kPolicy}}) {
        const QString k = kind;
        router.add("GET", path, true, [this, k](Call &c) { return list(c, k); });
        router.add("PUT", path + u"/{id}"_qs, true, [this, k](Call &c) { return put(c, k); });
        router.add("DELETE", path + u"/{id}"_qs, true, [this, k](Call &c) { return remove(c, k); });
    }
}

HttpResponse ConfigApi::list(Call &call, const QString &kind)
{
    if (!call.principal.isStaff())
        return forbidden(u"Only staff can read configuration."_qs);
    QJsonArray a;
    for (const QJsonObject &doc : DirectoryStore(*m_ctx.db).configDocs(kind))
        a.append(doc);
    return HttpResponse::json(200, QJsonObject {{listKey(kind), a}});
}

HttpResponse ConfigApi::put(Call &call, const QString &kind)
{
    if (!call.principal.isAdmin())
        return forbidden(u"Only administrators can change configuration."_qs);
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, kind))
        return err;
    auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    JsonReader r(*body);
    const QString bodyId = r.string(u"id"_qs, false).value_or(id);
    if (bodyId != id)
        r.error(u"id"_qs, u"must match the id in the path"_qs);
    const QString name = r.string(u"name"_qs, true).value_or(QString());
    if (r.has(u"name"_qs) && (name.trimmed().isEmpty() || name.size() > 200 || !isCleanText(name, false)))
        r.error(u"name"_qs, u"must be clean text of 1 to 200 characters"_qs);
    const auto doc = r.object(bodyKey(kind), true);
    // A policy's `applies_to` (docs/sla.md "Policy selection"); absent: it applies to every ticket.
    std::optional<QJsonObject> appliesTo;
    if (kind == kPolicy && r.has(u"applies_to"_qs)) {
        appliesTo = r.object(u"applies_to"_qs, false);
        QString why;
        if (appliesTo && !SlaPolicyMatch::fromJson(*appliesTo, &why))
            r.error(u"applies_to"_qs, why.left(300));
    }
    r.rejectUnknown();
    if (doc) {
        QString why;
        const bool ok = kind == kCalendar ? BusinessCalendar::fromJson(*doc, &why).has_value()
                                          : SlaPolicy::fromJson(*doc, &why).has_value();
        if (!ok)
            r.error(bodyKey(kind), why.left(300));
    }
    if (!r.ok())
        return validationProblem(r.errors());
    QJsonObject stored {{u"id"_qs, id}, {u"name"_qs, name}, {bodyKey(kind), *doc}};
    if (appliesTo)
        stored.insert(u"applies_to"_qs, *appliesTo);
    WriteTx tx(*m_ctx.db);
    DirectoryStore(*m_ctx.db).upsertConfigDoc(kind, stored, tx.bumpHead(1));
    tx.commit();
    m_ctx.committed();
    return HttpResponse::json(200, stored);
}

HttpResponse ConfigApi::remove(Call &call, const QString &kind)
{
    if (!call.principal.isAdmin())
        return forbidden(u"Only administrators can change configuration."_qs);
    HttpResponse err;
    const QString id = call.params.value(0);
    if (!validPathId(id, &err, kind))
        return err;
    WriteTx tx(*m_ctx.db);
    DirectoryStore dir(*m_ctx.db);
    if (!dir.configDoc(kind, id))
        return notFound(kind == kCalendar ? u"calendar"_qs : u"SLA policy"_qs);
    dir.deleteConfigDoc(kind, id, tx.bumpHead(1));
    tx.commit();
    m_ctx.committed();
    return HttpResponse::raw(204, {});
}

} // namespace triage::server
