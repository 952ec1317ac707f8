// The console against a real triaged: sign in, initial sync, a ticket created offline shows as
// pending and then synced, conflicts are listed in the dialog.
#include "FaultProxy.h"
#include "TriagedProcess.h"
#include "WaitFor.h"
#include "domain/Uuid.h"
#include "models/AttachmentListModel.h"
#include "models/ConflictListModel.h"
#include "models/ConversationModel.h"
#include "models/QueueModel.h"
#include "net/ApiClient.h"
#include "queues/QueueController.h"
#include "queues/QueuePage.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "shell/MainWindow.h"
#include "shell/SyncIndicator.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"
#include "sync/SyncEngine.h"
#include "ticket/AttachmentChips.h"
#include "ticket/AttachmentsController.h"
#include "ticket/ComposerAttachments.h"
#include "ticket/TicketController.h"
#include "ticket/TicketView.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace triage;
using namespace triage::test;

namespace {

// ServerConnection answers with signals: these wait for them (tests only).
bool restore(ServerConnection *connection)
{
    QSignalSpy done(connection, &ServerConnection::restoreFinished);
    connection->restoreToken();
    return done.wait(10000) && done.first().first().toBool();
}

bool signIn(ServerConnection *connection, const QString &password, QString *error)
{
    QSignalSpy ok(connection, &ServerConnection::signedIn);
    QSignalSpy refused(connection, &ServerConnection::signInFailed);
    connection->signIn(password);
    if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !refused.isEmpty(); }, 20000)) {
        *error = u"no answer to the sign-in"_qs;
        return false;
    }
    if (!refused.isEmpty())
        *error = refused.first().first().toString();
    return refused.isEmpty();
}

} // namespace

class TestConsoleSync : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    QTemporaryDir m_dir;

    QUrl proxied() const { return QUrl(u"http://127.0.0.1:%1"_qs.arg(m_proxy->port())); }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TRIAGE_KEYCHAIN", "off");
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_proxy = std::make_unique<FaultProxy>(m_server.port());
        QVERIFY(m_proxy->listen());
    }

    void signInSyncOfflineCreateThenSynced()
    {
        SessionOptions options;
        options.profileDir = m_dir.filePath(u"agent1"_qs);
        options.serverUrl = proxied().toString();
        options.userName = u"agent1"_qs;
        QString error;
        auto session = Session::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        auto *connection
            = new ServerConnection(session->store(), options.profileDir, proxied(), options.userName);
        QVERIFY(!restore(connection)); // first start: nothing saved
        QVERIFY(!signIn(connection, u"wrong"_qs, &error));
        QVERIFY2(error.contains(u"Wrong username or password"_qs), qPrintable(error));
        QVERIFY2(signIn(connection, u"demo"_qs, &error), qPrintable(error));
        QCOMPARE(connection->tokenStorage(), u"memory"_qs); // TRIAGE_KEYCHAIN=off: never on disk
        session->attachServer(connection);
        QVERIFY(!session->userId().isEmpty());

        MainWindow window(session.get());
        window.show();
        QueueModel *queue = window.queuePage()->model();
        QAbstractItemModelTester tester(queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The initial sync fills the queue and the sidebar without a restart.
        QTRY_VERIFY_WITH_TIMEOUT(session->store()->tickets().ticketCount() > 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->state(), SyncStatusSource::State::Online, 20000);
        auto *indicator = window.findChild<SyncIndicator *>();
        QVERIFY(indicator);
        QVERIFY(!indicator->stateText().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(session->views().size() > 1, 10000); // the server's views arrived

        // The network goes away; the agent keeps working.
        m_proxy->setMode(FaultProxy::Mode::Refuse);
        m_proxy->closeAll();
        Ticket draft;
        draft.title = u"Принтер в переговорной — офлайн"_qs;
        const auto created = session->editor()->createTicket(draft);
        QVERIFY(created);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->state(), SyncStatusSource::State::Offline, 20000);
        QCOMPARE(session->syncStatus()->pendingCount(), 1);
        QVERIFY(!session->store()->tickets().ticket(created->id)->number);
        QVERIFY(indicator->pendingText().contains(u'1'));

        // Back online: it syncs by itself (retry with backoff) and gets its number.
        m_proxy->setMode(FaultProxy::Mode::Pass);
        session->syncStatus()->syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(session->store()->tickets().ticket(created->id)->number.has_value(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->pendingCount(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->state(), SyncStatusSource::State::Online, 10000);
    }

    // Saved views go to the server (PUT /views/{id}); a change the server refuses (a lead sharing:
    // the server lets only administrators share) comes back as the server's version, with the reason.
    void viewsReachTheServerAndRefusalsRevert()
    {
        const QUrl direct(u"http://127.0.0.1:%1"_qs.arg(m_server.port()));
        auto open = [&](const QString &user) {
            SessionOptions options;
            options.profileDir = m_dir.filePath(u"views-"_qs + user);
            options.serverUrl = direct.toString();
            options.userName = user;
            QString error;
            auto session = Session::open(options, &error);
            auto *connection = new ServerConnection(session->store(), options.profileDir, direct, user);
            if (!signIn(connection, u"demo"_qs, &error))
                qWarning() << error;
            session->attachServer(connection);
            return session;
        };
        auto serverViewIds = [](Session *s) {
            QStringList ids;
            const ApiResponse r = waitForReply(s->connection()->api(), "GET", u"views"_qs);
            for (const auto &v : r.json.object().value(u"views"_qs).toArray())
                ids << v.toObject().value(u"id"_qs).toString();
            return ids;
        };
        auto agent = open(u"agent1"_qs);
        QVERIFY(agent->connection());
        SavedView mine;
        mine.id = newId();
        mine.name = u"Printers"_qs;
        mine.ownerId = agent->userId();
        mine.filter.text = u"printer"_qs;
        QVERIFY(agent->saveView(mine));
        QTRY_VERIFY_WITH_TIMEOUT(agent->pendingViewIds().isEmpty(), 10000);
        QVERIFY(serverViewIds(agent.get()).contains(mine.id));

        auto lead = open(u"lead"_qs);
        QVERIFY(lead->canShareViews());
        SavedView team;
        team.id = newId();
        team.name = u"Team printers"_qs;
        team.ownerId = lead->userId();
        QVERIFY(lead->saveView(team));
        QTRY_VERIFY_WITH_TIMEOUT(lead->pendingViewIds().isEmpty(), 10000);
        QSignalSpy refused(lead.get(), &Session::viewRefused);
        team.ownerId.clear(); // share it
        QVERIFY(lead->saveView(team));
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 10000);
        QCOMPARE(refused.first().first().toString(), u"Team printers"_qs);
        QVERIFY(!refused.first().at(1).toString().isEmpty());
        bool reverted = false;
        for (const auto &v : lead->views())
            reverted = reverted || (v.id == team.id && v.ownerId == lead->userId());
        QVERIFY(reverted);
        QVERIFY(lead->pendingViewIds().isEmpty());
    }

    // The demo's `wall` account is a viewer: signed into the normal console it reads everything,
    // offers no edit, refuses the ones attempted through the controllers, and sends nothing.
    void viewerSignsInReadOnly()
    {
        SessionOptions options;
        options.profileDir = m_dir.filePath(u"wall"_qs);
        options.serverUrl = m_server.baseUrl().toString();
        options.userName = u"wall"_qs;
        QString error;
        auto session = Session::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY(!session->isReadOnly()); // nothing known yet
        auto *connection = new ServerConnection(
            session->store(), options.profileDir, m_server.baseUrl(), options.userName);
        QVERIFY2(signIn(connection, u"demo"_qs, &error), qPrintable(error));
        QSignalSpy access(session.get(), &Session::accessChanged);
        session->attachServer(connection);
        QCOMPARE(access.count(), 1); // the role the server gave at sign-in
        QVERIFY(session->isReadOnly());
        MainWindow window(session.get());
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(session->store()->tickets().ticketCount() > 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->state(), SyncStatusSource::State::Online, 20000);
        QVERIFY(session->isReadOnly()); // the synced directory agrees
        QVERIFY(window.readOnlyText().contains(u"Read-only account"_qs));

        QString id;
        session->store()->tickets().forEachTicket([&](Ticket &&t) {
            if (id.isEmpty() && t.status == TicketStatus::New)
                id = t.id;
        });
        QVERIFY(!id.isEmpty());
        const qint64 version = session->store()->tickets().ticket(id)->version;
        window.openTicket(id);
        TicketView *pane = window.ticketPane();
        QVERIFY(pane);
        QVERIFY(!pane->composer()->isVisibleTo(pane));
        QVERIFY(!pane->readOnlyHint().isEmpty());
        QVERIFY(!pane->controller()->setField(TicketField::Status, u"in_progress"_qs));
        QVERIFY(pane->controller()->lastError().contains(u"read-only"_qs));
        QCOMPARE(window.queuePage()->controller()->assignToMe({id}), 0);
        QCOMPARE(session->store()->outbox().pendingCount(), 0);
        QVERIFY2(waitForIdle(connection->engine(), 30000), qPrintable(connection->engine()->lastError()));
        QCOMPARE(session->syncStatus()->conflictCount(), 0); // nothing was sent to be refused
        // The server's ticket is as it was.
        TestClient admin(m_server.baseUrl()); // sees every group, as the viewer does
        QVERIFY(admin.login(u"admin"_qs));
        const QJsonObject server = admin.get(u"/api/v1/tickets/"_qs + id).json();
        QCOMPARE(server.value(u"status"_qs).toString(), u"new"_qs);
        QCOMPARE(static_cast<qint64>(server.value(u"version"_qs).toDouble()), version);
    }

    void conflictsAreListed()
    {
        SessionOptions options;
        options.profileDir = m_dir.filePath(u"agent2"_qs);
        options.serverUrl = m_server.baseUrl().toString();
        options.userName = u"agent2"_qs;
        QString error;
        auto session = Session::open(options, &error);
        QVERIFY(session);
        auto *connection = new ServerConnection(
            session->store(), options.profileDir, m_server.baseUrl(), options.userName);
        QVERIFY(signIn(connection, u"demo"_qs, &error));
        session->attachServer(connection);
        QTRY_VERIFY_WITH_TIMEOUT(session->store()->tickets().ticketCount() > 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->state(), SyncStatusSource::State::Online, 20000);
        // Someone else takes the ticket on the server while we take it locally.
        QString id;
        session->store()->tickets().forEachTicket([&](Ticket &&t) {
            if (id.isEmpty() && t.status == TicketStatus::New && t.assigneeId.isEmpty())
                id = t.id;
        });
        QVERIFY(!id.isEmpty());
        connection->stop();
        TestClient other(m_server.baseUrl());
        QVERIFY(other.login(u"agent1"_qs));
        const HttpResult current = other.get(u"/api/v1/tickets/"_qs + id);
        const QString otherId = other.get(u"/api/v1/me"_qs).json().value(u"id"_qs).toString();
        const HttpResult patched = other.patch(u"/api/v1/tickets/"_qs + id, {{u"assignee_id"_qs, otherId}},
            {{"If-Match", current.header("etag")}});
        QVERIFY2(patched.status == 200, patched.body.constData());
        QVERIFY(session->editor()->assignToMe(id));
        ConflictListModel conflicts(session->store());
        QAbstractItemModelTester tester(&conflicts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(waitForIdle(connection->engine(), 30000), qPrintable(connection->engine()->lastError()));
        QCOMPARE(conflicts.rowCount(), 1);
        QVERIFY(conflicts.index(0).data().toString().contains(u"someone else"_qs));
        QCOMPARE(session->syncStatus()->conflictCount(), 1);
    }

    // Attachments reach the cache through the change feed as metadata; opening one downloads it
    // into the profile (checked against its sha256), where it stays: offline it opens and saves
    // again, while a file never downloaded says it needs the server.
    void attachmentsDownloadOnDemandAndStayOffline()
    {
        m_proxy->setMode(FaultProxy::Mode::Pass);
        SessionOptions options;
        options.profileDir = m_dir.filePath(u"attachments-agent1"_qs);
        options.serverUrl = proxied().toString();
        options.userName = u"agent1"_qs;
        QString error;
        auto session = Session::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        auto *connection
            = new ServerConnection(session->store(), options.profileDir, proxied(), options.userName);
        QVERIFY2(signIn(connection, u"demo"_qs, &error), qPrintable(error));
        session->attachServer(connection);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->state(), SyncStatusSource::State::Online, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(session->store()->tickets().ticketCount() > 0, 20000);
        QString ticketId;
        session->store()->tickets().forEachTicket([&](Ticket &&t) {
            if (ticketId.isEmpty())
                ticketId = t.id;
        });

        TestClient rest(m_server.baseUrl());
        QVERIFY(rest.login(u"agent1"_qs));
        const auto upload = [&](const QByteArray &name, const QByteArray &bytes) {
            const QByteArray boundary = "attachment-test-boundary";
            const QByteArray body = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n\r\n"
                + bytes + "\r\n--" + boundary + "--\r\n";
            const HttpResult r = rest.send("POST", u"/api/v1/tickets/%1/attachments"_qs.arg(ticketId), body,
                {{"content-type", "multipart/form-data; boundary=" + boundary}});
            if (r.status != 201)
                qWarning("upload: %d %s", r.status, r.body.constData());
            return r.json().value(u"id"_qs).toString();
        };
        const QByteArray bytes = QByteArray(300 * 1024, 'a') + "end of the log";
        const QString first = upload("server log.txt", bytes);
        QVERIFY(!first.isEmpty());
        session->syncStatus()->syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(session->store()->attachments().attachment(first).has_value(), 20000);

        AttachmentsController files(session.get(), ticketId);
        QAbstractItemModelTester tester(
            files.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = files.model()->rowOf(first);
        QVERIFY(row >= 0);
        QVERIFY(files.model()->index(row).data(AttachmentListModel::LocalPathRole).toString().isEmpty());
        QVERIFY(files.model()->index(row).data().toString().contains(u"server log.txt"_qs));
        QSignalSpy ready(&files, &AttachmentsController::openReady);
        QSignalSpy problems(&files, &AttachmentsController::problem);
        files.open(row);
        QVERIFY(ready.wait(20000));
        const QString path = ready.at(0).at(0).toString();
        QVERIFY2(path.startsWith(options.profileDir), qPrintable(path));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), bytes);
        }
        QCOMPARE(files.model()->index(row).data(AttachmentListModel::LocalPathRole).toString(), path);

        // A second file arrives but is not opened; then the network goes away.
        const QString second = upload("photo.jpg", "not really a photo");
        session->syncStatus()->syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(session->store()->attachments().attachment(second).has_value(), 20000);
        m_proxy->setMode(FaultProxy::Mode::Refuse);
        m_proxy->closeAll();

        AttachmentsController offline(session.get(), ticketId);
        QSignalSpy readyOffline(&offline, &AttachmentsController::openReady);
        QSignalSpy saved(&offline, &AttachmentsController::saved);
        QSignalSpy refused(&offline, &AttachmentsController::problem);
        offline.open(offline.model()->rowOf(first));
        QVERIFY(readyOffline.wait(5000));
        QCOMPARE(readyOffline.at(0).at(0).toString(), path);
        const QString target = m_dir.filePath(u"saved copy.txt"_qs);
        offline.saveAs(offline.model()->rowOf(first), target);
        QVERIFY(saved.wait(5000));
        QFile copy(target);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), bytes);
        offline.open(offline.model()->rowOf(second));
        QVERIFY(refused.wait(20000));
        QVERIFY(offline.model()
                    ->index(offline.model()->rowOf(second))
                    .data(AttachmentListModel::LocalPathRole)
                    .toString()
                    .isEmpty());
        QVERIFY(problems.isEmpty());
        m_proxy->setMode(FaultProxy::Mode::Pass);
    }

    // The composer online: a file chosen with the paperclip and a screenshot pasted into the text
    // become chips, go with the reply, upload before it and show under it in the conversation; the
    // server has them on that comment.
    void composerSendsFilesWithTheReply()
    {
        m_proxy->setMode(FaultProxy::Mode::Pass);
        SessionOptions options;
        options.profileDir = m_dir.filePath(u"composer-agent1"_qs);
        options.serverUrl = proxied().toString();
        options.userName = u"agent1"_qs;
        QString error;
        auto session = Session::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        auto *connection
            = new ServerConnection(session->store(), options.profileDir, proxied(), options.userName);
        QVERIFY2(signIn(connection, u"demo"_qs, &error), qPrintable(error));
        session->attachServer(connection);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->state(), SyncStatusSource::State::Online, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(session->store()->tickets().ticketCount() > 0, 20000);
        QString ticketId;
        session->store()->tickets().forEachTicket([&](Ticket &&t) {
            if (ticketId.isEmpty() && t.status != TicketStatus::Closed)
                ticketId = t.id;
        });

        TicketView view(session.get(), ticketId);
        view.resize(900, 700);
        view.show();
        QFile log(m_dir.filePath(u"printer.log"_qs));
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write(QByteArray("paper jam in tray 2\n").repeated(100));
        log.close();
        ComposerAttachments *files = view.controller()->composerFiles();
        QVERIFY(files->addFiles({log.fileName()}));
        QImage screenshot(320, 200, QImage::Format_RGB32);
        screenshot.fill(Qt::darkGreen);
        QGuiApplication::clipboard()->setImage(screenshot);
        view.composer()->setFocus();
        view.composer()->paste();
        QCOMPARE(files->files().size(), 2);
        QCOMPARE(view.attachmentChips()->chips().size(), 2);
        QVERIFY(view.composer()->toPlainText().isEmpty()); // the picture did not become text
        const QList<Attachment> sent = files->files();
        view.composer()->setPlainText(u"Log and a screenshot attached"_qs);
        QVERIFY(view.sendReply());
        QVERIFY(files->isEmpty());
        QTRY_COMPARE(view.attachmentChips()->chips().size(), 0);

        // Under the new comment at once (waiting to upload or already up), then synced.
        ConversationModel *thread = view.controller()->conversation();
        const int row = thread->rowCount() - 1;
        QCOMPARE(thread->index(row).data(ConversationModel::FileCountRole).toInt(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(session->syncStatus()->pendingCount(), 0, 20000);
        const QString commentId = thread->comments().at(row).id;
        TestClient rest(m_server.baseUrl());
        QVERIFY(rest.login(u"agent1"_qs));
        const QJsonArray onServer = rest.get(u"/api/v1/tickets/%1/attachments"_qs.arg(ticketId))
                                        .json()
                                        .value(u"attachments"_qs)
                                        .toArray();
        int linked = 0;
        for (const QJsonValue &a : onServer) {
            if (a[u"comment_id"_qs].toString() == commentId) {
                ++linked;
                QVERIFY(a[u"id"_qs].toString() == sent.at(0).id || a[u"id"_qs].toString() == sent.at(1).id);
            }
        }
        QCOMPARE(linked, 2);
        // Both are in the profile (they were staged there): local, and the picture gets a thumbnail.
        QTRY_VERIFY_WITH_TIMEOUT(thread->file(sent.at(1).id)
                && thread->file(sent.at(1).id)->state == ConversationFile::State::Local
                && !thread->file(sent.at(1).id)->thumbnail.isNull(),
            20000);
        QCOMPARE(session->syncStatus()->conflictCount(), 0);
    }
};

QTEST_MAIN(TestConsoleSync)
#include "tst_console_sync.moc"
