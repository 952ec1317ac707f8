#include "GuiTestSupport.h"
#include "domain/Workflow.h"
#include "kanban/KanbanController.h"
#include "kanban/KanbanPage.h"
#include "models/NavigationModel.h"
#include "models/QueueModel.h"
#include "queues/QueueColumns.h"
#include "queues/QueueController.h"
#include "queues/QueuePage.h"
#include "reports/ReportTableModel.h"
#include "reports/ReportsPage.h"
#include "shell/MainWindow.h"
#include "shell/SyncIndicator.h"
#include "shell/Theme.h"
#include "store/LocalCache.h"
#include "ticket/TicketController.h"
#include "ticket/TicketView.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace triage;
using namespace triage::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A viewer account in the normal console: the synced directory turns agent1 into a viewer while
    // the window is open; every edit path is closed (actions, fields, composer, drag, bulk, new
    // views), each says why, and nothing reaches the outbox.
    void viewerAccountIsReadOnly()
    {
        TestProfile p(300);
        Session *s = p.session.get();
        MainWindow w(s);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!s->isReadOnly());
        QVERIFY(w.readOnlyText().isEmpty());
        const auto action = [&w](const QString &name) {
            for (QAction *a : w.commandActions()) {
                if (a->objectName() == name)
                    return a;
            }
            return static_cast<QAction *>(nullptr);
        };
        QVERIFY(action(u"assignToMeAction"_qs)->isEnabled());

        QSignalSpy access(s, &Session::accessChanged);
        QJsonObject me;
        for (const QJsonObject &u : s->store()->referenceData().entities(u"user"_qs)) {
            if (u.value(u"id"_qs).toString() == s->userId())
                me = u;
        }
        QVERIFY(!me.isEmpty());
        me.insert(u"role"_qs, u"viewer"_qs);
        QVERIFY(s->store()->referenceData().putEntities(u"user"_qs, {me})); // as a sync delivers it
        QCOMPARE(access.count(), 1);
        QVERIFY(s->isReadOnly());
        QCOMPARE(s->role(), UserRole::Viewer);
        QVERIFY(w.readOnlyText().contains(u"Read-only account"_qs));
        for (const QString &name : {u"newTicketAction"_qs, u"assignToMeAction"_qs, u"replyAction"_qs,
                 u"noteAction"_qs, u"moveLeftAction"_qs, u"moveRightAction"_qs, u"editViewAction"_qs})
            QVERIFY2(!action(name)->isEnabled(), qPrintable(name));
        QVERIFY(action(u"openAction"_qs)->isEnabled()); // reading is fine
        QVERIFY(w.newTicket().isEmpty());

        // The queue: bulk actions and "Save as view…" disabled; A on an unassigned ticket does nothing.
        QueuePage *queue = w.queuePage();
        const int all = w.navigationModel()->rowOfView(s->views().last().id);
        w.sidebar()->setCurrentIndex(w.navigationModel()->index(all));
        int row = 0;
        while (row < queue->model()->rowCount()
            && !s->store()->tickets().ticket(queue->model()->ticketId(row))->assigneeId.isEmpty())
            ++row;
        QVERIFY(row < queue->model()->rowCount());
        const QString id = queue->model()->ticketId(row);
        queue->table()->setFocus();
        queue->table()->selectRow(row);
        QTest::keyClick(queue->table(), Qt::Key_A);
        QVERIFY(s->store()->tickets().ticket(id)->assigneeId.isEmpty());
        QCOMPARE(s->store()->outbox().pendingCount(), 0);
        QVERIFY(queue->controller()->isReadOnly());
        QCOMPARE(queue->controller()->assignToMe({id}), 0);
        QCOMPARE(queue->controller()->lastRefusals().size(), 1);
        QVERIFY(queue->controller()->lastRefusals().first().contains(u"read-only"_qs));
        auto *save = queue->findChild<QToolButton *>(u"saveViewButton"_qs);
        QVERIFY(save && !save->isEnabled());
        QVERIFY(!s->saveView(s->views().first()));

        // The ticket: fields disabled, title read-only, no composer, the hint instead; an edit
        // through the controller is refused with the reason.
        w.openTicket(id);
        TicketView *pane = w.ticketPane();
        QVERIFY(pane);
        QVERIFY(!pane->statusCombo()->isEnabled());
        QVERIFY(pane->titleEdit()->isReadOnly());
        QVERIFY(!pane->composer()->isVisibleTo(pane));
        QVERIFY(pane->readOnlyHint().contains(u"Read-only account"_qs));
        QVERIFY(!pane->controller()->setField(TicketField::Priority, u"critical"_qs));
        QVERIFY(pane->controller()->lastError().contains(u"read-only"_qs));
        QVERIFY(!pane->controller()->send(u"hello"_qs, true));
        QCOMPARE(s->store()->outbox().pendingCount(), 0);

        // The board: no drag, no drop, moves refused with the reason.
        w.openView(s->boards().first().id);
        KanbanPage *board = w.kanbanPage();
        QListView *cell = board->columnView(0);
        QVERIFY(cell->model()->rowCount() > 0);
        QVERIFY(!cell->dragEnabled());
        QVERIFY(!cell->acceptDrops());
        QVERIFY(!(cell->model()->flags(cell->model()->index(0, 0)) & Qt::ItemIsDragEnabled));
        const QString card = cell->model()->index(0, 0).data(Qt::UserRole + 1).toString();
        QVERIFY(!board->controller()->moveTo(card, 1, 0));
        QVERIFY(board->bannerText().contains(u"read-only"_qs));
        QCOMPARE(s->store()->outbox().pendingCount(), 0);

        // Back to an agent (the directory changes again): editing comes back.
        me.insert(u"role"_qs, u"agent"_qs);
        QVERIFY(s->store()->referenceData().putEntities(u"user"_qs, {me}));
        QVERIFY(!s->isReadOnly());
        QVERIFY(w.readOnlyText().isEmpty());
        QVERIFY(action(u"assignToMeAction"_qs)->isEnabled());
        QVERIFY(board->columnView(0)->dragEnabled());
    }

    void openViewFilterAndKeyboard()
    {
        TestProfile p(500);
        MainWindow w(p.session.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QueuePage *queue = w.queuePage();
        // Opens in a saved view; clicking another one in the sidebar switches.
        const int all = w.navigationModel()->rowOfView(p.session->views().last().id);
        w.sidebar()->setCurrentIndex(w.navigationModel()->index(all));
        QCOMPARE(queue->model()->rowCount(), 500);
        QCOMPARE(w.navigationModel()->count(all), 500);

        // "/" focuses the filter; typing filters as you type.
        queue->table()->setFocus();
        QTest::keyClick(queue->table(), Qt::Key_Slash);
        QVERIFY(queue->searchField()->hasFocus());
        QTest::keyClicks(queue->searchField(), u"printer"_qs);
        QVERIFY(queue->model()->rowCount() > 0 && queue->model()->rowCount() < 500);
        queue->applySearchNow();
        QVERIFY(queue->model()->rowCount() > 0);
        queue->searchField()->clear();
        QCOMPARE(queue->model()->rowCount(), 500);

        // J/K move, A assigns to me, R opens the composer (on an open, unassigned ticket).
        int row = 0;
        while (row + 1 < queue->model()->rowCount()) {
            const auto t = p.session->store()->tickets().ticket(queue->model()->ticketId(row));
            if (t && workflow::isOpen(t->status) && t->assigneeId.isEmpty())
                break;
            ++row;
        }
        queue->table()->setFocus();
        queue->table()->setCurrentIndex(queue->model()->index(row, 0));
        QTest::keyClick(queue->table(), Qt::Key_J);
        QTest::keyClick(queue->table(), Qt::Key_K);
        QCOMPARE(queue->table()->currentIndex().row(), row);
        queue->table()->setCurrentIndex(queue->model()->index(0, 0));
        QTest::keyClick(queue->table(), Qt::Key_J);
        QCOMPARE(queue->table()->currentIndex().row(), 1);
        QTest::keyClick(queue->table(), Qt::Key_K);
        QCOMPARE(queue->table()->currentIndex().row(), 0);
        queue->table()->setCurrentIndex(queue->model()->index(row, 0));
        const QString id = queue->currentTicketId();
        QTest::keyClick(queue->table(), Qt::Key_A);
        QCOMPARE(p.session->store()->tickets().ticket(id)->assigneeId, p.session->userId());
        QTest::keyClick(queue->table(), Qt::Key_R);
        QVERIFY(w.ticketPane());
        QCOMPARE(w.ticketPane()->ticketId(), id);
        QVERIFY(w.ticketPane()->composer()->hasFocus());
        QVERIFY(w.syncIndicator()->pendingText().contains(u"1 change"_qs));
        QVERIFY(w.syncIndicator()->stateText().contains(u"Offline"_qs));
    }

    // The empty-state label sits on the table's viewport: it must be visible and sized even when
    // the view was chosen before the window had a size (start-up into an empty view).
    void emptyStatesAreVisible()
    {
        TestProfile p(200);
        QueuePage page(p.session.get());
        TicketFilter nothing;
        nothing.text = u"no-such-ticket-text"_qs;
        page.showView(u"Empty"_qs, nothing);
        QCOMPARE(page.model()->rowCount(), 0);
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *label = page.findChild<QLabel *>(u"emptyStateLabel"_qs);
        QVERIFY(label);
        QVERIFY(label->isVisible());
        QVERIFY(label->text().contains(u"no-such-ticket-text"_qs));
        const QRect viewport = page.table()->viewport()->rect();
        QVERIFY2(label->width() > viewport.width() / 2 && label->height() > 40,
            qPrintable(u"%1x%2"_qs.arg(label->width()).arg(label->height())));
        QVERIFY(viewport.contains(label->geometry()));
        page.resize(1200, 700); // follows the viewport
        QTRY_VERIFY(label->width() > 1000);
        page.searchField()->clear();
        QVERIFY(page.model()->rowCount() > 0);
        QVERIFY(!label->isVisible());

        TestProfile empty(0); // first run: nothing cached yet
        QueuePage first(empty.session.get());
        first.showView(u"All"_qs, TicketFilter());
        first.resize(900, 600);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        auto *firstLabel = first.findChild<QLabel *>(u"emptyStateLabel"_qs);
        QVERIFY(firstLabel->isVisible() && firstLabel->height() > 40);
        QVERIFY(firstLabel->text().contains(u"first sync"_qs));
    }

    // "A" in Unassigned: the row stays (marked) under the cursor until the selection moves on, then
    // leaves without moving the selection off the ticket the agent went to.
    void assignToMeKeepsTheRowUntilTheSelectionMoves()
    {
        TestProfile p(500);
        MainWindow w(p.session.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QString unassigned;
        for (const auto &v : p.session->views()) {
            if (v.filter.assignee == TicketFilter::Assignee::Unassigned)
                unassigned = v.id;
        }
        QVERIFY(!unassigned.isEmpty());
        w.openView(unassigned);
        QueuePage *queue = w.queuePage();
        QueueModel *m = queue->model();
        QVERIFY(m->rowCount() > 5);
        const int before = m->rowCount();
        queue->table()->setFocus();
        queue->table()->setCurrentIndex(m->index(2, 0));
        const QString taken = queue->currentTicketId();
        const QString next = m->ticketId(3);
        QTest::keyClick(queue->table(), Qt::Key_A);
        QCOMPARE(p.session->store()->tickets().ticket(taken)->assigneeId, p.session->userId());
        QCoreApplication::processEvents();
        QCOMPARE(m->rowCount(), before); // still there, under the cursor
        QCOMPARE(queue->currentTicketId(), taken);
        QCOMPARE(m->rowOfTicket(taken), 2);
        QVERIFY(m->data(m->index(2, 0), QueueModel::LeftViewRole).toBool());
        QVERIFY(m->data(m->index(2, QueueModel::TitleColumn), Qt::FontRole).value<QFont>().italic());
        QVERIFY(m->data(m->index(2, 0), Qt::AccessibleDescriptionRole)
                    .toString()
                    .contains(u"no longer in this view"_qs));
        QVERIFY(!m->data(m->index(3, 0), QueueModel::LeftViewRole).toBool());
        QTest::keyClick(queue->table(), Qt::Key_J);
        QTRY_COMPARE(m->rowCount(), before - 1);
        QCOMPARE(m->rowOfTicket(taken), -1);
        QCOMPARE(queue->currentTicketId(), next);
        QCOMPARE(queue->table()->currentIndex().row(), 2);

        // Refreshing the view lets a held row go too.
        const QString second = queue->currentTicketId();
        QTest::keyClick(queue->table(), Qt::Key_A);
        QCOMPARE(m->rowOfTicket(second), 2);
        w.openView(p.session->views().last().id);
        w.openView(unassigned);
        QCOMPARE(m->rowOfTicket(second), -1);
        QCOMPARE(m->rowCount(), before - 2);
    }

    // Settings → Language switches every open window at once (LanguageChange -> retranslateUi).
    void languageSwitchesLive()
    {
        auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
        installTranslations(*app, u"en"_qs);
        TestProfile p(100);
        MainWindow w(p.session.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QueuePage *queue = w.queuePage();
        w.openTicket(queue->currentTicketId());
        QVERIFY(w.ticketPane());
        TicketView *window = w.openTicketWindow(queue->currentTicketId());
        QVERIFY(window);
        ReportsPage *reports = ReportsPage::showFor(p.session.get(), &w, [](const QString &) {});
        QVERIFY(reports);
        auto reportTexts = [&] {
            return QStringList {reports->windowTitle(),
                reports->metricButton(u"created"_qs)->accessibleName(),
                reports->agentModel()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
                reports->groupPicker()->itemText(0), reports->sourceLabel()->text()};
        };
        const QStringList reportsEnglish = reportTexts();
        QCOMPARE(reportsEnglish,
            (QStringList {u"Reports"_qs, u"Created"_qs, u"Agent"_qs, u"Any group"_qs,
                u"⚠ Reports come from the server; sign in to a server to see them."_qs}));
        auto texts = [&] {
            return QStringList {w.menuBar()->actions().first()->text(),
                queue->model()->headerData(QueueModel::NumberColumn, Qt::Horizontal).toString(),
                queue->searchField()->accessibleName(), w.ticketPane()->composer()->accessibleName(),
                window->composer()->accessibleName(), w.ticketPane()->tabs()->tabText(0),
                w.findChild<QAction *>(u"assignToMeAction"_qs)->text(),
                w.navigationModel()->data(w.navigationModel()->index(1)).toString()};
        };
        const QStringList english = texts();
        QCOMPARE(english.mid(0, 7),
            (QStringList {u"&File"_qs, u"Number"_qs, u"Filter and search"_qs, u"Message"_qs, u"Message"_qs,
                u"Conversation"_qs, u"&Assign to me"_qs}));
        QCOMPARE(english.at(7), u"My open"_qs);

        p.session->settings()->setValue(u"ui/language"_qs, u"ru"_qs);
        w.applySettings();
        QCoreApplication::processEvents(); // LanguageChange is posted
        QCOMPARE(texts(),
            (QStringList {u"&Файл"_qs, u"Номер"_qs, u"Фильтр и поиск"_qs, u"Сообщение"_qs, u"Сообщение"_qs,
                u"Переписка"_qs, u"&Взять себе"_qs, u"Мои открытые"_qs}));
        // The reports window too (and none of its texts stayed English).
        const QStringList reportsRussian = reportTexts();
        QCOMPARE(reportsRussian.first(), ReportsPage::tr("Reports"));
        QVERIFY(reportsRussian.first() != u"Reports"_qs);
        for (int i = 0; i < reportsRussian.size(); ++i)
            QVERIFY2(reportsRussian.at(i) != reportsEnglish.at(i), qPrintable(reportsRussian.at(i)));
        QVERIFY(queue->findChild<QLabel *>(u"viewTitleLabel"_qs)->text().startsWith(u"Мои открытые"_qs));
        QVERIFY(w.windowTitle().startsWith(u"Triage"_qs));

        p.session->settings()->setValue(u"ui/language"_qs, u"en"_qs);
        w.applySettings();
        QCoreApplication::processEvents();
        QCOMPARE(texts(), english);
        QCOMPARE(reportTexts(), reportsEnglish);
        reports->close();
        window->close();
    }

    void saveTheCurrentFilterAsAView()
    {
        TestProfile p(300);
        MainWindow w(p.session.get());
        w.show();
        const int viewsBefore = static_cast<int>(p.session->views().size());
        w.queuePage()->searchField()->setText(u"vpn"_qs);
        TicketFilter f = w.queuePage()->currentFilter();
        QCOMPARE(f.text, u"vpn"_qs);
        f.priorities = {Priority::High};
        const QString id = w.saveView(u"VPN, high"_qs, f);
        QVERIFY(!id.isEmpty());
        QCOMPARE(p.session->views().size(), viewsBefore + 1);
        const int row = w.navigationModel()->rowOfView(id);
        QVERIFY(row > 0);
        QCOMPARE(w.sidebar()->currentIndex().row(), row);
        QVERIFY(w.navigationModel()->count(row) > 0);
        QVERIFY(w.navigationModel()
                    ->data(w.navigationModel()->index(row), Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"Personal"_qs));
        QCOMPARE(w.queuePage()->searchField()->text(), u"vpn"_qs);
        QVERIFY(w.queuePage()->model()->rowCount() > 0);
        for (int r = 0; r < w.queuePage()->model()->rowCount(); ++r)
            QCOMPARE(w.queuePage()
                         ->model()
                         ->data(w.queuePage()->model()->index(r, QueueModel::PriorityColumn))
                         .toString(),
                u"High"_qs);
        // Another view clears the typed text.
        w.openView(p.session->views().first().id);
        QVERIFY(w.queuePage()->searchField()->text().isEmpty());
    }

    void editAndShareViews()
    {
        TestProfile p(300);
        MainWindow w(p.session.get());
        w.show();
        const QString id = w.saveView(u"Mine"_qs, TicketFilter());
        QVERIFY(!id.isEmpty());
        QVERIFY(p.session->pendingViewIds().contains(id)); // no server: waits for the next sign-in
        w.queuePage()->searchField()->setText(u"vpn"_qs);
        QVERIFY(w.updateView(id, u"VPN, mine"_qs, true, false));
        auto find = [&](Session *s, const QString &viewId) {
            for (const auto &v : s->views())
                if (v.id == viewId)
                    return std::optional<SavedView>(v);
            return std::optional<SavedView>();
        };
        QCOMPARE(find(p.session.get(), id)->name, u"VPN, mine"_qs);
        QCOMPARE(find(p.session.get(), id)->filter.text, u"vpn"_qs);
        QCOMPARE(find(p.session.get(), id)->ownerId, p.session->userId());
        // An agent shares nothing and edits no shared view.
        QVERIFY(!p.session->canShareViews());
        QVERIFY(!w.updateView(id, u"VPN, mine"_qs, false, true));
        QCOMPARE(find(p.session.get(), id)->ownerId, p.session->userId());
        const SavedView shared = p.session->views().first();
        QVERIFY(shared.ownerId.isEmpty());
        QVERIFY(!w.updateView(shared.id, u"Renamed"_qs, false, true));

        TestProfile lead(300, u"lead"_qs);
        MainWindow lw(lead.session.get());
        QVERIFY(lead.session->canShareViews());
        const QString teamId = lw.saveView(u"Team VPN"_qs, TicketFilter());
        QVERIFY(lw.updateView(teamId, u"Team VPN"_qs, false, true));
        QVERIFY(find(lead.session.get(), teamId)->ownerId.isEmpty());
        const int row = lw.navigationModel()->rowOfView(teamId);
        QVERIFY(lw.navigationModel()
                    ->data(lw.navigationModel()->index(row), Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"Shared"_qs));
        QVERIFY(lead.session->pendingViewIds().contains(teamId));
    }

    void boardFromTheSidebar()
    {
        TestProfile p(300);
        MainWindow w(p.session.get());
        w.show();
        const int board = w.navigationModel()->rowOfBoard(p.session->boards().first().id);
        w.sidebar()->setCurrentIndex(w.navigationModel()->index(board));
        QVERIFY(w.isBoardShown());
        QCOMPARE(w.kanbanPage()->columnView(0)->accessibleName(), u"New"_qs);
    }

    // Pure rule: columns are set aside least-useful first, only as many as Title needs.
    void columnsSetAsideLeastUsefulFirst()
    {
        QList<int> widths(QueueModel::ColumnCount, 100);
        QCOMPARE(QueueColumns::setAside(widths, {}, 2000, 300), QSet<int>());
        // 8 other columns × 100 = 800 used; 1000 wide leaves 200 < 300: one column goes, Group.
        QCOMPARE(QueueColumns::setAside(widths, {}, 1000, 300), QSet<int>({QueueModel::GroupColumn}));
        QCOMPARE(QueueColumns::setAside(widths, {}, 900, 300),
            QSet<int>({QueueModel::GroupColumn, QueueModel::UpdatedColumn}));
        // A column the agent hid already frees its room and is not "set aside".
        QCOMPARE(QueueColumns::setAside(widths, {QueueModel::GroupColumn}, 1000, 300), QSet<int>());
        // Never more than the optional five, however narrow.
        QCOMPARE(QueueColumns::setAside(widths, {}, 100, 300).size(), 5);
    }

    // A reading pane leaves Title readable, the columns come back when there is room, and the
    // agent's choice (View ▸ Columns) is kept in the profile.
    void queueColumnsLeaveTitleReadable()
    {
        TestProfile p(50);
        {
            MainWindow w(p.session.get());
            w.resize(1400, 860);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QTableView *table = w.findChild<QueuePage *>()->table();
            QueueColumns *columns = w.findChild<QueuePage *>()->columns();
            QTRY_VERIFY(table->columnWidth(QueueModel::TitleColumn) >= columns->minTitleWidth());
            QVERIFY(!table->isColumnHidden(QueueModel::SlaColumn));
            QVERIFY(!table->isColumnHidden(QueueModel::StatusColumn));

            w.resize(2600, 1000);
            QTRY_VERIFY(columns->setAsideNow().isEmpty());
            for (int c = 0; c < QueueModel::ColumnCount; ++c)
                QVERIFY2(!table->isColumnHidden(c), qPrintable(QString::number(c)));

            auto *menu = w.findChild<QMenu *>(u"columnsMenu"_qs);
            QVERIFY(menu);
            Q_EMIT menu->aboutToShow();
            QCOMPARE(menu->actions().size(), QueueModel::ColumnCount - 2); // not Number, not Title
            QAction *group = nullptr;
            for (QAction *a : menu->actions()) {
                QVERIFY(a->isChecked());
                if (a->text()
                    == table->model()->headerData(QueueModel::GroupColumn, Qt::Horizontal).toString())
                    group = a;
            }
            QVERIFY(group);
            group->setChecked(false);
            QVERIFY(table->isColumnHidden(QueueModel::GroupColumn));
        }
        MainWindow again(p.session.get());
        again.resize(2600, 1000);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QTableView *table = again.findChild<QueuePage *>()->table();
        QVERIFY(table->isColumnHidden(QueueModel::GroupColumn));
        QVERIFY(!table->isColumnHidden(QueueModel::UpdatedColumn));
        again.findChild<QueuePage *>()->columns()->setChosenHidden(QueueModel::GroupColumn, false);
        QVERIFY(!table->isColumnHidden(QueueModel::GroupColumn));
        QVERIFY(table->columnWidth(QueueModel::GroupColumn) > 0);
    }

    // The icon is compiled in (no icon theme here): it renders, in the console's blue.
    void applicationIconIsCompiledIn()
    {
        const QIcon icon = applicationIcon();
        QVERIFY(!icon.isNull());
        const QImage img = icon.pixmap(64, 64).toImage();
        QCOMPARE(img.size(), QSize(64, 64));
        QCOMPARE(img.pixelColor(10, 32).rgb(), QColor(0x0B, 0x63, 0xB6).rgb()); // the background
        QCOMPARE(img.pixelColor(20, 32).rgb(), QColor(Qt::white).rgb()); // the ticket
    }

    void everyActionIsNamedAndInAMenu()
    {
        TestProfile p(10);
        MainWindow w(p.session.get());
        QVERIFY(w.commandActions().size() >= 15);
        QStringList shortcuts;
        for (QAction *a : w.commandActions()) {
            QVERIFY(!a->objectName().isEmpty());
            QVERIFY(!a->text().isEmpty());
            QVERIFY2(!a->associatedObjects().isEmpty(), qPrintable(a->objectName()));
            if (!a->shortcut().isEmpty()) {
                QVERIFY2(!shortcuts.contains(a->shortcut().toString()), qPrintable(a->shortcut().toString()));
                shortcuts << a->shortcut().toString();
            }
        }
        for (const QString &key :
            {u"Ctrl+K"_qs, u"J"_qs, u"K"_qs, u"A"_qs, u"R"_qs, u"N"_qs, u"/"_qs, u"Ctrl+N"_qs})
            QVERIFY2(shortcuts.contains(key), qPrintable(key));
    }

    void interactiveWidgetsHaveAccessibleNames()
    {
        TestProfile p(50);
        MainWindow w(p.session.get());
        w.show();
        w.openTicket(w.queuePage()->currentTicketId());
        QStringList missing;
        for (QWidget *child : w.findChildren<QWidget *>()) {
            const bool interactive = child->focusPolicy() != Qt::NoFocus && child->isVisibleTo(&w)
                && !child->inherits("QScrollBar") && !child->inherits("QHeaderView")
                && !child->inherits("QSplitterHandle") && !child->inherits("QTabBar") && child->parentWidget()
                && !child->parentWidget()->inherits("QComboBox") && !child->inherits("QMenu")
                && child->objectName() != u"qt_scrollarea_viewport"_qs;
            if (!interactive)
                continue;
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(child);
            if (!iface || iface->text(QAccessible::Name).isEmpty())
                missing << (QString::fromLatin1(child->metaObject()->className()) + u":"_qs
                    + child->objectName());
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_qs)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
