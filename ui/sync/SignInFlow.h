#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace triage {

class ServerConnection;
class Session;

// The console's start-up sign-in, without waiting anywhere: a token saved by an earlier sign-in
// opens at once (no network needed); else TRIAGE_PASSWORD; else, when there is a screen, the
// sign-in dialog over `window`; else the cache alone. Once signed in the session adopts the
// connection and starts live sync, and a later expiry asks again. Deletes itself when settled.
class SignInFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInFlow)

public:
    // `serverUrl` as typed (core/net/ServerUrl normalises it). `interactive`: a dialog may be shown.
    static void start(Session *session, QWidget *window, const QString &serverUrl, const QString &userName,
        bool interactive);

Q_SIGNALS:
    void finished(bool signedIn);

private:
    SignInFlow(Session *session, QWidget *window, ServerConnection *connection, bool interactive);
    void restored(bool found);
    void stopListening();
    void ask(const QString &reason);
    void attach();
    void workOffline(const QString &reason);

    Session *m_session;
    QWidget *m_window;
    ServerConnection *m_connection;
    bool m_interactive;
    QMetaObject::Connection m_onSignedIn;
    QMetaObject::Connection m_onRefused;
};

} // namespace triage
