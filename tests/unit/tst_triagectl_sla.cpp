// Runs the real triagectl binary: stdout JSON and exit 0 for a valid case; one stderr line and
// exit 2 for each kind of bad input.
#include "SlaTestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Result triagectl(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.start(qEnvironmentVariable("TRIAGE_BIN_DIR") + u"/triagectl"_qs, args);
    if (!p.waitForStarted(10'000))
        qFatal("triagectl did not start (TRIAGE_BIN_DIR=%s)",
            qPrintable(qEnvironmentVariable("TRIAGE_BIN_DIR")));
    p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(30'000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError()};
}

const char *kValid = R"({"calendar": {"timezone": "Europe/Moscow", "weekly": {"mon": [["09:00","18:00"]]}},
  "policy": {"targets": {"resolution": 120}},
  "events": [{"at": "2026-03-02T10:00:00+03:00", "type": "created", "priority": "normal"}],
  "now": "2026-03-02T10:30:00+03:00"})";

} // namespace

class TestTriagectlSla : public QObject
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

    void validCaseFromFile()
    {
        const Result r = triagectl({u"sla"_qs, u"eval"_qs, write(u"ok.json"_qs, kValid)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonObject t = QJsonDocument::fromJson(r.out).object()[u"timers"_qs][0].toObject();
        QCOMPARE(t[u"due"_qs].toString(), u"2026-03-02T12:00:00+03:00"_qs);
        QCOMPARE(t[u"business_elapsed_minutes"_qs].toDouble(), 30.0);
    }

    void validCaseFromStdinAndWrapperForm()
    {
        const Result plain = triagectl({u"sla"_qs, u"eval"_qs, u"-"_qs}, kValid);
        QCOMPARE(plain.exitCode, 0);
        const QByteArray wrapped = "{\"id\": \"X\", \"case\": " + QByteArray(kValid) + ", \"expected\": {}}";
        const Result w = triagectl({u"sla"_qs, u"eval"_qs, u"-"_qs}, wrapped);
        QCOMPARE(w.exitCode, 0);
        QCOMPARE(w.out, plain.out);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QByteArray valid(kValid);
        QTest::newRow("bad JSON") << QByteArray("{\"calendar\": {\"timezone\": ") << u"bad JSON at line 1"_qs;
        QTest::newRow("unknown time zone") << QByteArray(valid).replace("Europe/Moscow", "Europe/Atlantis")
                                           << u"unknown time zone \"Europe/Atlantis\""_qs;
        QTest::newRow("interval ends before it starts") << QByteArray(valid).replace("[\"09:00\",\"18:00\"]",
            "[\"18:00\",\"09:00\"]") << u"interval ends at 09:00 before it starts at 18:00"_qs;
        QTest::newRow("events out of order") << QByteArray(valid).replace("\"normal\"}]",
            "\"normal\"}, {\"at\": \"2026-03-02T09:00:00+03:00\", \"type\": \"status\", \"to\": "
            "\"waiting\"}]") << u"events out of order"_qs;
        QTest::newRow("no created event") << QByteArray(valid).replace(
            "\"type\": \"created\", \"priority\": \"normal\"", "\"type\": \"status\", \"to\": \"x\"")
                                          << u"no created event"_qs;
        QTest::newRow("not a case") << QByteArray("[]") << u"expected a JSON object"_qs;
    }

    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QVERIFY(content != QByteArray(kValid));
        const Result r = triagectl({u"sla"_qs, u"eval"_qs, write(u"bad.json"_qs, content)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err);
        QCOMPARE(err.count(u'\n'), 1); // exactly one line
        QVERIFY2(err.contains(message), qPrintable(err));
        QVERIFY(err.startsWith(u"triagectl: "_qs));
    }

    void missingFileAndUsage()
    {
        Result r = triagectl({u"sla"_qs, u"eval"_qs, m_dir.filePath(u"nope.json"_qs)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("cannot read"));
        r = triagectl({u"sla"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("usage: triagectl sla eval"));
    }
};

QTEST_GUILESS_MAIN(TestTriagectlSla)
#include "tst_triagectl_sla.moc"
