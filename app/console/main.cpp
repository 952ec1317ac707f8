#include "kanban/KanbanPage.h"
#include "models/QueueModel.h"
#include "queues/QueuePage.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "shell/MainWindow.h"
#include "shell/Theme.h"
#include "store/TicketStore.h"
#include "sync/SignInDialog.h"
#include "sync/SyncEngine.h"
#include "ticket/LinksPane.h"
#include "ticket/NewTicketDialog.h"
#include "ticket/TicketView.h"
#include "wall/WallMode.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

using namespace triage;

namespace {
qint64 residentKiB()
{
    QFile f(u"/proc/self/status"_qs);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// --startup-report: prints when the queue was first painted and the resident memory, then quits
// (triage-ui-bench runs the real binary this way).
class FirstPaintProbe final : public QObject
{
public:
    FirstPaintProbe(QElapsedTimer clock, QObject *parent)
        : QObject(parent)
        , m_clock(clock)
    { }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, this, [this] {
                const double firstPaint = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
                // "Fully usable": the event queue drained once after the first paint.
                QTimer::singleShot(0, this, [this, firstPaint] {
                    std::printf("{\"first_paint_ms\": %.1f, \"usable_ms\": %.1f, \"rss_mib\": %.1f}\n",
                        firstPaint, static_cast<double>(m_clock.nsecsElapsed()) / 1e6,
                        static_cast<double>(residentKiB()) / 1024.0);
                    std::fflush(stdout);
                    QApplication::quit();
                });
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer m_clock;
    bool m_done = false;
};
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer startClock;
    startClock.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"triage"_qs);
    QApplication::setApplicationDisplayName(u"Triage"_qs);
    QApplication::setOrganizationName(u"Triage"_qs);
    QApplication::setApplicationVersion(QStringLiteral(TRIAGE_VERSION));
    QApplication::setDesktopFileName(u"org.triage.Triage"_qs);
    QApplication::setWindowIcon(applicationIcon());

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Triage — the service-desk agent console"_qs);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(
        u"profile"_qs, u"Profile folder (cache and settings); one per account."_qs, u"DIR"_qs);
    const QCommandLineOption server(u"server"_qs, u"Server URL, e.g. http://127.0.0.1:8080."_qs, u"URL"_qs);
    const QCommandLineOption user(
        u"user"_qs, u"User name to sign in as (password in TRIAGE_PASSWORD)."_qs, u"NAME"_qs);
    const QCommandLineOption wall(u"wall"_qs, u"Wall dashboard: full screen, read-only, no input needed."_qs);
    const QCommandLineOption wallScreen(
        u"screen"_qs, u"With --wall: the monitor to use (0, 1, …)."_qs, u"N"_qs);
    const QCommandLineOption wallWindowed(
        u"wall-windowed"_qs, u"With --wall: a normal window instead of full screen."_qs);
    const QCommandLineOption demo(
        u"demo-cache"_qs, u"Fill an empty profile cache with N demo tickets."_qs, u"N"_qs);
    const QCommandLineOption lang(u"lang"_qs, u"Interface language: en, ru or system."_qs, u"LANG"_qs);
    const QCommandLineOption theme(u"theme"_qs, u"light, dark or system."_qs, u"THEME"_qs);
    const QCommandLineOption open(u"open"_qs,
        u"Screen to open: queue, kanban, kanban-lanes, ticket, reply, history, sla, links, new-ticket, palette (screenshots)."_qs,
        u"SCREEN"_qs);
    const QCommandLineOption view(u"view"_qs, u"Saved view or board id to open."_qs, u"ID"_qs);
    const QCommandLineOption startupReport(
        u"startup-report"_qs, u"Print first-paint time and memory as JSON, then quit."_qs);
    parser.addOptions({profile, server, user, wall, wallScreen, wallWindowed, demo, lang, theme, open, view,
        startupReport});
    parser.process(app);

    if (parser.isSet(wall)) {
        WallLaunch launch;
        launch.server = QUrl(parser.value(server));
        // The wall signs in with the read-only `wall` account (a viewer; `triaged --demo` seeds it).
        launch.user = parser.isSet(user) ? parser.value(user) : u"wall"_qs;
        launch.profileDir = parser.value(profile);
        if (launch.profileDir.isEmpty())
            launch.profileDir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                    .filePath(u"wall"_qs);
        launch.screen = parser.isSet(wallScreen) ? parser.value(wallScreen).toInt() : -1;
        launch.windowed = parser.isSet(wallWindowed);
        installTranslations(app, parser.isSet(lang) ? parser.value(lang) : u"system"_qs);
        return runWall(app, launch);
    }
    SessionOptions options;
    options.profileDir = parser.value(profile);
    if (options.profileDir.isEmpty())
        options.profileDir
            = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"default"_qs);
    options.serverUrl = parser.value(server);
    options.userName = parser.value(user);
    options.demoCache = parser.value(demo).toLongLong();

    QString error;
    auto session = Session::open(options, &error);
    if (!session) {
        std::fprintf(stderr, "triage: %s\n", qPrintable(error));
        if (!parser.isSet(startupReport) && parser.value(open) != u"quit"_qs)
            QMessageBox::critical(nullptr, u"Triage"_qs,
                error + u"\n\n"_qs
                    + QApplication::translate("main",
                        "Start Triage with another profile folder (--profile DIR), "
                        "or move the damaged one aside and sync again."));
        return 1;
    }
    QSettings *settings = session->settings();
    applyTheme(app,
        parser.isSet(theme) ? parser.value(theme) : settings->value(u"ui/theme"_qs, u"system"_qs).toString());
    const QString language = installTranslations(app,
        parser.isSet(lang) ? parser.value(lang)
                           : settings->value(u"ui/language"_qs, u"system"_qs).toString());

    if (parser.value(open) == u"quit"_qs)
        return 0; // only prepare the profile (scripts/screenshots, benchmarks)

    // Sign in: a token from the keychain opens at once (no network needed); a first start signs in
    // with TRIAGE_PASSWORD or asks. "Work offline" opens the cache; changes sync after sign-in.
    const QString serverUrl
        = options.serverUrl.isEmpty() ? session->store()->meta(u"server_url"_qs) : options.serverUrl;
    const QString userName
        = options.userName.isEmpty() ? session->store()->meta(u"user_name"_qs) : options.userName;
    if (!serverUrl.isEmpty() && !userName.isEmpty() && !parser.isSet(startupReport)
        && options.demoCache == 0) {
        auto *connection
            = new ServerConnection(session->store(), options.profileDir, QUrl(serverUrl), userName);
        bool signedIn = connection->restoreToken();
        QString signInError;
        if (!signedIn && qEnvironmentVariableIsSet("TRIAGE_PASSWORD"))
            signedIn = connection->signIn(qEnvironmentVariable("TRIAGE_PASSWORD"), &signInError);
        if (!signedIn && QGuiApplication::platformName() != u"offscreen"_qs)
            signedIn = askToSignIn(connection, nullptr, signInError);
        if (signedIn) {
            session->attachServer(connection);
        } else {
            std::fprintf(stderr, "triage: working offline on the local cache%s%s\n",
                signInError.isEmpty() ? "" : ": ", qPrintable(signInError));
            delete connection;
        }
    }
    MainWindow window(session.get());
    if (ServerConnection *connection = session->connection()) {
        QObject::connect(connection, &ServerConnection::authRequired, &window, [&window, connection] {
            if (askToSignIn(connection, &window, SignInDialog::sessionExpiredText()))
                connection->engine()->syncNow();
        });
    }
    if (parser.isSet(view))
        window.openView(parser.value(view));
    if (parser.isSet(startupReport))
        window.queuePage()->table()->viewport()->installEventFilter(new FirstPaintProbe(startClock, &window));
    window.show();
    // Screens for docs/screenshots (scripts/screenshots): opened once the window is up.
    const QString screen = parser.value(open);
    const bool ticketScreen = screen == u"ticket"_qs || screen == u"reply"_qs || screen == u"history"_qs
        || screen == u"sla"_qs || screen == u"links"_qs;
    if (screen == u"queue"_qs || ticketScreen)
        window.openView();
    if (screen == u"kanban"_qs || screen == u"kanban-lanes"_qs) {
        const auto boards = session->boards();
        window.openView(boards.size() > 1 ? boards.at(1).id : boards.first().id);
        if (screen == u"kanban-lanes"_qs) { // as if chosen in the board's toolbar (and remembered)
            QComboBox *lanes = window.kanbanPage()->swimlanesCombo();
            lanes->setCurrentIndex(1);
            Q_EMIT lanes->activated(1);
        }
    } else if (ticketScreen) {
        QTimer::singleShot(200, &window, [&window, &session, screen] {
            // A ticket with a conversation makes the better picture.
            QueueModel *m = window.queuePage()->model();
            for (int r = 0; r < std::min(m->rowCount(), 50); ++r) {
                if (session->store()->comments(m->ticketId(r)).size() >= 3) {
                    window.queuePage()->selectTicket(m->ticketId(r));
                    break;
                }
            }
            window.openTicket(window.queuePage()->currentTicketId());
            if (screen == u"reply"_qs && window.ticketPane())
                window.ticketPane()->startReply(false);
            if (screen == u"history"_qs && window.ticketPane())
                window.ticketPane()->showTab(window.ticketPane()->historyView());
            if (screen == u"sla"_qs && window.ticketPane())
                window.ticketPane()->showTab(window.ticketPane()->slaView());
            if (screen == u"links"_qs && window.ticketPane())
                window.ticketPane()->showTab(window.ticketPane()->linksPane());
        });
    } else if (screen == u"new-ticket"_qs) {
        QTimer::singleShot(300, &window, [&window, &session, language] {
            const bool ru = language == u"ru"_qs;
            auto *dialog = new NewTicketDialog(session.get(), &window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->requesterCombo()->setCurrentIndex(3);
            dialog->titleEdit()->setText(ru ? u"Не работает VPN у всего отдела продаж"_qs
                                            : u"VPN is down for the whole sales floor"_qs);
            dialog->descriptionEdit()->setPlainText(
                ru ? u"Звонит руководитель: с 9:00 никто в отделе не может зайти в CRM, это блокирует работу команды."_qs
                   : u"Caller says nobody in sales can reach the CRM since 9:00; this blocks the team's work."_qs);
            dialog->impactCombo()->setCurrentIndex(1);
            dialog->urgencyCombo()->setCurrentIndex(1);
            dialog->show();
        });
    } else if (screen == u"palette"_qs) {
        QTimer::singleShot(300, &window, [&window] { window.showCommandPalette(); });
    }
    const int rc = QApplication::exec();
    return rc;
}
