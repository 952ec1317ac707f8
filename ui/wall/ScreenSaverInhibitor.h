#pragma once

#include <QObject>

namespace triage {

// Keeps the screen on while the wall runs: org.freedesktop.ScreenSaver.Inhibit on the session bus
// (KDE, GNOME, Xfce and most others implement it), released with UnInhibit on destruction. A
// missing bus or service is not an error: the wall runs anyway and says so once on stderr.
class ScreenSaverInhibitor final : public QObject
{
    Q_OBJECT

public:
    explicit ScreenSaverInhibitor(QObject *parent = nullptr);
    ~ScreenSaverInhibitor() override;

    void inhibit(const QString &application, const QString &reason);
    bool isInhibited() const { return m_cookie != 0; }

Q_SIGNALS:
    void inhibitedChanged(bool inhibited);

private:
    uint m_cookie = 0;
};

} // namespace triage
