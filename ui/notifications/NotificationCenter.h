#pragma once

#include "Notifier.h"
#include "domain/Clock.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTime>
#include <QTimer>

class QSystemTrayIcon;

namespace triage {

class Session;

// Decides what deserves a notification (assigned to me, requester replied, SLA warning at the
// policy's percentages, breach), respects quiet hours, re-alerts an unacknowledged SLA warning,
// and keeps the tray badge (count of unacknowledged items). Never the only signal for a breach:
// the queue shows it too.
class NotificationCenter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationCenter)

public:
    NotificationCenter(Session *session, Notifier *notifier, QObject *parent = nullptr);
    ~NotificationCenter() override;

    void setClock(const Clock *clock) { m_clock = clock; } // null: the process-wide clock
    void setQuietHours(QTime from, QTime to)
    {
        m_quietFrom = from;
        m_quietTo = to;
    }
    void setRealertMinutes(int minutes) { m_realertMs = static_cast<qint64>(minutes) * 60000; }
    bool isQuiet(qint64 at) const;
    int unacknowledged() const { return static_cast<int>(m_unacked.size()); }
    Notifier *notifier() const { return m_notifier; }
    void acknowledge(const QString &ticketId);

    // Checks SLA thresholds for my open tickets now (a timer calls it every 30 s).
    void checkSla();

Q_SIGNALS:
    void openRequested(const QString &ticketId);
    void badgeChanged(int count);

private:
    void onRowsChanged(const QList<int> &rows);
    void onCommentsAdded(const QString &ticketId);
    void post(const Notification &n);
    void updateTray();

    Session *m_session;
    Notifier *m_notifier;
    const Clock *m_clock = nullptr;
    QHash<int, quint16> m_assigneeOf; // cache row → last seen assignee
    QHash<QString, int> m_commentCount;
    QHash<QString, int> m_slaLevel; // ticket → highest level notified (percent, 100 = breach)
    QHash<QString, qint64> m_unacked; // ticket → when its SLA alert was last shown
    QTime m_quietFrom;
    QTime m_quietTo;
    qint64 m_realertMs = 10 * 60000;
    QTimer m_slaTimer;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace triage
