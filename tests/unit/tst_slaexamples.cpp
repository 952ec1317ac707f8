// Table-driven: every case under tests/data/sla/{examples,cases} with its expected output.
#include "SlaTestSupport.h"
#include "sla/SlaCase.h"

#include <QDir>
#include <QFile>

using namespace triage;

class TestSlaExamples : public QObject
{
    Q_OBJECT

private:
    static QString dataDir() { return test::slaDataDir(); }

private Q_SLOTS:
    void examples_data()
    {
        QTest::addColumn<QString>("path");
        int count = 0;
        for (const QString &sub : {u"examples"_qs, u"cases"_qs}) {
            const QDir dir(dataDir() + u'/' + sub);
            for (const QString &name : dir.entryList({u"*.json"_qs}, QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(sub + u'/' + name)) << dir.filePath(name);
                ++count;
            }
        }
        QVERIFY2(count >= 7, "tests/data/sla is missing its example cases");
    }

    void examples()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY2(doc.contains(u"expected"_qs), "example without expected output");

        QString error;
        const auto slaCase = SlaCase::fromJson(doc, &error); // the wrapper form
        QVERIFY2(slaCase, qPrintable(error));
        const QByteArray out = slaCase->evaluateToJson();
        QJsonParseError parseError;
        const QJsonDocument actual = QJsonDocument::fromJson(out, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError,
            qPrintable(parseError.errorString() + u'\n' + QString::fromUtf8(out)));
        const QString diff = test::jsonDiff(actual.object(), doc.value(u"expected"_qs), u"output"_qs);
        QVERIFY2(diff.isEmpty(), qPrintable(diff + u'\n' + QString::fromUtf8(out)));
    }

    // The repo keeps its own copy for CI; when the shared folder is there, it must not drift.
    void repoCopyMatchesShared()
    {
        const QDir shared(qEnvironmentVariable("TRIAGE_SHARED_DIR") + u"/sla/examples"_qs);
        if (!shared.exists())
            QSKIP("shared examples not available");
        for (const QString &name : shared.entryList({u"*.json"_qs}, QDir::Files)) {
            QFile a(shared.filePath(name));
            QFile b(dataDir() + u"/examples/"_qs + name);
            QVERIFY2(b.open(QIODevice::ReadOnly),
                qPrintable(name + u" is missing from tests/data/sla/examples"_qs));
            QVERIFY(a.open(QIODevice::ReadOnly));
            QCOMPARE(QJsonDocument::fromJson(b.readAll()), QJsonDocument::fromJson(a.readAll()));
        }
    }

    // Keys appear in the documented order (QJsonObject would sort them).
    void outputKeyOrder()
    {
        QFile file(dataDir() + u"/cases/format_doc_example.json"_qs);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        const auto slaCase = SlaCase::fromJson(file.readAll(), &error);
        QVERIFY2(slaCase, qPrintable(error));
        const QString out = QString::fromUtf8(slaCase->evaluateToJson());
        const QStringList order {u"\"metric\""_qs, u"\"cycle\""_qs, u"\"state\""_qs, u"\"target_minutes\""_qs,
            u"\"started_at\""_qs, u"\"stopped_at\""_qs, u"\"due\""_qs, u"\"business_elapsed_minutes\""_qs,
            u"\"calendar_elapsed_minutes\""_qs, u"\"remaining_business_minutes\""_qs,
            u"\"elapsed_percent\""_qs, u"\"breached\""_qs, u"\"breached_at\""_qs, u"\"warnings\""_qs};
        qsizetype pos = 0;
        for (const QString &key : order) {
            const qsizetype next = out.indexOf(key, pos);
            QVERIFY2(next > 0, qPrintable(key + u" missing or out of order"_qs));
            pos = next;
        }
        QVERIFY(out.contains(u"\"elapsed_percent\": 90.0"_qs));
        QVERIFY(out.contains(u"\"due\": \"2026-03-02T12:40:00+03:00\""_qs));
    }
};

QTEST_GUILESS_MAIN(TestSlaExamples)
#include "tst_slaexamples.moc"
