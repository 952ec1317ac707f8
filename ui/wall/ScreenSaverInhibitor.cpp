#include "ScreenSaverInhibitor.h"

#ifdef TRIAGE_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

#include <cstdio>

namespace triage {

namespace {
const char *kService = "org.freedesktop.ScreenSaver";
const char *kPath = "/org/freedesktop/ScreenSaver";
} // namespace

ScreenSaverInhibitor::ScreenSaverInhibitor(QObject *parent)
    : QObject(parent)
{ }

ScreenSaverInhibitor::~ScreenSaverInhibitor()
{
#ifdef TRIAGE_HAVE_DBUS
    if (m_cookie != 0) {
        QDBusMessage m = QDBusMessage::createMethodCall(
            QLatin1String(kService), QLatin1String(kPath), QLatin1String(kService), u"UnInhibit"_qs);
        m << m_cookie;
        QDBusConnection::sessionBus().call(m, QDBus::NoBlock);
    }
#endif
}

void ScreenSaverInhibitor::inhibit(const QString &application, const QString &reason)
{
#ifdef TRIAGE_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        std::fputs("triage: no D-Bus session bus; the screensaver is not inhibited\n", stderr);
        return;
    }
    QDBusMessage m = QDBusMessage::createMethodCall(
        QLatin1String(kService), QLatin1String(kPath), QLatin1String(kService), u"Inhibit"_qs);
    m << application << reason;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(m, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<uint> reply = *w;
        w->deleteLater();
        if (reply.isError()) {
            std::fprintf(
                stderr, "triage: screensaver not inhibited: %s\n", qPrintable(reply.error().message()));
            return;
        }
        m_cookie = reply.value();
        Q_EMIT inhibitedChanged(true);
    });
#else
    Q_UNUSED(application);
    Q_UNUSED(reason);
    std::fputs("triage: built without D-Bus; the screensaver is not inhibited\n", stderr);
#endif
}

} // namespace triage
