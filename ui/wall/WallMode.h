#pragma once

#include <QString>
#include <QUrl>

class QApplication;

namespace triage {

struct WallLaunch {
    QUrl server;
    QString user;
    QString profileDir;
    int screen = -1; // -1: the primary screen
    bool windowed = false; // --wall-windowed: a normal window (development)
};

// `triage --wall`: the full-screen dashboard on the chosen monitor, dark, screensaver inhibited.
// Returns the application's exit code.
int runWall(QApplication &app, const WallLaunch &launch);

} // namespace triage
