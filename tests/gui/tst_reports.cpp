// The reports view against a real triaged: numbers labelled as the server's and equal to the
// summary route, drill-down from a number and from a day bar to the tickets, CSV export, and the
// offline message. Models under QAbstractItemModelTester.
#include "TriagedProcess.h"
#include "net/ApiClient.h"
#include "reports/ChartWidget.h"
#include "reports/ReportTableModel.h"
#include "reports/ReportsPage.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace triage;
using namespace triage::test;

class TestReports : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    std::unique_ptr<ApiClient> m_api;

private Q_SLOTS:
    void initTestCase()
    {
        TriagedProcess::Options o;
        o.env.insert(QStringLiteral("TRIAGE_DEMO_TICKETS"), QStringLiteral("300"));
        QVERIFY2(m_server.start(o), qPrintable(m_server.error()));
        m_api = std::make_unique<ApiClient>(m_server.baseUrl());
        const ApiResponse r = m_api->call("POST", QStringLiteral("auth/login"), {},
            QJsonDocument(QJsonObject {{QStringLiteral("username"), QStringLiteral("lead")},
                {QStringLiteral("password"), QStringLiteral("demo")}}));
        QVERIFY(r.ok());
        m_api->setToken(r.json.object().value(QStringLiteral("token")).toString());
    }

    void numbersDrillDownAndCsv()
    {
        ReportsController controller(m_api.get());
        ReportsPage page(&controller);
        QAbstractItemModelTester t1(
            page.drillModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(
            page.agentModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1200, 800);
        page.show();
        QSignalSpy loaded(&controller, &ReportsController::loaded);
        page.setRange(QDate::currentDate().addDays(-59), QDate::currentDate());
        page.refresh();
        QVERIFY(loaded.wait(15000) || !loaded.isEmpty());
        QVERIFY2(page.sourceLabel()->text().contains(QStringLiteral("From the server")),
            qPrintable(page.sourceLabel()->text()));

        // The button shows the server's number.
        const ApiResponse direct = m_api->call("GET", QStringLiteral("reports/summary"),
            QUrlQuery {{QStringLiteral("from"), QDate::currentDate().addDays(-59).toString(Qt::ISODate)},
                {QStringLiteral("to"), QDate::currentDate().toString(Qt::ISODate)}});
        QVERIFY(direct.ok());
        const int created = direct.json[QStringLiteral("volume")][QStringLiteral("created")].toInt();
        QVERIFY(created > 0);
        QVERIFY(page.metricButton(QStringLiteral("created"))
                    ->text()
                    .startsWith(QLocale().toString(created) + u'\n'));
        QVERIFY(page.agentModel()->rowCount() > 0);

        // Drill-down from the number lists exactly those tickets.
        QSignalSpy drilled(&controller, &ReportsController::drilled);
        page.metricButton(QStringLiteral("created"))->click();
        QVERIFY(drilled.wait(15000) || !drilled.isEmpty());
        QCOMPARE(page.drillModel()->rowCount(), std::min(created, 1000));
        QVERIFY(!page.drillModel()->idAt(0).isEmpty());
        QSignalSpy open(&page, &ReportsPage::openTicketRequested);

        // A day bar drills to that day's created tickets.
        drilled.clear();
        Q_EMIT page.dayChart()->categoryClicked(59);
        QVERIFY(drilled.wait(15000) || !drilled.isEmpty());
        QVERIFY(page.drillModel()->rowCount() <= created);

        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("r.csv"));
        QVERIFY2(page.exportCsv(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray csv = f.readAll();
        QVERIFY(csv.startsWith("metric,value\r\n"));
        QVERIFY(csv.contains(QByteArray("volume.created," + QByteArray::number(created) + "\r\n")));
        QVERIFY(csv.contains("date,created,resolved,backlog_at_end\r\n"));
    }

    void offlineSaysWhere()
    {
        ApiClient signedOut(QUrl(QStringLiteral("http://127.0.0.1:1")));
        ReportsController controller(&signedOut);
        ReportsPage page(&controller);
        page.refresh();
        QVERIFY(page.sourceLabel()->text().contains(QStringLiteral("sign in")));
        QString error;
        QVERIFY(!page.exportCsv(QStringLiteral("/nonexistent/x.csv"), &error));
        QVERIFY(!error.isEmpty());
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_MAIN(TestReports)
#include "tst_reports.moc"
