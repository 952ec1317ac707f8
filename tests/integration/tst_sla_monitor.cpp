// triaged's SLA monitor (server/api/SlaSweeper) in process, on a real SQLite database, with an
// injected clock: wall-clock jumps forward fire every passed level exactly once, jumps back fire
// nothing again, changed tickets are rescheduled, levels older than the catch-up window are not
// executed (their breaches are still recorded), and a resolved ticket is never escalated.
#include "api/SlaSweeper.h"
#include "demo/DemoGenerator.h"
#include "domain/Uuid.h"
#include "storage/DirectoryStore.h"
#include "storage/ServerTicketStore.h"
#include "storage/SlaBreachStore.h"
#include "storage/SlaEscalationStore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace triage;
using namespace triage::server;

namespace {

constexpr qint64 kMin = 60'000;
const qint64 kT0 = QDateTime::fromString(u"2026-03-02T09:00:00Z"_qs, Qt::ISODate).toMSecsSinceEpoch();

} // namespace

class TestSlaMonitor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerDatabase> m_db;
    QString m_lead;
    QString m_group;
    qint64 m_number = 1000;

    QString addTicket(qint64 createdAt, TicketStatus status = TicketStatus::New)
    {
        Ticket t;
        t.id = newId();
        t.number = ++m_number;
        t.title = u"Monitor"_qs;
        t.groupId = m_group;
        t.requesterId = m_lead;
        t.status = status;
        t.assigneeId = status == TicketStatus::New ? QString() : m_lead;
        t.createdAt = createdAt;
        t.updatedAt = createdAt;
        t.version = 1;
        WriteTx tx(*m_db);
        ServerTicketStore(*m_db).insert(t, tx.bumpHead(1));
        tx.commit();
        return t.id;
    }
    int escalationCount(const QString &id) { return int(SlaEscalationStore(*m_db).list(id).size()); }
    Ticket load(const QString &id) { return ServerTicketStore(*m_db).load(id, false)->ticket; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = ServerDatabase::open(m_dir.path(), QString(), &error);
        QVERIFY2(m_db, qPrintable(error));
        User lead;
        lead.id = DemoGenerator::stableId(u"monitor-user"_qs, 0);
        lead.username = u"lead"_qs;
        lead.displayName = u"Lead"_qs;
        lead.role = UserRole::Lead;
        Group g;
        g.id = DemoGenerator::stableId(u"monitor-group"_qs, 0);
        g.name = u"IT"_qs;
        g.leadId = lead.id;
        lead.groupIds << g.id;
        m_lead = lead.id;
        m_group = g.id;
        // Resolution 60 min (24×7): notify at 50 %, raise the priority at 100 %.
        const QJsonObject policy {{u"targets"_qs, QJsonObject {{u"resolution"_qs, 60}}},
            {u"escalations"_qs,
                QJsonArray {QJsonObject {{u"percent"_qs, 50}, {u"action"_qs, u"notify_lead"_qs}},
                    QJsonObject {{u"percent"_qs, 100}, {u"action"_qs, u"raise_priority"_qs}}}}};
        WriteTx tx(*m_db);
        qint64 seq = tx.bumpHead(3);
        DirectoryStore dir(*m_db);
        dir.upsertUser(lead, QString(), seq++);
        dir.upsertGroup(g, seq++);
        dir.upsertConfigDoc(u"sla_policy"_qs,
            QJsonObject {{u"id"_qs, newId()}, {u"name"_qs, u"Hour"_qs}, {u"policy"_qs, policy}}, seq++);
        tx.commit();
    }

    void clockJumpsFireOnce()
    {
        const QString id = addTicket(kT0);
        ManualClock now(kT0 + 10 * kMin);
        SlaSweeper::Options o;
        o.clock = &now;
        SlaSweeper monitor(*m_db, nullptr, o);
        monitor.resyncAll();
        monitor.drainBacklog();
        QCOMPARE(monitor.scheduler().ticketCount(), 1);
        QCOMPARE(monitor.scheduler().pendingCount(), size_t(3)); // notify, raise, breach
        QCOMPARE(*monitor.scheduler().nextWakeUp(), kT0 + 30 * kMin);

        monitor.tick(); // nothing due yet
        QCOMPARE(escalationCount(id), 0);

        now.setNow(kT0 + 3 * 60 * kMin); // the machine slept: forward jump past every level
        monitor.tick();
        QCOMPARE(escalationCount(id), 2);
        QCOMPARE(load(id).priority, Priority::High);
        QCOMPARE(SlaBreachStore(*m_db).list(id).size(), 1);
        QCOMPARE(ServerTicketStore(*m_db).comments(id).size(), 1);

        now.setNow(kT0 + 20 * kMin); // the clock is set back: nothing fires again
        monitor.resyncAll();
        monitor.drainBacklog();
        monitor.tick();
        now.setNow(kT0 + 4 * 60 * kMin);
        monitor.resyncAll();
        monitor.drainBacklog();
        monitor.tick();
        QCOMPARE(escalationCount(id), 2);
        QCOMPARE(load(id).priority, Priority::High); // not raised twice
        QCOMPARE(ServerTicketStore(*m_db).comments(id).size(), 1);

        // A second monitor (another instance on the same database) does nothing again either.
        SlaSweeper other(*m_db, nullptr, o);
        other.resyncAll();
        other.drainBacklog();
        other.tick();
        QCOMPARE(escalationCount(id), 2);
        QCOMPARE(load(id).priority, Priority::High);
    }

    void catchUpWindowAndResolvedTickets()
    {
        // Created three hours ago: its levels were reached long before the monitor saw it.
        const QString old = addTicket(kT0);
        // Resolved before its first level.
        const QString resolved = addTicket(kT0 + 170 * kMin, TicketStatus::Resolved);
        ManualClock now(kT0 + 180 * kMin);
        SlaSweeper::Options o;
        o.clock = &now;
        o.catchUpMs = 60 * kMin;
        SlaSweeper monitor(*m_db, nullptr, o);
        monitor.resyncAll();
        monitor.drainBacklog();
        monitor.tick();
        QCOMPARE(escalationCount(old), 0); // reached 150 and 120 min ago: outside the window
        QCOMPARE(SlaBreachStore(*m_db).list(old).size(), 1); // the breach is recorded all the same
        QCOMPARE(load(old).priority, Priority::Normal);

        // Within the window: a ticket whose levels were reached 10 and 40 minutes ago.
        const QString recent = addTicket(now.nowMs() - 70 * kMin);
        monitor.refresh();
        monitor.drainBacklog();
        monitor.tick();
        QCOMPARE(escalationCount(recent), 2);

        now.advance(120 * kMin);
        monitor.tick();
        QCOMPARE(escalationCount(resolved), 0);
        QCOMPARE(ServerTicketStore(*m_db).comments(resolved).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSlaMonitor)
#include "tst_sla_monitor.moc"
