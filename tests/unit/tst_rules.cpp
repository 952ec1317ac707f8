// The automation rule model and engine (issue 18): JSON round trip and refusals, event chains
// with their depth limit, time rules once per state entry, highlight, SLA and key-phrase
// conditions with Russian word forms, and the one-ticket dry-run's reasons.
#include "RuleTestSupport.h"
#include "SlaTestSupport.h"
#include "rules/RuleDryRun.h"
#include "rules/RuleEngine.h"
#include "sla/KeyPhraseRules.h"
#include "sla/SlaEngine.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace triage;
using namespace triage::test;

namespace {

constexpr qint64 kMin = 60'000;

// tests/data/rules/seed-rules.json: the seed's defaults plus one rule of every trigger, condition
// and action kind.
QJsonObject seedRulesJson()
{
    QFile f(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../data/rules/seed-rules.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<Rule> seedRules()
{
    FieldErrors errors;
    const auto rules = rulesFromJson(seedRulesJson(), &errors);
    if (!rules)
        qFatal("seed rules refused: %s", qPrintable(describe(errors)));
    return *rules;
}

const char *kMoscow = R"({"timezone": "Europe/Moscow", "weekly": {
    "mon": [["09:00","18:00"]], "tue": [["09:00","18:00"]], "wed": [["09:00","18:00"]],
    "thu": [["09:00","18:00"]], "fri": [["09:00","18:00"]]}})";

RuleContext contextAt(qint64 now, const BusinessCalendar *cal = nullptr)
{
    RuleContext c;
    c.now = now;
    c.calendar = cal;
    return c;
}

RuleEvent updated(const Ticket &before, qint64 at)
{
    RuleEvent e;
    e.kind = RuleEvent::Kind::Updated;
    e.before = before;
    e.at = at;
    return e;
}

const RuleTraceEntry *traceOf(const RuleOutcome &o, const QString &ruleId)
{
    for (const RuleTraceEntry &e : o.trace) {
        if (e.ruleId == ruleId)
            return &e;
    }
    return nullptr;
}

} // namespace

class TestRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTrip()
    {
        FieldErrors errors;
        const auto rules = rulesFromJson(seedRulesJson(), &errors);
        QVERIFY2(rules, qPrintable(describe(errors)));
        QCOMPARE(rules->size(), size_t(7));
        const QJsonArray once = rulesToJson(*rules);
        const auto again = rulesFromJson(once, &errors);
        QVERIFY2(again, qPrintable(describe(errors)));
        QCOMPARE(rulesToJson(*again), once);
        // Normalised on the way in: colour lower case, tags normalised, defaults written out.
        const QJsonObject red = once.at(2).toObject();
        QCOMPARE(red.value(u"actions"_qs).toArray().at(0).toObject().value(u"colour"_qs).toString(),
            u"#d32f2f"_qs);
        QCOMPARE(once.at(0).toObject().value(u"actions"_qs).toArray().at(1).toObject().value(u"channel"_qs),
            QJsonValue(u"telegram"_qs));
        QCOMPARE(rules->at(5).actions.at(2).tags, QStringList {u"vip"_qs});
        QCOMPARE(rules->at(4).enabled, false);
        QCOMPARE(rules->at(5).any.size(), size_t(5));
        QCOMPARE(rules->at(5).any.at(1).field.wire(), u"sla.resolution.elapsed_percent"_qs);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        const QByteArray ok = R"("id": "r1", "name": "R", "kind": "event", "triggers": [{"on": "created"}])";
        const QByteArray act = R"("actions": [{"type": "note", "text": "x"}])";
        auto rule = [&](const QByteArray &body) -> QByteArray { return "{" + body + "}"; };
        QTest::newRow("no id") << rule(R"("name": "R", "kind": "event", "triggers": [{"on": "created"}], )"
            + act) << u"id"_qs << u"required"_qs;
        QTest::newRow("bad id") << rule(
            R"("id": "a b", "name": "R", "kind": "event", "triggers": [{"on": "created"}], )" + act)
                                << u"id"_qs << u"A-Z"_qs;
        QTest::newRow("unknown kind") << rule(R"("id": "r", "name": "R", "kind": "cron", )" + act)
                                      << u"kind"_qs << u"unknown value 'cron'"_qs;
        QTest::newRow("no triggers") << rule(R"("id": "r", "name": "R", "kind": "event", )" + act)
                                     << u"triggers"_qs << u"at least one trigger"_qs;
        QTest::newRow("time without time")
            << rule(R"("id": "r", "name": "R", "kind": "time", )" + act) << u"time"_qs << u"needs"_qs;
        QTest::newRow("unknown trigger")
            << rule(R"("id": "r", "name": "R", "kind": "event", "triggers": [{"on": "deleted"}], )" + act)
            << u"triggers[0].on"_qs << u"unknown value 'deleted'"_qs;
        QTest::newRow("bad to") << rule(
            R"("id": "r", "name": "R", "kind": "event", "triggers": [{"on": "field_changed", "field": "priority", "to": "urgent"}], )"
            + act) << u"triggers[0].to"_qs
                                << u"unknown value 'urgent'"_qs;
        QTest::newRow("unknown field") << rule(
            ok + R"(, "conditions": {"all": [{"field": "colour", "op": "equals", "value": "x"}]}, )" + act)
                                       << u"conditions.all[0].field"_qs << u"unknown field 'colour'"_qs;
        QTest::newRow("op does not apply")
            << rule(ok + R"(, "conditions": {"all": [{"field": "status", "op": "gt", "value": 1}]}, )" + act)
            << u"conditions.all[0].op"_qs << u"does not apply to status"_qs;
        QTest::newRow("unknown priority") << rule(ok
            + R"(, "conditions": {"any": [{"field": "priority", "op": "equals", "value": "urgent"}]}, )"
            + act) << u"conditions.any[0].value"_qs
                                          << u"unknown value 'urgent'"_qs;
        QTest::newRow("in needs a list") << rule(
            ok + R"(, "conditions": {"all": [{"field": "status", "op": "in", "value": "new"}]}, )" + act)
                                         << u"conditions.all[0].value"_qs << u"must be a list"_qs;
        QTest::newRow("empty phrase") << rule(
            ok + R"(, "conditions": {"all": [{"field": "text", "op": "key_phrase", "value": "!!"}]}, )" + act)
                                      << u"conditions.all[0].value"_qs << u"at least one word"_qs;
        QTest::newRow("clock elsewhere") << rule(ok
            + R"(, "conditions": {"all": [{"field": "status", "op": "equals", "value": "new", "clock": "wall"}]}, )"
            + act) << u"conditions.all[0].clock"_qs
                                         << u"time_in_status"_qs;
        QTest::newRow("is_set with value") << rule(ok
            + R"(, "conditions": {"all": [{"field": "assignee_id", "op": "is_set", "value": "x"}]}, )" + act)
                                           << u"conditions.all[0].value"_qs << u"must be absent"_qs;
        QTest::newRow("no actions") << rule(ok + R"(, "actions": [])") << u"actions"_qs
                                    << u"at least one action"_qs;
        QTest::newRow("set csat") << rule(
            ok + R"(, "actions": [{"type": "set_field", "field": "csat_rating", "value": 5}])")
                                  << u"actions[0].field"_qs << u"cannot be set by a rule"_qs;
        QTest::newRow("set bad value")
            << rule(ok + R"(, "actions": [{"type": "set_field", "field": "status", "value": "done"}])")
            << u"actions[0].value"_qs << u"done"_qs;
        QTest::newRow("set twice") << rule(ok
            + R"(, "actions": [{"type": "set_field", "field": "status", "value": "waiting"}, {"type": "set_field", "field": "status", "value": "new"}])")
                                   << u"actions"_qs << u"set twice"_qs;
        QTest::newRow("notify whom") << rule(
            ok + R"(, "actions": [{"type": "notify", "who": "everyone", "template": "t"}])")
                                     << u"actions[0].who"_qs << u"unknown value 'everyone'"_qs;
        QTest::newRow("colour name") << rule(ok + R"(, "actions": [{"type": "highlight", "colour": "red"}])")
                                     << u"actions[0].colour"_qs << u"#rrggbb"_qs;
        QTest::newRow("webhook ftp") << rule(
            ok + R"(, "actions": [{"type": "webhook", "url": "ftp:\/\/x.example", "secret": "s"}])")
                                     << u"actions[0].url"_qs << u"http(s)"_qs;
        QTest::newRow("webhook secret inline") << rule(ok
            + R"(, "actions": [{"type": "webhook", "url": "https:\/\/x.example", "secret": "Sup3r Secret!"}])")
                                               << u"actions[0].secret"_qs << u"name a stored secret"_qs;
        QTest::newRow("assign strategy")
            << rule(ok + R"(, "actions": [{"type": "assign", "strategy": "random"}])")
            << u"actions[0].strategy"_qs << u"unknown value 'random'"_qs;
        QTest::newRow("child group") << rule(
            ok + R"(, "actions": [{"type": "create_child", "group_id": "it", "title": "x"}])")
                                     << u"actions[0].group_id"_qs << u"UUID"_qs;
        QTest::newRow("time zero") << rule(
            R"("id": "r", "name": "R", "kind": "time", "time": {"field": "status", "in": ["new"], "after_minutes": 0}, )"
            + act) << u"time.after_minutes"_qs
                                   << u"must be a number"_qs;
        QTest::newRow("time on title") << rule(
            R"("id": "r", "name": "R", "kind": "time", "time": {"field": "title", "in": ["x"], "after_minutes": 5}, )"
            + act) << u"time.field"_qs << u"must be status"_qs;
        QTest::newRow("unknown key") << rule(ok + R"(, "colour": "red", )" + act) << u"colour"_qs
                                     << u"unknown"_qs;
    }

    void refusals()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const QJsonDocument doc = QJsonDocument::fromJson(json);
        QVERIFY2(doc.isObject(), json.constData());
        FieldErrors errors;
        QVERIFY(!Rule::fromJson(doc.object(), &errors));
        const bool found = std::any_of(errors.begin(), errors.end(),
            [&](const FieldError &e) { return e.field == field && e.message.contains(message); });
        QVERIFY2(found, qPrintable(u"expected %1: …%2…; got %3"_qs.arg(field, message, describe(errors))));
    }

    void duplicateIds()
    {
        FieldErrors errors;
        const QByteArray one
            = R"({"id": "same", "name": "A", "kind": "event", "triggers": [{"on": "created"}], "actions": [{"type": "note", "text": "x"}]})";
        QVERIFY(!rulesFromJson(QJsonDocument::fromJson("[" + one + "," + one + "]").array(), &errors));
        QCOMPARE(errors.value(0).field, u"rules[1].id"_qs);
    }

    void criticalGoesToOnDutyAndVipNearMissIsExplained()
    {
        const auto rules = seedRules();
        const qint64 t0 = at("2026-03-02T10:00:00+03:00");
        RuleSubject s;
        s.ticket = ticketAt(t0);
        const Ticket before = s.ticket;
        s.ticket.priority = Priority::Critical;
        const RuleOutcome o = RuleEngine::onEvent(rules, s, updated(before, t0 + kMin), contextAt(t0 + kMin));
        QCOMPARE(o.firedRuleIds, QStringList {u"critical-on-duty"_qs});
        QCOMPARE(o.decisions.size(), size_t(2));
        QCOMPARE(o.decisions[0].action.kind, RuleActionKind::Assign);
        QCOMPARE(o.decisions[0].action.strategy, u"on_duty"_qs);
        QCOMPARE(o.decisions[1].action.channel, u"telegram"_qs);
        QVERIFY(o.changedFields.isEmpty()); // the assignee is the server's to resolve
        const RuleTraceEntry *vip = traceOf(o, u"vip"_qs);
        QVERIFY(vip);
        QCOMPARE(vip->kind, RuleTraceKind::ConditionFailed);
        QCOMPARE(vip->field, u"requester.tags"_qs);
        QCOMPARE(vip->expected, u"vip"_qs);
        QCOMPARE(vip->english(),
            u"rule 'VIP' skipped: requester.tags contains 'vip' does not hold (it is none)"_qs);
        QVERIFY(vip->isNearMiss());
        const RuleTraceEntry *waiting = traceOf(o, u"waiting-tell-requester"_qs);
        QCOMPARE(waiting->kind, RuleTraceKind::TriggerNotMatched);
        QVERIFY(!traceOf(o, u"registered"_qs)); // disabled: no trace
    }

    void vipFiresWithWordFormsAndAppliesChanges()
    {
        const auto rules = seedRules();
        const BusinessCalendar cal = calendarFrom(kMoscow);
        const qint64 t0 = at("2026-03-02T10:00:00+03:00"); // Monday
        RuleSubject s;
        s.ticket = ticketAt(t0);
        s.ticket.title = u"Не печатает"_qs;
        s.ticket.assigneeId = uuid(5);
        s.ticket.tags = {u"later"_qs};
        s.requester.tags = {u"vip"_qs};
        s.custom = QJsonObject {{u"cost_centre"_qs, u"CC-2"_qs}};
        RuleEvent comment;
        comment.kind = RuleEvent::Kind::Comment;
        comment.by = CommentAuthor::Requester;
        comment.commentText = u"Опять проблема с драйвером принтера на третьем этаже"_qs;
        const RuleOutcome o = RuleEngine::onEvent(rules, s, comment, contextAt(t0 + 10 * kMin, &cal));
        QVERIFY2(o.firedRuleIds.contains(u"vip"_qs), qPrintable(traceOf(o, u"vip"_qs)->english()));
        QCOMPARE(o.ticket.priority, Priority::High);
        QCOMPARE(o.ticket.tags, QStringList {u"vip"_qs});
        QCOMPARE(o.ticket.groupId, uuid(78));
        QCOMPARE(o.custom.value(u"escalated"_qs), QJsonValue(true));
        QCOMPARE(o.changedFields,
            (QStringList {u"priority"_qs, u"custom.escalated"_qs, u"tags"_qs, u"group_id"_qs}));
        QCOMPARE(o.decisions.size(), size_t(8));

        // The same with another word: not a printer; the any-list is tried and fails, worded.
        comment.commentText = u"Сканер не работает"_qs;
        s.ticket.title = u"Сканер"_qs;
        const RuleOutcome miss = RuleEngine::onEvent(rules, s, comment, contextAt(t0 + 10 * kMin, &cal));
        QVERIFY(!miss.firedRuleIds.contains(u"vip"_qs));
        QCOMPARE(traceOf(miss, u"vip"_qs)->kind, RuleTraceKind::NoAnyConditionHeld);
    }

    void keyPhraseWordForms_data()
    {
        QTest::addColumn<QString>("phrase");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");
        QTest::newRow("принтера ~ принтер") << u"принтер"_qs << u"Замятие бумаги в лотке принтера"_qs << true;
        QTest::newRow("принтеры ~ принтер") << u"принтер"_qs << u"Все принтеры офлайн"_qs << true;
        QTest::newRow("принтером ~ принтер") << u"принтер"_qs << u"Что-то с ПРИНТЕРОМ"_qs << true;
        QTest::newRow("заблокировал работу всей команды")
            << u"блокирует работу команды"_qs << u"VPN заблокировал работу всей команды"_qs << true;
        QTest::newRow("printers ~ printer") << u"printer"_qs << u"All printers are down"_qs << true;
        QTest::newRow("сканер is not принтер") << u"принтер"_qs << u"Сканер не сканирует"_qs << false;
        QTest::newRow("negated") << u"блокирует работу"_qs << u"это не блокирует работу"_qs << false;
    }

    void keyPhraseWordForms()
    {
        QFETCH(QString, phrase);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        const QByteArray json = QJsonDocument(
            QJsonObject {{u"id"_qs, u"k"_qs}, {u"name"_qs, u"K"_qs}, {u"kind"_qs, u"event"_qs},
                {u"triggers"_qs, QJsonArray {QJsonObject {{u"on"_qs, u"created"_qs}}}},
                {u"conditions"_qs,
                    QJsonObject {{u"all"_qs,
                        QJsonArray {QJsonObject {{u"field"_qs, u"text"_qs}, {u"op"_qs, u"key_phrase"_qs},
                            {u"value"_qs, phrase}}}}}},
                {u"actions"_qs,
                    QJsonArray {QJsonObject {{u"type"_qs, u"note"_qs}, {u"text"_qs, u"hit"_qs}}}}})
                                    .toJson();
        const std::vector<Rule> rules {ruleFrom(json.constData())};
        RuleSubject s;
        s.ticket = ticketAt(1000);
        s.ticket.title = text;
        RuleEvent created;
        created.kind = RuleEvent::Kind::Created;
        const RuleOutcome o = RuleEngine::onEvent(rules, s, created, contextAt(1000));
        QCOMPARE(!o.firedRuleIds.isEmpty(), matches);
    }

    void foldEqualsTheGeneralCaseMapping()
    {
        // The key-phrase prefilter's fast fold must equal toLower + ё→е + no apostrophes.
        auto slow = [](const QString &t) {
            QString f = t.toLower();
            f.replace(u'ё', u'е');
            f.remove(u'\'');
            f.remove(u'’');
            return f;
        };
        for (const QString &t : {u"ПРИНТЕР Ёлка ЁЖ Ѐ Џ Ї team's DON’T 0x80 @#!"_qs, u"Ünïcødé Ω Σ ß İ 😀"_qs,
                 u""_qs, u"Все ПРИНТЕРЫ офлайн"_qs}) {
            QCOMPARE(KeyPhraseRules::fold(t), slow(t));
        }
    }

    void chainStopsAtTheDepthLimit()
    {
        // Rule i fires when custom.step becomes i and sets it to i + 1: a chain of 8 links.
        std::vector<Rule> rules;
        for (int i = 0; i < 8; ++i) {
            const QByteArray json
                = u"{\"id\": \"step%1\", \"name\": \"Step %1\", \"order\": %1, \"kind\": \"event\","
                  "\"triggers\": [{\"on\": \"%2\"%3}],"
                  "\"actions\": [{\"type\": \"set_field\", \"field\": \"custom.step\", \"value\": \"s%4\"}]}"_qs
                      .arg(i)
                      .arg(i == 0 ? u"created"_qs : u"field_changed"_qs)
                      .arg(i == 0 ? QString() : u", \"field\": \"custom.step\", \"to\": \"s%1\""_qs.arg(i))
                      .arg(i + 1)
                      .toUtf8();
            rules.push_back(ruleFrom(json.constData()));
        }
        sortRules(rules);
        RuleSubject s;
        s.ticket = ticketAt(1000);
        RuleEvent created;
        created.kind = RuleEvent::Kind::Created;
        for (int limit : {0, 3, 5, 7, 20}) {
            RuleContext ctx = contextAt(1000);
            ctx.maxDepth = limit;
            const RuleOutcome o = RuleEngine::onEvent(rules, s, created, ctx);
            const int expected = std::min(limit + 1, 8);
            QCOMPARE(o.firedRuleIds.size(), expected);
            QCOMPARE(o.depthLimitReached, limit + 1 < 8);
            QCOMPARE(o.custom.value(u"step"_qs).toString(), u"s%1"_qs.arg(expected));
            if (o.depthLimitReached) {
                const RuleTraceEntry &last = o.trace.back();
                QCOMPARE(last.kind, RuleTraceKind::ChainDepthLimit);
                QCOMPARE(last.expected, QString::number(limit));
                QCOMPARE(last.actual, u"step%1"_qs.arg(limit + 1));
                QCOMPARE(last.depth, limit + 1);
            }
        }
    }

    void aRuleThatUndoesItselfFiresOncePerEvent()
    {
        // A ping-pong pair: each would re-trigger the other forever without "once per event".
        const auto rules = rulesFrom({
            R"({"id": "a", "name": "A", "order": 1, "kind": "event", "triggers": [{"on": "updated"}],
                "actions": [{"type": "add_tags", "tags": ["x"]}]})",
            R"({"id": "b", "name": "B", "order": 2, "kind": "event", "triggers": [{"on": "field_changed", "field": "tags"}],
                "actions": [{"type": "remove_tags", "tags": ["x"]}]})",
        });
        RuleSubject s;
        s.ticket = ticketAt(1000);
        const Ticket before = s.ticket;
        s.ticket.title = u"changed"_qs;
        const RuleOutcome o = RuleEngine::onEvent(rules, s, updated(before, 2000), contextAt(2000));
        QCOMPARE(o.firedRuleIds, (QStringList {u"a"_qs, u"b"_qs}));
        QVERIFY(!o.depthLimitReached);
        QVERIFY(o.ticket.tags.isEmpty());
    }

    void refusedActionIsTracedNotDecided()
    {
        const auto rules = rulesFrom(
            {R"({"id": "r", "name": "Auto-resolve", "kind": "event", "triggers": [{"on": "created"}],
            "actions": [{"type": "set_field", "field": "status", "value": "resolved"}, {"type": "note", "text": "tried"}]})"});
        RuleSubject s;
        s.ticket = ticketAt(1000);
        s.ticket.status = TicketStatus::InProgress; // unassigned: resolving needs an assignee
        RuleEvent created;
        created.kind = RuleEvent::Kind::Created;
        const RuleOutcome o = RuleEngine::onEvent(rules, s, created, contextAt(1000));
        QCOMPARE(o.decisions.size(), size_t(1));
        QCOMPARE(o.decisions[0].action.kind, RuleActionKind::Note);
        QCOMPARE(o.ticket.status, TicketStatus::InProgress);
        QCOMPARE(o.trace.size(), size_t(2));
        QCOMPARE(o.trace[1].kind, RuleTraceKind::ActionRefused);
        QCOMPARE(o.trace[1].expected, u"assign-before-resolving"_qs);
    }

    void timeRuleFiresOncePerStateEntry()
    {
        const auto rules = seedRules();
        const qint64 t0 = at("2026-03-02T10:00:00+03:00");
        RuleSubject s;
        s.ticket = ticketAt(t0);
        QSet<QString> stored;
        const TimeFiredLookup fired = [&](const TimeFiringKey &k) { return stored.contains(k.toString()); };

        TimeSweep sweep = RuleEngine::sweep(rules, s, nullptr, t0, fired);
        QCOMPARE(sweep.nextDue, std::optional<qint64>(t0 + 15 * kMin));
        QVERIFY(!sweep.dueNow);
        RuleOutcome early = RuleEngine::onTime(rules, s, contextAt(t0 + 14 * kMin), fired);
        QVERIFY(early.firedRuleIds.isEmpty());
        QCOMPARE(traceOf(early, u"new-15-red"_qs)->kind, RuleTraceKind::NotDueYet);
        QCOMPARE(RuleEngine::highlight(rules, s, contextAt(t0 + 14 * kMin)), QString());

        RuleOutcome due = RuleEngine::onTime(rules, s, contextAt(t0 + 15 * kMin), fired);
        QCOMPARE(due.firedRuleIds, QStringList {u"new-15-red"_qs});
        QCOMPARE(due.timeKeys.size(), size_t(1));
        QCOMPARE(due.timeKeys[0], (TimeFiringKey {u"new-15-red"_qs, s.ticket.id, t0}));
        QCOMPARE(due.decisions.size(), size_t(1)); // notify; the highlight is drawn, not decided
        QCOMPARE(RuleEngine::highlight(rules, s, contextAt(t0 + 15 * kMin)), u"#d32f2f"_qs);
        stored.insert(due.timeKeys[0].toString());

        QVERIFY(!RuleEngine::sweep(rules, s, nullptr, t0 + 60 * kMin, fired).dueNow);
        RuleOutcome again = RuleEngine::onTime(rules, s, contextAt(t0 + 60 * kMin), fired);
        QVERIFY(again.firedRuleIds.isEmpty());
        QCOMPARE(traceOf(again, u"new-15-red"_qs)->kind, RuleTraceKind::AlreadyFiredForEntry);

        // Out of New and back: a new entry, a new firing.
        s.changes.push_back({t0 + 70 * kMin, RuleFieldId::Status, u"new"_qs, u"in_progress"_qs});
        s.changes.push_back({t0 + 80 * kMin, RuleFieldId::Status, u"in_progress"_qs, u"new"_qs});
        QCOMPARE(RuleEngine::highlight(rules, s, contextAt(t0 + 90 * kMin)), QString());
        QCOMPARE(RuleEngine::sweep(rules, s, nullptr, t0 + 90 * kMin, fired).nextDue,
            std::optional<qint64>(t0 + 95 * kMin));
        RuleOutcome second = RuleEngine::onTime(rules, s, contextAt(t0 + 95 * kMin), fired);
        QCOMPARE(second.timeKeys.size(), size_t(1));
        QCOMPARE(second.timeKeys[0].enteredAt, t0 + 80 * kMin);
    }

    void businessClockSkipsTheWeekend()
    {
        const BusinessCalendar cal = calendarFrom(kMoscow);
        const auto rules = rulesFrom({R"({"id": "t", "name": "T", "kind": "time",
            "time": {"field": "status", "in": ["new"], "after_minutes": 15, "clock": "business"},
            "actions": [{"type": "highlight", "colour": "\u0023ff0000"}]})"});
        RuleSubject s;
        s.ticket = ticketAt(at("2026-03-06T17:55:00+03:00")); // Friday
        QCOMPARE(
            RuleEngine::dueAt(rules[0], s, &cal), std::optional<qint64>(at("2026-03-09T09:10:00+03:00")));
        QCOMPARE(
            RuleEngine::dueAt(rules[0], s, nullptr), std::optional<qint64>(at("2026-03-06T18:10:00+03:00")));
        s.ticket.status = TicketStatus::InProgress;
        QCOMPARE(RuleEngine::dueAt(rules[0], s, &cal), std::nullopt);
    }

    void slaConditions()
    {
        const auto rules
            = rulesFrom({R"({"id": "s", "name": "SLA 80", "kind": "event", "triggers": [{"on": "updated"}],
            "conditions": {"all": [{"field": "sla.elapsed_percent", "op": "gte", "value": 80},
                                   {"field": "sla.breached", "op": "equals", "value": false}]},
            "actions": [{"type": "notify", "who": "lead", "template": "sla_80"}]})"});
        RuleSubject s;
        s.ticket = ticketAt(1000);
        const Ticket before = s.ticket;
        s.ticket.title = u"x"_qs;
        double percent = 85;
        int calls = 0;
        RuleContext ctx = contextAt(5000);
        ctx.slaTimers = [&](const Ticket &) {
            ++calls;
            SlaTimer t;
            t.elapsedPercent = percent;
            return std::vector<SlaTimer> {t};
        };
        QCOMPARE(RuleEngine::onEvent(rules, s, updated(before, 5000), ctx).firedRuleIds.size(), 1);
        QCOMPARE(calls, 1); // once per evaluation, however many conditions read it
        percent = 70;
        const RuleOutcome o = RuleEngine::onEvent(rules, s, updated(before, 5000), ctx);
        QVERIFY(o.firedRuleIds.isEmpty());
        QCOMPARE(o.trace[0].actual, u"70"_qs);
    }

    void dryRunOneTicketSaysWhy()
    {
        const auto rules = seedRules();
        const qint64 t0 = at("2026-03-02T10:00:00+03:00");
        RuleHistoryTicket h;
        h.subject.ticket = ticketAt(t0);
        h.subject.ticket.status = TicketStatus::Waiting;
        h.subject.ticket.assigneeId = uuid(5);
        h.history = {TicketEvent {t0 + 5 * kMin, uuid(5), u"assignee_id"_qs, {}, uuid(5)},
            TicketEvent {t0 + 6 * kMin, uuid(5), u"status"_qs, u"new"_qs, u"in_progress"_qs},
            TicketEvent {t0 + 30 * kMin, uuid(5), u"status"_qs, u"in_progress"_qs, u"waiting"_qs}};
        RuleDryRunOptions opt;
        opt.from = t0;
        opt.to = t0 + 60 * kMin;
        opt.traceAll = true;
        const RuleDryRunTicket r = RuleDryRun::ticket(rules, h, opt);
        QCOMPARE(r.events, 3);
        QStringList fired;
        for (const RuleTraceEntry &e : r.trace) {
            if (e.fired)
                fired << e.ruleId;
        }
        // In New for 6 minutes only: the red rule never fired; Waiting told the requester.
        QCOMPARE(fired, QStringList {u"waiting-tell-requester"_qs});
        QVERIFY(std::any_of(r.trace.begin(), r.trace.end(), [](const RuleTraceEntry &e) {
            return e.ruleId == u"new-15-red"_qs && e.kind == RuleTraceKind::NotDueYet;
        }));
        QCOMPARE(r.toJson().value(u"decisions"_qs).toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
