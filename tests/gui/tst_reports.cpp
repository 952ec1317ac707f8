// The reports view against a real triaged: numbers labelled as the server's and equal to the
// summary route, drill-down from a number and from a day bar to the tickets, CSV export, and the
// offline message; group/agent pickers fed from the cached directory; "create problem ticket
// linking these" through the sync outbox. Models under QAbstractItemModelTester.
#include "TriagedProcess.h"
#include "WaitFor.h"
#include "domain/Uuid.h"
#include "net/ApiClient.h"
#include "reports/ChartWidget.h"
#include "reports/ReportTableModel.h"
#include "reports/ReportsPage.h"
#include "session/DirectoryIndex.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace triage;
using namespace triage::test;

class TestReports : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    std::unique_ptr<ApiClient> m_api;
    DirectoryIndex m_directory; // as the console's cache holds it after a sync
    QString m_leadId;

    QJsonArray getArray(const QString &path, const QString &key)
    {
        const ApiResponse r = waitForReply(m_api.get(), "GET", path, {});
        return r.ok() ? r.json.object().value(key).toArray() : QJsonArray();
    }

    bool loadReport(ReportsPage &page, ReportsController &controller)
    {
        QSignalSpy loaded(&controller, &ReportsController::loaded);
        page.setRange(QDate::currentDate().addDays(-59), QDate::currentDate());
        page.refresh();
        return loaded.wait(15000) || !loaded.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        TriagedProcess::Options o;
        o.env.insert(QStringLiteral("TRIAGE_DEMO_TICKETS"), QStringLiteral("300"));
        QVERIFY2(m_server.start(o), qPrintable(m_server.error()));
        m_api = std::make_unique<ApiClient>(m_server.baseUrl());
        const ApiResponse r = waitForReply(m_api.get(), "POST", QStringLiteral("auth/login"), {},
            QJsonDocument(QJsonObject {{QStringLiteral("username"), QStringLiteral("lead")},
                {QStringLiteral("password"), QStringLiteral("demo")}}));
        QVERIFY(r.ok());
        m_api->setToken(r.json.object().value(QStringLiteral("token")).toString());
        m_leadId = r.json.object()[QStringLiteral("user")][QStringLiteral("id")].toString();

        QList<User> users;
        QList<Group> groups;
        FieldErrors errors;
        for (const QJsonValue &v : getArray(QStringLiteral("users"), QStringLiteral("users"))) {
            if (const auto u = User::fromJson(v.toObject(), &errors))
                users << *u;
        }
        for (const QJsonValue &v : getArray(QStringLiteral("groups"), QStringLiteral("groups"))) {
            if (const auto g = Group::fromJson(v.toObject(), &errors))
                groups << *g;
        }
        QVERIFY(users.size() > 8 && groups.size() == 4);
        m_directory.setData(users, groups);
    }

    void pickersComeFromTheCachedDirectory()
    {
        ReportsController controller(m_api.get());
        controller.setLocal(&m_directory, nullptr);
        ReportsPage page(&controller);
        page.show();
        QComboBox *group = page.groupPicker();
        QComboBox *agent = page.agentPicker();
        QVERIFY(group->isEditable() && agent->isEditable());
        for (const QString &g : {QStringLiteral("IT"), QStringLiteral("HR"), QStringLiteral("none")})
            QVERIFY2(group->findData(g) > 0, qPrintable(g));
        QVERIFY(agent->findData(QStringLiteral("agent1")) > 0);
        QVERIFY(agent->findData(QStringLiteral("none")) > 0);
        QCOMPARE(agent->findData(QStringLiteral("wall")), -1); // a viewer is nobody's agent
        QCOMPARE(agent->findData(QStringLiteral("requester01")), -1);
        QCOMPARE(page.filter().group, QString()); // "Any group"

        // Picking an entry sends the server its name; the report is filtered by it.
        group->setCurrentIndex(group->findData(QStringLiteral("HR")));
        QCOMPARE(page.filter().group, QStringLiteral("HR"));
        QVERIFY(loadReport(page, controller));
        QCOMPARE(controller.report()[QStringLiteral("filter")][QStringLiteral("group")].toString(),
            QStringLiteral("HR"));

        // Typing: the completer finds entries by any part of the label, case-insensitively; the
        // label typed in full picks its value; other text goes to the server as typed.
        agent->completer()->setCompletionPrefix(QStringLiteral("AGENT1"));
        QCOMPARE(agent->completer()->completionCount(), 1);
        const QString label = agent->itemText(agent->findData(QStringLiteral("agent1")));
        QVERIFY2(
            label.contains(QStringLiteral("agent1")) && label != QStringLiteral("agent1"), qPrintable(label));
        agent->setEditText(label.toUpper());
        QCOMPARE(page.filter().agent, QStringLiteral("agent1"));
        agent->setEditText(QStringLiteral("agent2"));
        QCOMPARE(page.filter().agent, QStringLiteral("agent2"));
        // A directory refresh keeps the choice.
        page.reloadPickers();
        QCOMPARE(page.filter().group, QStringLiteral("HR"));
        QCOMPARE(page.filter().agent, QStringLiteral("agent2"));
    }

    void problemTicketLinkingARecurringIssue()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("cache.db")), nullptr, nullptr);
        QVERIFY(db);
        LocalCache store(db.get());
        LocalEditor editor(&store.tickets(), &store.referenceData(), m_leadId);
        ReportsController controller(m_api.get());
        controller.setLocal(&m_directory, &editor);
        ReportsPage page(&controller);
        QAbstractItemModelTester tester(
            page.recurringModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.show();
        QVERIFY(loadReport(page, controller));
        const QJsonArray recurring = controller.report()[QStringLiteral("recurring")].toArray();
        QVERIFY2(!recurring.isEmpty(), "the demo history has recurring subjects");
        QCOMPARE(page.recurringModel()->rowCount(), recurring.size());
        QVERIFY(!page.createProblemButton()->isEnabled()); // nothing selected

        const int row = int(recurring.size()) - 1;
        page.recurringView()->selectRow(row);
        QVERIFY(page.createProblemButton()->isEnabled());
        QSignalSpy open(&page, &ReportsPage::openTicketRequested);
        page.createProblemButton()->click();
        QCOMPARE(open.size(), 1);

        // One ticket.create in the outbox: type problem, linked problem_of to every listed ticket.
        const QList<OutboxEntry> outbox = store.outbox().pending();
        QCOMPARE(outbox.size(), 1);
        QCOMPARE(outbox.first().type, QStringLiteral("ticket.create"));
        const QJsonObject ticket = outbox.first().payload[QStringLiteral("ticket")].toObject();
        QCOMPARE(ticket[QStringLiteral("id")].toString(), open.first().first().toString());
        QCOMPARE(ticket[QStringLiteral("type")].toString(), QStringLiteral("problem"));
        QStringList linked;
        for (const QJsonValue &l : ticket[QStringLiteral("links")].toArray()) {
            QCOMPARE(l[QStringLiteral("kind")].toString(), QStringLiteral("problem_of"));
            linked << l[QStringLiteral("ticket_id")].toString();
        }
        QStringList expected;
        for (const QJsonValue &id : recurring.at(row)[QStringLiteral("ticket_ids")].toArray())
            expected << id.toString();
        QVERIFY(expected.size() >= 3);
        QCOMPARE(linked, expected);
        QVERIFY(page.problemStatus()->text().contains(QString::number(expected.size())));

        // The server takes the outbox entry as the sync engine sends it.
        QJsonObject m = outbox.first().payload;
        m.insert(QStringLiteral("id"), outbox.first().id);
        m.insert(QStringLiteral("client_seq"), 1);
        m.insert(QStringLiteral("type"), outbox.first().type);
        const ApiResponse pushed = waitForReply(m_api.get(), "POST", QStringLiteral("mutations"), {},
            QJsonDocument(QJsonObject {{QStringLiteral("client_id"), QString(newId())},
                {QStringLiteral("mutations"), QJsonArray {m}}}));
        QVERIFY2(pushed.ok(), qPrintable(pushed.error.message()));
        const ApiResponse onServer = waitForReply(
            m_api.get(), "GET", QStringLiteral("tickets/") + ticket[QStringLiteral("id")].toString(), {});
        QVERIFY2(onServer.ok(), qPrintable(onServer.error.message()));
        QCOMPARE(onServer.json[QStringLiteral("type")].toString(), QStringLiteral("problem"));
        QCOMPARE(onServer.json[QStringLiteral("links")].toArray().size(), expected.size());
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
        const ApiResponse direct = waitForReply(m_api.get(), "GET", QStringLiteral("reports/summary"),
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
