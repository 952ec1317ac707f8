#include "RuleDryRun.h"

#include "RuleEvaluator.h"
#include "domain/Enums.h"
#include "domain/Time.h"
#include "sla/SlaEngine.h"

#include <QJsonArray>
#include <QSet>

namespace triage {
namespace {

constexpr QStringView kRulePrefix = u"rule:";

// Sets a logged field from its wire value; unknown values leave it as it is.
void setLogged(Ticket &t, TicketEvent::Kind k, const QString &value)
{
    switch (k) {
    case TicketEvent::Kind::Status:
        if (const auto s = ticketStatusFromWire(value))
            t.status = *s;
        break;
    case TicketEvent::Kind::Priority:
        if (const auto p = priorityFromWire(value))
            t.priority = *p;
        break;
    case TicketEvent::Kind::Assignee:
        t.assigneeId = value;
        break;
    case TicketEvent::Kind::Group:
        t.groupId = value;
        break;
    case TicketEvent::Kind::Rating: {
        bool ok = false;
        const int r = value.toInt(&ok);
        t.csatRating = ok && r >= 1 && r <= 5 ? std::optional<int>(r) : std::nullopt;
        break;
    }
    default:
        break;
    }
}

// The ticket's logged fields as they were when it was created: what the first logged change of
// each replaced (the same rewinding as slaEventsFromHistory), whoever made it: a rule's change
// too tells what was there before.
void rewind(Ticket &t, const QList<TicketEvent> &history)
{
    quint32 seen = 0;
    for (const TicketEvent &e : history) {
        const auto k = e.kind();
        const quint32 bit = 1u << static_cast<int>(k);
        if (k == TicketEvent::Kind::Created || k == TicketEvent::Kind::Reply || k == TicketEvent::Kind::Note
            || (seen & bit))
            continue;
        seen |= bit;
        setLogged(t, k, e.oldValue);
    }
}

// The changes of logged fields from `before` to `after`, as the log would hold them.
void appendChanges(
    std::vector<RuleStateChange> &changes, const Ticket &before, const Ticket &after, qint64 at)
{
    if (before.status != after.status)
        changes.push_back({at, RuleFieldId::Status, toWire(before.status), toWire(after.status)});
    if (before.priority != after.priority)
        changes.push_back({at, RuleFieldId::Priority, toWire(before.priority), toWire(after.priority)});
    if (before.assigneeId != after.assigneeId)
        changes.push_back({at, RuleFieldId::Assignee, before.assigneeId, after.assigneeId});
    if (before.groupId != after.groupId)
        changes.push_back({at, RuleFieldId::Group, before.groupId, after.groupId});
}

bool hasTimeRules(const std::vector<Rule> &rules)
{
    for (const Rule &r : rules) {
        if (r.enabled && r.kind == RuleKind::Time)
            return true;
    }
    return false;
}

} // namespace

QString ruleAuthor(const QString &ruleId)
{
    return kRulePrefix + ruleId;
}

bool isRuleAuthor(QStringView userId)
{
    return userId.startsWith(kRulePrefix);
}

RuleDryRunTicket RuleDryRun::ticket(
    const std::vector<Rule> &rules, const RuleHistoryTicket &ht, const RuleDryRunOptions &opt)
{
    RuleDryRunTicket out;
    out.ticketId = ht.subject.ticket.id;
    out.number = ht.subject.ticket.number;
    RuleSubject s = ht.subject;
    rewind(s.ticket, ht.history);
    s.changes.clear();
    const bool timeRules = hasTimeRules(rules);
    const BusinessCalendar *calendar = opt.calendarFor ? opt.calendarFor(s.ticket) : nullptr;
    QSet<TimeFiringKey> keys;
    const TimeFiredLookup fired = [&keys](const TimeFiringKey &k) { return keys.contains(k); };
    const auto textCache = std::make_shared<RuleTextCache>(); // the log never changes the text
    qsizetype replayed = 0; // log entries up to the instant being evaluated (for SLA timers)
    auto contextAt = [&](qint64 now) {
        RuleContext c;
        c.now = now;
        c.calendar = calendar;
        c.maxDepth = opt.maxDepth;
        c.traceAll = opt.traceAll;
        c.textCache = textCache;
        if (opt.slaTimers) {
            c.slaTimers = [&ht, &opt, replayed, now](
                              const Ticket &t) { return opt.slaTimers(t, ht.history.mid(0, replayed), now); };
        }
        return c;
    };
    const auto inWindow = [&](qint64 at) { return at >= opt.from && at <= opt.to; };
    auto record = [&](RuleOutcome &&o, qint64 at) {
        appendChanges(s.changes, s.ticket, o.ticket, at);
        s.ticket = std::move(o.ticket);
        s.custom = std::move(o.custom);
        for (const TimeFiringKey &k : o.timeKeys)
            keys.insert(k);
        if (!inWindow(at))
            return;
        out.decisions.insert(out.decisions.end(), std::make_move_iterator(o.decisions.begin()),
            std::make_move_iterator(o.decisions.end()));
        out.trace.insert(out.trace.end(), std::make_move_iterator(o.trace.begin()),
            std::make_move_iterator(o.trace.end()));
        out.timeKeys.insert(out.timeKeys.end(), o.timeKeys.begin(), o.timeKeys.end());
    };
    // The sweep's answer stays right until the watched fields change, a time rule fires or `now`
    // reaches the next due instant: only then is it asked again (most events change none).
    struct {
        std::optional<TimeSweep> answer;
        qint64 at = 0;
        size_t changes = 0;
        qsizetype keys = 0;
    } swept;
    auto sweepAt = [&](qint64 now) {
        if (!swept.answer || swept.changes != s.changes.size() || swept.keys != keys.size() || now < swept.at
            || (swept.answer->nextDue && now >= *swept.answer->nextDue)) {
            swept.answer = RuleEngine::sweep(rules, s, calendar, now, fired);
            swept.at = now;
            swept.changes = s.changes.size();
            swept.keys = keys.size();
        }
        return *swept.answer;
    };
    // onTime only when the sweep says a rule is due and unfired: otherwise it could fire nothing.
    auto runTime = [&](qint64 now) {
        if (timeRules && (opt.traceAll || sweepAt(now).dueNow))
            record(RuleEngine::onTime(rules, s, contextAt(now), fired), now);
    };
    qint64 last = s.ticket.createdAt;
    // Time rules that come due before `until`, at the instants the server's sweep would wake.
    auto catchUp = [&](qint64 until) {
        while (timeRules) {
            const TimeSweep sweep = sweepAt(last);
            if (!sweep.nextDue || *sweep.nextDue >= until)
                return;
            last = *sweep.nextDue;
            runTime(last);
        }
    };

    RuleEvent created;
    created.kind = RuleEvent::Kind::Created;
    created.at = s.ticket.createdAt;
    record(RuleEngine::onEvent(rules, s, created, contextAt(created.at)), created.at);
    runTime(created.at);
    for (const TicketEvent &e : ht.history) {
        ++replayed;
        const auto kind = e.kind();
        if (kind == TicketEvent::Kind::Created || kind == TicketEvent::Kind::Other || isRuleAuthor(e.userId))
            continue;
        if (kind == TicketEvent::Kind::Deleted || e.at > opt.to)
            break;
        catchUp(e.at);
        if (inWindow(e.at))
            ++out.events;
        RuleEvent ev;
        ev.at = e.at;
        if (kind == TicketEvent::Kind::Reply || kind == TicketEvent::Kind::Note) {
            ev.kind = RuleEvent::Kind::Comment;
            ev.by = e.newValue == u"agent"_qs ? CommentAuthor::Agent : CommentAuthor::Requester;
            ev.commentPublic = kind == TicketEvent::Kind::Reply;
        } else {
            ev.kind = RuleEvent::Kind::Updated;
            ev.before = s.ticket;
            ev.customBefore = s.custom;
            setLogged(s.ticket, kind, e.newValue);
            if (s.ticket == ev.before)
                continue; // the rules already made this change: no event
            appendChanges(s.changes, ev.before, s.ticket, e.at);
        }
        record(RuleEngine::onEvent(rules, s, ev, contextAt(e.at)), e.at);
        runTime(e.at);
        last = std::max(last, e.at);
    }
    catchUp(opt.to + 1);
    return out;
}

RuleDryRunResult RuleDryRun::history(const std::vector<Rule> &rules,
    const std::vector<RuleHistoryTicket> &tickets, const RuleDryRunOptions &options)
{
    RuleDryRunResult result;
    for (const RuleHistoryTicket &t : tickets) {
        RuleDryRunTicket r = ticket(rules, t, options);
        result.events += r.events;
        QSet<QString> rulesHere;
        for (const RuleTraceEntry &e : r.trace) {
            if (e.fired) {
                ++result.firings[e.ruleId];
                rulesHere.insert(e.ruleId);
            }
        }
        for (const QString &id : std::as_const(rulesHere))
            ++result.ticketsByRule[id];
        if (!rulesHere.isEmpty() || options.traceAll)
            result.tickets.push_back(std::move(r));
    }
    return result;
}

QJsonObject RuleDryRunTicket::toJson() const
{
    QJsonArray ds;
    for (const RuleDecision &d : decisions) {
        ds.append(QJsonObject {{u"rule_id"_qs, d.ruleId}, {u"action_index"_qs, d.actionIndex},
            {u"action"_qs, toWire(d.action.kind)}, {u"depth"_qs, d.depth}, {u"at"_qs, isoUtc(d.at)}});
    }
    QJsonArray ts;
    for (const RuleTraceEntry &e : trace)
        ts.append(e.toJson());
    return QJsonObject {{u"ticket_id"_qs, ticketId},
        {u"number"_qs, number ? QJsonValue(double(*number)) : QJsonValue()}, {u"decisions"_qs, ds},
        {u"trace"_qs, ts}, {u"events"_qs, events}};
}

QJsonObject RuleDryRunResult::toJson() const
{
    QJsonArray ts;
    for (const RuleDryRunTicket &t : tickets)
        ts.append(t.toJson());
    QJsonObject byRule;
    for (auto it = firings.begin(); it != firings.end(); ++it) {
        byRule.insert(it.key(),
            QJsonObject {{u"firings"_qs, it.value()}, {u"tickets"_qs, ticketsByRule.value(it.key())}});
    }
    return QJsonObject {{u"events"_qs, double(events)}, {u"rules"_qs, byRule}, {u"tickets"_qs, ts}};
}

} // namespace triage
