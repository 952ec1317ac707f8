#include "GuiTestSupport.h"
#include "common/Texts.h"
#include "kanban/KanbanController.h"
#include "kanban/KanbanPage.h"
#include "models/KanbanColumnModel.h"
#include "models/TicketCache.h"
#include "shell/Theme.h"
#include "store/LocalCache.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QListView>
#include <QMimeData>
#include <QtTest>

#include <memory>
#include <numeric>

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
        k.setClock(fixedClock());
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
                QCOMPARE(k.board().columnOf(p.session->store()->tickets().ticket(id)->status), c);
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
        k.setClock(fixedClock());
        k.setBoard(itBoard(p.session.get()));
        QAbstractItemModelTester t0(k.column(0), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t1(k.column(1), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString id = k.column(0)->ticketId(0);
        const int pendingBefore = p.session->store()->outbox().pendingCount();
        // What a drop of a dragged card does: the source's mime data into the target column.
        std::unique_ptr<QMimeData> data(k.column(0)->mimeData({k.column(0)->index(0)}));
        QVERIFY(k.column(1)->canDropMimeData(data.get(), Qt::MoveAction, 2, 0, {}));
        k.column(1)->dropMimeData(data.get(), Qt::MoveAction, 2, 0, {});
        QCOMPARE(k.find(id).first, 1);
        QCOMPARE(k.find(id).second, 2);
        QCOMPARE(p.session->store()->tickets().ticket(id)->status, TicketStatus::InProgress);
        QCOMPARE(p.session->store()->outbox().pendingCount(), pendingBefore + 1);
        QVERIFY(k.column(1)->data(k.column(1)->index(2), KanbanColumnModel::PendingRole).toBool());
        QCOMPARE(p.session->store()->outbox().pending().last().type, u"ticket.move"_qs);
    }

    void invalidMoveIsRefusedWithTheReason()
    {
        TestProfile p;
        KanbanPage page(p.session.get());
        page.controller()->setClock(fixedClock());
        page.showBoard(itBoard(p.session.get()));
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        // In progress → Closed skips Resolved: refused, nothing written.
        KanbanController *k = page.controller();
        const QString id = k->column(1)->ticketId(0);
        const int pendingBefore = p.session->store()->outbox().pendingCount();
        QSignalSpy refused(k, &KanbanController::refused);
        QVERIFY(!k->moveTo(id, 4, 0));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(refused.first().at(1).toString(), u"Resolve the ticket before closing it."_qs);
        QVERIFY(page.bannerText().contains(u"Resolve the ticket before closing it."_qs));
        QCOMPARE(p.session->store()->outbox().pendingCount(), pendingBefore);
        QCOMPARE(k->find(id).first, 1);
    }

    void keyboardMovesCards()
    {
        TestProfile p;
        KanbanPage page(p.session.get());
        page.controller()->setClock(fixedClock());
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
        QCOMPARE(p.session->store()->tickets().ticket(id)->status, TicketStatus::InProgress);
        QCOMPARE(page.currentTicketId(), id); // focus follows the card
        QListView *inProgress = page.columnView(1);
        QVERIFY(inProgress->hasFocus());
        QTest::keyClick(inProgress, Qt::Key_Down, Qt::ControlModifier); // one place down
        QCOMPARE(page.controller()->find(id).second, 1);
        QTest::keyClick(inProgress, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(page.controller()->find(id).second, 0);
    }

    // Lanes by priority: every card in the cell of its priority and column, the lanes add up to the
    // columns, a drop into another lane is refused with the reason, a move within the lane changes
    // the status only, and a priority change (a sync) moves the card to its new lane.
    void swimlanesByPriorityGroupCountAndMove()
    {
        TestProfile p;
        KanbanController k(p.session->cache(), p.session->editor());
        k.setClock(fixedClock());
        k.setBoard(itBoard(p.session.get()));
        std::vector<int> plain;
        for (int c = 0; c < k.columnCount(); ++c)
            plain.push_back(k.columnTotal(c));
        QSignalSpy lanesChanged(&k, &KanbanController::lanesChanged);
        k.setSwimlanes(Swimlanes::Priority);
        QCOMPARE(lanesChanged.count(), 1);
        QCOMPARE(k.laneCount(), 4);
        QCOMPARE(k.laneTitle(0), u"Critical"_qs);
        QCOMPARE(k.laneTitle(3), u"Low"_qs);
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (int l = 0; l < k.laneCount(); ++l) {
            for (int c = 0; c < k.columnCount(); ++c)
                testers.push_back(std::make_unique<QAbstractItemModelTester>(
                    k.cell(l, c), QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
        for (int c = 0; c < k.columnCount(); ++c) {
            int sum = 0;
            for (int l = 0; l < k.laneCount(); ++l) {
                KanbanColumnModel *cell = k.cell(l, c);
                sum += cell->rowCount();
                for (int r = 0; r < cell->rowCount(); ++r) {
                    const auto t = p.session->store()->tickets().ticket(cell->ticketId(r));
                    QCOMPARE(int(t->priority), l);
                    QCOMPARE(k.board().columnOf(t->status), c);
                }
            }
            QCOMPARE(sum, plain[static_cast<size_t>(c)]);
            QCOMPARE(k.columnTotal(c), plain[static_cast<size_t>(c)]);
        }
        int lanesTotal = 0;
        for (int l = 0; l < k.laneCount(); ++l)
            lanesTotal += k.laneTotal(l);
        QCOMPARE(lanesTotal, std::accumulate(plain.begin(), plain.end(), 0));

        // A High card from New dropped into the Normal lane's In progress cell: refused, nothing written.
        const int high = int(Priority::High);
        const int normal = int(Priority::Normal);
        QVERIFY(k.cell(high, 0)->rowCount() > 0);
        const QString id = k.cell(high, 0)->ticketId(0);
        const int pendingBefore = p.session->store()->outbox().pendingCount();
        QSignalSpy refused(&k, &KanbanController::refused);
        std::unique_ptr<QMimeData> data(k.cell(high, 0)->mimeData({k.cell(high, 0)->index(0)}));
        k.cell(normal, 1)->dropMimeData(data.get(), Qt::MoveAction, 0, 0, {});
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.first().at(1).toString().contains(u"drop it in its own lane (High)"_qs),
            qPrintable(refused.first().at(1).toString()));
        QCOMPARE(p.session->store()->outbox().pendingCount(), pendingBefore);
        QCOMPARE(p.session->store()->tickets().ticket(id)->status, TicketStatus::New);
        QCOMPARE(k.laneOfTicket(id), high);

        // The same card into its own lane's In progress cell: moved, the priority untouched.
        const int inProgressBefore = k.cell(high, 1)->rowCount();
        k.cell(high, 1)->dropMimeData(data.get(), Qt::MoveAction, 1, 0, {});
        QCOMPARE(p.session->store()->tickets().ticket(id)->status, TicketStatus::InProgress);
        QCOMPARE(p.session->store()->tickets().ticket(id)->priority, Priority::High);
        QCOMPARE(k.cell(high, 1)->rowCount(), inProgressBefore + 1);
        QCOMPARE(k.find(id), std::make_pair(1, 1));
        QCOMPARE(k.laneOfTicket(id), high);

        // A sync lowers its priority: the card changes lanes, the counts follow.
        const int lowBefore = k.laneTotal(int(Priority::Low));
        auto t = p.session->store()->tickets().ticket(id);
        t->priority = Priority::Low;
        t->version += 1;
        QVERIFY(p.session->store()->tickets().upsertTickets({*t}));
        QCOMPARE(k.laneOfTicket(id), int(Priority::Low));
        QCOMPARE(k.laneTotal(int(Priority::Low)), lowBefore + 1);
        QCOMPARE(k.cell(high, 1)->rowCount(), inProgressBefore);
        QCOMPARE(k.find(id).first, 1);
    }

    // Lanes by assignee on the page: chosen in the toolbar, remembered per board, headings with
    // counts, keyboard moves stay in the lane; a card given to someone without a lane gets one.
    void swimlanesByAssigneeOnThePageAreRemembered()
    {
        installTranslations(*qobject_cast<QApplication *>(QCoreApplication::instance()), u"en"_qs); // plurals
        TestProfile p;
        const Board board = itBoard(p.session.get());
        {
            KanbanPage page(p.session.get());
            page.controller()->setClock(fixedClock());
            page.showBoard(board);
            page.resize(1200, 800);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QCOMPARE(page.cardViews().size(), page.controller()->columnCount());
            QComboBox *lanes = page.swimlanesCombo();
            lanes->setCurrentIndex(lanes->findData(int(Swimlanes::Assignee)));
            Q_EMIT lanes->activated(lanes->currentIndex());
            KanbanController *k = page.controller();
            QCOMPARE(k->swimlanes(), Swimlanes::Assignee);
            QVERIFY(k->laneCount() >= 2);
            QCOMPARE(k->laneTitle(0), u"Unassigned"_qs);
            QCOMPARE(page.cardViews().size(), k->laneCount() * k->columnCount());
            for (int l = 0; l < k->laneCount(); ++l) {
                QCOMPARE(page.laneHeaderText(l),
                    k->laneTitle(l) + u" — "_qs + QString::number(k->laneTotal(l))
                        + (k->laneTotal(l) == 1 ? u" card"_qs : u" cards"_qs));
                for (int c = 0; c < k->columnCount(); ++c) {
                    QCOMPARE(page.cellView(l, c)->model(), k->cell(l, c));
                    QCOMPARE(page.cellView(l, c)->accessibleName(),
                        k->laneTitle(l) + u" — "_qs + Texts::builtInName(board.columns[c].title));
                }
            }
            // Keyboard: Ctrl+Right from Waiting in a person's lane lands in Resolved, same lane.
            int lane = -1;
            for (int l = 1; l < k->laneCount() && lane < 0; ++l) {
                if (k->cell(l, 2)->rowCount() > 0)
                    lane = l;
            }
            QVERIFY(lane > 0);
            QListView *waiting = page.cellView(lane, 2);
            waiting->setFocus();
            waiting->setCurrentIndex(waiting->model()->index(0, 0));
            const QString id = page.currentTicketId();
            QTest::keyClick(waiting, Qt::Key_Right, Qt::ControlModifier);
            QCOMPARE(p.session->store()->tickets().ticket(id)->status, TicketStatus::Resolved);
            QCOMPARE(k->laneOfTicket(id), lane);
            QCOMPARE(k->find(id).first, 3);
            QVERIFY(page.cellView(lane, 3)->hasFocus());
            QCOMPARE(page.currentTicketId(), id);

            // Someone with no cards on the board takes one: a new lane appears.
            const int before = k->laneCount();
            QString newcomer;
            for (quint16 u : p.session->directory()->staff()) {
                bool hasCards = false;
                for (int l = 1; l < k->laneCount(); ++l)
                    hasCards = hasCards || k->laneTitle(l) == p.session->directory()->user(u).displayName;
                if (!hasCards) {
                    newcomer = p.session->directory()->user(u).id;
                    break;
                }
            }
            QVERIFY(!newcomer.isEmpty()); // the demo has agents outside IT
            {
                auto t = p.session->store()->tickets().ticket(id);
                t->assigneeId = newcomer;
                t->version += 1;
                QVERIFY(p.session->store()->tickets().upsertTickets({*t}));
                QCOMPARE(k->laneCount(), before + 1);
                QCOMPARE(page.cardViews().size(), k->laneCount() * k->columnCount());
                QCOMPARE(k->laneTitle(k->laneOfTicket(id)),
                    p.session->directory()->user(p.session->directory()->findUser(newcomer)).displayName);
            }
        }
        // Remembered for this board.
        KanbanPage again(p.session.get());
        again.showBoard(board);
        QCOMPARE(again.controller()->swimlanes(), Swimlanes::Assignee);
        QCOMPARE(again.swimlanesCombo()->currentData().toInt(), int(Swimlanes::Assignee));
    }

    void closedColumnShowsRecentUnlessShowAll()
    {
        TestProfile p(2000);
        KanbanController k(p.session->cache(), p.session->editor());
        const ManualClock now(kNow + 5 * 86400000LL); // five days after the demo timeline ends
        k.setClock(&now);
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
