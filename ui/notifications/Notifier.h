#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace triage {

// One desktop notification as the console means it; backends turn it into D-Bus or tray calls.
struct Notification {
    enum class Kind { AssignedToMe, RequesterReplied, Mention, SlaWarning, SlaBreach };
    Kind kind = Kind::AssignedToMe;
    QString ticketId;
    QString summary;
    QString body;
    bool critical = false; // urgency "critical": stays until dismissed
};

// Where notifications go. `actionInvoked` carries "open" or "take" and the ticket id.
class Notifier : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    using QObject::QObject;
    ~Notifier() override;
    virtual void show(const Notification &n) = 0;
    virtual QString backendName() const = 0;

Q_SIGNALS:
    void actionInvoked(const QString &action, const QString &ticketId);
};

// org.freedesktop.Notifications on the session bus, with "Open" and "Take" actions and the
// desktop-entry hint. Calls are asynchronous: a slow or absent server never blocks the UI.
class DBusNotifier final : public Notifier
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DBusNotifier)

public:
    explicit DBusNotifier(QObject *parent = nullptr);
    ~DBusNotifier() override;
    // True when a notification server owns the name on the session bus.
    static bool isAvailable();
    void show(const Notification &n) override;
    QString backendName() const override { return u"dbus"_qs; }

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);

private:
    QHash<uint, QString> m_ticketById;
};

// Fallback without D-Bus: the tray icon's balloon (the tray badge is kept by NotificationCenter).
class TrayNotifier final : public Notifier
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)

public:
    explicit TrayNotifier(QObject *parent = nullptr);
    ~TrayNotifier() override;
    void show(const Notification &n) override;
    QString backendName() const override { return u"tray"_qs; }
    QString lastShown() const { return m_last; }

private:
    QString m_last;
    QString m_lastTicket;
};

} // namespace triage
