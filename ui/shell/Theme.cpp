#include "Theme.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QPointer>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

namespace triage {

namespace {
bool g_dark = false;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe8, 0xe8, 0xe8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3d));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x00, 0x72, 0xB2)); // Okabe–Ito blue
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x56, 0xB4, 0xE9));
    p.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5e));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x00, 0x72, 0xB2));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf8));
    return p;
}
} // namespace

void applyTheme(QApplication &app, const QString &theme)
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_qs));
    bool dark = theme == u"dark"_qs;
    if (theme == u"system"_qs || theme.isEmpty())
        dark = QGuiApplication::palette().color(QPalette::Window).lightness()
            < 128; // Qt 6.4: no colorScheme()
    g_dark = dark;
    app.setPalette(dark ? darkPalette() : lightPalette());
}

bool isDarkTheme()
{
    return g_dark;
}

QString installTranslations(QApplication &app, const QString &language)
{
    QString lang = language;
    if (lang.isEmpty() || lang == u"system"_qs)
        lang = QLocale::system().name().startsWith(u"ru"_qs) ? u"ru"_qs : u"en"_qs;
    QLocale::setDefault(QLocale(lang == u"ru"_qs ? QLocale::Russian : QLocale::English,
        lang == u"ru"_qs ? QLocale::Russia : QLocale::UnitedStates));
    // A second call switches live: the old translators go, every widget gets a LanguageChange event
    // and retranslates itself (changeEvent -> retranslateUi).
    static QPointer<QTranslator> mine;
    static QPointer<QTranslator> qt;
    for (QPointer<QTranslator> *t : {&mine, &qt}) {
        if (*t) {
            QApplication::removeTranslator(*t);
            delete t->data();
        }
    }
    mine = new QTranslator(&app);
    if (mine->load(u":/i18n/triage_"_qs + lang))
        QApplication::installTranslator(mine);
    qt = new QTranslator(&app);
    if (qt->load(u"qtbase_"_qs + lang, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    return lang;
}

QIcon applicationIcon()
{
    return QIcon::fromTheme(u"org.triage.Triage"_qs, QIcon(u":/icons/org.triage.Triage.svg"_qs));
}

} // namespace triage
