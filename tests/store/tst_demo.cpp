#include "demo/DemoGenerator.h"
#include "domain/Uuid.h"

#include <QSet>
#include <QtTest>

using namespace triage;

class TestDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void organisationHasTheDocumentedAccounts()
    {
        DemoGenerator gen;
        const auto &org = gen.organisation();
        for (const auto &name : {u"admin"_qs, u"lead"_qs, u"agent1"_qs, u"agent5"_qs, u"requester01"_qs})
            QVERIFY2(org.userByName(name), qPrintable(name));
        QCOMPARE(org.userByName(u"admin"_qs)->role, UserRole::Admin);
        QCOMPARE(org.groups.size(), 4);
        for (const auto &u : org.users)
            QVERIFY2(u.validate().isEmpty(), qPrintable(describe(u.validate())));
        for (const auto &b : org.boards)
            QVERIFY(b.validate().isEmpty());
    }

    void deterministicAndValid()
    {
        DemoGenerator a;
        DemoGenerator b;
        QSet<QString> ids;
        int russian = 0;
        int open = 0;
        for (qint64 i = 0; i < 2000; ++i) {
            const Ticket t = a.ticket(i);
            QCOMPARE(t, b.ticket(i));
            QVERIFY2(t.validate().isEmpty(), qPrintable(describe(t.validate())));
            QVERIFY(!ids.contains(t.id));
            ids.insert(t.id);
            for (const auto &c : a.comments(t, i))
                QVERIFY(c.validate().isEmpty());
            QCOMPARE(a.comments(t, i), b.comments(t, i));
            if (t.title.at(0).unicode() >= 0x400)
                ++russian;
            if (t.status != TicketStatus::Closed && t.status != TicketStatus::Resolved)
                ++open;
        }
        QVERIFY(russian > 400 && russian < 1600); // both languages well represented
        QVERIFY(open > 100 && open < 1000); // a live backlog and a history
        DemoGenerator other(7);
        QVERIFY(other.ticket(5).title != a.ticket(5).title || other.ticket(6).title != a.ticket(6).title
            || other.ticket(7).title != a.ticket(7).title);
    }

    void timelineEndsAtTheGivenInstant()
    {
        DemoGenerator gen;
        const qint64 end = 1800000000000;
        gen.setTimeline(1000, end, 30);
        QVERIFY(gen.ticket(999).createdAt <= end);
        QVERIFY(gen.ticket(999).createdAt > end - 86400000);
        QVERIFY(gen.ticket(0).createdAt >= end - 31LL * 86400000);
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
