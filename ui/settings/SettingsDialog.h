#pragma once

#include <QDialog>

class QComboBox;
class QSettings;
class QSpinBox;

namespace triage {

// Language (system, English, Russian), theme (system, light, dark) and the ageing rule.
// Language and theme apply at the next start; the ageing rule at once.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(QSettings *settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    void accept() override;

private:
    QSettings *m_settings;
    QComboBox *m_language;
    QComboBox *m_theme;
    QSpinBox *m_ageing;
};

} // namespace triage
