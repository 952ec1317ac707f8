#include "RuleEngine.h"

#include "RuleEvaluator.h"
#include "domain/Enums.h"
#include "domain/Ticket.h"
#include "domain/TicketFields.h"
#include "domain/Time.h"
#include "domain/Workflow.h"
#include "sla/BusinessCalendar.h"

#include <QSet>

#include <cmath>

namespace triage {
namespace {

const QString &eventName(RuleEvent::Kind k)
{
    static const QString names[] {u"created"_qs, u"updated"_qs, u"comment_added"_qs};
    return names[static_cast<int>(k)];
}

// The event a pass of rules looks at: the change from `before` to `after`.
struct EventView {
    RuleEvent::Kind kind = RuleEvent::Kind::Updated;
    const Ticket *before = nullptr, *after = nullptr;
    const QJsonObject *customBefore = nullptr, *customAfter = nullptr;
    CommentAuthor by = CommentAuthor::Requester;
    int depth = 0;
};

bool fieldChanged(const RuleTrigger &t, const EventView &ev)
{
    if (t.field.id == RuleFieldId::Tags) {
        auto added = [](const QStringList &from, const QStringList &to, const QString &tag) {
            return to.contains(tag) && !from.contains(tag);
        };
        if (t.to && !t.to->isEmpty())
            return added(ev.before->tags, ev.after->tags, *t.to);
        if (t.from && !t.from->isEmpty())
            return added(ev.after->tags, ev.before->tags, *t.from);
        return ev.before->tags != ev.after->tags;
    }
    const QString b = ruleFieldText(*ev.before, *ev.customBefore, t.field);
    const QString a = ruleFieldText(*ev.after, *ev.customAfter, t.field);
    return a != b && (!t.to || *t.to == a) && (!t.from || *t.from == b);
}

const RuleTrigger *matchTrigger(const Rule &rule, const EventView &ev)
{
    for (const RuleTrigger &t : rule.triggers) {
        bool match = false;
        switch (t.kind) {
        case RuleTriggerKind::Created:
            match = ev.kind == RuleEvent::Kind::Created;
            break;
        case RuleTriggerKind::Updated:
            match = ev.kind == RuleEvent::Kind::Updated
                && (*ev.before != *ev.after || *ev.customBefore != *ev.customAfter);
            break;
        case RuleTriggerKind::FieldChanged:
            match = ev.kind == RuleEvent::Kind::Updated && fieldChanged(t, ev);
            break;
        case RuleTriggerKind::CommentAdded:
            match = ev.kind == RuleEvent::Kind::Comment && (t.by == CommentAuthor::Any || t.by == ev.by);
            break;
        case RuleTriggerKind::CsatGiven:
            match = ev.kind == RuleEvent::Kind::Updated && ev.after->csatRating
                && ev.after->csatRating != ev.before->csatRating;
            break;
        }
        if (match)
            return &t;
    }
    return nullptr;
}

struct Applied {
    bool ok = true;
    QString code, args;
};

void noteChanged(QStringList &fields, const QString &wire)
{
    if (!fields.contains(wire))
        fields << wire;
}

Applied applyAction(RuleEvaluator &e, const RuleAction &a, QStringList &changedFields)
{
    switch (a.kind) {
    case RuleActionKind::SetField: {
        const QString wire = a.field.wire();
        if (a.field.id == RuleFieldId::Custom) {
            const QJsonValue old = e.custom().value(a.field.key);
            if (old == a.value || (old.isUndefined() && a.value.isNull()))
                return {};
            if (a.value.isNull())
                e.editCustom().remove(a.field.key);
            else
                e.editCustom().insert(a.field.key, a.value);
            {
                noteChanged(changedFields, wire);
                e.changed(a.field.id, {}, {});
            }
            return {};
        }
        Ticket after = e.ticket();
        if (const auto why = ticketfields::apply(after, wire, a.value))
            return {false, u"invalid-fields"_qs, *why};
        if (const auto refusal = workflow::refuseChange(e.ticket(), after))
            return {false, refusal->wireCode(), refusal->args.join(u", "_qs)};
        const QString from = ruleFieldText(e.ticket(), {}, a.field);
        const QString to = ruleFieldText(after, {}, a.field);
        if (from != to) {
            e.editTicket() = std::move(after);
            e.changed(a.field.id, from, to);
            noteChanged(changedFields, wire);
        }
        return {};
    }
    case RuleActionKind::AddTags:
    case RuleActionKind::RemoveTags: {
        QStringList tags = e.ticket().tags;
        for (const QString &tag : a.tags) {
            if (a.kind == RuleActionKind::RemoveTags)
                tags.removeAll(tag);
            else if (!tags.contains(tag) && tags.size() < kMaxTags)
                tags << tag;
        }
        if (tags != e.ticket().tags) {
            e.editTicket().tags = std::move(tags);
            noteChanged(changedFields, u"tags"_qs);
            e.changed(RuleFieldId::Tags, {}, {});
        }
        return {};
    }
    case RuleActionKind::Assign:
        if (!a.groupId.isEmpty() && a.groupId != e.ticket().groupId) {
            const QString from = e.ticket().groupId;
            e.editTicket().groupId = a.groupId;
            e.changed(RuleFieldId::Group, from, a.groupId);
            noteChanged(changedFields, u"group_id"_qs);
        }
        return {};
    default:
        return {};
    }
}

void fire(const Rule &rule, RuleEvaluator &e, RuleOutcome &out, int depth, const QString &why)
{
    const qint64 now = e.context().now;
    RuleTraceEntry t;
    t.ruleId = rule.id;
    t.ruleName = rule.name;
    t.fired = true;
    t.depth = depth;
    t.at = now;
    t.expected = why;
    out.trace.push_back(t);
    out.firedRuleIds << rule.id;
    for (size_t i = 0; i < rule.actions.size(); ++i) {
        const RuleAction &a = rule.actions[i];
        if (a.kind == RuleActionKind::Highlight)
            continue; // drawn, never carried out (RuleEngine::highlight)
        const Applied r = applyAction(e, a, out.changedFields);
        if (!r.ok) {
            RuleTraceEntry refused = t;
            refused.fired = false;
            refused.kind = RuleTraceKind::ActionRefused;
            refused.index = int(i);
            refused.field = a.field.wire();
            refused.expected = r.code;
            refused.actual = r.args;
            out.trace.push_back(refused);
            continue;
        }
        out.decisions.push_back({rule.id, int(i), a, depth, now});
    }
}

void skipped(
    RuleOutcome &out, const Rule &rule, RuleTraceEntry entry, int depth, qint64 now, bool keep = true)
{
    if (!keep)
        return;
    entry.ruleId = rule.id;
    entry.ruleName = rule.name;
    entry.depth = depth;
    entry.at = now;
    out.trace.push_back(std::move(entry));
}

// Passes of event rules over `ev` and the changes each pass makes, until nothing changes or the
// depth limit stops the chain.
void runChain(
    const std::vector<Rule> &rules, RuleEvaluator &e, RuleOutcome &out, EventView ev, QSet<QString> &fired)
{
    const qint64 now = e.context().now;
    const int firstDepth = ev.depth;
    Ticket before, after; // the ticket around a change made by rules (a chained event)
    QJsonObject customBefore, customAfter;
    for (;;) {
        if (ev.depth > e.context().maxDepth) {
            // Stopped: say so when a rule would have fired on the change left over.
            QStringList stopped;
            for (const Rule &rule : rules) {
                if (rule.enabled && rule.kind == RuleKind::Event && !fired.contains(rule.id)
                    && matchTrigger(rule, ev) && e.passes(rule))
                    stopped << rule.id;
            }
            if (stopped.isEmpty())
                return;
            RuleTraceEntry stop;
            stop.kind = RuleTraceKind::ChainDepthLimit;
            stop.depth = ev.depth;
            stop.at = now;
            stop.expected = QString::number(e.context().maxDepth);
            stop.actual = stopped.join(u", "_qs);
            out.trace.push_back(stop);
            out.depthLimitReached = true;
            return;
        }
        for (const Rule &rule : rules) {
            if (!rule.enabled || rule.kind != RuleKind::Event || fired.contains(rule.id))
                continue;
            const RuleTrigger *trigger = matchTrigger(rule, ev);
            if (!trigger) {
                if (ev.depth == firstDepth && e.context().traceAll) {
                    RuleTraceEntry miss;
                    miss.kind = RuleTraceKind::TriggerNotMatched;
                    miss.actual = eventName(ev.kind);
                    skipped(out, rule, std::move(miss), ev.depth, now);
                }
                continue;
            }
            if (auto miss = e.failing(rule)) {
                skipped(out, rule, std::move(*miss), ev.depth, now);
                continue;
            }
            fired.insert(rule.id);
            fire(rule, e, out, ev.depth, toWire(trigger->kind));
        }
        if ((&e.ticket() == ev.after || e.ticket() == *ev.after)
            && (&e.custom() == ev.customAfter || e.custom() == *ev.customAfter))
            return;
        // The changes this pass made are the next event: before = this pass's start.
        Ticket nextBefore = *ev.after;
        QJsonObject nextCustomBefore = *ev.customAfter;
        before = std::move(nextBefore);
        customBefore = std::move(nextCustomBefore);
        after = e.ticket();
        customAfter = e.custom();
        ev.kind = RuleEvent::Kind::Updated;
        ev.before = &before;
        ev.customBefore = &customBefore;
        ev.after = &after;
        ev.customAfter = &customAfter;
        ++ev.depth;
        e.setCommentText({}); // a change made by rules carries no comment
    }
}

std::optional<qint64> dueFrom(const Rule &rule, qint64 entered, const BusinessCalendar *calendar)
{
    const auto ms = qint64(std::llround(rule.time->afterMinutes * 60'000.0));
    if (rule.time->clock == RuleClock::Business && calendar)
        return calendar->addBusinessMs(entered, ms);
    return entered + ms;
}

} // namespace

size_t qHash(const TimeFiringKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.ruleId, key.ticketId, key.enteredAt);
}

QString TimeFiringKey::toString() const
{
    return ruleId + u'|' + ticketId + u'|' + QString::number(enteredAt);
}

RuleOutcome RuleEngine::onEvent(const std::vector<Rule> &rules, const RuleSubject &subject,
    const RuleEvent &event, const RuleContext &ctx)
{
    RuleEvaluator e(subject, ctx);
    if (event.kind == RuleEvent::Kind::Comment)
        e.setCommentText(event.commentText);
    RuleOutcome out;
    QSet<QString> fired(event.firedBefore.begin(), event.firedBefore.end());
    EventView ev;
    ev.kind = event.kind;
    const bool updated = event.kind == RuleEvent::Kind::Updated;
    ev.before = updated ? &event.before : &subject.ticket;
    ev.customBefore = updated ? &event.customBefore : &subject.custom;
    ev.after = &subject.ticket;
    ev.customAfter = &subject.custom;
    ev.by = event.by;
    ev.depth = event.depth;
    runChain(rules, e, out, ev, fired);
    out.ticket = e.takeTicket();
    out.custom = e.takeCustom();
    return out;
}

RuleOutcome RuleEngine::onTime(const std::vector<Rule> &rules, const RuleSubject &subject,
    const RuleContext &ctx, const TimeFiredLookup &alreadyFired)
{
    RuleEvaluator e(subject, ctx);
    RuleOutcome out;
    for (const Rule &rule : rules) {
        if (!rule.enabled || rule.kind != RuleKind::Time || !rule.time)
            continue;
        const RuleTimeTrigger &tt = *rule.time;
        // Worded only when the trace keeps it (a sweep over 100k tickets wants no strings).
        auto wait = [&](RuleTraceKind kind, QString expected, QString actual) {
            if (!ctx.traceAll)
                return;
            RuleTraceEntry t;
            t.kind = kind;
            t.field = tt.field.wire();
            t.expected = std::move(expected);
            t.actual = std::move(actual);
            skipped(out, rule, std::move(t), 0, ctx.now);
        };
        const auto entered = e.enteredAt(tt);
        if (!entered) {
            if (ctx.traceAll)
                wait(RuleTraceKind::NotInWatchedState, tt.in.join(u", "_qs),
                    ruleFieldText(e.ticket(), {}, tt.field));
            continue;
        }
        const auto due = dueFrom(rule, *entered, ctx.calendar);
        if (!due || ctx.now < *due) {
            if (ctx.traceAll)
                wait(RuleTraceKind::NotDueYet, due ? isoUtc(*due) : u"never"_qs, isoUtc(ctx.now));
            continue;
        }
        const TimeFiringKey key {rule.id, subject.ticket.id, *entered};
        if (alreadyFired && alreadyFired(key)) {
            if (ctx.traceAll)
                wait(RuleTraceKind::AlreadyFiredForEntry, isoUtc(*entered), {});
            continue;
        }
        if (auto miss = e.failing(rule)) {
            skipped(out, rule, std::move(*miss), 0, ctx.now);
            continue;
        }
        out.timeKeys.push_back(key);
        fire(rule, e, out, 0, toWire(rule.kind));
    }
    const bool ticketChanged = &e.ticket() != &subject.ticket && e.ticket() != subject.ticket;
    if (ticketChanged || (&e.custom() != &subject.custom && e.custom() != subject.custom)) {
        QSet<QString> fired(out.firedRuleIds.begin(), out.firedRuleIds.end());
        const Ticket after = e.ticket();
        const QJsonObject customAfter = e.custom();
        EventView ev;
        ev.before = &subject.ticket;
        ev.customBefore = &subject.custom;
        ev.after = &after;
        ev.customAfter = &customAfter;
        ev.depth = 1;
        runChain(rules, e, out, ev, fired);
    }
    out.ticket = e.takeTicket();
    out.custom = e.takeCustom();
    return out;
}

std::optional<qint64> RuleEngine::dueAt(
    const Rule &rule, const RuleSubject &subject, const BusinessCalendar *calendar)
{
    if (rule.kind != RuleKind::Time || !rule.time)
        return std::nullopt;
    const auto entered = subject.enteredAt(*rule.time);
    return entered ? dueFrom(rule, *entered, calendar) : std::nullopt;
}

std::optional<TimeFiringKey> RuleEngine::firingKey(const Rule &rule, const RuleSubject &subject)
{
    if (rule.kind != RuleKind::Time || !rule.time)
        return std::nullopt;
    const auto entered = subject.enteredAt(*rule.time);
    if (!entered)
        return std::nullopt;
    return TimeFiringKey {rule.id, subject.ticket.id, *entered};
}

namespace {

TimeSweep sweepRules(const std::vector<Rule> &rules, const RuleSubject &subject,
    const BusinessCalendar *calendar, qint64 now, const TimeFiredLookup *alreadyFired)
{
    TimeSweep s;
    for (const Rule &rule : rules) {
        if (!rule.enabled || rule.kind != RuleKind::Time || !rule.time)
            continue;
        const auto entered = subject.enteredAt(*rule.time);
        if (!entered)
            continue;
        // Business time never runs faster than the wall clock: a rule whose wall-clock bound is
        // in the future and after the earliest due instant found can be neither.
        const qint64 bound = *entered + qint64(std::llround(rule.time->afterMinutes * 60'000.0));
        if (bound > now && s.nextDue && bound >= *s.nextDue)
            continue;
        const auto due = dueFrom(rule, *entered, calendar);
        if (!due)
            continue;
        if (*due > now)
            s.nextDue = std::min(*due, s.nextDue.value_or(*due));
        else if (alreadyFired && !s.dueNow
            && (!*alreadyFired || !(*alreadyFired)({rule.id, subject.ticket.id, *entered})))
            s.dueNow = true;
    }
    return s;
}

} // namespace

TimeSweep RuleEngine::sweep(const std::vector<Rule> &rules, const RuleSubject &subject,
    const BusinessCalendar *calendar, qint64 now, const TimeFiredLookup &alreadyFired)
{
    return sweepRules(rules, subject, calendar, now, &alreadyFired);
}

std::optional<qint64> RuleEngine::nextDue(
    const std::vector<Rule> &rules, const RuleSubject &subject, const BusinessCalendar *calendar, qint64 now)
{
    return sweepRules(rules, subject, calendar, now, nullptr).nextDue;
}

QString RuleEngine::highlight(
    const std::vector<Rule> &rules, const RuleSubject &subject, const RuleContext &ctx)
{
    RuleEvaluator e(subject, ctx);
    for (const Rule &rule : rules) {
        if (!rule.enabled || !rule.hasAction(RuleActionKind::Highlight))
            continue;
        if (rule.kind == RuleKind::Time) {
            const auto due = dueAt(rule, subject, ctx.calendar);
            if (!due || ctx.now < *due)
                continue;
        }
        if (!e.passes(rule))
            continue;
        for (const RuleAction &a : rule.actions) {
            if (a.kind == RuleActionKind::Highlight)
                return a.colour;
        }
    }
    return {};
}

} // namespace triage
