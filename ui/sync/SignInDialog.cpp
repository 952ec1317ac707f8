#include "SignInDialog.h"

#include "session/ServerConnection.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace triage {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_server(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_signIn(nullptr)
{
    setObjectName(u"signInDialog"_qs);
    setWindowTitle(tr("Sign in to Triage"));
    m_server->setObjectName(u"serverLineEdit"_qs);
    m_server->setPlaceholderText(u"https://desk.example.com"_qs);
    m_server->setAccessibleName(tr("Server address"));
    m_user->setObjectName(u"userLineEdit"_qs);
    m_user->setAccessibleName(tr("User name"));
    m_password->setObjectName(u"passwordLineEdit"_qs);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_error->setObjectName(u"errorLabel"_qs);
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);

    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setDefault(true);
    QPushButton *offline = buttons->addButton(tr("Work offline"), QDialogButtonBox::RejectRole);
    offline->setObjectName(u"workOfflineButton"_qs);
    offline->setToolTip(tr("Open the tickets already on this computer; changes sync after you sign in"));
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signInRequested);
    connect(offline, &QPushButton::clicked, this, [this] {
        m_offline = true;
        reject();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    m_password->setFocus();
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::setServer(const QString &url)
{
    m_server->setText(url);
}
void SignInDialog::setUser(const QString &name)
{
    m_user->setText(name);
}

void SignInDialog::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString SignInDialog::sessionExpiredText()
{
    return tr("Your session has expired. Sign in again; your changes are kept.");
}

QString SignInDialog::server() const
{
    return m_server->text().trimmed();
}
QString SignInDialog::user() const
{
    return m_user->text().trimmed();
}
QString SignInDialog::password() const
{
    return m_password->text();
}

void SignInDialog::setBusy(bool busy)
{
    m_password->setEnabled(!busy);
    m_signIn->setEnabled(!busy);
    if (!busy)
        m_password->setFocus();
}

void askToSignIn(ServerConnection *connection, QWidget *parent, const QString &reason,
    std::function<void(bool signedIn)> done)
{
    auto *dialog = new SignInDialog(parent);
    dialog->setServer(connection->server().toString());
    dialog->setUser(connection->userName());
    dialog->setError(reason);
    QObject::connect(dialog, &QDialog::finished, dialog, [dialog, done = std::move(done)](int result) {
        dialog->deleteLater();
        if (done)
            done(result == QDialog::Accepted);
    });
    QObject::connect(dialog, &SignInDialog::signInRequested, connection, [dialog, connection] {
        dialog->setBusy(true);
        connection->signIn(dialog->password());
    });
    QObject::connect(connection, &ServerConnection::signedIn, dialog, &QDialog::accept);
    QObject::connect(connection, &ServerConnection::signInFailed, dialog, [dialog](const QString &error) {
        dialog->setError(error);
        dialog->setBusy(false);
    });
    dialog->open();
}

} // namespace triage
