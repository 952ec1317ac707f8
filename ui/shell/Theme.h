#pragma once

#include <QString>

class QApplication;
class QIcon;
class QTranslator;

namespace triage {

// Light and dark palettes on the Fusion style (same look on every desktop, high-DPI clean).
// `theme`: "light", "dark" or "system" (follows the platform's colour scheme).
void applyTheme(QApplication &app, const QString &theme);
bool isDarkTheme();

// The application icon: the desktop theme's `org.triage.Triage` (installed with the package) or the
// copy compiled in (resources/icons).
QIcon applicationIcon();

// Installs the console's translation and Qt's own for `language` ("en", "ru" or "system").
// Returns the language actually used.
QString installTranslations(QApplication &app, const QString &language);

} // namespace triage
