#include "GuiTestSupport.h"
#include "common/SlaStyle.h"
#include "domain/Time.h"
#include "models/TicketCache.h"
#include "notifications/NotificationCenter.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusContext>
#include <QDBusMessage>
#include <QtTest>

using namespace triage;
using namespace triage::test;

// A notification server on the (private) session bus that records every Notify call: the real
// D-Bus round trip, on its own connection, as a desktop's notification daemon would see it.
class NotifyRecorder : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call {
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        uint id;
    };
    QList<Call> calls;
    QString onlyFrom; // other test processes on the same bus may notify too: keep ours only

public Q_SLOTS:
    Q_SCRIPTABLE uint Notify(const QString &, uint, const QString &, const QString &summary,
        const QString &body, const QStringList &actions, const QVariantMap &hints, int)
    {
        if (!onlyFrom.isEmpty() && calledFromDBus() && message().service() != onlyFrom)
            return 1000;
        calls << Call {summary, body, actions, hints, static_cast<uint>(calls.size() + 1)};
        return static_cast<uint>(calls.size());
    }
    Q_SCRIPTABLE QStringList GetCapabilities() { return {u"actions"_qs, u"body"_qs}; }
};

class TestNotifications : public QObject
{
    Q_OBJECT

private:
    QDBusConnection m_server = QDBusConnection(u"unset"_qs);
    NotifyRecorder m_recorder;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("no D-Bus session bus: run under tests/support/with-services or dbus-run-session");
        m_server = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"notify-recorder"_qs);
        QVERIFY(m_server.isConnected());
        QVERIFY(m_server.registerObject(
            u"/org/freedesktop/Notifications"_qs, &m_recorder, QDBusConnection::ExportScriptableSlots));
        QVERIFY(m_server.registerService(u"org.freedesktop.Notifications"_qs));
        m_recorder.onlyFrom = QDBusConnection::sessionBus().baseService();
        QTRY_VERIFY(DBusNotifier::isAvailable());
    }

    void init() { m_recorder.calls.clear(); }

    void assignedToMeWithActionsAndTake()
    {
        TestProfile p;
        NotificationCenter center(p.session.get(), new DBusNotifier);
        QSignalSpy open(&center, &NotificationCenter::openRequested);
        // The server assigns an unassigned ticket to agent1 (a sync page, not a local edit).
        QString id;
        p.session->store()->tickets().forEachTicket([&](Ticket &&t) {
            if (id.isEmpty() && t.assigneeId.isEmpty() && t.status == TicketStatus::New)
                id = t.id;
        });
        auto t = p.session->store()->tickets().ticket(id);
        t->assigneeId = p.session->userId();
        t->version += 1;
        QVERIFY(p.session->store()->tickets().upsertTickets({*t}));
        QTRY_COMPARE(m_recorder.calls.size(), 1);
        const auto &call = m_recorder.calls.first();
        QVERIFY(call.summary.startsWith(u"Assigned to you"_qs));
        QCOMPARE(call.body, t->title);
        QCOMPARE(call.actions, (QStringList {u"open"_qs, u"Open"_qs, u"take"_qs, u"Take"_qs}));
        QCOMPARE(call.hints.value(u"desktop-entry"_qs).toString(), u"org.triage.Triage"_qs);

        // The user clicks "Open" in the desktop's bubble.
        QDBusMessage signal = QDBusMessage::createSignal(
            u"/org/freedesktop/Notifications"_qs, u"org.freedesktop.Notifications"_qs, u"ActionInvoked"_qs);
        signal << call.id << u"open"_qs;
        QVERIFY(m_server.send(signal));
        QTRY_COMPARE(open.count(), 1);
        QCOMPARE(open.first().first().toString(), id);
    }

    void requesterReplyAndOwnEditsAreQuiet()
    {
        TestProfile p;
        NotificationCenter center(p.session.get(), new DBusNotifier);
        QString id;
        p.session->store()->tickets().forEachTicket([&](Ticket &&t) {
            if (id.isEmpty() && t.assigneeId == p.session->userId() && t.status == TicketStatus::InProgress)
                id = t.id;
        });
        QVERIFY(!id.isEmpty());
        // My own change (pending in the outbox) does not notify me.
        QVERIFY(p.session->editor());
        const auto t = p.session->store()->tickets().ticket(id);
        Comment c {u"01900000-0000-7000-8000-00000000c001"_qs, id, t->requesterId, true,
            u"Still broken, sorry"_qs, nowMs()};
        QVERIFY(p.session->store()->tickets().upsertComments({c}));
        QTRY_COMPARE(m_recorder.calls.size(), 1);
        QVERIFY(m_recorder.calls.first().summary.startsWith(u"Requester replied"_qs));
        QCOMPARE(m_recorder.calls.first().body, u"Still broken, sorry"_qs);
    }

    void slaWarningsBreachQuietHoursAndRealert()
    {
        TestProfile p;
        Ticket draft;
        draft.title = u"Payroll export fails"_qs;
        draft.priority = Priority::High; // first response 4 h, resolution 8 h in the default policy
        const auto created = p.session->editor()->createTicket(draft);
        QVERIFY(created);
        QVERIFY(p.session->editor()->assignToMe(created->id));
        // The cache's SLA snapshot: high priority, default policy → first response due in 4 h,
        // warned at 75 % of it.
        const auto stored = p.session->store()->tickets().ticket(created->id);
        QVERIFY(stored && stored->sla.due != SlaSnapshot::kNone && stored->sla.warnAt != SlaSnapshot::kNone);
        QCOMPARE(stored->sla.due - created->createdAt, 4 * 3600000LL);
        QCOMPARE(stored->sla.warnAt - created->createdAt, 3 * 3600000LL);
        ManualClock now(created->createdAt);
        NotificationCenter center(p.session.get(), new DBusNotifier);
        center.setClock(&now);
        center.setRealertMinutes(10);
        // Demo tickets of the profile may cross thresholds at the same fake instants: count ours.
        auto mine = [this, &draft] {
            QList<NotifyRecorder::Call> out;
            for (const auto &c : m_recorder.calls) {
                if (c.body == draft.title)
                    out << c;
            }
            return out;
        };

        now.setNow(stored->sla.warnAt - 60000);
        center.checkSla();
        QTest::qWait(50);
        QCOMPARE(mine().size(), 0);
        now.setNow(stored->sla.warnAt + 60000);
        center.checkSla();
        QTRY_COMPARE(mine().size(), 1);
        QVERIFY(mine().last().summary.startsWith(u"SLA warning"_qs));
        QCOMPARE(mine().last().hints.value(u"urgency"_qs).toInt(), 1);
        center.checkSla(); // nothing new
        QTest::qWait(50);
        QCOMPARE(mine().size(), 1);
        const int unacked = center.unacknowledged();
        QVERIFY(unacked >= 1);

        // Not acknowledged for 10 minutes: said again.
        now.advance(11 * 60000);
        center.checkSla();
        QTRY_COMPARE(mine().size(), 2);

        // Quiet hours swallow warnings, never a breach.
        const QTime t = QDateTime::fromMSecsSinceEpoch(now.nowMs()).time();
        center.setQuietHours(t.addSecs(-3600), t.addSecs(3 * 3600));
        now.advance(11 * 60000); // a re-alert falls into quiet hours
        center.checkSla();
        QTest::qWait(50);
        QCOMPARE(mine().size(), 2);
        now.setNow(stored->sla.due + 60000);
        center.checkSla();
        QTRY_COMPARE(mine().size(), 3);
        QVERIFY(mine().last().summary.startsWith(u"SLA breached"_qs));
        QCOMPARE(mine().last().hints.value(u"urgency"_qs).toInt(), 2);
        const int before = center.unacknowledged();
        center.acknowledge(created->id);
        QCOMPARE(center.unacknowledged(), before - 1);
    }

    void trayFallbackWithoutDbus()
    {
        TestProfile p;
        auto *tray = new TrayNotifier;
        NotificationCenter center(p.session.get(), tray);
        Notification n;
        n.summary = u"Assigned to you: #7"_qs;
        tray->show(n);
        QCOMPARE(tray->lastShown(), n.summary);
        QCOMPARE(tray->backendName(), u"tray"_qs);
    }
};

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
