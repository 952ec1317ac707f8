#include "GuiTestSupport.h"
#include "kanban/KanbanController.h"
#include "kanban/KanbanPage.h"
#include "models/KanbanColumnModel.h"
#include "models/TicketCache.h"
#include "store/TicketStore.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QMimeData>
#include <QtTest>

#include <memory>

using namespace triage;
using namespace triage::test;

class TestKanban : public QObject
{
    Q_OBJECT

private:
    static Board itBoard(Session *s)
    {
        for (const auto &b : s->boards()) {
            if (b.name == u"IT"_qs)
                return b;
        }
        return s->boards().first();
    }

private Q_SLOTS:
    void columnsFollowTheBoardAndPassModelTester()
    {
        TestProfile p;
        KanbanController k(p.session->cache(), p.session->editor());
        k.setClock([] { return kNow; });
        k.setBoard(itBoard(p.session.get()));
        QCOMPARE(k.columnCount(), 5);
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (int c = 0; c < k.columnCount(); ++c)
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                k.column(c), QAbstractItemModelTester::FailureReportingMode::QtTest));
        int total = 0;
        for (int c = 0; c < k.columnCount(); ++c) {
            total += k.column(c)->rowCount();
            for (int r = 0; r < k.column(c)->rowCount(); ++r) {
                const QString id = k.column(c)->ticketId(r);
                QCOMPARE(k.board().columnOf(p.session->store()->ticket(id)->status), c);
            }
        }
        QVERIFY(total > 20);
        QVERIFY(k.overWipLimit(1)); // IT's In progress has a WIP limit of 10 in the demo data
        // Cards expose their text to accessibility.
        QVERIFY(k.column(1)
                    ->data(k.column(1)->index(0), Qt::AccessibleTextRole)
                    .toString()
                    .contains(u"priority"_qs));
    }

    void dropMovesThroughTheEditorAndMarksPending()
    {
        TestProfile p;
        KanbanController k(p.session->cache(), p.session->editor());
        k.setClock([] { return kNow; });
        k.setBoard(itBoard(p.session.get()));
        QAbstractItemModelTester t0(k.column(0), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t1(k.column(1), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString id = k.column(0)->ticketId(0);
        const int pendingBefore = p.session->store()->pendingCount();
        // What a drop of a dragged card does: the source's mime data into the target column.
        std::unique_ptr<QMimeData> data(k.column(0)->mimeData({k.column(0)->index(0)}));
        QVERIFY(k.column(1)->canDropMimeData(data.get(), Qt::MoveAction, 2, 0, {}));
        k.column(1)->dropMimeData(data.get(), Qt::MoveAction, 2, 0, {});
        QCOMPARE(k.find(id).first, 1);
        QCOMPARE(k.find(id).second, 2);
        QCOMPARE(p.session->store()->ticket(id)->status, TicketStatus::InProgress);
        QCOMPARE(p.session->store()->pendingCount(), pendingBefore + 1);
        QVERIFY(k.column(1)->data(k.column(1)->index(2), KanbanColumnModel::PendingRole).toBool());
        QCOMPARE(p.session->store()->pendingOutbox().last().type, u"ticket.move"_qs);
    }

    void invalidMoveIsRefusedWithTheReason()
    {
        TestProfile p;
        KanbanPage page(p.session.get());
        page.controller()->setClock([] { return kNow; });
        page.showBoard(itBoard(p.session.get()));
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        // In progress → Closed skips Resolved: refused, nothing written.
        KanbanController *k = page.controller();
        const QString id = k->column(1)->ticketId(0);
        const int pendingBefore = p.session->store()->pendingCount();
        QSignalSpy refused(k, &KanbanController::refused);
        QVERIFY(!k->moveTo(id, 4, 0));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(refused.first().at(1).toString(), u"Resolve the ticket before closing it."_qs);
        QVERIFY(page.bannerText().contains(u"Resolve the ticket before closing it."_qs));
        QCOMPARE(p.session->store()->pendingCount(), pendingBefore);
        QCOMPARE(k->find(id).first, 1);
    }

    void keyboardMovesCards()
    {
        TestProfile p;
        KanbanPage page(p.session.get());
        page.controller()->setClock([] { return kNow; });
        page.showBoard(itBoard(p.session.get()));
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QListView *waiting = page.columnView(2);
        waiting->setFocus();
        waiting->setCurrentIndex(waiting->model()->index(0, 0));
        const QString id = page.currentTicketId();
        QVERIFY(!id.isEmpty());
        QTest::keyClick(waiting, Qt::Key_Left, Qt::ControlModifier); // Waiting → In progress
        QCOMPARE(page.controller()->find(id).first, 1);
        QCOMPARE(p.session->store()->ticket(id)->status, TicketStatus::InProgress);
        QCOMPARE(page.currentTicketId(), id); // focus follows the card
        QListView *inProgress = page.columnView(1);
        QVERIFY(inProgress->hasFocus());
        QTest::keyClick(inProgress, Qt::Key_Down, Qt::ControlModifier); // one place down
        QCOMPARE(page.controller()->find(id).second, 1);
        QTest::keyClick(inProgress, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(page.controller()->find(id).second, 0);
    }

    void closedColumnShowsRecentUnlessShowAll()
    {
        TestProfile p(2000);
        KanbanController k(p.session->cache(), p.session->editor());
        qint64 now = kNow + 5 * 86400000LL; // five days after the demo timeline ends
        k.setClock([&now] { return now; });
        k.setBoard(p.session->boards().first());
        const int recent = k.column(4)->rowCount();
        const int hidden = k.hiddenCount(4);
        QVERIFY(hidden > 0);
        k.setShowAll(true);
        QCOMPARE(k.column(4)->rowCount(), recent + hidden);
        QCOMPARE(k.hiddenCount(4), 0);
    }
};

QTEST_MAIN(TestKanban)
#include "tst_kanban.moc"
