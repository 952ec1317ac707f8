// Runs the real triagectl binary: `report` on a history file and on demo history (table and JSON),
// and one stderr line with exit 2 for each kind of bad input.
#include "MetricsTestSupport.h"
#include "metrics/HistoryGenerator.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Result triagectl(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("TRIAGE_BIN_DIR") + u"/triagectl"_qs, args);
    if (!p.waitForStarted(10'000))
        qFatal("triagectl did not start (TRIAGE_BIN_DIR=%s)",
            qPrintable(qEnvironmentVariable("TRIAGE_BIN_DIR")));
    p.closeWriteChannel();
    p.waitForFinished(60'000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError()};
}

const char *kHistory = R"({"calendar": {"timezone": "Europe/Moscow"},
 "policy": {"targets": {"first_response": 60}},
 "tickets": [
  {"id": "T1", "title": "VPN down", "category": "vpn", "events": [
    {"at": "2026-03-02T10:00:00+03:00", "type": "created", "priority": "high", "group": "IT", "assignee": "agent1"},
    {"at": "2026-03-02T10:20:00+03:00", "type": "reply", "from": "agent"},
    {"at": "2026-03-02T11:00:00+03:00", "type": "status", "to": "resolved"},
    {"at": "2026-03-02T12:00:00+03:00", "type": "rating", "value": 5}]},
  {"id": "T2", "title": "Payroll export", "category": "bank", "events": [
    {"at": "2026-03-03T10:00:00+03:00", "type": "created", "priority": "normal", "group": "Accounting"},
    {"at": "2026-03-03T12:00:00+03:00", "type": "reply", "from": "agent"}]}]})";

} // namespace

class TestTriagectlReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(f.fileName()));
        f.write(content);
        return f.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("TRIAGE_BIN_DIR"))
            QSKIP("TRIAGE_BIN_DIR not set (run through ctest)");
    }

    void jsonFromHistoryFile()
    {
        const QString file = write(u"h.json"_qs, kHistory);
        const Result r = triagectl({u"report"_qs, u"--from"_qs, u"2026-03-02"_qs, u"--to"_qs,
            u"2026-03-03"_qs, u"--json"_qs, u"--input"_qs, file});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o[u"period"_qs][u"from"_qs].toString(), u"2026-03-02T00:00:00+03:00"_qs);
        QCOMPARE(o[u"period"_qs][u"to"_qs].toString(), u"2026-03-04T00:00:00+03:00"_qs); // --to is inclusive
        QCOMPARE(o[u"volume"_qs][u"created"_qs].toInt(), 2);
        QCOMPARE(o[u"volume"_qs][u"resolved"_qs].toInt(), 1);
        QCOMPARE(o[u"first_response"_qs][u"calendar"_qs][u"median_minutes"_qs].toDouble(), 70.0);
        QCOMPARE(o[u"sla"_qs][u"first_response"_qs][u"met"_qs].toInt(), 1);
        QCOMPARE(o[u"sla"_qs][u"first_response"_qs][u"breached"_qs].toInt(), 1);
        QCOMPARE(o[u"csat"_qs][u"share_positive"_qs].toDouble(), 1.0);
        QCOMPARE(o[u"backlog"_qs][u"at_end"_qs].toInt(), 1);

        const Result it = triagectl({u"--json"_qs, u"report"_qs, u"--from"_qs, u"2026-03-02"_qs, u"--to"_qs,
            u"2026-03-03"_qs, u"--group"_qs, u"IT"_qs, u"--input"_qs, file});
        QCOMPARE(it.exitCode, 0);
        const QJsonObject g = QJsonDocument::fromJson(it.out).object();
        QCOMPARE(g[u"filter"_qs][u"group"_qs].toString(), u"IT"_qs);
        QCOMPARE(g[u"volume"_qs][u"created"_qs].toInt(), 1);
    }

    void tableAndDemo()
    {
        const Result r = triagectl({u"report"_qs, u"--from"_qs, u"2026-03-01"_qs, u"--to"_qs,
            u"2026-03-07"_qs, u"--demo"_qs, u"3000"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Volume"));
        QVERIFY(r.out.contains("SLA first_response"));
        QVERIFY(r.out.contains("2026-03-07"));
        // Deterministic: the same demo gives the same numbers.
        const QStringList args {u"report"_qs, u"--json"_qs, u"--from"_qs, u"2026-03-01"_qs, u"--to"_qs,
            u"2026-03-07"_qs, u"--demo"_qs, u"3000"_qs, u"--group"_qs, u"IT"_qs};
        const Result a = triagectl(args);
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(triagectl(args).out, a.out);
        QVERIFY(QJsonDocument::fromJson(a.out).object()[u"volume"_qs][u"created"_qs].toInt() > 0);
    }

    // --demo measures the generated history against the demo's policy set (standard, a faster IT
    // policy, critical incidents), the same set the benches and the demo server use: the report
    // equals one computed here in-process, and differs from what the single standard policy gives.
    void demoUsesThePolicySet()
    {
        const QString from = u"2026-03-01T00:00:00+03:00"_qs;
        const QString to = u"2026-03-08T00:00:00+03:00"_qs;
        const Result r = triagectl({u"report"_qs, u"--json"_qs, u"--from"_qs, from, u"--to"_qs, to,
            u"--demo"_qs, u"3000"_qs, u"--group"_qs, u"IT"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject got = QJsonDocument::fromJson(r.out).object();
        QVERIFY(!got.isEmpty());

        using namespace triage;
        const auto expected = [&](MetricsStore store) {
            MetricsQuery q;
            q.from = test::at("2026-03-01T00:00:00+03:00");
            q.to = test::at("2026-03-08T00:00:00+03:00");
            HistoryGenerator gen;
            gen.setTimeline(3000, q.effectiveAsOf(), 90);
            gen.fill(store, 3000);
            q.filter.group = store.findGroup(u"IT"_qs);
            return MetricsReport::compute(store, q).toJson(store);
        };
        const QJsonObject withSet
            = expected(MetricsStore(HistoryGenerator::demoCalendar(), HistoryGenerator::demoPolicies()));
        const QJsonObject withOne
            = expected(MetricsStore(HistoryGenerator::demoCalendar(), HistoryGenerator::demoPolicy()));
        QVERIFY(withSet[u"volume"_qs][u"created"_qs].toInt() > 0);
        QCOMPARE(got[u"sla"_qs], withSet[u"sla"_qs]);
        QCOMPARE(got[u"volume"_qs], withSet[u"volume"_qs]);
        QVERIFY2(withSet[u"sla"_qs] != withOne[u"sla"_qs], "the IT policy should change IT's SLA figures");
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        const QStringList period {u"--from"_qs, u"2026-03-02"_qs, u"--to"_qs, u"2026-03-03"_qs};
        QTest::newRow("no period") << QStringList {u"--demo"_qs, u"10"_qs} << QByteArray()
                                   << u"--from and --to are required"_qs;
        QTest::newRow("bad date") << QStringList {u"--from"_qs, u"yesterday"_qs, u"--to"_qs, u"2026-03-03"_qs,
            u"--demo"_qs, u"5"_qs} << QByteArray()
                                  << u"--from: expected a date"_qs;
        QTest::newRow("reversed") << QStringList {u"--from"_qs, u"2026-03-05"_qs, u"--to"_qs,
            u"2026-03-03"_qs, u"--demo"_qs, u"5"_qs}
                                  << QByteArray() << u"--to must be after --from"_qs;
        QTest::newRow("two sources") << period
                + QStringList {u"--input"_qs, u"h.json"_qs, u"--demo"_qs, u"5"_qs}
                                     << QByteArray() << u"at most one of --input FILE or --demo N"_qs;
        QTest::newRow("missing file") << period + QStringList {u"--input"_qs, u"/nonexistent/h.json"_qs}
                                      << QByteArray() << u"cannot read /nonexistent/h.json"_qs;
        QTest::newRow("not json") << period << QByteArray("{tickets") << u"not JSON"_qs;
        QTest::newRow("bad event")
            << period
            << QByteArray(
                   R"({"tickets": [{"id": "X", "events": [{"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "urgent"}]}]})")
            << u"tickets[0].events[0].priority: expected critical, high, normal or low"_qs;
        QTest::newRow("out of order")
            << period
            << QByteArray(
                   R"({"tickets": [{"id": "X", "events": [{"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "low"},
                                                   {"at": "2026-03-02T09:00:00Z", "type": "status", "to": "resolved"}]}]})")
            << u"tickets[0].events[1]: events out of order"_qs;
        QTest::newRow("bad rating")
            << period
            << QByteArray(
                   R"({"tickets": [{"id": "X", "events": [{"at": "2026-03-02T10:00:00Z", "type": "created", "priority": "low"},
                                                 {"at": "2026-03-02T11:00:00Z", "type": "rating", "value": 7}]}]})")
            << u"tickets[0].events[1].value: expected a rating 1 to 5"_qs;
        QTest::newRow("unknown group")
            << period + QStringList {u"--group"_qs, u"Nowhere"_qs} << QByteArray(kHistory)
            << u"--group: no such name in the history: 'Nowhere' (known: IT, Accounting)"_qs;
        QTest::newRow("bad priority") << period + QStringList {u"--priority"_qs, u"urgent"_qs}
                                      << QByteArray(kHistory) << u"--priority: expected one of"_qs;
        QTest::newRow("unknown option") << period + QStringList {u"--colour"_qs} << QByteArray(kHistory)
                                        << u"unexpected argument '--colour'"_qs;
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QStringList full = QStringList {u"report"_qs} + args;
        if (!content.isEmpty())
            full << u"--input"_qs << write(u"bad.json"_qs, content);
        const Result r = triagectl(full);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err);
        QCOMPARE(err.count(u'\n'), 1);
        QVERIFY2(err.contains(message), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestTriagectlReport)
#include "tst_triagectl_report.moc"
