// Property tests of the rule engine (issue 18) over generated rules and tickets: a rule never
// fires twice for one event, chains stop at the depth limit, time rules fire once per entry into
// their watched state, and the dry-run over a ticket's log equals what a live run (the server's
// loop, simulated here) did. The seed is fixed and printed; TRIAGE_RULES_SEED replays another.
#include "RuleTestSupport.h"
#include "SlaTestSupport.h"
#include "domain/TicketFields.h"
#include "domain/Workflow.h"
#include "rules/RuleDryRun.h"
#include "rules/RuleEngine.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

using namespace triage;
using namespace triage::test;

namespace {

constexpr qint64 kMin = 60'000;

const char *kMoscow = R"({"timezone": "Europe/Moscow", "weekly": {
    "mon": [["09:00","18:00"]], "tue": [["09:00","18:00"]], "wed": [["09:00","18:00"]],
    "thu": [["09:00","18:00"]], "fri": [["09:00","18:00"]]}})";

class Gen
{
public:
    explicit Gen(quint32 seed)
        : m_rng(seed)
    { }
    int below(int n) { return int(m_rng.bounded(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template<typename T> const T &pick(const QList<T> &l) { return l.at(below(int(l.size()))); }

    QJsonValue value(const QString &field)
    {
        if (field == u"status"_qs)
            return pick(QStringList {u"new"_qs, u"in_progress"_qs, u"waiting"_qs, u"resolved"_qs});
        if (field == u"priority"_qs)
            return pick(allPriorities());
        if (field == u"assignee_id"_qs)
            return chance(30) ? QJsonValue() : QJsonValue(uuid(10 + below(3)));
        if (field == u"group_id"_qs)
            return uuid(20 + below(3));
        return u"s%1"_qs.arg(below(4)); // custom.step
    }

    QJsonObject condition()
    {
        switch (below(8)) {
        case 0:
            return {{u"field"_qs, u"status"_qs}, {u"op"_qs, u"in"_qs},
                {u"value"_qs, QJsonArray {value(u"status"_qs), value(u"status"_qs)}}};
        case 1:
            return {{u"field"_qs, u"priority"_qs}, {u"op"_qs, chance(50) ? u"equals"_qs : u"not_equals"_qs},
                {u"value"_qs, value(u"priority"_qs)}};
        case 2:
            return {{u"field"_qs, u"tags"_qs}, {u"op"_qs, chance(50) ? u"contains"_qs : u"not_contains"_qs},
                {u"value"_qs, u"t%1"_qs.arg(below(3))}};
        case 3:
            return {{u"field"_qs, u"assignee_id"_qs}, {u"op"_qs, chance(50) ? u"is_set"_qs : u"is_empty"_qs}};
        case 4:
            return {{u"field"_qs, u"time_in_status"_qs}, {u"op"_qs, u"gt"_qs}, {u"value"_qs, below(240)},
                {u"clock"_qs, chance(50) ? u"wall"_qs : u"business"_qs}};
        case 5:
            return {
                {u"field"_qs, u"custom.step"_qs}, {u"op"_qs, u"equals"_qs}, {u"value"_qs, value(u"x"_qs)}};
        case 6:
            return {{u"field"_qs, u"business_hours"_qs}, {u"op"_qs, u"equals"_qs}, {u"value"_qs, chance(50)}};
        default:
            return {{u"field"_qs, u"age"_qs}, {u"op"_qs, u"lt"_qs}, {u"value"_qs, below(2000)}};
        }
    }

    QJsonObject action()
    {
        static const QStringList fields {u"status"_qs, u"priority"_qs, u"assignee_id"_qs, u"custom.step"_qs};
        switch (below(8)) {
        case 0:
        case 1: {
            const QString f = pick(fields);
            return {{u"type"_qs, u"set_field"_qs}, {u"field"_qs, f}, {u"value"_qs, value(f)}};
        }
        case 2:
            return {{u"type"_qs, u"add_tags"_qs}, {u"tags"_qs, QJsonArray {u"t%1"_qs.arg(below(3))}}};
        case 3:
            return {{u"type"_qs, u"remove_tags"_qs}, {u"tags"_qs, QJsonArray {u"t%1"_qs.arg(below(3))}}};
        case 4:
            return {{u"type"_qs, u"assign"_qs}, {u"strategy"_qs, u"round_robin"_qs},
                {u"group_id"_qs, value(u"group_id"_qs)}};
        case 5:
            return {{u"type"_qs, u"highlight"_qs}, {u"colour"_qs, u"#ff0000"_qs}};
        case 6:
            return {{u"type"_qs, u"notify"_qs}, {u"who"_qs, u"lead"_qs}, {u"template"_qs, u"x"_qs}};
        default:
            return {{u"type"_qs, u"note"_qs}, {u"text"_qs, u"n"_qs}};
        }
    }

    QJsonObject trigger()
    {
        static const QStringList fields {
            u"status"_qs, u"priority"_qs, u"assignee_id"_qs, u"group_id"_qs, u"custom.step"_qs, u"tags"_qs};
        switch (below(6)) {
        case 0:
            return {{u"on"_qs, u"created"_qs}};
        case 1:
            return {{u"on"_qs, u"updated"_qs}};
        case 2:
        case 3: {
            const QString f = pick(fields);
            QJsonObject t {{u"on"_qs, u"field_changed"_qs}, {u"field"_qs, f}};
            if (f != u"tags"_qs && chance(60))
                t.insert(u"to"_qs, value(f));
            return t;
        }
        case 4:
            return {{u"on"_qs, u"comment_added"_qs},
                {u"by"_qs, pick(QStringList {u"any"_qs, u"agent"_qs, u"requester"_qs})}};
        default:
            return {{u"on"_qs, u"csat_given"_qs}};
        }
    }

    Rule rule(int n)
    {
        for (;;) {
            QJsonObject o {{u"id"_qs, u"r%1"_qs.arg(n)}, {u"name"_qs, u"Rule %1"_qs.arg(n)},
                {u"order"_qs, below(50)}, {u"enabled"_qs, chance(90)}};
            if (chance(25)) {
                o.insert(u"kind"_qs, u"time"_qs);
                const bool status = chance(70);
                const QString f = status ? u"status"_qs : u"priority"_qs;
                o.insert(u"time"_qs,
                    QJsonObject {{u"field"_qs, f}, {u"in"_qs, QJsonArray {value(f), value(f)}},
                        {u"after_minutes"_qs, 1 + below(600)},
                        {u"clock"_qs, chance(50) ? u"wall"_qs : u"business"_qs}});
            } else {
                o.insert(u"kind"_qs, u"event"_qs);
                QJsonArray ts {trigger()};
                if (chance(40))
                    ts.append(trigger());
                o.insert(u"triggers"_qs, ts);
            }
            QJsonArray all, any;
            for (int i = below(3); i > 0; --i)
                all.append(condition());
            for (int i = chance(30) ? 1 + below(2) : 0; i > 0; --i)
                any.append(condition());
            o.insert(u"conditions"_qs, QJsonObject {{u"all"_qs, all}, {u"any"_qs, any}});
            QJsonArray as;
            for (int i = 1 + below(3); i > 0; --i)
                as.append(action());
            o.insert(u"actions"_qs, as);
            if (auto r = Rule::fromJson(o, nullptr))
                return *r; // a set field twice is refused: draw again
        }
    }

    std::vector<Rule> rules(int count)
    {
        std::vector<Rule> out;
        for (int i = 0; i < count; ++i)
            out.push_back(rule(i));
        sortRules(out);
        return out;
    }

    Ticket ticket(qint64 createdAt, int n)
    {
        Ticket t = ticketAt(createdAt, n);
        t.priority = Priority(below(4));
        if (chance(50))
            t.assigneeId = uuid(10 + below(3));
        if (chance(50))
            t.tags = {u"t%1"_qs.arg(below(3))};
        return t;
    }

    // One outside change: (field, new value) of a logged field, or a comment by a side.
    TicketEvent change(qint64 at, const Ticket &t)
    {
        TicketEvent e;
        e.at = at;
        e.userId = uuid(10);
        switch (below(6)) {
        case 0:
        case 1:
            e.field = u"status"_qs;
            e.newValue = value(e.field).toString();
            if (chance(10))
                e.newValue = u"closed"_qs;
            e.oldValue = toWire(t.status);
            break;
        case 2:
            e.field = u"priority"_qs;
            e.newValue = value(e.field).toString();
            e.oldValue = toWire(t.priority);
            break;
        case 3:
            e.field = chance(50) ? u"assignee_id"_qs : u"group_id"_qs;
            e.newValue = value(e.field).toString();
            e.oldValue = e.field == u"group_id"_qs ? t.groupId : t.assigneeId;
            break;
        case 4:
            e.field = chance(50) ? u"reply"_qs : u"note"_qs;
            e.newValue = chance(50) ? u"agent"_qs : u"requester"_qs;
            break;
        default:
            e.field = u"csat_rating"_qs;
            e.newValue = QString::number(1 + below(5));
            e.oldValue = t.csatRating ? QString::number(*t.csatRating) : QString();
            break;
        }
        return e;
    }

private:
    QRandomGenerator m_rng;
};

quint32 seed()
{
    const quint32 s = qEnvironmentVariableIsSet("TRIAGE_RULES_SEED")
        ? quint32(qEnvironmentVariableIntValue("TRIAGE_RULES_SEED"))
        : 20261208u;
    return s;
}

// The server's loop, written apart from RuleDryRun: outside changes applied and logged, rules run
// on each, their changes logged under the rule's name, time rules after every event and at every
// wake-up the sweep names, fired time keys stored.
struct LiveRun {
    const std::vector<Rule> &rules;
    const BusinessCalendar *calendar;
    int maxDepth;
    RuleSubject s;
    QList<TicketEvent> log;
    QSet<QString> stored;
    std::vector<RuleDecision> decisions;
    std::vector<TimeFiringKey> timeKeys;
    std::vector<RuleOutcome> outcomes;
    qint64 last = 0;

    RuleContext ctx(qint64 now) const
    {
        RuleContext c;
        c.now = now;
        c.calendar = calendar;
        c.maxDepth = maxDepth;
        return c;
    }
    TimeFiredLookup lookup() const
    {
        return [this](const TimeFiringKey &k) { return stored.contains(k.toString()); };
    }
    void take(RuleOutcome o, qint64 at)
    {
        const QString author = o.firedRuleIds.isEmpty() ? QString() : ruleAuthor(o.firedRuleIds.first());
        for (const RuleFieldId f :
            {RuleFieldId::Status, RuleFieldId::Priority, RuleFieldId::Assignee, RuleFieldId::Group}) {
            const RuleField field {f, {}};
            const QString from = ruleFieldText(s.ticket, {}, field), to = ruleFieldText(o.ticket, {}, field);
            if (from != to)
                log.append(TicketEvent {at, author, field.wire(), from, to});
        }
        s.ticket = o.ticket;
        s.custom = o.custom;
        s.changes = RuleSubject::changesFromHistory(log);
        for (const TimeFiringKey &k : o.timeKeys) {
            QVERIFY2(
                !stored.contains(k.toString()), qPrintable(u"time rule fired twice: "_qs + k.toString()));
            stored.insert(k.toString());
            timeKeys.push_back(k);
        }
        decisions.insert(decisions.end(), o.decisions.begin(), o.decisions.end());
        outcomes.push_back(std::move(o));
    }
    void wakeUntil(qint64 until, bool inclusive)
    {
        for (;;) {
            const TimeSweep sw = RuleEngine::sweep(rules, s, calendar, last, lookup());
            if (!sw.nextDue || *sw.nextDue > until || (!inclusive && *sw.nextDue == until))
                return;
            last = *sw.nextDue;
            take(RuleEngine::onTime(rules, s, ctx(last), lookup()), last);
        }
    }
    void created()
    {
        RuleEvent e;
        e.kind = RuleEvent::Kind::Created;
        e.at = s.ticket.createdAt;
        last = e.at;
        log.append(TicketEvent {e.at, uuid(10), u"created"_qs, {}, u"{}"_qs});
        take(RuleEngine::onEvent(rules, s, e, ctx(e.at)), e.at);
        take(RuleEngine::onTime(rules, s, ctx(e.at), lookup()), e.at);
    }
    void outside(const TicketEvent &change)
    {
        wakeUntil(change.at, false);
        RuleEvent e;
        e.at = change.at;
        if (change.field == u"reply"_qs || change.field == u"note"_qs) {
            e.kind = RuleEvent::Kind::Comment;
            e.by = change.newValue == u"agent"_qs ? CommentAuthor::Agent : CommentAuthor::Requester;
            log.append(change);
        } else {
            Ticket after = s.ticket;
            QString old;
            if (change.field == u"csat_rating"_qs) {
                old = after.csatRating ? QString::number(*after.csatRating) : QString();
                after.csatRating = change.newValue.toInt();
            } else {
                old = ruleFieldText(s.ticket, {}, *RuleField::fromWire(change.field));
                if (ticketfields::apply(after, change.field,
                        change.newValue.isEmpty() ? QJsonValue() : QJsonValue(change.newValue)))
                    return;
            }
            if (after == s.ticket || workflow::refuseChange(s.ticket, after))
                return; // refused or no change: nothing logged, no event
            e.kind = RuleEvent::Kind::Updated;
            e.before = s.ticket;
            e.customBefore = s.custom;
            log.append(TicketEvent {change.at, change.userId, change.field, old, change.newValue});
            s.ticket = after;
            s.changes = RuleSubject::changesFromHistory(log);
        }
        take(RuleEngine::onEvent(rules, s, e, ctx(e.at)), e.at);
        take(RuleEngine::onTime(rules, s, ctx(e.at), lookup()), e.at);
        last = std::max(last, e.at);
    }
};

} // namespace

class TestRulesProperty : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("rule property seed %u (set TRIAGE_RULES_SEED to replay another)", seed()); }

    void neverTwicePerEventAndChainsStop()
    {
        Gen g(seed());
        const BusinessCalendar cal = calendarFrom(kMoscow);
        int fired = 0, limited = 0;
        for (int round = 0; round < 400; ++round) {
            const auto rules = g.rules(1 + g.below(40));
            RuleSubject s;
            const qint64 t0 = at("2026-03-02T08:00:00+03:00") + qint64(g.below(7 * 1440)) * kMin;
            s.ticket = g.ticket(t0, round);
            s.custom = QJsonObject {{u"step"_qs, g.value(u"x"_qs)}};
            RuleEvent e;
            e.kind = RuleEvent::Kind(g.below(3));
            e.at = t0 + g.below(600) * kMin;
            e.by = g.chance(50) ? CommentAuthor::Agent : CommentAuthor::Requester;
            if (e.kind == RuleEvent::Kind::Updated) {
                e.before = s.ticket;
                e.customBefore = s.custom;
                const TicketEvent c = g.change(e.at, s.ticket);
                if (RuleField::fromWire(c.field))
                    ticketfields::apply(
                        s.ticket, c.field, c.newValue.isEmpty() ? QJsonValue() : QJsonValue(c.newValue));
            }
            for (const Rule &r : rules) {
                if (g.chance(5))
                    e.firedBefore << r.id;
            }
            RuleContext ctx;
            ctx.now = e.at;
            ctx.calendar = &cal;
            ctx.maxDepth = g.below(5);
            const RuleOutcome o = RuleEngine::onEvent(rules, s, e, ctx);
            const QSet<QString> unique(o.firedRuleIds.begin(), o.firedRuleIds.end());
            QCOMPARE(qsizetype(unique.size()), o.firedRuleIds.size());
            for (const QString &id : o.firedRuleIds)
                QVERIFY2(!e.firedBefore.contains(id), qPrintable(id));
            int firedEntries = 0;
            for (const RuleTraceEntry &t : o.trace) {
                firedEntries += t.fired ? 1 : 0;
                QVERIFY(t.depth <= ctx.maxDepth + 1);
                QVERIFY(t.kind != RuleTraceKind::ChainDepthLimit || t.depth == ctx.maxDepth + 1);
            }
            QCOMPARE(qsizetype(firedEntries), o.firedRuleIds.size());
            for (const RuleDecision &d : o.decisions) {
                QVERIFY(unique.contains(d.ruleId));
                QVERIFY(d.depth <= ctx.maxDepth);
            }
            QCOMPARE(o.depthLimitReached,
                !o.trace.empty() && o.trace.back().kind == RuleTraceKind::ChainDepthLimit);
            if (o.depthLimitReached) {
                // What the limit stopped really would have fired, and had not yet.
                for (const QString &id : o.trace.back().actual.split(u", "_qs))
                    QVERIFY(!unique.contains(id));
            }
            fired += int(o.firedRuleIds.size());
            limited += o.depthLimitReached ? 1 : 0;
        }
        qInfo("400 events: %d firings, %d chains stopped at the limit", fired, limited);
        QVERIFY(fired > 100); // the generator exercises the engine, not only near misses
        QVERIFY(limited > 0);
    }

    void timeRulesOncePerEntryAndDryRunEqualsLive()
    {
        Gen g(seed() + 1);
        const BusinessCalendar cal = calendarFrom(kMoscow);
        int timeFirings = 0, decisions = 0;
        for (int round = 0; round < 150; ++round) {
            const auto rules = g.rules(1 + g.below(25));
            const qint64 t0 = at("2026-03-02T08:00:00+03:00") + qint64(g.below(7 * 1440)) * kMin;
            LiveRun live {rules, g.chance(70) ? &cal : nullptr, g.below(5), {}, {}, {}, {}, {}, {}, 0};
            live.s.ticket = g.ticket(t0, round);
            const Ticket initial = live.s.ticket;
            live.created();
            qint64 at = t0;
            for (int i = g.below(30); i > 0; --i) {
                at += qint64(1 + g.below(240)) * kMin;
                live.outside(g.change(at, live.s.ticket));
            }
            const qint64 end = at + qint64(g.below(3 * 1440)) * kMin;
            live.wakeUntil(end, true);

            // Once per (rule, ticket, entry), and never before it was due.
            QSet<QString> seen;
            for (const TimeFiringKey &k : live.timeKeys) {
                QVERIFY(!seen.contains(k.toString()));
                seen.insert(k.toString());
            }
            for (const RuleDecision &d : live.decisions) {
                const auto rule = std::find_if(
                    rules.begin(), rules.end(), [&](const Rule &r) { return r.id == d.ruleId; });
                if (rule->kind != RuleKind::Time || d.depth != 0)
                    continue;
                const auto key = std::find_if(live.timeKeys.begin(), live.timeKeys.end(),
                    [&](const TimeFiringKey &k) { return k.ruleId == d.ruleId; });
                QVERIFY(key != live.timeKeys.end());
            }
            timeFirings += int(live.timeKeys.size());
            decisions += int(live.decisions.size());

            // The dry-run over what the server logged, with the ticket as created for what the
            // log does not carry (tags, custom fields), predicts the live run exactly.
            RuleHistoryTicket h;
            h.subject.ticket = live.s.ticket;
            h.subject.ticket.tags = initial.tags;
            h.history = live.log;
            RuleDryRunOptions opt;
            opt.from = t0;
            opt.to = end;
            opt.maxDepth = live.maxDepth;
            const BusinessCalendar *calendar = live.calendar;
            opt.calendarFor = [calendar](const Ticket &) { return calendar; };
            const RuleDryRunTicket dry = RuleDryRun::ticket(rules, h, opt);
            QCOMPARE(dry.decisions.size(), live.decisions.size());
            for (size_t i = 0; i < dry.decisions.size(); ++i) {
                const RuleDecision &a = dry.decisions[i], &b = live.decisions[i];
                QVERIFY2(a == b,
                    qPrintable(
                        u"round %1 decision %2: dry %3/%4 d%5 at %6, live %7/%8 d%9 at %10"_qs.arg(round)
                            .arg(i)
                            .arg(a.ruleId)
                            .arg(a.actionIndex)
                            .arg(a.depth)
                            .arg(a.at)
                            .arg(b.ruleId)
                            .arg(b.actionIndex)
                            .arg(b.depth)
                            .arg(b.at)));
            }
            QCOMPARE(dry.timeKeys, live.timeKeys);
        }
        qInfo("150 tickets: %d decisions, %d time firings", decisions, timeFirings);
        QVERIFY(timeFirings > 20);
        QVERIFY(decisions > 200);
    }
};

QTEST_GUILESS_MAIN(TestRulesProperty)
#include "tst_rules_property.moc"
