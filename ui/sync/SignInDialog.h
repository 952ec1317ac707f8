#pragma once

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace triage {

// First start or an expired session: server, user, password — or work offline on the cache.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    void setServer(const QString &url);
    void setUser(const QString &name);
    void setError(const QString &message);
    static QString sessionExpiredText();
    QString server() const;
    QString user() const;
    QString password() const;
    bool workOffline() const { return m_offline; }
    // While the server is asked the dialog stays open with its inputs disabled.
    void setBusy(bool busy);

Q_SIGNALS:
    // "Sign in" was pressed; the dialog stays open until accept() (or setBusy(false) + setError).
    void signInRequested();

private:
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_error;
    QPushButton *m_signIn;
    bool m_offline = false;
};

class ServerConnection;

// Asks for the password until the server accepts it or the agent chooses to work offline.
// `reason` explains why we ask (e.g. "Your session has expired"). Returns at once (the dialog is
// window-modal, no nested event loop); `done(signedIn)` runs when the dialog closes.
void askToSignIn(ServerConnection *connection, QWidget *parent, const QString &reason,
    std::function<void(bool signedIn)> done);

} // namespace triage
