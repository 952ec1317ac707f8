#include "WallMode.h"

#include "ScreenSaverInhibitor.h"
#include "WallController.h"
#include "WallPainter.h"
#include "WallWindow.h"
#include "shell/Theme.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QKeyEvent>
#include <QPainter>
#include <QScreen>
#include <QSettings>
#include <QTimer>
#include <QWindow>

#include <cstdio>

namespace triage {

namespace {

// A wall that does not know its server yet (a new profile, no --server): says how to point it at
// one, in the wall's own style, instead of a black screen. Esc closes it.
class WallSetupWindow final : public QWidget
{
public:
    explicit WallSetupWindow(QStringList lines)
        : m_lines(std::move(lines))
    {
        setWindowTitle(u"Triage"_qs);
        QTimer *clock = new QTimer(this);
        connect(clock, &QTimer::timeout, this, qOverload<>(&QWidget::update));
        clock->start(30'000);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        WallPainter::State st;
        st.localNowMs = QDateTime::currentMSecsSinceEpoch();
        st.setup = m_lines;
        WallPainter::paint(p, size(), st);
    }
    void keyPressEvent(QKeyEvent *e) override
    {
        if (e->key() == Qt::Key_Escape)
            close();
    }

private:
    QStringList m_lines;
};

} // namespace

QStringList wallSetupText()
{
    return {QApplication::translate("triage::WallMode", "This wall is not connected to a server yet"),
        QApplication::translate(
            "triage::WallMode", "Start it once with the address of your Triage server, for example:"),
        u"triage --wall --server https://triage.example.com:8443"_qs,
        QApplication::translate("triage::WallMode",
            "It signs in with the read-only account “wall” (another one with --user NAME); give its "
            "password in TRIAGE_PASSWORD the first time. The wall remembers the server and the account "
            "from then on: “triage --wall” is enough."),
        QApplication::translate("triage::WallMode", "Esc closes this screen.")};
}

int runWall(QApplication &app, const WallLaunch &given)
{
    WallLaunch launch = given;
    QDir().mkpath(launch.profileDir);
    // The server and account are remembered per wall profile: after the first start a kiosk's
    // autostart entry needs no arguments.
    QSettings remembered(QDir(launch.profileDir).filePath(u"wall.ini"_qs), QSettings::IniFormat);
    if (launch.server.isEmpty())
        launch.server = QUrl(remembered.value(u"wall/server"_qs).toString());
    if (launch.user.isEmpty())
        launch.user = remembered.value(u"wall/user"_qs, u"wall"_qs).toString();
    applyTheme(app, u"dark"_qs);
    if (!launch.server.isValid() || launch.server.isEmpty() || launch.user.isEmpty()) {
        std::fputs("triage: --wall needs --server URL (and --user NAME, default wall: a read-only viewer "
                   "account; password in TRIAGE_PASSWORD the first time)\n",
            stderr);
        WallSetupWindow setup(wallSetupText());
        if (launch.windowed) {
            setup.resize(1280, 720);
            setup.show();
        } else {
            setup.showFullScreen();
        }
        QApplication::exec();
        return 2;
    }
    remembered.setValue(u"wall/server"_qs, launch.server.toString());
    remembered.setValue(u"wall/user"_qs, launch.user);
    remembered.sync();

    WallController::Options o;
    o.server = launch.server;
    o.user = launch.user;
    o.password = qEnvironmentVariable("TRIAGE_PASSWORD");
    o.profileDir = launch.profileDir;
    if (const int ms = qEnvironmentVariableIntValue("TRIAGE_WALL_POLL_MS"); ms > 0)
        o.pollMs = ms;
    if (const int ms = qEnvironmentVariableIntValue("TRIAGE_WALL_MAX_BACKOFF_MS"); ms > 0)
        o.maxBackoffMs = ms;
    WallController controller(o);
    WallWindow window(&controller);

    const QList<QScreen *> screens = QGuiApplication::screens();
    QScreen *screen = QGuiApplication::primaryScreen();
    if (launch.screen >= 0) {
        if (launch.screen >= screens.size()) {
            std::fprintf(stderr, "triage: --screen %d: there are %lld screens (0 to %lld)\n", launch.screen,
                static_cast<long long>(screens.size()), static_cast<long long>(screens.size() - 1));
            return 2;
        }
        screen = screens.at(launch.screen);
    }
    ScreenSaverInhibitor inhibitor;
    inhibitor.inhibit(
        u"Triage"_qs, QApplication::translate("triage::WallMode", "Showing the service desk wall dashboard"));
    if (launch.windowed) {
        window.resize(1280, 720);
        window.show();
    } else {
        window.setGeometry(screen->geometry());
        window.showFullScreen();
        if (window.windowHandle())
            window.windowHandle()->setScreen(screen);
    }
    controller.start();
    return QApplication::exec();
}

} // namespace triage
