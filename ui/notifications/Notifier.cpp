#include "Notifier.h"

#include <QApplication>
#include <QSystemTrayIcon>

#ifdef TRIAGE_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif

namespace triage {

namespace {
QString kService()
{
    return u"org.freedesktop.Notifications"_qs;
}
QString kPath()
{
    return u"/org/freedesktop/Notifications"_qs;
}
} // namespace

Notifier::~Notifier() = default;

DBusNotifier::DBusNotifier(QObject *parent)
    : Notifier(parent)
{
#ifdef TRIAGE_HAVE_DBUS
    QDBusConnection::sessionBus().connect(
        kService(), kPath(), kService(), u"ActionInvoked"_qs, this, SLOT(onActionInvoked(uint, QString)));
#endif
}

DBusNotifier::~DBusNotifier() = default;

bool DBusNotifier::isAvailable()
{
#ifdef TRIAGE_HAVE_DBUS
    auto bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface() && bus.interface()->isServiceRegistered(kService()).value();
#else
    return false;
#endif
}

void DBusNotifier::show(const Notification &n)
{
#ifdef TRIAGE_HAVE_DBUS
    QDBusMessage call = QDBusMessage::createMethodCall(kService(), kPath(), kService(), u"Notify"_qs);
    const QStringList actions {u"open"_qs, tr("Open"), u"take"_qs, tr("Take")};
    QVariantMap hints;
    hints.insert(u"desktop-entry"_qs, u"org.triage.Triage"_qs);
    hints.insert(u"urgency"_qs, QVariant::fromValue(static_cast<uchar>(n.critical ? 2 : 1)));
    hints.insert(u"category"_qs,
        n.kind == Notification::Kind::SlaBreach || n.kind == Notification::Kind::SlaWarning
            ? u"x-triage.sla"_qs
            : u"x-triage.ticket"_qs);
    call << QApplication::applicationDisplayName() << 0u << u"triage"_qs << n.summary << n.body << actions
         << hints << static_cast<int>(n.critical ? 0 : -1);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, id = n.ticketId] {
        QDBusPendingReply<uint> reply = *watcher;
        if (!reply.isError())
            m_ticketById.insert(reply.value(), id);
        watcher->deleteLater();
    });
#else
    Q_UNUSED(n);
#endif
}

void DBusNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    const auto it = m_ticketById.constFind(id);
    if (it != m_ticketById.constEnd())
        Q_EMIT actionInvoked(actionKey, *it);
}

TrayNotifier::TrayNotifier(QObject *parent)
    : Notifier(parent)
{ }

TrayNotifier::~TrayNotifier() = default;

void TrayNotifier::show(const Notification &n)
{
    m_last = n.summary;
    m_lastTicket = n.ticketId;
    // The tray icon itself belongs to NotificationCenter; find it among our parent's children.
    if (auto *tray = parent() ? parent()->findChild<QSystemTrayIcon *>() : nullptr;
        tray && tray->isVisible()) {
        tray->showMessage(
            n.summary, n.body, n.critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information);
        connect(
            tray, &QSystemTrayIcon::messageClicked, this,
            [this] { Q_EMIT actionInvoked(u"open"_qs, m_lastTicket); }, Qt::SingleShotConnection);
    }
}

} // namespace triage
