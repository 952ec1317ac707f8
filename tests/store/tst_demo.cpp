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

    // `triaged --demo` as a newcomer meets it (issue 24): a Monday morning's inflow, titles that read
    // apart without numbers, nothing in the future, no week-old ticket left untouched.
    void demoLooksLikeAWorkingDesk()
    {
        DemoGenerator gen;
        const qint64 end = 1800000000000;
        gen.setTimeline(500, end, 60, 6);
        QSet<QString> titles;
        int fresh = 0, freshOpen = 0, untakenOld = 0;
        for (qint64 i = 0; i < 500; ++i) {
            const Ticket t = gen.ticket(i);
            const bool open = t.status != TicketStatus::Closed && t.status != TicketStatus::Resolved;
            const qint64 age = end - t.createdAt;
            QVERIFY2(!t.title.contains(u"(#"_qs), qPrintable(t.title));
            if (open || age <= 6 * 3600000LL) { // the queue reads apart; history repeats subjects
                QVERIFY2(!titles.contains(t.title), qPrintable(t.title));
                titles.insert(t.title);
            }
            QVERIFY(t.createdAt <= end && t.updatedAt <= end && t.updatedAt >= t.createdAt);
            const QList<Comment> comments = gen.comments(t, i);
            for (const Comment &c : comments)
                QVERIFY2(c.createdAt <= end && c.createdAt >= t.createdAt, qPrintable(t.title));
            for (const TicketEvent &e : gen.history(t, comments))
                QVERIFY(e.at <= end);
            if (open && t.status != TicketStatus::New) {
                // Taken tickets were answered: their first comment is the agent's public reply.
                QVERIFY2(!comments.isEmpty() && comments.first().isPublic
                        && comments.first().authorId != t.requesterId,
                    qPrintable(t.title));
            }
            if (t.status == TicketStatus::New)
                QVERIFY(comments.isEmpty());
            if (age <= 6 * 3600000LL) {
                ++fresh;
                freshOpen += open;
            }
            if (open && age > 7 * 86400000LL && t.status != TicketStatus::Waiting)
                ++untakenOld;
        }
        QVERIFY2(fresh >= 40 && fresh <= 45, qPrintable(QString::number(fresh)));
        QVERIFY(freshOpen >= fresh / 2);
        QCOMPARE(untakenOld, 0);
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
