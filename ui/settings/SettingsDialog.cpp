#include "SettingsDialog.h"

#include "NotificationsPage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace triage {

SettingsDialog::SettingsDialog(QSettings *settings, NotificationsService *notifications, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"settingsDialog"_qs);
    setWindowTitle(tr("Settings"));
    m_language = new QComboBox(this);
    m_language->setObjectName(u"languageComboBox"_qs);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("Follow the system"), u"system"_qs);
    m_language->addItem(u"English"_qs, u"en"_qs);
    m_language->addItem(u"Русский"_qs, u"ru"_qs);
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(settings->value(u"ui/language"_qs, u"system"_qs))));
    m_theme = new QComboBox(this);
    m_theme->setObjectName(u"themeComboBox"_qs);
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("Follow the system"), u"system"_qs);
    m_theme->addItem(tr("Light"), u"light"_qs);
    m_theme->addItem(tr("Dark"), u"dark"_qs);
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(settings->value(u"ui/theme"_qs, u"system"_qs))));
    m_ageing = new QSpinBox(this);
    m_ageing->setObjectName(u"ageingSpinBox"_qs);
    m_ageing->setAccessibleName(tr("Highlight new tickets after"));
    m_ageing->setRange(0, 24 * 60);
    m_ageing->setSuffix(tr(" min"));
    m_ageing->setSpecialValueText(tr("never"));
    m_ageing->setValue(settings->value(u"queue/ageingMinutes"_qs, 15).toInt());
    auto *form = new QFormLayout;
    form->addRow(tr("&Language"), m_language);
    form->addRow(tr("&Theme"), m_theme);
    form->addRow(tr("&Highlight tickets in New after"), m_ageing);
    auto *note = new QLabel(tr("Language and theme apply at once."), this);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *general = new QWidget(m_tabs);
    auto *gl = new QVBoxLayout(general);
    gl->addLayout(form);
    gl->addWidget(note);
    gl->addStretch();
    m_tabs->setObjectName(u"settingsTabs"_qs);
    m_tabs->setAccessibleName(tr("Settings sections"));
    m_tabs->addTab(general, tr("&General"));
    if (notifications)
        m_tabs->addTab(new NotificationsPage(notifications, m_tabs), tr("&Notifications"));
    auto *l = new QVBoxLayout(this);
    l->addWidget(m_tabs);
    l->addWidget(buttons);
}

void SettingsDialog::showNotifications()
{
    m_tabs->setCurrentIndex(m_tabs->count() - 1);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::accept()
{
    m_settings->setValue(u"ui/language"_qs, m_language->currentData());
    m_settings->setValue(u"ui/theme"_qs, m_theme->currentData());
    m_settings->setValue(u"queue/ageingMinutes"_qs, m_ageing->value());
    QDialog::accept();
}

} // namespace triage
