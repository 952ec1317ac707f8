#include "GuiTestSupport.h"
#include "models/ConversationModel.h"
#include "models/QueueModel.h"
#include "models/TicketCache.h"
#include "store/TicketStore.h"
#include "sync/LocalEditor.h"
#include "ticket/NewTicketDialog.h"
#include "ticket/PrioritySuggester.h"
#include "ticket/TicketController.h"
#include "ticket/TicketView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QtTest>

using namespace triage;
using namespace triage::test;

class TestTicketView : public QObject
{
    Q_OBJECT

private:
    static QString openTicketWithComments(Session *s)
    {
        QString found;
        s->store()->forEachTicket([&](Ticket &&t) {
            if (found.isEmpty() && t.status == TicketStatus::InProgress
                && s->store()->comments(t.id).size() >= 2)
                found = t.id;
        });
        return found;
    }

private Q_SLOTS:
    void conversationModelPassesTester()
    {
        TestProfile p;
        const QString id = openTicketWithComments(p.session.get());
        QVERIFY(!id.isEmpty());
        TicketController c(p.session.get(), id);
        QAbstractItemModelTester tester(
            c.conversation(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int before = c.conversation()->rowCount();
        QVERIFY(before >= 2);
        QVERIFY(c.send(u"Проверьте, пожалуйста, ещё раз"_qs, true));
        QVERIFY(c.send(u"Looks like the LDAP sync again"_qs, false));
        QCOMPARE(c.conversation()->rowCount(), before + 2);
        const QModelIndex note = c.conversation()->index(before + 1);
        QCOMPARE(note.data(ConversationModel::IsPublicRole).toBool(), false);
        QVERIFY(note.data(Qt::AccessibleTextRole).toString().startsWith(u"Internal note"_qs));
        QVERIFY(c.isPending());
    }

    void replyWithCtrlEnterAndDraftsSurviveRestart()
    {
        QTemporaryDir dir;
        QString id;
        {
            SessionOptions o;
            o.profileDir = dir.path();
            o.userName = u"agent1"_qs;
            o.demoCache = 200;
            o.demoNow = kNow;
            QString error;
            auto session = Session::open(o, &error);
            QVERIFY(session);
            id = openTicketWithComments(session.get());
            TicketView view(session.get(), id);
            view.resize(700, 800);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            const int before = view.conversationView()->model()->rowCount();
            view.startReply(true);
            QTest::keyClicks(view.composer(), u"We are looking into it"_qs);
            QTest::keyClick(view.composer(), Qt::Key_Return, Qt::ControlModifier);
            QCOMPARE(view.conversationView()->model()->rowCount(), before + 1);
            QVERIFY(view.composer()->toPlainText().isEmpty());
            QCOMPARE(session->store()->comments(id).last().body, u"We are looking into it"_qs);
            QCOMPARE(session->store()->pendingOutbox().last().type, u"comment.create"_qs);
            // Unsent text in both modes becomes drafts.
            QTest::keyClicks(view.composer(), u"half-written reply"_qs);
            view.startReply(false);
            QVERIFY(view.composer()->toPlainText().isEmpty());
            QTest::keyClicks(view.composer(), u"note draft"_qs);
            // An incoming update to the ticket does not touch the composer.
            auto t = session->store()->ticket(id);
            t->title += u" (updated elsewhere)"_qs;
            t->version += 1;
            QVERIFY(session->store()->upsertTickets({*t}));
            QCOMPARE(view.composer()->toPlainText(), u"note draft"_qs);
            QVERIFY(view.titleEdit()->text().endsWith(u"(updated elsewhere)"_qs));
        }
        SessionOptions o;
        o.profileDir = dir.path();
        QString error;
        auto session = Session::open(o, &error);
        QVERIFY(session);
        QCOMPARE(session->userId().isEmpty(), false); // remembered user
        TicketView view(session.get(), id);
        QVERIFY(view.isPublicMode());
        QCOMPARE(view.composer()->toPlainText(), u"half-written reply"_qs);
        view.startReply(false);
        QCOMPARE(view.composer()->toPlainText(), u"note draft"_qs);
    }

    void invalidFieldChangeShowsTheReason()
    {
        TestProfile p;
        QString id;
        p.session->store()->forEachTicket([&](Ticket &&t) {
            if (id.isEmpty() && t.status == TicketStatus::New && t.assigneeId.isEmpty())
                id = t.id;
        });
        QVERIFY(!id.isEmpty());
        TicketView view(p.session.get(), id);
        view.show();
        QComboBox *status = view.statusCombo();
        const int resolved = status->findData(u"resolved"_qs);
        QVERIFY(resolved > 0); // offered: New → Resolved is a valid transition…
        status->setCurrentIndex(resolved);
        Q_EMIT status->activated(resolved);
        // …but not without an assignee.
        QVERIFY(view.bannerText().contains(u"Assign the ticket before resolving it."_qs));
        QCOMPARE(p.session->store()->ticket(id)->status, TicketStatus::New);
        QCOMPARE(status->currentData().toString(), u"new"_qs);
    }

    void deletedWhileOpen()
    {
        TestProfile p;
        const QString id = openTicketWithComments(p.session.get());
        TicketView view(p.session.get(), id);
        view.show();
        QVERIFY(p.session->store()->removeTickets({id}));
        QVERIFY(view.bannerText().contains(u"deleted"_qs));
        QVERIFY(!view.titleEdit()->isEnabled());
    }

    void newTicketOfflineIsPendingWithSuggestedPriority()
    {
        TestProfile p;
        QueueModel queue(p.session->cache(), p.session->userId());
        NewTicketDialog dialog(p.session.get());
        dialog.show();
        // QTest::keyClicks only types ASCII: set the Russian text the way an input method would.
        dialog.titleEdit()->setText(u"Не работает VPN"_qs);
        dialog.descriptionEdit()->setPlainText(u"С утра это блокирует работу команды"_qs);
        QCOMPARE(dialog.priorityCombo()->currentData().toInt(), int(Priority::High));
        QVERIFY2(dialog.suggestionText().contains(u"блокирует работу команды"_qs),
            qPrintable(dialog.suggestionText()));
        dialog.requesterCombo()->setCurrentIndex(2);
        const int pending = p.session->store()->pendingCount();
        dialog.accept();
        QVERIFY(dialog.created());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(p.session->store()->pendingCount(), pending + 1);
        const int row = queue.rowOfTicket(dialog.created()->id);
        QVERIFY(row >= 0);
        QCOMPARE(queue.data(queue.index(row, QueueModel::NumberColumn)).toString(), u"pending"_qs);
        QCOMPARE(queue.data(queue.index(row, QueueModel::PriorityColumn)).toString(), u"High"_qs);
        QCOMPARE(p.session->store()->ticket(dialog.created()->id)->channel, Channel::Phone);
    }

    void suggestionFromTheMatrixAlone()
    {
        TestProfile p(10);
        const auto s = PrioritySuggester::suggest(p.session->priorityMatrix(), p.session->keyPhrases(),
            Level::High, Level::High, u"Printer jam"_qs, QString());
        QCOMPARE(s.priority, Priority::Critical);
        QVERIFY(s.matchedPhrase.isEmpty());
        QVERIFY(s.explanation.contains(u"impact"_qs));
    }
};

QTEST_MAIN(TestTicketView)
#include "tst_ticketview.moc"
