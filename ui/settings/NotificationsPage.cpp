#include "NotificationsPage.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace triage {

NotificationsPage::NotificationsPage(NotificationsService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_status(new QLabel(this))
    , m_instructions(new QLabel(this))
    , m_link(new QPushButton(tr("&Link Telegram…"), this))
    , m_copy(new QPushButton(tr("&Copy command"), this))
    , m_unlink(new QPushButton(tr("&Unlink"), this))
    , m_assigned(new QCheckBox(tr("Tickets &assigned to me"), this))
    , m_critical(new QCheckBox(tr("&Critical tickets in my groups"), this))
    , m_sla(new QCheckBox(tr("&SLA warnings and breaches of my tickets"), this))
    , m_escalations(new QCheckBox(tr("&Escalations to me as a group lead"), this))
    , m_problem(new QLabel(this))
    , m_watch(new QTimer(this))
{
    setObjectName(u"notificationsPage"_qs);
    m_status->setObjectName(u"telegramStatus"_qs);
    m_status->setWordWrap(true);
    m_instructions->setObjectName(u"telegramInstructions"_qs);
    m_instructions->setWordWrap(true);
    m_instructions->setOpenExternalLinks(true);
    m_instructions->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_instructions->hide();
    m_link->setObjectName(u"linkTelegramButton"_qs);
    m_copy->setObjectName(u"copyCommandButton"_qs);
    m_copy->hide();
    m_unlink->setObjectName(u"unlinkTelegramButton"_qs);
    m_problem->setObjectName(u"notificationsProblem"_qs);
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    m_problem->hide();
    for (QCheckBox *box : {m_assigned, m_critical, m_sla, m_escalations}) {
        box->setEnabled(false);
        connect(box, &QCheckBox::toggled, this, &NotificationsPage::save);
    }
    m_assigned->setObjectName(u"alertAssigned"_qs);
    m_critical->setObjectName(u"alertCritical"_qs);
    m_sla->setObjectName(u"alertSla"_qs);
    m_escalations->setObjectName(u"alertEscalations"_qs);

    auto *telegram = new QGroupBox(tr("Telegram"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_link);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_unlink);
    buttons->addStretch();
    auto *tl = new QVBoxLayout(telegram);
    tl->addWidget(m_status);
    tl->addWidget(m_instructions);
    tl->addLayout(buttons);
    auto *alerts = new QGroupBox(tr("Send me in Telegram"), this);
    auto *al = new QVBoxLayout(alerts);
    for (QCheckBox *box : {m_assigned, m_critical, m_sla, m_escalations})
        al->addWidget(box);
    auto *note = new QLabel(
        tr("Alerts come with buttons: Take assigns the ticket to you, Open shows it in the chat. "
           "Desktop notifications for SLA deadlines stay on in the console."),
        alerts);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    al->addWidget(note);
    auto *l = new QVBoxLayout(this);
    l->addWidget(telegram);
    l->addWidget(alerts);
    l->addWidget(m_problem);
    l->addStretch();

    m_watch->setInterval(3000);
    connect(m_watch, &QTimer::timeout, m_service, &NotificationsService::load);
    connect(m_service, &NotificationsService::loaded, this, &NotificationsPage::display);
    connect(m_service, &NotificationsService::linkReady, this, &NotificationsPage::showCode);
    connect(m_service, &NotificationsService::failed, this, &NotificationsPage::showProblem);
    connect(m_link, &QPushButton::clicked, m_service, &NotificationsService::requestLink);
    connect(m_unlink, &QPushButton::clicked, m_service, &NotificationsService::unlink);
    connect(
        m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_command); });
    m_status->setText(tr("Loading…"));
    m_link->setEnabled(false);
    m_unlink->hide();
    m_service->load();
}

NotificationsPage::~NotificationsPage() = default;

void NotificationsPage::display(const NotificationSettings &s)
{
    m_current = s;
    m_loaded = true;
    m_problem->hide();
    const QList<std::pair<QCheckBox *, bool>> boxes {
        {m_assigned, s.assigned}, {m_critical, s.critical}, {m_sla, s.sla}, {m_escalations, s.escalations}};
    for (const auto &[box, on] : boxes) {
        const QSignalBlocker block(box);
        box->setChecked(on);
        box->setEnabled(true);
    }
    if (s.telegramLinked) {
        m_watch->stop();
        m_instructions->hide();
        m_copy->hide();
        const QString who
            = s.telegramUsername.isEmpty() ? tr("your Telegram account") : u"@"_qs + s.telegramUsername;
        m_status->setText(tr("Linked to %1 since %2.")
                              .arg(who, QLocale().toString(s.linkedAt.toLocalTime(), QLocale::ShortFormat)));
        m_link->hide();
        m_unlink->show();
        m_unlink->setEnabled(true);
    } else {
        m_unlink->hide();
        m_link->show();
        m_link->setEnabled(s.telegramAvailable);
        if (!m_watch->isActive()) {
            m_status->setText(s.telegramAvailable
                    ? tr("Not linked. Link your Telegram account to get alerts away from the desk.")
                    : tr("No Telegram bot is connected to the server yet: ask an administrator."));
        }
    }
}

void NotificationsPage::showCode(const TelegramLinkCode &code)
{
    m_command = code.command;
    const QString until = QLocale().toString(code.expiresAt.toLocalTime().time(), QLocale::ShortFormat);
    QString text;
    if (!code.url.isEmpty()) {
        text = tr("Open <a href=\"%1\">%2</a> and press Start, or send <b>%3</b> to %4. The code works once, "
                  "until %5.")
                   .arg(code.url.toHtmlEscaped(), code.url.mid(8).toHtmlEscaped(),
                       code.command.toHtmlEscaped(), code.bot.toHtmlEscaped(), until);
    } else {
        text = tr("Send <b>%1</b> to the support bot in Telegram. The code works once, until %2.")
                   .arg(code.command.toHtmlEscaped(), until);
    }
    m_instructions->setText(text);
    m_instructions->show();
    m_copy->show();
    m_status->setText(tr("Waiting for the bot to receive the code…"));
    m_watch->start();
    // The code expires: stop looking then.
    QTimer::singleShot(
        std::max<qint64>(0, QDateTime::currentDateTime().msecsTo(code.expiresAt)), this, [this] {
            if (!m_current.telegramLinked) {
                m_watch->stop();
                m_instructions->hide();
                m_copy->hide();
                m_status->setText(tr("The code has expired. Link again to get a new one."));
            }
        });
}

void NotificationsPage::showProblem(NotificationsService::Problem problem, const QString &detail)
{
    QString sentence;
    switch (problem) {
    case NotificationsService::Problem::Offline:
        sentence = tr("Connect to the server to see and change notifications.");
        break;
    case NotificationsService::Problem::Unreachable:
        sentence = tr("The server cannot be reached (%1): notification settings are kept there.").arg(detail);
        break;
    case NotificationsService::Problem::NoBot:
        sentence = tr("No Telegram bot is connected to the server yet: ask an administrator.");
        break;
    case NotificationsService::Problem::Refused:
        sentence = detail;
        break;
    }
    m_problem->setText(sentence);
    m_problem->show();
    if (!m_loaded) {
        m_status->setText(sentence);
        m_problem->hide();
    }
}

void NotificationsPage::save()
{
    if (!m_loaded)
        return;
    NotificationSettings s = m_current;
    s.assigned = m_assigned->isChecked();
    s.critical = m_critical->isChecked();
    s.sla = m_sla->isChecked();
    s.escalations = m_escalations->isChecked();
    m_service->saveAlerts(s);
}

} // namespace triage
