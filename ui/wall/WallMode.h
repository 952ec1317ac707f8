#pragma once

#include <QString>
#include <QStringList>
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
// An empty server or user: the ones this wall profile remembers (wall.ini), else a screen that
// says how to point the wall at a server.
int runWall(QApplication &app, const WallLaunch &launch);
// That screen's lines (translated): a title, then the explanation.
QStringList wallSetupText();

} // namespace triage
