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
    QPushButton *signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    signIn->setDefault(true);
    QPushButton *offline = buttons->addButton(tr("Work offline"), QDialogButtonBox::RejectRole);
    offline->setObjectName(u"workOfflineButton"_qs);
    offline->setToolTip(tr("Open the tickets already on this computer; changes sync after you sign in"));
    connect(signIn, &QPushButton::clicked, this, &QDialog::accept);
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

bool askToSignIn(ServerConnection *connection, QWidget *parent, const QString &reason)
{
    SignInDialog dialog(parent);
    dialog.setServer(connection->server().toString());
    dialog.setUser(connection->userName());
    dialog.setError(reason);
    for (;;) {
        if (dialog.exec() != QDialog::Accepted)
            return false;
        QString error;
        if (connection->signIn(dialog.password(), &error))
            return true;
        dialog.setError(error);
    }
}

} // namespace triage
