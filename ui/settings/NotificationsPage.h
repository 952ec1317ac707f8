#pragma once

#include "net/NotificationsService.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTimer;

namespace triage {

// Settings → Notifications: which alerts reach the agent in Telegram, and linking their Telegram
// account with a one-time code (a t.me link to open, or "/start CODE" to send to the bot). While
// a code is waiting the page looks again every few seconds, so it shows "Linked" by itself once
// the bot has the code. Everything is on the server (NotificationsService); offline it says so.
class NotificationsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationsPage)

public:
    explicit NotificationsPage(NotificationsService *service, QWidget *parent = nullptr);
    ~NotificationsPage() override;

private:
    void display(const NotificationSettings &s);
    void showCode(const TelegramLinkCode &code);
    void showProblem(NotificationsService::Problem problem, const QString &detail);
    void save();

    NotificationsService *m_service;
    NotificationSettings m_current;
    bool m_loaded = false;
    QLabel *m_status;
    QLabel *m_instructions;
    QPushButton *m_link;
    QPushButton *m_copy;
    QPushButton *m_unlink;
    QCheckBox *m_assigned;
    QCheckBox *m_critical;
    QCheckBox *m_sla;
    QCheckBox *m_escalations;
    QLabel *m_problem;
    QTimer *m_watch;
    QString m_command;
};

} // namespace triage
