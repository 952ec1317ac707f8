#include "WallMode.h"

#include "ScreenSaverInhibitor.h"
#include "WallController.h"
#include "WallWindow.h"
#include "shell/Theme.h"

#include <QApplication>
#include <QDir>
#include <QScreen>
#include <QWindow>

#include <cstdio>

namespace triage {

int runWall(QApplication &app, const WallLaunch &launch)
{
    if (!launch.server.isValid() || launch.server.isEmpty() || launch.user.isEmpty()) {
        std::fputs("triage: --wall needs --server URL (and --user NAME, default wall: a read-only viewer "
                   "account; password in TRIAGE_PASSWORD the first time)\n",
            stderr);
        return 2;
    }
    QDir().mkpath(launch.profileDir);
    applyTheme(app, u"dark"_qs);

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
