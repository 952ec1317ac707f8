#include "ConsoleApplication.h"

#include "MainWindow.h"
#include "Theme.h"
#include "queues/QueuePage.h"
#include "session/Session.h"
#include "store/LocalCache.h"
#include "sync/SignInFlow.h"
#include "wall/WallMode.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace triage {

namespace {

const QCommandLineOption kProfile(
    u"profile"_qs, u"Profile folder (cache and settings); one per account."_qs, u"DIR"_qs);
const QCommandLineOption kServer(u"server"_qs, u"Server URL, e.g. http://127.0.0.1:8080."_qs, u"URL"_qs);
const QCommandLineOption kUser(
    u"user"_qs, u"User name to sign in as (password in TRIAGE_PASSWORD)."_qs, u"NAME"_qs);
const QCommandLineOption kWall(u"wall"_qs, u"Wall dashboard: full screen, read-only, no input needed."_qs);
const QCommandLineOption kWallScreen(u"screen"_qs, u"With --wall: the monitor to use (0, 1, …)."_qs, u"N"_qs);
const QCommandLineOption kWallWindowed(
    u"wall-windowed"_qs, u"With --wall: a normal window instead of full screen."_qs);
const QCommandLineOption kDemoCache(
    u"demo-cache"_qs, u"Fill an empty profile cache with N demo tickets."_qs, u"N"_qs);
const QCommandLineOption kLang(u"lang"_qs, u"Interface language: en, ru or system."_qs, u"LANG"_qs);
const QCommandLineOption kTheme(u"theme"_qs, u"light, dark or system."_qs, u"THEME"_qs);
const QCommandLineOption kView(u"view"_qs, u"Saved view or board id to open."_qs, u"ID"_qs);
const QCommandLineOption kStartupReport(
    u"startup-report"_qs, u"Print first-paint time and memory as JSON, then quit."_qs);

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

QString defaultProfile(const QString &name)
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(name);
}

} // namespace

ConsoleApplication::ConsoleApplication(QApplication &app)
    : m_app(app)
{
    m_started.start();
    QApplication::setApplicationName(u"triage"_qs);
    QApplication::setApplicationDisplayName(u"Triage"_qs);
    QApplication::setOrganizationName(u"Triage"_qs);
    QApplication::setApplicationVersion(QStringLiteral(TRIAGE_VERSION));
    QApplication::setDesktopFileName(u"org.triage.Triage"_qs);
    QApplication::setWindowIcon(applicationIcon());
    m_parser.setApplicationDescription(u"Triage — the service-desk agent console"_qs);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({kProfile, kServer, kUser, kWall, kWallScreen, kWallWindowed, kDemoCache, kLang,
        kTheme, kView, kStartupReport});
}

// The window before the session: it refers to the session's models.
ConsoleApplication::~ConsoleApplication()
{
    m_window.reset();
}

std::optional<int> ConsoleApplication::prepare()
{
    m_parser.process(m_app);
    const auto language = [this](const QString &fallback) {
        return m_parser.isSet(kLang) ? m_parser.value(kLang) : fallback;
    };
    if (m_parser.isSet(kWall)) {
        WallLaunch launch;
        launch.server = QUrl(m_parser.value(kServer));
        // The wall signs in with the read-only `wall` account (a viewer; `triaged --demo` seeds it),
        // or the one this wall profile remembers (runWall).
        launch.user = m_parser.value(kUser);
        launch.profileDir = m_parser.isSet(kProfile) ? m_parser.value(kProfile) : defaultProfile(u"wall"_qs);
        launch.screen = m_parser.isSet(kWallScreen) ? m_parser.value(kWallScreen).toInt() : -1;
        launch.windowed = m_parser.isSet(kWallWindowed);
        installTranslations(m_app, language(u"system"_qs));
        return runWall(m_app, launch);
    }
    SessionOptions options;
    options.profileDir = m_parser.isSet(kProfile) ? m_parser.value(kProfile) : defaultProfile(u"default"_qs);
    options.serverUrl = m_parser.value(kServer);
    options.userName = m_parser.value(kUser);
    options.demoCache = m_parser.value(kDemoCache).toLongLong();
    m_profileDir = options.profileDir;
    m_demoCache = options.demoCache > 0;

    QString error;
    m_session = Session::open(options, &error);
    if (!m_session) {
        std::fprintf(stderr, "triage: %s\n", qPrintable(error));
        if (!m_parser.isSet(kStartupReport) && QGuiApplication::platformName() != u"offscreen"_qs)
            QMessageBox::critical(nullptr, u"Triage"_qs,
                error + u"\n\n"_qs
                    + QCoreApplication::translate("ConsoleApplication",
                        "Start Triage with another profile folder (--profile DIR), "
                        "or move the damaged one aside and sync again."));
        return 1;
    }
    QSettings *settings = m_session->settings();
    applyTheme(m_app,
        m_parser.isSet(kTheme) ? m_parser.value(kTheme)
                               : settings->value(u"ui/theme"_qs, u"system"_qs).toString());
    m_language
        = installTranslations(m_app, language(settings->value(u"ui/language"_qs, u"system"_qs).toString()));
    m_serverUrl = options.serverUrl.isEmpty() ? m_session->store()->meta().value(u"server_url"_qs)
                                              : options.serverUrl;
    m_userName
        = options.userName.isEmpty() ? m_session->store()->meta().value(u"user_name"_qs) : options.userName;
    return std::nullopt;
}

void ConsoleApplication::signIn()
{
    // A token from the keychain opens at once (no network needed); a first start signs in with
    // TRIAGE_PASSWORD or asks. "Work offline" opens the cache; changes sync after sign-in. Nothing
    // waits here: the window is up and the sign-in (ui/sync/SignInFlow) goes on behind it.
    if (m_serverUrl.isEmpty() || m_userName.isEmpty() || m_parser.isSet(kStartupReport) || m_demoCache)
        return;
    SignInFlow::start(m_session.get(), m_window.get(), m_serverUrl, m_userName,
        QGuiApplication::platformName() != u"offscreen"_qs);
}

void ConsoleApplication::showWindow()
{
    m_window = std::make_unique<MainWindow>(m_session.get());
    MainWindow *window = m_window.get();
    if (m_parser.isSet(kView))
        window->openView(m_parser.value(kView));
    if (m_parser.isSet(kStartupReport))
        window->queuePage()->table()->viewport()->installEventFilter(new FirstPaintProbe(m_started, window));
    window->show();
    signIn();
}

} // namespace triage
