#include "GuiTestSupport.h"
#include "domain/Uuid.h"
#include "models/ConversationModel.h"
#include "models/QueueModel.h"
#include "models/SlaTimelineModel.h"
#include "models/TicketCache.h"
#include "models/TicketDetailModels.h"
#include "models/TicketHistoryModel.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"
#include "ticket/AttachmentChips.h"
#include "ticket/LinksPane.h"
#include "ticket/NewTicketDialog.h"
#include "ticket/PrioritySuggester.h"
#include "ticket/TicketController.h"
#include "ticket/TicketView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
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
        s->store()->tickets().forEachTicket([&](Ticket &&t) {
            if (found.isEmpty() && t.status == TicketStatus::InProgress
                && s->store()->tickets().comments(t.id).size() >= 2)
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
            QCOMPARE(session->store()->tickets().comments(id).last().body, u"We are looking into it"_qs);
            QCOMPARE(session->store()->outbox().pending().last().type, u"comment.create"_qs);
            // Unsent text in both modes becomes drafts.
            QTest::keyClicks(view.composer(), u"half-written reply"_qs);
            view.startReply(false);
            QVERIFY(view.composer()->toPlainText().isEmpty());
            QTest::keyClicks(view.composer(), u"note draft"_qs);
            // An incoming update to the ticket does not touch the composer.
            auto t = session->store()->tickets().ticket(id);
            t->title += u" (updated elsewhere)"_qs;
            t->version += 1;
            QVERIFY(session->store()->tickets().upsertTickets({*t}));
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
        p.session->store()->tickets().forEachTicket([&](Ticket &&t) {
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
        QCOMPARE(p.session->store()->tickets().ticket(id)->status, TicketStatus::New);
        QCOMPARE(status->currentData().toString(), u"new"_qs);
    }

    // The Links tab adds a link by kind and number and removes the selected one (Delete), offline
    // through the outbox; bad numbers and self-links are refused with a sentence, nothing queued.
    void addAndRemoveLinks()
    {
        TestProfile p;
        const QString id = openTicketWithComments(p.session.get());
        TicketCache *cache = p.session->cache();
        int otherRow = -1;
        for (int i = 0; i < cache->size() && otherRow < 0; ++i) {
            if (cache->idString(i) != id && cache->row(i).number > 0 && !cache->row(i).deleted)
                otherRow = i;
        }
        QVERIFY(otherRow >= 0);
        const QString other = cache->idString(otherRow);
        const qint64 otherNumber = cache->row(otherRow).number;
        TicketView view(p.session.get(), id);
        view.resize(700, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.tabs()->setCurrentWidget(view.linksPane());
        LinksPane *pane = view.linksPane();
        QAbstractItemModel *links = view.linksView()->model();
        const int before = links->rowCount();
        const qsizetype queued = p.session->store()->outbox().pending().size();
        QVERIFY(!pane->addButton()->isEnabled()); // nothing typed yet

        pane->kindBox()->setCurrentIndex(pane->kindBox()->findData(static_cast<int>(LinkKind::DuplicateOf)));
        pane->referenceEdit()->setFocus();
        QTest::keyClicks(pane->referenceEdit(), u"#%1"_qs.arg(otherNumber));
        QVERIFY(pane->addButton()->isEnabled());
        QTest::keyClick(pane->referenceEdit(), Qt::Key_Return);
        QCOMPARE(links->rowCount(), before + 1);
        QVERIFY(pane->referenceEdit()->text().isEmpty());
        QVERIFY(p.session->store()->tickets().ticket(id)->links.contains(
            TicketLink {LinkKind::DuplicateOf, other}));
        const auto outbox = p.session->store()->outbox().pending();
        QCOMPARE(outbox.size(), queued + 1);
        QCOMPARE(
            outbox.last().payload.value(u"links_add"_qs).toArray().at(0)[u"ticket_id"_qs].toString(), other);
        QCOMPARE(view.tabs()->tabText(view.tabs()->indexOf(pane)), u"Links (%1)"_qs.arg(before + 1));

        // The target shows the link from its side ("Duplicated by #…"), live, and can remove it too.
        {
            TicketController target(p.session.get(), other);
            LinkedTicketsModel *in = target.links();
            QAbstractItemModelTester tester(in, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QVERIFY(in->incoming().contains(TicketLink {LinkKind::DuplicateOf, id}));
            const int inRow = static_cast<int>(
                in->links().size() + in->incoming().indexOf(TicketLink {LinkKind::DuplicateOf, id}));
            QVERIFY(in->index(inRow, 0).data(LinkedTicketsModel::IncomingRole).toBool());
            const QString text = in->index(inRow, 0).data().toString();
            QVERIFY2(text.startsWith(
                         u"Duplicated by #%1"_qs.arg(*p.session->store()->tickets().ticket(id)->number)),
                qPrintable(text));
            QVERIFY(target.removeLink(inRow));
            QVERIFY(!p.session->store()->tickets().ticket(id)->links.contains(
                TicketLink {LinkKind::DuplicateOf, other}));
            QVERIFY(!in->incoming().contains(TicketLink {LinkKind::DuplicateOf, id})); // followed the change
            QCOMPARE(links->rowCount(), before); // and so did the open view of the linking ticket
            QVERIFY(view.controller()->addLink(LinkKind::DuplicateOf, u"#%1"_qs.arg(otherNumber)));
            QVERIFY(in->incoming().contains(TicketLink {LinkKind::DuplicateOf, id}));
        }

        // Refusals: no such number, the ticket itself; the typed text stays to be fixed.
        const qsizetype beforeRefusals = p.session->store()->outbox().pending().size();
        QTest::keyClicks(pane->referenceEdit(), u"#99999999"_qs);
        QTest::mouseClick(pane->addButton(), Qt::LeftButton);
        QVERIFY2(view.bannerText().contains(u"There is no ticket #99999999 on this computer."_qs),
            qPrintable(view.bannerText()));
        QCOMPARE(pane->referenceEdit()->text(), u"#99999999"_qs);
        pane->referenceEdit()->clear();
        QTest::keyClicks(
            pane->referenceEdit(), QString::number(*p.session->store()->tickets().ticket(id)->number));
        QTest::mouseClick(pane->addButton(), Qt::LeftButton);
        QVERIFY2(view.bannerText().contains(u"A ticket cannot be linked to itself."_qs),
            qPrintable(view.bannerText()));
        QCOMPARE(p.session->store()->outbox().pending().size(), beforeRefusals);

        // Delete on the selected link removes it (another outbox entry).
        const int row = static_cast<int>(p.session->store()->tickets().ticket(id)->links.indexOf(
            TicketLink {LinkKind::DuplicateOf, other}));
        view.linksView()->setFocus();
        view.linksView()->setCurrentIndex(links->index(row, 0));
        QVERIFY(pane->removeButton()->isEnabled());
        QTest::keyClick(view.linksView(), Qt::Key_Delete);
        QCOMPARE(links->rowCount(), before);
        QVERIFY(!p.session->store()->tickets().ticket(id)->links.contains(
            TicketLink {LinkKind::DuplicateOf, other}));
        QCOMPARE(
            p.session->store()->outbox().pending().last().payload.value(u"links_remove"_qs).toArray().size(),
            1);
    }

    void linkedTicketsAndPerChangeSyncState()
    {
        TestProfile p;
        const QString id = openTicketWithComments(p.session.get());
        TicketCache *cache = p.session->cache();
        const QString other = cache->idString(cache->indexOf(id) == 0 ? 1 : 0);
        const QString unknown = newId();
        auto t = p.session->store()->tickets().ticket(id);
        t->links = {{LinkKind::DuplicateOf, other}, {LinkKind::RelatesTo, unknown}};
        QVERIFY(p.session->store()->tickets().upsertTickets({*t})); // as a sync page delivers it
        TicketView view(p.session.get(), id);
        view.resize(700, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QAbstractItemModel *links = view.linksView()->model();
        QAbstractItemModelTester linkTester(links, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(links->rowCount(), 2);
        const TicketRow &target = cache->row(cache->indexOf(other));
        const QString first = links->index(0, 0).data().toString();
        QVERIFY2(first.startsWith(u"Duplicate of #"_qs + QString::number(target.number)), qPrintable(first));
        QVERIFY(first.contains(target.title));
        QVERIFY(links->index(0, 0).data(LinkedTicketsModel::OpenableRole).toBool());
        QVERIFY(!links->index(1, 0).data(LinkedTicketsModel::OpenableRole).toBool());
        QVERIFY(links->index(1, 0).data().toString().contains(u"not in the local cache"_qs));
        QCOMPARE(view.tabs()->tabText(view.tabs()->indexOf(view.linksPane())), u"Links (2)"_qs);
        QSignalSpy open(&view, &TicketView::openTicketRequested);
        view.tabs()->setCurrentWidget(view.linksPane());
        view.linksView()->setFocus();
        view.linksView()->setCurrentIndex(links->index(0, 0));
        QTest::keyClick(view.linksView(), Qt::Key_Return);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toString(), other);
        view.linksView()->setCurrentIndex(links->index(1, 0));
        QTest::keyClick(view.linksView(), Qt::Key_Return);
        QCOMPARE(open.size(), 1); // not in the cache: nothing to open

        // Each local change is listed with its state; a refused one turns into a conflict.
        QAbstractItemModel *changes = view.changesView()->model();
        QAbstractItemModelTester changeTester(
            changes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(changes->rowCount(), 0);
        QCOMPARE(view.tabs()->tabText(view.tabs()->indexOf(view.changesView())), u"Sync"_qs);
        QVERIFY(view.controller()->setField(TicketField::Priority, u"critical"_qs));
        QVERIFY(view.controller()->send(u"Checked the VPN concentrator logs"_qs, false));
        QCOMPARE(changes->rowCount(), 2);
        QVERIFY2(changes->index(0, 0).data().toString().startsWith(u"Priority: "_qs),
            qPrintable(changes->index(0, 0).data().toString()));
        QVERIFY(changes->index(0, 0).data().toString().contains(u"→ Critical — waiting to sync"_qs));
        QVERIFY(changes->index(1, 0).data().toString().startsWith(u"Internal note: Checked the VPN"_qs));
        QCOMPARE(view.tabs()->tabText(view.tabs()->indexOf(view.changesView())), u"Sync (pending: 2)"_qs);
        const auto outbox = p.session->store()->outbox().pending();
        SyncConflict c;
        c.id = newId();
        c.outboxId = outbox.first().id;
        c.entityId = id;
        c.status = u"conflict"_qs;
        c.mutation = outbox.first().payload;
        c.createdAt = outbox.first().createdAt;
        QVERIFY(p.session->store()->outbox().recordPushResults({outbox.first().id}, {c}, {}));
        QCOMPARE(changes->rowCount(), 2);
        QCOMPARE(changes->index(0, 0).data(LocalChangesModel::StateRole).toInt(),
            int(LocalChange::State::Conflict));
        QVERIFY(changes->index(0, 0).data().toString().contains(u"conflict"_qs));
        QCOMPARE(view.tabs()->tabText(view.tabs()->indexOf(view.changesView())), u"Sync (conflicts: 1)"_qs);
    }

    // The History and SLA tabs over the synced log: readable rows, the pause it caused, the
    // timer's state; a local edit shows as pending in both and as confirmed once the sync brings it.
    void historyAndSlaTimelineFollowTheTicket()
    {
        TestProfile p;
        Session *s = p.session.get();
        QString id;
        s->store()->tickets().forEachTicket([&](Ticket &&t) {
            if (id.isEmpty() && t.status == TicketStatus::Waiting && !t.assigneeId.isEmpty())
                id = t.id;
        });
        QVERIFY(!id.isEmpty());
        TicketView view(s, id);
        view.resize(800, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        TicketHistoryModel *history = view.controller()->history();
        SlaTimelineModel *sla = view.controller()->slaTimeline();
        QAbstractItemModelTester historyTester(
            history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester slaTester(sla, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view.historyView()->model(), history);
        QCOMPARE(view.slaView()->model(), sla);
        QCOMPARE(view.tabs()->tabText(view.tabs()->indexOf(view.historyView())), u"History"_qs);

        const QList<TicketEvent> log = s->store()->eventLogs().history(id);
        QVERIFY(log.size() >= 4);
        QCOMPARE(history->rowCount(), log.size());
        const Ticket ticket = *s->store()->tickets().ticket(id);
        const QString assignee
            = s->directory()->user(s->directory()->findUser(ticket.assigneeId)).displayName;
        const auto rowOf = [&](const QString &field, const QString &to) {
            for (int r = 0; r < log.size(); ++r) {
                if (log[r].field == field && log[r].newValue == to)
                    return r;
            }
            return -1;
        };
        const int waiting = rowOf(u"status"_qs, u"waiting"_qs);
        const int assigned = rowOf(u"assignee_id"_qs, ticket.assigneeId);
        QVERIFY(waiting > 0 && assigned > 0);
        const auto text = [history](int row, int column = TicketHistoryModel::ChangeColumn) {
            return history->index(row, column).data().toString();
        };
        QVERIFY2(text(0).startsWith(u"Ticket created: New, priority "_qs), qPrintable(text(0)));
        QCOMPARE(text(waiting), u"Status: In progress → Waiting · SLA paused"_qs);
        QCOMPARE(history->index(waiting, 0).data(TicketHistoryModel::SlaEffectRole).toInt(),
            int(TicketHistoryModel::SlaEffect::Paused));
        QCOMPARE(text(waiting, TicketHistoryModel::WhoColumn), assignee);
        QCOMPARE(text(assigned), u"Assigned to "_qs + assignee);
        QCOMPARE(history->headerData(TicketHistoryModel::WhoColumn, Qt::Horizontal).toString(), u"Who"_qs);

        // The resolution timer is paused since the status went to Waiting.
        const auto headingOf = [sla](SlaMetric metric) {
            for (int r = 0; r < sla->rowCount(); ++r) {
                const QModelIndex i = sla->index(r, 0);
                if (i.data(SlaTimelineModel::IsHeadingRole).toBool()
                    && i.data(SlaTimelineModel::MetricRole).toInt() == int(metric))
                    return r;
            }
            return -1;
        };
        const auto entryOf = [sla](int heading, SlaTimelineEntry::Kind kind) {
            for (int r = heading + 1; r < sla->rowCount(); ++r) {
                const QModelIndex i = sla->index(r, 0);
                if (i.data(SlaTimelineModel::IsHeadingRole).toBool())
                    break;
                if (i.data(SlaTimelineModel::EntryKindRole).toInt() == int(kind))
                    return r;
            }
            return -1;
        };
        int resolution = headingOf(SlaMetric::Resolution);
        QVERIFY(resolution >= 0);
        QCOMPARE(sla->index(resolution, 0).data(SlaTimelineModel::TimerStateRole).toInt(),
            int(SlaTimerState::Paused));
        QVERIFY2(sla->index(resolution, 0).data().toString().startsWith(u"Resolution — target "_qs),
            qPrintable(sla->index(resolution, 0).data().toString()));
        QVERIFY2(sla->index(resolution, 0).data().toString().contains(u" · paused, "_qs),
            qPrintable(sla->index(resolution, 0).data().toString()));
        QVERIFY(view.slaView()->isFirstColumnSpanned(resolution, {}));
        const int paused = entryOf(resolution, SlaTimelineEntry::Kind::Paused);
        QVERIFY(paused > resolution);
        QCOMPARE(sla->index(paused, 0).data(SlaTimelineModel::AtRole).toLongLong(), log[waiting].at);
        QCOMPARE(sla->index(paused, 1).data().toString(), u"Paused: status Waiting"_qs);
        QCOMPARE(entryOf(resolution, SlaTimelineEntry::Kind::Due), -1); // no due instant while paused

        // A local edit: pending in the history, the timer runs again (not confirmed yet).
        QVERIFY(view.controller()->setField(TicketField::Status, u"in_progress"_qs));
        QCOMPARE(history->rowCount(), log.size() + 1);
        QVERIFY(history->index(log.size(), 0).data(TicketHistoryModel::PendingRole).toBool());
        QCOMPARE(text(log.size()), u"Status: Waiting → In progress — waiting to sync"_qs);
        resolution = headingOf(SlaMetric::Resolution);
        QCOMPARE(sla->index(resolution, 0).data(SlaTimelineModel::TimerStateRole).toInt(),
            int(SlaTimerState::Running));
        int resumed = entryOf(resolution, SlaTimelineEntry::Kind::Resumed);
        QVERIFY(resumed > resolution);
        QVERIFY(sla->index(resumed, 0).data(SlaTimelineModel::UnconfirmedRole).toBool());
        QVERIFY(sla->index(resumed, 1).data().toString().endsWith(u"not synced yet"_qs));
        const int due = entryOf(resolution, SlaTimelineEntry::Kind::Due);
        const int breached = entryOf(resolution, SlaTimelineEntry::Kind::Breached);
        QVERIFY(due > 0 || breached > 0); // running again: it has a due instant

        // The sync confirms it: the server's log grows, the outbox entry is done.
        const auto outbox = s->store()->outbox().pending();
        QCOMPARE(outbox.size(), 1);
        ServerChanges page;
        Ticket current = *s->store()->tickets().ticket(id);
        current.version += 1;
        page.tickets << current;
        QList<TicketEvent> serverLog = log;
        serverLog << TicketEvent {std::max(current.updatedAt, log.last().at + 1000), s->userId(),
            u"status"_qs, u"waiting"_qs, u"in_progress"_qs};
        page.history.insert(id, serverLog);
        QVERIFY(s->store()->syncWriter().applyServerChanges(page));
        QVERIFY(s->store()->outbox().remove({outbox.first().id}));
        QCOMPARE(history->rowCount(), serverLog.size());
        QVERIFY(!history->index(log.size(), 0).data(TicketHistoryModel::PendingRole).toBool());
        QCOMPARE(text(log.size()), u"Status: Waiting → In progress · SLA resumed"_qs);
        QCOMPARE(text(log.size(), TicketHistoryModel::WhoColumn), s->userDisplayName());
        resolution = headingOf(SlaMetric::Resolution);
        resumed = entryOf(resolution, SlaTimelineEntry::Kind::Resumed);
        QVERIFY(resumed > resolution);
        QVERIFY(!sla->index(resumed, 0).data(SlaTimelineModel::UnconfirmedRole).toBool());
        QCOMPARE(sla->index(resumed, 0).data(SlaTimelineModel::AtRole).toLongLong(), serverLog.last().at);
    }

    // A 500-character title and 200 comments: the thread lists them all, scrolled to the newest,
    // and the title does not widen the pane.
    void longTitleAnd200Comments()
    {
        TestProfile p(50);
        Ticket draft;
        draft.title = QString(u"Очень длинный заголовок — very long title 🙂 "_qs)
                          .repeated(12)
                          .left(kMaxTitleLength);
        const auto t = p.session->editor()->createTicket(draft);
        QVERIFY(t);
        QList<Comment> comments;
        for (int i = 0; i < 200; ++i) {
            Comment c;
            c.id = newId();
            c.ticketId = t->id;
            c.isPublic = i % 3 != 0;
            c.body = u"Comment %1: "_qs.arg(i) + QString(u"text "_qs).repeated(i % 40 + 1);
            c.createdAt = kNow - (200 - i) * 60000;
            comments << c;
        }
        QVERIFY(p.session->store()->tickets().upsertComments(comments));
        TicketView view(p.session.get(), t->id);
        view.resize(600, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.conversationView()->model()->rowCount(), 200);
        QTRY_VERIFY(view.conversationView()->verticalScrollBar()->maximum() > 0);
        QTRY_COMPARE(view.conversationView()->verticalScrollBar()->value(),
            view.conversationView()->verticalScrollBar()->maximum());
        QVERIFY2(view.minimumSizeHint().width() < 700,
            qPrintable(QString::number(view.minimumSizeHint().width())));
        QCOMPARE(view.titleEdit()->text(), draft.title);
        QVERIFY(view.windowTitle().contains(draft.title.left(20)));
    }

    void deletedWhileOpen()
    {
        TestProfile p;
        const QString id = openTicketWithComments(p.session.get());
        TicketView view(p.session.get(), id);
        view.show();
        QVERIFY(p.session->store()->tickets().removeTickets({id}));
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
        QCOMPARE(dialog.priorityCombo()->currentData().toInt(), int(Priority::Critical));
        QVERIFY2(dialog.suggestionText().contains(u"блокирует работу команды"_qs),
            qPrintable(dialog.suggestionText()));
        dialog.requesterCombo()->setCurrentIndex(2);
        const int pending = p.session->store()->outbox().pendingCount();
        dialog.accept();
        QVERIFY(dialog.created());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(p.session->store()->outbox().pendingCount(), pending + 1);
        const int row = queue.rowOfTicket(dialog.created()->id);
        QVERIFY(row >= 0);
        QCOMPARE(queue.data(queue.index(row, QueueModel::NumberColumn)).toString(), u"pending"_qs);
        QCOMPARE(queue.data(queue.index(row, QueueModel::PriorityColumn)).toString(), u"Critical"_qs);
        QCOMPARE(p.session->store()->tickets().ticket(dialog.created()->id)->channel, Channel::Phone);
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

    // A demo mail reply's files in the conversation (already in the profile): the picture gets its
    // thumbnail without the GUI waiting, and the keyboard reaches both files through the context
    // menu (Menu key / Shift+F10 on the selected comment); the paperclip is in the tab order.
    void conversationFilesAreKeyboardReachable()
    {
        TestProfile p(600);
        QList<Attachment> all;
        for (const QJsonObject &o : p.session->store()->referenceData().entities(u"attachment"_qs)) {
            if (const auto a = Attachment::fromJson(o, nullptr))
                all << *a;
        }
        QVERIFY2(!all.isEmpty(), "the demo cache has files on mail replies");
        TicketView view(p.session.get(), all.first().ticketId);
        view.resize(800, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QListView *thread = view.conversationView();
        int row = -1;
        for (int r = 0; r < thread->model()->rowCount() && row < 0; ++r) {
            if (thread->model()->index(r, 0).data(ConversationModel::FileCountRole).toInt() == 2)
                row = r;
        }
        QVERIFY(row >= 0);
        const QModelIndex index = thread->model()->index(row, 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto files = index.data(ConversationModel::FilesRole).value<QList<ConversationFile>>();
                // The log first (a chip), then the picture with its thumbnail.
                return files.size() == 2 && files.at(1).state == ConversationFile::State::Local
                    && !files.at(1).thumbnail.isNull() && !files.at(0).isImage();
            }(),
            10000);
        QVERIFY(index.data(Qt::AccessibleTextRole).toString().contains(u"vpn-error.png"_qs));

        thread->setFocus();
        thread->setCurrentIndex(index);
        const QPoint at = thread->visualRect(index).center();
        QContextMenuEvent key(QContextMenuEvent::Keyboard, at, thread->viewport()->mapToGlobal(at));
        QApplication::sendEvent(thread, &key);
        QTRY_VERIFY(qobject_cast<QMenu *>(QApplication::activePopupWidget()));
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QStringList texts;
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator())
                texts << a->text();
        }
        QCOMPARE(texts,
            QStringList({u"Open vpnclient.log"_qs, u"Save vpnclient.log as…"_qs, u"Open vpn-error.png"_qs,
                u"Save vpn-error.png as…"_qs}));
        menu->close();

        // The paperclip follows the note switch in the tab order, before the text.
        QVERIFY(view.attachmentChips()->attachButton()->focusPolicy() & Qt::TabFocus);
        QCOMPARE(view.attachmentChips()->attachButton()->nextInFocusChain(), view.composer());
        QVERIFY(!view.attachmentChips()->attachButton()->accessibleName().isEmpty());
    }
};

QTEST_MAIN(TestTicketView)
#include "tst_ticketview.moc"
