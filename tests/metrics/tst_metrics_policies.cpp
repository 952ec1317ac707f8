// Per-ticket SLA policies in the metrics, hand-computed: two stored policies (IT by group, critical
// by priority) and the built-in default, selected per ticket by SlaPolicySet exactly as the
// ticket's own `sla` object selects them — including a priority change and a group move.
// 24×7 UTC, Monday 2026-03-02; every outcome below is worked out in comments.
#include "MetricsTestSupport.h"
#include "metrics/TicketFacts.h"

using namespace triage;
using triage::test::at;

namespace {

// p-it: group IT (by id g-it): first response 60, resolution 240 minutes.
// p-crit: priority critical: first response 15, resolution 60 minutes.
// IT + critical: both match; the group is the more specific dimension, so p-it.
// Anything else: SlaPolicySet::builtInDefault() (normal 8 h / 24 h, critical 1 h / 4 h, low 24 h / 72 h).
const char *kHistory = R"({
 "policies": [
  {"id": "p-crit", "name": "Critical", "applies_to": {"priorities": ["critical"]},
   "policy": {"targets": {"first_response": 15, "resolution": 60}}},
  {"id": "p-it", "name": "IT", "applies_to": {"groups": ["g-it"]},
   "policy": {"targets": {"first_response": 60, "resolution": 240}}}],
 "group_ids": {"IT": "g-it", "HR": "g-hr"},
 "tickets": [
  {"id": "A", "events": [
    {"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "normal", "group": "IT"},
    {"at": "2026-03-02T11:30:00Z", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T13:00:00Z", "type": "status", "to": "resolved"}]},
  {"id": "B", "events": [
    {"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "critical", "group": "HR"},
    {"at": "2026-03-02T10:10:00Z", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T11:30:00Z", "type": "status", "to": "resolved"}]},
  {"id": "C", "events": [
    {"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "normal", "group": "HR"},
    {"at": "2026-03-02T12:00:00Z", "type": "reply", "from": "agent"},
    {"at": "2026-03-03T12:00:00Z", "type": "status", "to": "resolved"}]},
  {"id": "D", "events": [
    {"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "normal", "group": "HR"},
    {"at": "2026-03-02T10:30:00Z", "type": "priority", "to": "critical"},
    {"at": "2026-03-02T10:40:00Z", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T12:00:00Z", "type": "status", "to": "resolved"}]},
  {"id": "E", "events": [
    {"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "normal", "group": "HR"},
    {"at": "2026-03-02T10:20:00Z", "type": "group", "to": "IT"},
    {"at": "2026-03-02T11:30:00Z", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T12:00:00Z", "type": "status", "to": "resolved"}]},
  {"id": "F", "events": [
    {"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "critical", "group": "HR"},
    {"at": "2026-03-02T10:05:00Z", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T10:10:00Z", "type": "priority", "to": "low"},
    {"at": "2026-03-02T11:30:00Z", "type": "status", "to": "resolved"}]},
  {"id": "G", "events": [
    {"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "critical", "group": "IT"},
    {"at": "2026-03-02T10:50:00Z", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T13:00:00Z", "type": "status", "to": "resolved"}]}
 ]})";

MetricsQuery week()
{
    MetricsQuery q;
    q.from = at("2026-03-02T00:00:00Z");
    q.to = at("2026-03-09T00:00:00Z");
    return q;
}

// The latest completed cycle of `metric`: "met" or "breached"; else "running" or "none".
QString outcome(const TicketFacts &f, SlaMetric metric)
{
    QString out = u"none"_qs;
    for (const TicketFacts::SlaCycle &c : f.cycles) {
        if (c.metric != metric)
            continue;
        if (!c.completed)
            out = u"running"_qs;
        else
            out = c.breachAt != TicketFacts::kNone && c.breachAt < c.stoppedAt ? u"breached"_qs : u"met"_qs;
    }
    return out;
}

} // namespace

class TestMetricsPolicies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachTicketGetsItsPolicy_data()
    {
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("firstResponse");
        QTest::addColumn<QString>("resolution");
        // A: IT → p-it. Reply after 90 > 60 min: breached; resolved after 180 ≤ 240: met.
        QTest::newRow("A IT") << u"A"_qs << u"p-it"_qs << u"breached"_qs << u"met"_qs;
        // B: HR critical → p-crit. Reply after 10 ≤ 15: met; resolved after 90 > 60: breached.
        QTest::newRow("B critical") << u"B"_qs << u"p-crit"_qs << u"met"_qs << u"breached"_qs;
        // C: HR normal → built-in default 8 h / 24 h. Reply after 2 h: met; resolved after 26 h: breached.
        QTest::newRow("C default") << u"C"_qs << QString() << u"met"_qs << u"breached"_qs;
        // D: raised to critical at 10:30 → p-crit for the whole log (the SLA engine's rule: the
        // priority at the evaluation instant picks the policy; keep_start). Reply at 40 > 15 min and
        // resolution at 120 > 60 min: both breached (the default would have met both: 1 h / 4 h).
        QTest::newRow("D raised") << u"D"_qs << u"p-crit"_qs << u"breached"_qs << u"breached"_qs;
        // E: moved HR → IT at 10:20 → p-it (the group as of the last event). Reply at 90 > 60:
        // breached; resolved at 120 ≤ 240: met.
        QTest::newRow("E moved") << u"E"_qs << u"p-it"_qs << u"breached"_qs << u"met"_qs;
        // F: created critical, lowered to low at 10:10 → default, low 24 h / 72 h: both met
        // (p-crit would have breached the resolution: 90 > 60).
        QTest::newRow("F lowered") << u"F"_qs << QString() << u"met"_qs << u"met"_qs;
        // G: IT and critical: the group is more specific than the priority → p-it. Reply at 50 ≤ 60:
        // met; resolved at 180 ≤ 240: met (p-crit would have breached both).
        QTest::newRow("G IT critical") << u"G"_qs << u"p-it"_qs << u"met"_qs << u"met"_qs;
    }

    void eachTicketGetsItsPolicy()
    {
        QFETCH(QString, ticket);
        QFETCH(QString, policy);
        QFETCH(QString, firstResponse);
        QFETCH(QString, resolution);
        const MetricsStore store = test::storeFrom(kHistory);
        const qsizetype i = store.find(ticket);
        QVERIFY(i >= 0);
        QCOMPARE(store.policyIdOf(i), policy);
        QCOMPARE(outcome(store.facts(i), SlaMetric::FirstResponse), firstResponse);
        QCOMPARE(outcome(store.facts(i), SlaMetric::Resolution), resolution);
        // No requester message after the description: no next-response cycle under any policy.
        QCOMPARE(outcome(store.facts(i), SlaMetric::NextResponse), u"none"_qs);
    }

    void complianceSumsTheTickets()
    {
        const MetricsStore store = test::storeFrom(kHistory);
        using F = MetricCounters;
        const MetricsReport r = MetricsReport::compute(store, week());
        // First response met: B, C, F, G; breached: A, D, E.
        QCOMPARE(r.totals[F::slaMet(SlaMetric::FirstResponse)], 4);
        QCOMPARE(r.totals[F::slaBreached(SlaMetric::FirstResponse)], 3);
        QCOMPARE(r.totals.compliance(SlaMetric::FirstResponse), 4 / 7.0);
        // Resolution met: A, E, F, G; breached: B, C, D.
        QCOMPARE(r.totals[F::slaMet(SlaMetric::Resolution)], 4);
        QCOMPARE(r.totals[F::slaBreached(SlaMetric::Resolution)], 3);
        // Breach instants: A 11:00, D 10:15 (due from creation), E 11:00; B 11:00, C Tue 10:00, D 11:00.
        QCOMPARE(r.totals[F::breaches(SlaMetric::FirstResponse)], 3);
        QCOMPARE(r.totals[F::breaches(SlaMetric::Resolution)], 3);

        // Filtered by group IT (as of the report instant): A, E, G — first response 1 met of 3.
        MetricsQuery it = week();
        it.filter.group = store.findGroup(u"IT"_qs);
        const MetricsReport itReport = MetricsReport::compute(store, it);
        QCOMPARE(itReport.totals[F::slaMet(SlaMetric::FirstResponse)], 1);
        QCOMPARE(itReport.totals[F::slaBreached(SlaMetric::FirstResponse)], 2);
        QCOMPARE(itReport.totals[F::slaMet(SlaMetric::Resolution)], 3);
        QCOMPARE(itReport.totals[F::slaBreached(SlaMetric::Resolution)], 0);
    }

    void selectionFollowsTheReportInstant()
    {
        const MetricsStore store = test::storeFrom(kHistory);
        // Before D's raise and E's move, both tickets were HR/normal: the built-in default.
        QCOMPARE(store.policyIdOf(store.find(u"D"_qs), at("2026-03-02T10:25:00Z")), QString());
        QCOMPARE(store.policyIdOf(store.find(u"E"_qs), at("2026-03-02T10:15:00Z")), QString());
        QCOMPARE(store.policyIdOf(store.find(u"D"_qs), at("2026-03-02T10:35:00Z")), u"p-crit"_qs);
        QCOMPARE(store.policyIdOf(store.find(u"F"_qs), at("2026-03-02T10:08:00Z")), u"p-crit"_qs);
        // As of 10:35, D's first-response timer runs under p-crit (due 10:15, from creation):
        // breached in the period though not completed; under the default it would be due at 11:00.
        using F = MetricCounters;
        MetricsQuery early = week();
        early.asOf = at("2026-03-02T10:35:00Z");
        const MetricsReport r = MetricsReport::compute(store, early);
        // Running first-response timers breached by 10:35: D only (A, E due 11:00; C 18:00).
        QCOMPARE(r.totals[F::breaches(SlaMetric::FirstResponse)], 1);
        QCOMPARE(r.totals[F::slaMet(SlaMetric::FirstResponse)], 2); // B 10:10, F 10:05
    }

    void singlePolicyAndNamesAsKeys()
    {
        // Without `group_ids` a policy names groups by their name; `policy` measures every ticket
        // against one policy, as before.
        QByteArray json = kHistory;
        json.replace(R"("group_ids": {"IT": "g-it", "HR": "g-hr"},)", "");
        json.replace(R"("groups": ["g-it"])", R"("groups": ["IT"])");
        const MetricsStore byName = test::storeFrom(json);
        QCOMPARE(byName.policyIdOf(byName.find(u"A"_qs)), u"p-it"_qs);
        QCOMPARE(outcome(byName.facts(byName.find(u"A"_qs)), SlaMetric::FirstResponse), u"breached"_qs);

        const MetricsStore single
            = test::storeFrom(R"({"policy": {"targets": {"resolution": 60}}, "tickets": [
          {"id": "X", "events": [{"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "critical"},
            {"at": "2026-03-02T10:30:00Z", "type": "status", "to": "resolved"}]}]})");
        QCOMPARE(single.policyIdOf(0), QString());
        QCOMPARE(outcome(single.facts(0), SlaMetric::Resolution), u"met"_qs);
        QCOMPARE(outcome(single.facts(0), SlaMetric::FirstResponse), u"none"_qs); // no such target

        // An empty list of stored policies: the built-in default, as for a ticket's `sla`.
        const MetricsStore none = test::storeFrom(R"({"policies": [], "tickets": [
          {"id": "X", "events": [{"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "critical"},
            {"at": "2026-03-02T11:30:00Z", "type": "reply", "from": "agent"}]}]})");
        QCOMPARE(outcome(none.facts(0), SlaMetric::FirstResponse), u"breached"_qs); // critical: 1 h
        QCOMPARE(outcome(none.facts(0), SlaMetric::Resolution), u"running"_qs);
    }

    void badPoliciesSayWhich()
    {
        const auto errorOf = [](const char *json) -> QString {
            QString error;
            return readHistoryJson(json, &error) ? QString() : error;
        };
        QCOMPARE(errorOf(R"({"policy": {}, "policies": [], "tickets": []})").left(9), u"policies:"_qs);
        QVERIFY(errorOf(R"({"policies": {}, "tickets": []})").startsWith(u"policies: expected a list"_qs));
        const QString bad = errorOf(
            R"({"policies": [{"id": "x", "policy": {}, "applies_to": {"priorities": ["urgent"]}}], "tickets": []})");
        QVERIFY2(bad.startsWith(u"policies[0].applies_to.priorities[0]:"_qs), qPrintable(bad));
        QVERIFY(errorOf(R"({"group_ids": {"IT": 3}, "tickets": []})").startsWith(u"group_ids.IT:"_qs));
    }
};

QTEST_GUILESS_MAIN(TestMetricsPolicies)
#include "tst_metrics_policies.moc"
