#include "GuiTestSupport.h"
#include "common/SlaStyle.h"
#include "models/NavigationModel.h"
#include "models/QueueModel.h"
#include "models/TicketCache.h"
#include "queues/QueueDelegate.h"
#include "session/DirectoryIndex.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFontMetricsF>
#include <QSignalSpy>
#include <QtTest>

using namespace triage;
using namespace triage::test;

class TestQueueModel : public QObject
{
    Q_OBJECT

private:
    static void verifySorted(const QueueModel &m)
    {
        for (int r = 1; r < m.rowCount(); ++r) {
            const qint64 a = m.data(m.index(r - 1, 0), QueueModel::DueRole).toLongLong();
            const qint64 b = m.data(m.index(r, 0), QueueModel::DueRole).toLongLong();
            QVERIFY2(a <= b, qPrintable(u"row %1 out of order"_qs.arg(r)));
        }
    }

private Q_SLOTS:
    // The delegate's fast elision (sum of cached character advances, one shaping) against the
    // font's own measurement: never wider than the cell, the whole text when it clearly fits, a
    // prefix and "…" otherwise; scripts it does not handle go the exact way.
    void delegateElidesWithinTheCell()
    {
        const QStringList texts {u"Printer won't print (#1000)"_qs,
            u"Не получается зайти в CRM — пароль «неверный» (#695)"_qs, u"AVAVAVA WAWAWA Tý Ty fi fl ffi"_qs,
            u"#12345"_qs, u"−3 d 14 h"_qs, u"مرحبا بالعالم والطابعة لا تعمل"_qs,
            u"e\u0301le\u0300ve naïve"_qs, u"VPN 🙂 down for sales"_qs,
            QString(u"Очень длинный заголовок "_qs).repeated(8)};
        for (const bool bold : {false, true}) {
            QFont font = QApplication::font();
            font.setBold(bold);
            const QFontMetricsF fm(font);
            QueueDelegate delegate;
            for (const QString &text : texts) {
                for (int width = 12; width <= 420; width += 9) {
                    const QString shown = delegate.displayedText(text, width, font);
                    const QString where = text + u" @ "_qs + QString::number(width) + u" → "_qs + shown;
                    QVERIFY2(
                        fm.horizontalAdvance(shown) <= width + 0.01 || shown.size() <= 1, qPrintable(where));
                    if (fm.horizontalAdvance(text) <= width - 4)
                        QVERIFY2(shown == text, qPrintable(where));
                    if (shown != text) {
                        QVERIFY2(shown.endsWith(QChar(0x2026)), qPrintable(where));
                        QString body = shown.chopped(1);
                        body.remove(QChar(0x200D)); // Qt joins Arabic to the ellipsis
                        QVERIFY2(text.startsWith(body), qPrintable(where));
                    }
                    QCOMPARE(delegate.displayedText(text, width, font), shown); // cached
                }
            }
        }
    }

    void passesModelTesterThroughFilterSortAndChanges()
    {
        TestProfile p;
        QueueModel model(p.session->cache(), p.session->userId());
        model.setClock(fixedClock());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 300);
        QCOMPARE(model.columnCount(), int(QueueModel::ColumnCount));
        verifySorted(model);

        TicketFilter open;
        open.statuses = {TicketStatus::New, TicketStatus::InProgress, TicketStatus::Waiting};
        model.setFilter(open);
        QVERIFY(model.rowCount() > 10 && model.rowCount() < 300);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.data(model.index(r, QueueModel::StatusColumn)).toString() != u"Closed"_qs);

        model.sort(QueueModel::NumberColumn, Qt::DescendingOrder);
        auto number = [&](int r) { return model.data(model.index(r, 0)).toString().mid(1).toInt(); };
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(number(r - 1) > number(r));
        model.sort(QueueModel::SlaColumn, Qt::AscendingOrder);
        verifySorted(model);

        // A live change: close a shown ticket → it leaves; a new ticket → it enters, pending.
        const int before = model.rowCount();
        const QString id = model.ticketId(0);
        QPersistentModelIndex kept(model.index(1, 1));
        const QString keptId = model.ticketId(1);
        LocalEditor *editor = p.session->editor();
        QVERIFY2(editor->updateFields(id,
                     {{TicketField::Status, u"resolved"_qs}, {TicketField::Assignee, p.session->userId()}}),
            qPrintable(editor->lastError()));
        QCOMPARE(model.rowCount(), before - 1);
        QCOMPARE(model.rowOfTicket(id), -1);
        QVERIFY(kept.isValid());
        QCOMPARE(model.ticketId(kept.row()), keptId);

        Ticket draft;
        draft.title = u"Принтер на 3 этаже не печатает"_qs;
        draft.groupId = p.session->directory()->group(1).id;
        const auto created = editor->createTicket(draft);
        QVERIFY2(created, qPrintable(editor->lastError()));
        QCOMPARE(model.rowCount(), before);
        const int row = model.rowOfTicket(created->id);
        QVERIFY(row >= 0);
        QCOMPARE(model.data(model.index(row, QueueModel::NumberColumn)).toString(), u"pending"_qs);
        QVERIFY(model.data(model.index(row, 0), QueueModel::PendingRole).toBool());
        verifySorted(model);
    }

    void quickFilterAndSearch()
    {
        TestProfile p;
        QueueModel model(p.session->cache(), p.session->userId());
        model.setClock(fixedClock());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQuickFilter(u"vpn"_qs);
        QVERIFY(model.rowCount() > 0);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.data(model.index(r, QueueModel::TitleColumn))
                        .toString()
                        .contains(u"VPN"_qs, Qt::CaseInsensitive));
        model.setQuickFilter(u"#42"_qs);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0, 0)).toString(), u"#42"_qs);
        // Full-text hits (comments included) widen the quick filter.
        model.setQuickFilter(u"перезагрузите"_qs);
        const int titleOnly = model.rowCount();
        QList<int> rows;
        for (const auto &hit : p.session->store()->searchIndex().search(u"перезагрузите"_qs, 2000))
            rows << p.session->cache()->indexOf(hit.ticketId);
        model.setSearchHits(rows);
        QVERIFY(model.rowCount() >= titleOnly);
        model.setQuickFilter(QString());
        QCOMPARE(model.rowCount(), 300);
    }

    void slaColumnHasTextColourAndIcon()
    {
        TestProfile p;
        QueueModel model(p.session->cache(), p.session->userId());
        ManualClock now(kNow);
        model.setClock(&now);
        TicketFilter open;
        open.statuses = {TicketStatus::New, TicketStatus::InProgress};
        model.setFilter(open);
        QVERIFY(model.rowCount() > 0);
        const QModelIndex last = model.index(model.rowCount() - 1, QueueModel::SlaColumn);
        const qint64 due = model.data(last, QueueModel::DueRole).toLongLong();
        now.setNow(due - 12 * 60000);
        QCOMPARE(model.data(last).toString(), u"12 min"_qs);
        QCOMPARE(model.data(last, QueueModel::SlaStateRole).toInt(), int(SlaState::AtRisk));
        QVERIFY(!model.data(last, Qt::DecorationRole).value<QIcon>().isNull());
        now.setNow(due + 3 * 60000);
        QCOMPARE(model.data(last).toString(), QString(QChar(0x2212) + u"3 min"_qs));
        QCOMPARE(model.data(last, QueueModel::SlaStateRole).toInt(), int(SlaState::Breached));
        QVERIFY(model.data(last, Qt::AccessibleTextRole).toString().contains(u"breached"_qs));
    }

    void ageingRule()
    {
        TestProfile p;
        QueueModel model(p.session->cache(), p.session->userId());
        ManualClock now(kNow);
        model.setClock(&now);
        Ticket draft;
        draft.title = u"Phone call: laptop will not boot"_qs;
        const auto created = p.session->editor()->createTicket(draft);
        QVERIFY(created);
        now.setNow(created->createdAt + 14 * 60000);
        const int row = model.rowOfTicket(created->id);
        QVERIFY(!model.data(model.index(row, 0), QueueModel::AgeingRole).toBool());
        now.setNow(created->createdAt + 16 * 60000);
        QVERIFY(model.data(model.index(row, 0), QueueModel::AgeingRole).toBool());
        QVERIFY(model.data(model.index(row, QueueModel::StatusColumn)).toString().contains(u"16 min"_qs));
        model.setAgeingMinutes(30);
        QVERIFY(!model.data(model.index(row, 0), QueueModel::AgeingRole).toBool());
    }

    void bigBatchKeepsOrderAndSelection()
    {
        TestProfile p(2000);
        QueueModel model(p.session->cache(), p.session->userId());
        model.setClock(fixedClock());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QPersistentModelIndex sel(model.index(700, 2));
        const QString selId = model.ticketId(700);
        // 500 tickets change priority (due moves) as a sync page would deliver them.
        QList<Ticket> page;
        for (int r = 0; r < 500; ++r) {
            auto t = p.session->store()->tickets().ticket(model.ticketId(r * 3));
            t->priority = t->priority == Priority::Low ? Priority::Critical : Priority::Low;
            page << *t;
        }
        QVERIFY(p.session->store()->tickets().upsertTickets(page));
        QCOMPARE(model.rowCount(), 2000);
        verifySorted(model);
        QCOMPARE(model.ticketId(sel.row()), selId);
    }

    void heldRowsStayUntilReleased()
    {
        TestProfile p(400);
        QueueModel model(p.session->cache(), p.session->userId());
        model.setClock(fixedClock());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TicketFilter unassigned;
        unassigned.assignee = TicketFilter::Assignee::Unassigned;
        model.setFilter(unassigned);
        const int before = model.rowCount();
        QVERIFY(before > 3);
        const QString a = model.ticketId(1);
        const QString b = model.ticketId(2);
        QPersistentModelIndex after(model.index(3, 0));
        const QString afterId = model.ticketId(3);
        model.holdRows({model.cacheRow(1), model.cacheRow(2)});
        QVERIFY(p.session->editor()->assignToMe(a));
        QVERIFY(p.session->editor()->assignToMe(b));
        QCOMPARE(model.rowCount(), before);
        QVERIFY(model.isLeftView(1) && model.isLeftView(2) && !model.isLeftView(0));
        model.releaseHeld({p.session->cache()->indexOf(b)});
        QCOMPARE(model.rowCount(), before - 1);
        QCOMPARE(model.rowOfTicket(a), -1);
        QVERIFY(model.rowOfTicket(b) >= 0);
        QCOMPARE(model.ticketId(after.row()), afterId);
        model.releaseHeld();
        QCOMPARE(model.rowCount(), before - 2);
        QVERIFY(!model.hasHeld());
    }

    // Title order is kept between sorts and only changed rows are merged in: the order must be the
    // same as a fresh case-insensitive sort after edits, new tickets and both directions.
    void titleSortStaysExactAfterChanges()
    {
        TestProfile p(600);
        QueueModel model(p.session->cache(), p.session->userId());
        model.setClock(fixedClock());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto title = [&](int r) { return model.data(model.index(r, QueueModel::TitleColumn)).toString(); };
        auto verify = [&](bool desc) {
            for (int r = 1; r < model.rowCount(); ++r) {
                const int c = title(r - 1).compare(title(r), Qt::CaseInsensitive);
                QVERIFY2(desc ? c >= 0 : c <= 0,
                    qPrintable(u"row %1: %2 / %3"_qs.arg(r).arg(title(r - 1), title(r))));
            }
        };
        model.sort(QueueModel::TitleColumn, Qt::AscendingOrder);
        verify(false);
        model.sort(QueueModel::SlaColumn, Qt::AscendingOrder);
        LocalEditor *editor = p.session->editor();
        QVERIFY(editor->updateFields(model.ticketId(5), {{TicketField::Title, u"zzz last one"_qs}}));
        QVERIFY(editor->updateFields(model.ticketId(9), {{TicketField::Title, u"AAA first one"_qs}}));
        QVERIFY(editor->updateFields(model.ticketId(11), {{TicketField::Title, u"aaa First One"_qs}}));
        Ticket draft;
        draft.title = u"Ääa umlaut"_qs;
        QVERIFY(editor->createTicket(draft));
        draft.title = u"mmm middle"_qs;
        QVERIFY(editor->createTicket(draft));
        model.sort(QueueModel::TitleColumn, Qt::AscendingOrder);
        verify(false);
        QCOMPARE(title(0).toLower(), u"aaa first one"_qs);
        QCOMPARE(title(1).toLower(), u"aaa first one"_qs);
        QVERIFY(model.rowOfTicket(model.ticketId(0)) == 0);
        auto rowOfTitle = [&](const QString &t) {
            for (int r = 0; r < model.rowCount(); ++r)
                if (title(r) == t)
                    return r;
            return -1;
        };
        QVERIFY(rowOfTitle(u"mmm middle"_qs) < rowOfTitle(u"zzz last one"_qs));
        QVERIFY(rowOfTitle(u"zzz last one"_qs) < rowOfTitle(u"Ääa umlaut"_qs));
        model.sort(QueueModel::TitleColumn, Qt::DescendingOrder);
        verify(true);
        QVERIFY(rowOfTitle(u"zzz last one"_qs) > rowOfTitle(u"Ääa umlaut"_qs));
        QCOMPARE(title(model.rowCount() - 1).toLower(), u"aaa first one"_qs);
        // Equal titles (ignoring case) stay ordered by number in both directions.
        for (int r = 1; r < model.rowCount(); ++r) {
            if (title(r - 1).compare(title(r), Qt::CaseInsensitive) == 0) {
                const auto n = [&](int row) { return p.session->cache()->row(model.cacheRow(row)).number; };
                QVERIFY(n(r - 1) <= n(r) || n(r) == 0);
            }
        }
    }

    // The cache reads rows through the SQLite C API (TicketRepository::forEachTicketListRow): every
    // field must match what the store returns for the same ticket, non-ASCII text included.
    void cacheRowsMatchTheStore()
    {
        TestProfile p(400);
        Ticket draft;
        draft.title = u"Принтер 🖨 не печатает — עברית (RTL) «x»"_qs;
        const auto created = p.session->editor()->createTicket(draft);
        QVERIFY(created);
        QVERIFY(p.session->editor()->assignToMe(created->id));
        TicketCache *cache = p.session->cache();
        cache->reload();
        QCOMPARE(cache->liveCount(), 401);
        DirectoryIndex *d = p.session->directory();
        int checked = 0;
        p.session->store()->tickets().forEachTicket([&](Ticket &&t) {
            const int i = cache->indexOf(t.id);
            QVERIFY(i >= 0);
            const TicketRow &r = cache->row(i);
            QCOMPARE(r.title, t.title);
            QCOMPARE(r.number, t.number.value_or(0));
            QCOMPARE(r.status, t.status);
            QCOMPARE(r.priority, t.priority);
            QCOMPARE(r.type, t.type);
            QCOMPARE(r.createdAt, t.createdAt);
            QCOMPARE(r.updatedAt, t.updatedAt);
            QCOMPARE(r.rank, t.rank);
            QCOMPARE(d->user(r.requester).id, t.requesterId);
            QCOMPARE(d->user(r.assignee).id, t.assigneeId);
            QCOMPARE(d->group(r.group).id, t.groupId);
            QCOMPARE(r.dueAt, t.sla.due);
            QCOMPARE(r.paused, t.sla.paused);
            QCOMPARE(r.warnAt, t.sla.warnAt);
            ++checked;
        });
        QCOMPARE(checked, 401);
        const TicketRow &mine = cache->row(cache->indexOf(created->id));
        QVERIFY(mine.pending); // from the outbox
        QCOMPARE(d->user(mine.assignee).id, p.session->userId());
    }

    void navigationCountsAreLive()
    {
        TestProfile p;
        NavigationModel nav(p.session->cache(), p.session->userId());
        nav.setClock(fixedClock());
        QAbstractItemModelTester tester(&nav, QAbstractItemModelTester::FailureReportingMode::QtTest);
        nav.setContent(p.session->views(), p.session->boards());
        QCOMPARE(nav.kind(0), NavigationModel::Kind::Header);
        const int all = nav.rowOfView(p.session->views().last().id);
        QCOMPARE(nav.count(all), 300);
        int mine = -1;
        for (int r = 0; r < nav.rowCount(); ++r) {
            if (nav.view(r) && nav.view(r)->filter.assignee == TicketFilter::Assignee::Me)
                mine = r;
        }
        QVERIFY(mine > 0);
        const int before = nav.count(mine);
        Ticket draft;
        draft.title = u"Monitor flickers"_qs;
        const auto t = p.session->editor()->createTicket(draft);
        QVERIFY(p.session->editor()->assignToMe(t->id));
        nav.recount();
        QCOMPARE(nav.count(mine), before + 1);
        QCOMPARE(nav.count(all), 301);
        QVERIFY(nav.data(nav.index(mine), Qt::AccessibleTextRole)
                    .toString()
                    .contains(QString::number(before + 1)));
        QVERIFY(!(nav.flags(nav.index(0)) & Qt::ItemIsSelectable));
    }
};

QTEST_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"
