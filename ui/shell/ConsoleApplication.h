#pragma once

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QString>

#include <memory>
#include <optional>

class QApplication;

namespace triage {

class MainWindow;
class Session;

// The console's start-up, out of main() (as KeePassXC does): the application's identity, the
// command line, the profile's session, sign-in, theme and language, the main window or the wall.
// main() and tools built on the real console (triage-shots) share it:
//     ConsoleApplication console(app);
//     if (auto rc = console.prepare()) return *rc;
//     console.showWindow();
//     return app.exec();
class ConsoleApplication final
{
public:
    explicit ConsoleApplication(QApplication &app);
    ~ConsoleApplication();
    ConsoleApplication(const ConsoleApplication &) = delete;
    ConsoleApplication &operator=(const ConsoleApplication &) = delete;

    // Add a tool's own options here before prepare().
    QCommandLineParser &parser() { return m_parser; }

    // Parses the command line and opens the profile, theme and language. Returns an exit code when
    // the program ends here (the wall ran to its end, the profile could not be opened), otherwise
    // nullopt: showWindow() next.
    std::optional<int> prepare();
    // Shows the main window, then signs in behind it (keychain token, TRIAGE_PASSWORD or the
    // dialog; offline otherwise).
    void showWindow();

    Session *session() const { return m_session.get(); }
    MainWindow *window() const { return m_window.get(); }
    QString language() const { return m_language; }

private:
    void signIn();

    QApplication &m_app;
    QElapsedTimer m_started;
    QCommandLineParser m_parser;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
    QString m_language;
    QString m_profileDir;
    QString m_serverUrl;
    QString m_userName;
    bool m_demoCache = false;
};

} // namespace triage
