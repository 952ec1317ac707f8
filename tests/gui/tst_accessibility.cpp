// Every screen of the console, walked through the accessibility tree (what AT-SPI exposes on Linux):
// no focusable control without an accessible name, and rows, cards and list items expose their
// text through their QAccessibleInterface, not only through colour or painting.
#include "GuiTestSupport.h"
#include "kanban/KanbanPage.h"
#include "models/NavigationModel.h"
#include "models/QueueModel.h"
#include "net/NotificationsService.h"
#include "queues/QueuePage.h"
#include "reports/ReportsPage.h"
#include "settings/SettingsDialog.h"
#include "shell/CommandPalette.h"
#include "shell/MainWindow.h"
#include "sync/ConflictsDialog.h"
#include "sync/SignInDialog.h"
#include "ticket/NewTicketDialog.h"
#include "ticket/TicketView.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QListView>
#include <QTableView>
#include <QtTest>

using namespace triage;
using namespace triage::test;

class TestAccessibility : public QObject
{
    Q_OBJECT

private:
    // Controls the keyboard reaches (Tab focus), visible, whose accessible interface has no name.
    static QStringList unnamed(QWidget *root)
    {
        QStringList missing;
        QList<QWidget *> all = root->findChildren<QWidget *>();
        all.prepend(root);
        for (QWidget *w : std::as_const(all)) {
            if (!(w->focusPolicy() & Qt::TabFocus) || !w->isVisibleTo(root) || w->inherits("QScrollBar")
                || w->inherits("QSplitterHandle") || w->inherits("QMenu") || w->isWindow()
                || w->objectName() == u"qt_scrollarea_viewport"_qs
                || (w->parentWidget()
                    && (w->parentWidget()->inherits("QComboBox")
                        || w->parentWidget()->inherits("QAbstractSpinBox")
                        || w->parentWidget()->inherits("QDateTimeEdit"))))
                continue;
            if (w->inherits("QHeaderView") || w->inherits("QTabBar")) {
                // Named by their sections and tabs: every one needs a text.
                QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
                for (int i = 0; iface && i < iface->childCount(); ++i) {
                    if (iface->child(i)->text(QAccessible::Name).isEmpty())
                        missing << QString::fromLatin1(w->metaObject()->className()) + u" item "_qs
                                + QString::number(i);
                }
                continue;
            }
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            if (!iface || iface->text(QAccessible::Name).trimmed().isEmpty())
                missing << QString::fromLatin1(w->metaObject()->className()) + u":"_qs + w->objectName();
        }
        return missing;
    }

    static void verifyNamed(QWidget *root, const char *screen)
    {
        const QStringList missing = unnamed(root);
        QVERIFY2(
            missing.isEmpty(), qPrintable(QString::fromLatin1(screen) + u": "_qs + missing.join(u", "_qs)));
    }

    // The accessible text of list/table items: the screen reader's view of a row or card.
    static QString itemText(QAbstractItemView *view, int row, int column = 0)
    {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(view);
        if (!iface)
            return {};
        if (QAccessibleTableInterface *table = iface->tableInterface()) {
            QAccessibleInterface *cell = table->cellAt(row, column);
            return cell ? cell->text(QAccessible::Name) : QString();
        }
        return {};
    }

private Q_SLOTS:
    void everyScreenNamesItsControls()
    {
        TestProfile p(300);
        MainWindow w(p.session.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openTicket(w.queuePage()->currentTicketId());
        verifyNamed(&w, "main window with the queue and the ticket pane");
        const int board = w.navigationModel()->rowOfBoard(p.session->boards().first().id);
        w.sidebar()->setCurrentIndex(w.navigationModel()->index(board));
        QVERIFY(w.isBoardShown());
        verifyNamed(&w, "main window with a board");

        TicketView *window = w.openTicketWindow(w.queuePage()->currentTicketId());
        QVERIFY(QTest::qWaitForWindowExposed(window));
        verifyNamed(window, "ticket window");
        window->close();

        NewTicketDialog newTicket(p.session.get(), &w);
        newTicket.show();
        verifyNamed(&newTicket, "new ticket");
        NotificationsService offline([]() -> ApiClient * { return nullptr; });
        SettingsDialog settings(p.session->settings(), &offline, &w);
        settings.show();
        verifyNamed(&settings, "settings");
        settings.showNotifications();
        verifyNamed(&settings, "settings: notifications");
        CommandPalette palette(w.commandActions(), &w);
        palette.show();
        verifyNamed(&palette, "command palette");
        ConflictsDialog conflicts(p.session.get(), &w);
        conflicts.show();
        verifyNamed(&conflicts, "conflicts");
        SignInDialog signIn(&w);
        signIn.show();
        verifyNamed(&signIn, "sign-in");
        ReportsPage *reports = ReportsPage::showFor(p.session.get(), &w, [](const QString &) {});
        verifyNamed(reports, "reports");
        reports->close();
    }

    void rowsCardsAndItemsExposeTheirText()
    {
        TestProfile p(300);
        MainWindow w(p.session.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QueuePage *queue = w.queuePage();
        QueueModel *m = queue->model();
        QVERIFY(m->rowCount() > 0);
        // Queue cells: the text shown, and the SLA cell says its state in words.
        QCOMPARE(itemText(queue->table(), 0, QueueModel::TitleColumn),
            m->data(m->index(0, QueueModel::TitleColumn)).toString());
        const QString sla = itemText(queue->table(), 0, QueueModel::SlaColumn);
        QVERIFY2(sla.startsWith(u"SLA "_qs), qPrintable(sla));
        QAccessibleInterface *cell
            = QAccessible::queryAccessibleInterface(queue->table())->tableInterface()->cellAt(0, 0);
        QVERIFY(cell->text(QAccessible::Description).startsWith(u"Ticket #"_qs));

        // Sidebar rows: name and live count.
        QAccessibleInterface *sidebar = QAccessible::queryAccessibleInterface(w.sidebar());
        QVERIFY(sidebar);
        bool counted = false;
        for (int i = 0; i < sidebar->childCount(); ++i) {
            const QString t = sidebar->child(i)->text(QAccessible::Name);
            QVERIFY2(!t.isEmpty(), qPrintable(QString::number(i)));
            counted = counted || t.contains(u"ticket"_qs);
        }
        QVERIFY(counted);

        // Kanban cards: number, title, priority, assignee, SLA in one sentence.
        const int board = w.navigationModel()->rowOfBoard(p.session->boards().first().id);
        w.sidebar()->setCurrentIndex(w.navigationModel()->index(board));
        QListView *column = nullptr;
        for (int c = 0; w.kanbanPage()->columnView(c); ++c) {
            if (w.kanbanPage()->columnView(c)->model()->rowCount() > 0) {
                column = w.kanbanPage()->columnView(c);
                break;
            }
        }
        QVERIFY(column);
        QAccessibleInterface *list = QAccessible::queryAccessibleInterface(column);
        QVERIFY(list && list->childCount() > 0);
        QString card;
        for (int i = 0; i < list->childCount() && card.isEmpty(); ++i)
            card = list->child(i)->text(QAccessible::Name);
        QVERIFY2(card.contains(u"priority"_qs) && card.contains(u"SLA"_qs), qPrintable(card));

        // The conversation: who wrote what, replies and notes told apart in words.
        w.openView();
        w.openTicket(queue->currentTicketId());
        QListView *thread = w.ticketPane()->conversationView();
        if (thread->model()->rowCount() > 0) {
            QAccessibleInterface *t = QAccessible::queryAccessibleInterface(thread);
            QVERIFY(t->childCount() > 0);
            const QString first = t->child(0)->text(QAccessible::Name);
            QVERIFY2(
                first.startsWith(u"Reply"_qs) || first.startsWith(u"Internal note"_qs), qPrintable(first));
        }
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
