#include "SignInFlow.h"

#include "SignInDialog.h"
#include "net/ServerUrl.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "sync/SyncEngine.h"

#include <QPointer>
#include <QWidget>

#include <cstdio>
#include <memory>

namespace triage {

namespace {

// After sign-in: an expired or revoked token asks again (once at a time), then syncs at once.
void askAgainWhenExpired(ServerConnection *connection, QWidget *window)
{
    auto asking = std::make_shared<bool>(false);
    QObject::connect(connection, &ServerConnection::authRequired, window, [connection, window, asking] {
        if (*asking)
            return;
        *asking = true;
        askToSignIn(
            connection, window, SignInDialog::sessionExpiredText(), [connection, asking](bool signedIn) {
                *asking = false;
                if (signedIn)
                    connection->engine()->syncNow();
            });
    });
}

} // namespace

SignInFlow::SignInFlow(Session *session, QWidget *window, ServerConnection *connection, bool interactive)
    : QObject(window)
    , m_session(session)
    , m_window(window)
    , m_connection(connection)
    , m_interactive(interactive)
{ }

void SignInFlow::start(
    Session *session, QWidget *window, const QString &serverUrl, const QString &userName, bool interactive)
{
    const QUrl server = parseServerUrl(serverUrl).value_or(QUrl(serverUrl));
    auto *connection
        = new ServerConnection(session->store(), session->options().profileDir, server, userName);
    auto *flow = new SignInFlow(session, window, connection, interactive);
    connection->setParent(flow); // until the session adopts it
    connect(connection, &ServerConnection::restoreFinished, flow, &SignInFlow::restored,
        Qt::SingleShotConnection);
    connection->restoreToken();
}

void SignInFlow::restored(bool found)
{
    if (found) {
        attach();
        return;
    }
    if (!qEnvironmentVariableIsSet("TRIAGE_PASSWORD")) {
        ask({});
        return;
    }
    m_onSignedIn = connect(m_connection, &ServerConnection::signedIn, this, [this] {
        stopListening();
        attach();
    });
    m_onRefused = connect(m_connection, &ServerConnection::signInFailed, this, [this](const QString &error) {
        stopListening();
        ask(error); // e.g. a changed password: the dialog says why it asks
    });
    m_connection->signIn(qEnvironmentVariable("TRIAGE_PASSWORD"));
}

void SignInFlow::stopListening()
{
    disconnect(m_onSignedIn);
    disconnect(m_onRefused);
}

void SignInFlow::ask(const QString &reason)
{
    if (!m_interactive) {
        workOffline(reason);
        return;
    }
    askToSignIn(m_connection, m_window, reason, [self = QPointer<SignInFlow>(this)](bool signedIn) {
        if (!self)
            return;
        if (signedIn)
            self->attach();
        else
            self->workOffline({});
    });
}

void SignInFlow::attach()
{
    m_session->attachServer(m_connection);
    askAgainWhenExpired(m_connection, m_window);
    Q_EMIT finished(true);
    deleteLater();
}

void SignInFlow::workOffline(const QString &reason)
{
    std::fprintf(stderr, "triage: working offline on the local cache%s%s\n", reason.isEmpty() ? "" : ": ",
        qPrintable(reason));
    delete m_connection;
    m_connection = nullptr;
    Q_EMIT finished(false);
    deleteLater();
}

} // namespace triage
