// ticket list | show | create | update | comment | move — all through the local cache and the
// LocalEditor, then a sync unless --offline (the change is durable either way).
#include "Cli.h"
#include "Profile.h"
#include "Wait.h"
#include "domain/TicketFilter.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "net/ApiClient.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"
#include "sync/SyncEngine.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace triage::cli {

namespace {

struct Options {
    QMultiMap<QString, QString> values;
    QStringList positional;
    QString error;
};

// "--name value" pairs; flags listed in `flags` take no value.
Options parse(const QStringList &args, const QStringList &flags)
{
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a.startsWith(u"--"_qs)) {
            if (flags.contains(a)) {
                o.values.insert(a, u"1"_qs);
            } else if (i + 1 < args.size()) {
                o.values.insert(a, args.at(++i));
            } else {
                o.error = u"%1 needs a value"_qs.arg(a);
                return o;
            }
        } else {
            o.positional << a;
        }
    }
    return o;
}

QJsonObject withState(const Ticket &t, LocalCache *store)
{
    QJsonObject o = t.toJson();
    int pending = 0;
    for (const auto &e : store->outbox().pending(100000))
        pending += e.entityId == t.id ? 1 : 0;
    o.insert(u"pending_changes"_qs, pending);
    return o;
}

QString priorityMark(Priority p)
{
    switch (p) {
    case Priority::Critical:
        return u"!!!"_qs;
    case Priority::High:
        return u"!! "_qs;
    case Priority::Normal:
        return u"!  "_qs;
    case Priority::Low:
        break;
    }
    return u"   "_qs;
}

QString numberOf(const Ticket &t)
{
    return t.number ? u"#%1"_qs.arg(*t.number) : u"(new)"_qs;
}

// Pushes right away when online; offline the change waits in the outbox (and says so).
int syncAfterChange(const Context &ctx, Profile &p, bool *synced)
{
    *synced = false;
    if (ctx.offline || !p.sync())
        return Ok;
    *synced = waitForIdle(p.sync(), 60000);
    if (!*synced && !ctx.json)
        fail(ctx, Ok, u"saved locally; not synced yet (%1)"_qs.arg(p.sync()->lastError()));
    return Ok;
}

int printTicket(const Context &ctx, Profile &p, const QString &id, bool synced)
{
    const auto t = p.store()->tickets().ticket(id);
    if (!t)
        return fail(ctx, Failed, u"the ticket is no longer in the cache"_qs);
    if (ctx.json) {
        QJsonObject o = withState(*t, p.store());
        o.insert(u"synced"_qs, synced);
        printJson(o);
    } else {
        printLine(u"%1 %2 [%3, %4]%5"_qs.arg(numberOf(*t), t->title, toWire(t->status), toWire(t->priority),
            synced ? QString() : u" — pending sync"_qs));
    }
    return Ok;
}

int list(const Context &ctx, Profile &p, const Options &o)
{
    TicketFilter f;
    for (const auto &s : o.values.values(u"--status"_qs)) {
        const auto st = ticketStatusFromWire(s);
        if (!st)
            return fail(
                ctx, BadInput, u"unknown status '%1' (%2)"_qs.arg(s, allTicketStatuses().join(u", "_qs)));
        f.statuses << *st;
    }
    for (const auto &s : o.values.values(u"--priority"_qs)) {
        const auto pr = priorityFromWire(s);
        if (!pr)
            return fail(
                ctx, BadInput, u"unknown priority '%1' (%2)"_qs.arg(s, allPriorities().join(u", "_qs)));
        f.priorities << *pr;
    }
    const QString assignee = o.values.value(u"--assignee"_qs);
    if (assignee == u"me"_qs) {
        f.assignee = TicketFilter::Assignee::Me;
    } else if (assignee == u"none"_qs || assignee == u"unassigned"_qs) {
        f.assignee = TicketFilter::Assignee::Unassigned;
    } else if (!assignee.isEmpty()) {
        QString why;
        const auto id = resolveUserRef(p.store(), assignee, p.userId(), &why);
        if (!id)
            return fail(ctx, BadInput, u"--assignee: "_qs + why);
        f.assignee = TicketFilter::Assignee::Specific;
        f.assigneeId = *id;
    }
    f.groupIds = o.values.values(u"--group"_qs);
    f.tag = o.values.value(u"--tag"_qs);
    f.text = o.values.value(u"--search"_qs);
    f.sortKey = TicketFilter::SortKey::Updated;
    f.descending = true;
    bool ok = true;
    const int limit = o.values.value(u"--limit"_qs, u"50"_qs).toInt(&ok);
    if (!ok || limit < 1 || limit > 100000)
        return fail(ctx, BadInput, u"--limit must be 1..100000"_qs);
    const QList<Ticket> tickets = p.store()->tickets().matching(f, p.userId(), limit);
    if (ctx.json) {
        QJsonArray a;
        for (const auto &t : tickets)
            a.append(t.toJson());
        printJson(a);
        return Ok;
    }
    for (const auto &t : tickets)
        printLine(numberOf(t).leftJustified(8) + priorityMark(t.priority) + u"  "_qs
            + toWire(t.status).leftJustified(12) + t.title);
    if (tickets.isEmpty())
        printLine(u"No tickets match."_qs);
    return Ok;
}

// The cache's SLA snapshot (docs/sla.md "Where it runs: the console"), as the console shows it.
QJsonObject slaJson(const SlaSnapshot &s, qint64 now)
{
    if (s.due == SlaSnapshot::kNone && !s.paused)
        return {};
    QJsonObject o {{u"metric"_qs, toWire(s.metric)}, {u"paused"_qs, s.paused}};
    if (s.due != SlaSnapshot::kNone) {
        o.insert(u"due"_qs, isoUtc(s.due));
        o.insert(u"breached"_qs, now >= s.due);
    }
    o.insert(
        u"remaining_minutes"_qs, std::round(double(s.paused ? s.remainingMs : s.due - now) / 600.0) / 100.0);
    if (s.warnAt != SlaSnapshot::kNone)
        o.insert(u"warn_at"_qs, isoUtc(s.warnAt));
    return o;
}

// "12 min", "3 h 5 min", "2 days 4 h", "57 days": what a person reads, as the console words it.
QString spanText(qint64 ms)
{
    const qint64 minutes = std::max<qint64>(0, ms) / 60000;
    if (minutes < 60)
        return u"%1 min"_qs.arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return minutes % 60 ? u"%1 h %2 min"_qs.arg(hours).arg(minutes % 60) : u"%1 h"_qs.arg(hours);
    const qint64 days = hours / 24;
    const QString d = days == 1 ? u"1 day"_qs : u"%1 days"_qs.arg(days);
    return days < 7 && hours % 24 ? d + u" %1 h"_qs.arg(hours % 24) : d;
}

QString slaText(const SlaSnapshot &s, qint64 now)
{
    if (s.paused)
        return u"SLA %1 paused, %2 of business time left"_qs.arg(toWire(s.metric), spanText(s.remainingMs));
    if (s.due == SlaSnapshot::kNone)
        return u"no SLA timer running"_qs;
    return s.due >= now
        ? u"SLA %1 due %2 (in %3)"_qs.arg(toWire(s.metric), isoUtc(s.due), spanText(s.due - now))
        : u"SLA %1 BREACHED, was due %2 (%3 ago)"_qs.arg(
            toWire(s.metric), isoUtc(s.due), spanText(now - s.due));
}

int show(const Context &ctx, Profile &p, const QString &id)
{
    const auto t = p.store()->tickets().ticket(id);
    const QList<Comment> comments = p.store()->tickets().comments(id);
    if (ctx.json) {
        QJsonObject o = withState(*t, p.store());
        QJsonArray a;
        for (const auto &c : comments)
            a.append(c.toJson());
        o.insert(u"comments"_qs, a);
        o.insert(u"sla"_qs, slaJson(t->sla, nowMs()));
        QJsonArray history;
        for (const TicketEvent &e : p.store()->eventLogs().history(id))
            history.append(e.toJson());
        o.insert(u"history"_qs, history);
        printJson(o);
        return Ok;
    }
    printLine(u"%1  %2"_qs.arg(numberOf(*t), t->title));
    printLine(u"status %1 · priority %2 · type %3 · channel %4"_qs.arg(
        toWire(t->status), toWire(t->priority), toWire(t->type), toWire(t->channel)));
    printLine(u"created %1 · updated %2 · tags %3"_qs.arg(
        isoUtc(t->createdAt), isoUtc(t->updatedAt), t->tags.isEmpty() ? u"—"_qs : t->tags.join(u", "_qs)));
    printLine(slaText(t->sla, nowMs()));
    if (!t->description.isEmpty())
        printLine(u"\n"_qs + t->description);
    for (const auto &c : comments)
        printLine(u"\n— %1 %2:\n%3"_qs.arg(
            isoUtc(c.createdAt), c.isPublic ? u"reply"_qs : u"internal note"_qs, c.body));
    return Ok;
}

} // namespace

int runTicket(const Context &ctx, QStringList args)
{
    if (args.isEmpty())
        return fail(ctx, BadInput,
            u"usage: triagectl ticket list|show|create|update|comment|move|attach|attachments …"_qs);
    const QString sub = args.takeFirst();
    if (sub == u"attach"_qs)
        return runAttach(ctx, args);
    if (sub == u"attachments"_qs)
        return runAttachments(ctx, args);
    const Options o = parse(args, {u"--internal"_qs});
    if (!o.error.isEmpty())
        return fail(ctx, BadInput, o.error);
    int code = Ok;
    auto p = Profile::open(ctx, false, &code);
    if (!p)
        return code;
    if (sub == u"list"_qs)
        return list(ctx, *p, o);
    if (sub == u"create"_qs) {
        Ticket draft;
        draft.title = o.values.value(u"--title"_qs);
        draft.description = o.values.value(u"--description"_qs);
        draft.channel = Channel::Api;
        if (const QString v = o.values.value(u"--priority"_qs); !v.isEmpty()) {
            const auto pr = priorityFromWire(v);
            if (!pr)
                return fail(
                    ctx, BadInput, u"unknown priority '%1' (%2)"_qs.arg(v, allPriorities().join(u", "_qs)));
            draft.priority = *pr;
        }
        if (const QString v = o.values.value(u"--type"_qs); !v.isEmpty()) {
            const auto ty = ticketTypeFromWire(v);
            if (!ty)
                return fail(
                    ctx, BadInput, u"unknown type '%1' (%2)"_qs.arg(v, allTicketTypes().join(u", "_qs)));
            draft.type = *ty;
        }
        if (o.values.contains(u"--assignee"_qs)) {
            QString why;
            const auto id = resolveUserRef(p->store(), o.values.value(u"--assignee"_qs), p->userId(), &why);
            if (!id)
                return fail(ctx, BadInput, u"--assignee: "_qs + why);
            draft.assigneeId = *id;
        }
        draft.groupId = o.values.value(u"--group"_qs);
        draft.tags = o.values.values(u"--tag"_qs);
        const auto created = p->editor()->createTicket(draft);
        if (!created)
            return fail(ctx, BadInput, p->editor()->lastError());
        bool synced = false;
        syncAfterChange(ctx, *p, &synced);
        return printTicket(ctx, *p, created->id, synced);
    }
    if (o.positional.isEmpty())
        return fail(ctx, BadInput, u"which ticket? give #NUMBER or its id"_qs);
    const QString id = resolveTicketRef(p->store(), o.positional.first());
    if (id.isEmpty())
        return fail(ctx, Failed,
            u"no ticket %1 in the local cache (run 'triagectl sync'?)"_qs.arg(o.positional.first()));
    if (sub == u"show"_qs)
        return show(ctx, *p, id);
    bool ok = false;
    if (sub == u"update"_qs) {
        QJsonObject values;
        ListEdits lists;
        const QStringList sets = o.values.values(u"--set"_qs);
        if (sets.isEmpty())
            return fail(
                ctx, BadInput, u"usage: triagectl ticket update ID --set field=value [--set tags+=x] …"_qs);
        for (const auto &s : sets) {
            const qsizetype eq = s.indexOf(u'=');
            if (eq <= 0)
                return fail(ctx, BadInput, u"--set takes field=value, got '%1'"_qs.arg(s));
            QString field = s.left(eq);
            const QString value = s.mid(eq + 1);
            if (field == u"tags+"_qs) {
                lists.tagsAdd << value;
            } else if (field == u"tags-"_qs) {
                lists.tagsRemove << value;
            } else if (field == u"links+"_qs || field == u"links-"_qs) {
                // [KIND:]#NUMBER|ID, kind relates_to by default.
                TicketLink link;
                QString ref = value;
                if (const qsizetype colon = value.indexOf(u':'); colon > 0) {
                    const auto kind = linkKindFromWire(value.left(colon));
                    if (!kind)
                        return fail(ctx, BadInput,
                            u"unknown link kind '%1' (%2)"_qs.arg(
                                value.left(colon), allLinkKinds().join(u", "_qs)));
                    link.kind = *kind;
                    ref = value.mid(colon + 1);
                }
                link.ticketId = resolveTicketRef(p->store(), ref);
                if (link.ticketId.isEmpty())
                    return fail(
                        ctx, Failed, u"no ticket %1 in the local cache (run 'triagectl sync'?)"_qs.arg(ref));
                (field == u"links+"_qs ? lists.linksAdd : lists.linksRemove) << link;
            } else {
                if (field == u"assignee"_qs || field == u"group"_qs || field == u"requester"_qs)
                    field += u"_id"_qs;
                if (field == u"assignee_id"_qs || field == u"requester_id"_qs) {
                    QString why;
                    const auto user = resolveUserRef(p->store(), value, p->userId(), &why);
                    if (!user)
                        return fail(ctx, BadInput, s.left(eq) + u": "_qs + why);
                    values.insert(field, user->isEmpty() ? QJsonValue() : QJsonValue(*user));
                } else if ((field == u"assignee_id"_qs || field == u"group_id"_qs)
                    && (value.isEmpty() || value == u"none"_qs))
                    values.insert(field, QJsonValue());
                else if (field == u"csat_rating"_qs)
                    values.insert(field, value.toInt());
                else
                    values.insert(field, value);
            }
        }
        ok = (values.isEmpty() || p->editor()->updateWireFields(id, values))
            && (lists.isEmpty() || p->editor()->changeLists(id, lists));
    } else if (sub == u"comment"_qs) {
        const QString body = o.values.value(u"--body"_qs);
        ok = p->editor()->addComment(id, body, !o.values.contains(u"--internal"_qs)).has_value();
    } else if (sub == u"move"_qs) {
        const auto to = ticketStatusFromWire(o.values.value(u"--to"_qs));
        if (!to)
            return fail(
                ctx, BadInput, u"--to takes a status (%1)"_qs.arg(allTicketStatuses().join(u", "_qs)));
        const QString after = o.values.contains(u"--after"_qs)
            ? resolveTicketRef(p->store(), o.values.value(u"--after"_qs))
            : QString();
        ok = p->editor()->move(id, *to, after, {});
    } else {
        return fail(ctx, BadInput, u"unknown ticket command '%1'"_qs.arg(sub));
    }
    if (!ok)
        return fail(ctx, BadInput, p->editor()->lastError());
    bool synced = false;
    syncAfterChange(ctx, *p, &synced);
    return printTicket(ctx, *p, id, synced);
}

} // namespace triage::cli
