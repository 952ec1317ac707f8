#pragma once

#include <QDialog>

class QComboBox;
class QTabWidget;
class QSettings;
class QSpinBox;

namespace triage {

class NotificationsService;

// General: language (system, English, Russian), theme (system, light, dark) and the ageing rule.
// Notifications (with a signed-in account): the agent's Telegram alerts (NotificationsPage).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // `notifications` null: no Notifications tab (no account).
    explicit SettingsDialog(
        QSettings *settings, NotificationsService *notifications = nullptr, QWidget *parent = nullptr);
    void showNotifications();
    ~SettingsDialog() override;
    void accept() override;

private:
    QSettings *m_settings;
    QComboBox *m_language;
    QComboBox *m_theme;
    QSpinBox *m_ageing;
    QTabWidget *m_tabs;
};

} // namespace triage
