// SlaPolicySet: several stored policies with `applies_to`, the most specific match wins (docs/sla.md
// "Policy selection"), a catch-all and then the built-in default as fallbacks, invalid documents
// left out, and selection by the priority the event log gives at the evaluation instant.
#include "SlaTestSupport.h"
#include "sla/SlaEngine.h"
#include "sla/SlaPolicySet.h"

using namespace triage;
using namespace triage::test;

namespace {

const QString kIt = u"group-it"_qs;
const QString kHr = u"group-hr"_qs;

QJsonObject doc(const QString &id, double resolutionMinutes, const char *appliesTo = nullptr)
{
    QJsonObject d {{u"id"_qs, id}, {u"name"_qs, id},
        {u"policy"_qs, QJsonObject {{u"targets"_qs, QJsonObject {{u"resolution"_qs, resolutionMinutes}}}}}};
    if (appliesTo)
        d.insert(u"applies_to"_qs, QJsonDocument::fromJson(QByteArray(appliesTo)).object());
    return d;
}

double resolutionOf(const SlaPolicy &p, Priority priority)
{
    return p.targetMinutes(SlaMetric::Resolution, priority).value_or(-1);
}

} // namespace

class TestSlaPolicySet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptySetUsesBuiltInDefault()
    {
        const SlaPolicySet set;
        QVERIFY(set.isEmpty());
        QVERIFY(!set.match(Priority::Critical, TicketType::Incident, kIt));
        QCOMPARE(resolutionOf(set.select(Priority::Critical, TicketType::Incident, kIt), Priority::Critical),
            240.0);
        QCOMPARE(resolutionOf(set.select(Priority::Low, TicketType::Request, QString()), Priority::Low),
            72 * 60.0);
        QCOMPARE(set.selectId(Priority::Normal, TicketType::Incident, kIt), QString());
    }

    void mostSpecificWins_data()
    {
        QTest::addColumn<int>("priority");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, Priority p, TicketType t, const QString &g, const char *id) {
            QTest::newRow(name) << int(p) << int(t) << g << QString::fromUtf8(id);
        };
        row("all three", Priority::Critical, TicketType::Incident, kIt, "p-all3");
        row("group+type beats group+priority", Priority::Critical, TicketType::Problem, kIt, "p-group-type");
        row("group+priority beats type+priority", Priority::High, TicketType::Request, kIt, "p-group-prio");
        row("type+priority beats group alone", Priority::High, TicketType::Request, kHr, "p-type-prio");
        row("group beats type", Priority::Low, TicketType::Request, kIt, "p-group");
        row("type beats priority", Priority::Critical, TicketType::Question, kHr, "p-type");
        row("priority beats catch-all", Priority::Critical, TicketType::Incident, kHr, "p-prio");
        row("catch-all", Priority::Low, TicketType::Incident, kHr, "a-catch-all");
        row("no group only matches catch-all", Priority::Normal, TicketType::Problem, QString(),
            "a-catch-all");
    }

    void mostSpecificWins()
    {
        QFETCH(int, priority);
        QFETCH(int, type);
        QFETCH(QString, group);
        QFETCH(QString, expected);
        QStringList skipped;
        const SlaPolicySet set = SlaPolicySet::fromDocs(
            {
                doc(u"z-catch-all"_qs, 9), // same specificity as a-catch-all: the smaller id wins
                doc(u"a-catch-all"_qs, 1),
                doc(u"p-prio"_qs, 2, R"({"priorities": ["critical"]})"),
                doc(u"p-type"_qs, 3, R"({"types": ["question", "request"]})"),
                doc(u"p-group"_qs, 4, R"({"groups": ["group-it"]})"),
                doc(u"p-type-prio"_qs, 5, R"({"types": ["request"], "priorities": ["high"]})"),
                doc(u"p-group-prio"_qs, 6, R"({"groups": ["group-it"], "priorities": ["high", "critical"]})"),
                doc(u"p-group-type"_qs, 7, R"({"groups": ["group-it"], "types": ["problem", "incident"]})"),
                doc(u"p-all3"_qs, 8,
                    R"({"groups": ["group-it"], "types": ["incident"], "priorities": ["critical"]})"),
            },
            &skipped);
        QVERIFY2(skipped.isEmpty(), qPrintable(skipped.join(u"; "_qs)));
        QCOMPARE(set.entries().size(), size_t(9));
        const auto p = Priority(priority);
        const auto t = TicketType(type);
        QCOMPARE(set.selectId(p, t, group), expected);
        const SlaPolicyEntry *e = set.match(p, t, group);
        QVERIFY(e);
        QCOMPARE(&set.select(p, t, group), &e->policy);
        // The document order does not matter: reversed input, same answer.
        QList<QJsonObject> docs;
        for (const SlaPolicyEntry &entry : set.entries())
            docs.prepend(QJsonObject {{u"id"_qs, entry.id}, {u"policy"_qs, QJsonObject {}},
                {u"applies_to"_qs, entry.match.toJson()}});
        QCOMPARE(SlaPolicySet::fromDocs(docs).selectId(p, t, group), expected);
    }

    void noCatchAllFallsBackToBuiltIn()
    {
        const SlaPolicySet set
            = SlaPolicySet::fromDocs({doc(u"crit"_qs, 5, R"({"priorities": ["critical"]})")});
        QCOMPARE(set.selectId(Priority::Critical, TicketType::Incident, kIt), u"crit"_qs);
        QCOMPARE(
            resolutionOf(set.select(Priority::Critical, TicketType::Incident, kIt), Priority::Critical), 5.0);
        QCOMPARE(set.selectId(Priority::High, TicketType::Incident, kIt), QString());
        QCOMPARE(resolutionOf(set.select(Priority::High, TicketType::Incident, kIt), Priority::High), 480.0);
    }

    void invalidDocumentsAreLeftOut_data()
    {
        QTest::addColumn<QString>("appliesTo");
        QTest::addColumn<QString>("message");
        QTest::newRow("not an object") << u"[]"_qs << u"applies_to: expected an object"_qs;
        QTest::newRow("unknown key") << u"{\"group\": [\"x\"]}"_qs << u"applies_to: unknown key"_qs;
        QTest::newRow("bad priority")
            << u"{\"priorities\": [\"urgent\"]}"_qs << u"applies_to.priorities[0]: expected a priority"_qs;
        QTest::newRow("bad type") << u"{\"types\": [\"incident\", 3]}"_qs
                                  << u"applies_to.types[1]: expected a ticket type"_qs;
        QTest::newRow("not a list") << u"{\"groups\": \"group-it\"}"_qs
                                    << u"applies_to.groups: expected a list"_qs;
        QTest::newRow("empty group id")
            << u"{\"groups\": [\"\"]}"_qs << u"applies_to.groups[0]: expected a group id"_qs;
    }

    void invalidDocumentsAreLeftOut()
    {
        QFETCH(QString, appliesTo);
        QFETCH(QString, message);
        QJsonObject bad = doc(u"bad"_qs, 1);
        bad.insert(u"applies_to"_qs,
            QJsonDocument::fromJson(appliesTo.toUtf8()).isArray()
                ? QJsonValue(QJsonArray())
                : QJsonValue(QJsonDocument::fromJson(appliesTo.toUtf8()).object()));
        QString why;
        QVERIFY(!SlaPolicyEntry::fromDoc(bad, &why));
        QVERIFY2(why.startsWith(message), qPrintable(why));
        QStringList skipped;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"stored SLA policy bad does not parse"_qs));
        const SlaPolicySet set = SlaPolicySet::fromDocs({bad, doc(u"good"_qs, 7)}, &skipped);
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped.first().startsWith(u"bad: "_qs));
        QCOMPARE(set.selectId(Priority::Normal, TicketType::Incident, kIt), u"good"_qs);
    }

    void badPolicyIsLeftOut()
    {
        QJsonObject bad = doc(u"bad"_qs, 1);
        bad.insert(u"policy"_qs, QJsonObject {{u"targetz"_qs, 1}});
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"policy: unknown key"_qs));
        QVERIFY(SlaPolicySet::fromDocs({bad}).isEmpty());
    }

    void matchRoundTrips()
    {
        QString why;
        const auto m = SlaPolicyMatch::fromJson(
            QJsonDocument::fromJson(R"({"priorities": ["low", "low", "high"], "groups": ["g"]})").object(),
            &why);
        QVERIFY2(m, qPrintable(why));
        QCOMPARE(m->priorities, (QList<Priority> {Priority::Low, Priority::High})); // duplicates dropped
        QVERIFY(m->types.isEmpty());
        QVERIFY(!m->isCatchAll());
        const auto back = SlaPolicyMatch::fromJson(m->toJson(), &why);
        QVERIFY(back);
        QCOMPARE(back->priorities, m->priorities);
        QCOMPARE(back->groups, m->groups);
        QVERIFY(SlaPolicyMatch::fromJson(QJsonObject {}, &why)->isCatchAll());
    }

    // The priority at the evaluation instant picks the policy; the whole log is evaluated with it.
    void priorityAtNowSelects()
    {
        const SlaPolicySet set = SlaPolicySet::fromDocs(
            {doc(u"normal"_qs, 600), doc(u"critical"_qs, 60, R"({"priorities": ["critical"]})")});
        const qint64 t0 = at("2026-03-02T10:00:00Z");
        const std::vector<SlaEvent> events {SlaEvent::created(t0, Priority::Normal, u"new"_qs),
            SlaEvent::priorityChange(t0 + 90 * 60'000, Priority::Critical)};
        QCOMPARE(slaPriorityAt(events, t0), Priority::Normal);
        QCOMPARE(slaPriorityAt(events, t0 + 89 * 60'000), Priority::Normal);
        QCOMPARE(slaPriorityAt(events, t0 + 90 * 60'000), Priority::Critical);
        QCOMPARE(slaPriorityAt({}, t0), Priority::Normal);

        QString id;
        const SlaPolicy &before = set.selectFor(events, TicketType::Incident, kIt, t0 + 60 * 60'000, &id);
        QCOMPARE(id, u"normal"_qs);
        const BusinessCalendar allDay;
        auto timers = SlaEngine::evaluate(allDay, before, events, t0 + 60 * 60'000);
        QCOMPARE(timers.size(), size_t(1));
        QVERIFY(!timers[0].breached);

        // Raised to critical at 90 min: the critical policy (60 min) applies, keep_start breaches at once.
        const SlaPolicy &after = set.selectFor(events, TicketType::Incident, kIt, t0 + 91 * 60'000, &id);
        QCOMPARE(id, u"critical"_qs);
        timers = SlaEngine::evaluate(allDay, after, events, t0 + 91 * 60'000);
        QCOMPARE(timers.size(), size_t(1));
        QVERIFY(timers[0].breached);
        QCOMPARE(*timers[0].breachedAt, t0 + 60 * 60'000);
    }
};

QTEST_GUILESS_MAIN(TestSlaPolicySet)
#include "tst_slapolicyset.moc"
