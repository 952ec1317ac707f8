#include "demo/DemoGenerator.h"
#include "domain/Uuid.h"
#include "sla/SlaEngine.h"
#include "store/CacheDatabase.h"
#include "store/CacheSchema.h"
#include "store/LocalCache.h"
#include "store/SearchQuery.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace triage;

class TestStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString freshPath() { return m_dir.filePath(u"cache-%1.db"_qs.arg(++m_n)); }

    // The list indexes the cache has (sqlite_master), by name.
    static QStringList listIndexes(CacheDatabase *db)
    {
        QStringList out;
        QSqlQuery q(db->connection());
        q.exec(u"SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('tickets_number', "
               u"'tickets_status', 'tickets_group', 'tickets_updated', 'comments_ticket') ORDER BY name"_qs);
        while (q.next())
            out << q.value(0).toString();
        return out;
    }
    static inline const QStringList kListIndexes {u"comments_ticket"_qs, u"tickets_group"_qs,
        u"tickets_number"_qs, u"tickets_status"_qs, u"tickets_updated"_qs};

    static Ticket make(const QString &title, const QString &description = {})
    {
        Ticket t;
        t.id = newId();
        t.title = title;
        t.description = description;
        t.requesterId = newId();
        t.createdAt = 1772434800000;
        t.updatedAt = t.createdAt;
        return t;
    }

private Q_SLOTS:
    void opensAndMigratesToLatest()
    {
        OpenReport report;
        QString error;
        auto db = CacheDatabase::open(freshPath(), &report, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(report.fromVersion, 0);
        QCOMPARE(report.toVersion, cacheschema::latestVersion());
        QCOMPARE(db->schemaVersion(), cacheschema::latestVersion());
        QVERIFY(!report.recovered);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_qs) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_qs);
        QVERIFY(q.exec(u"PRAGMA foreign_keys"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(u"PRAGMA synchronous"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 2); // FULL
    }

    // A cache written under older SLA rules re-derives its snapshots once (kSlaRulesRevision).
    void olderSlaRulesAreRecomputedOnce()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        QVERIFY(db);
        LocalCache store(db.get());
        Ticket t = make(u"Closed long ago"_qs);
        t.status = TicketStatus::Closed;
        QVERIFY(store.tickets().upsertTickets({t}));
        const auto stale = [&] {
            QSqlQuery q(db->connection());
            q.prepare(u"UPDATE tickets SET sla_due = ? WHERE id = ?"_qs);
            q.addBindValue(qint64(1772434800000));
            q.addBindValue(t.id);
            return q.exec();
        };
        QVERIFY(stale());
        QVERIFY(store.meta().setValue(u"sla.rules_revision"_qs, u"1"_qs));
        QCOMPARE(store.tickets().ticket(t.id)->sla.due, qint64(1772434800000));
        QVERIFY(store.eventLogs().upgradeSlaSnapshots());
        QCOMPARE(store.tickets().ticket(t.id)->sla.due,
            SlaSnapshot::kNone); // a closed ticket has no running timer
        QCOMPARE(store.meta().value(u"sla.rules_revision"_qs), QString::number(kSlaRulesRevision));
        // Current already: nothing is recomputed (one meta read).
        QVERIFY(stale());
        QVERIFY(store.eventLogs().upgradeSlaSnapshots());
        QCOMPARE(store.tickets().ticket(t.id)->sla.due, qint64(1772434800000));
    }

    void ticketRoundTripAndSignals()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        QVERIFY(db);
        LocalCache store(db.get());
        QSignalSpy changed(&store.tickets(), &TicketRepository::ticketsChanged);
        QSignalSpy removed(&store.tickets(), &TicketRepository::ticketsRemoved);

        Ticket t = make(u"Printer won't print"_qs, u"3rd floor"_qs);
        t.tags = {u"printer"_qs, u"floor_3"_qs};
        t.links = {{LinkKind::ProblemOf, newId()}};
        t.csatRating = 4;
        t.number = 17;
        QVERIFY(store.tickets().upsertTickets({t}));
        QCOMPARE(changed.count(), 1);
        // Stored and announced with its SLA snapshot: no log yet, so it starts from its current values;
        // the built-in policy gives a normal ticket 8 h to the first answer, warned at 75 %.
        Ticket expected = t;
        expected.sla.due = t.createdAt + 8 * 3600000LL;
        expected.sla.metric = SlaMetric::FirstResponse;
        expected.sla.warnAt = t.createdAt + 6 * 3600000LL;
        QCOMPARE(changed.first().first().value<QList<Ticket>>().first(), expected);
        QCOMPARE(store.tickets().ticket(t.id).value(), expected);
        QCOMPARE(store.tickets().ticketByNumber(17).value().id, t.id);

        t.status = TicketStatus::InProgress;
        t.version = 2;
        QVERIFY(store.tickets().upsertTickets({t}));
        QCOMPARE(store.tickets().ticket(t.id)->status, TicketStatus::InProgress);
        QCOMPARE(store.tickets().ticketCount(), 1);

        QVERIFY(store.tickets().removeTickets({t.id}));
        QCOMPARE(removed.count(), 1);
        QVERIFY(!store.tickets().ticket(t.id));
    }

    void filtersAreParameterised()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        const QString me = newId();
        Ticket a = make(u"a"_qs);
        a.assigneeId = me;
        a.tags = {u"vpn"_qs};
        Ticket b = make(u"b"_qs);
        b.status = TicketStatus::Waiting;
        b.tags = {u"vpn_x"_qs};
        Ticket c = make(u"' OR 1=1 --"_qs);
        c.tags = {u"100%"_qs};
        QVERIFY(store.tickets().upsertTickets({a, b, c}));

        TicketFilter f;
        f.assignee = TicketFilter::Assignee::Me;
        QCOMPARE(store.tickets().matching(f, me, 100).size(), 1);
        f.assignee = TicketFilter::Assignee::Unassigned;
        QCOMPARE(store.tickets().matching(f, me, 100).size(), 2);
        f = {};
        f.statuses = {TicketStatus::Waiting};
        QCOMPARE(store.tickets().matching(f, me, 100).first().id, b.id);
        f = {};
        f.tag = u"vpn"_qs; // must not match vpn_x via LIKE's '_' wildcard
        QCOMPARE(store.tickets().matching(f, me, 100).size(), 1);
        f.tag = u"100%"_qs;
        QCOMPARE(store.tickets().matching(f, me, 100).first().id, c.id);
        f = {};
        f.requesterId = u"' OR 1=1 --"_qs; // SQL metacharacters are data
        QCOMPARE(store.tickets().matching(f, me, 100).size(), 0);
        f = {};
        f.text = u"' OR 1=1 --"_qs;
        const auto hits = store.tickets().matching(f, me, 100);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().id, c.id);
        QCOMPARE(store.tickets().ticketCount(), 3); // data intact
    }

    void searchQuerySyntax()
    {
        QCOMPARE(toFtsQuery(u"принт"_qs), u"\"принт\"*"_qs);
        QCOMPARE(toFtsQuery(u"printer "_qs), u"\"printer\""_qs);
        QCOMPARE(toFtsQuery(u"\"dev server\" 502"_qs), u"\"dev server\" \"502\"*"_qs);
        QCOMPARE(toFtsQuery(u"NEAR( OR AND * ^"_qs), u"\"NEAR\" \"OR\" \"AND\""_qs);
        QCOMPARE(toFtsQuery(u"  ;;; "_qs), QString());
        QCOMPARE(toFtsQuery(u"a"_qs), u"\"a\""_qs); // one letter: no prefix explosion
    }

    void fullTextSearchRussianAndEnglish()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        Ticket crm = make(u"Не получается зайти в CRM"_qs, u"Пишет «неверный пароль»"_qs);
        Ticket printer = make(u"Printer won't print"_qs, u"Nothing comes out"_qs);
        Ticket slow = make(u"Тормозит 1С"_qs, u"Документы открываются минуту"_qs);
        Ticket accent = make(u"Café menu broken"_qs);
        QVERIFY(store.tickets().upsertTickets({crm, printer, slow, accent}));
        Comment note {newId(), printer.id, newId(), false, u"Заменили картридж в принтере"_qs, 1};
        QVERIFY(store.tickets().upsertComments({note}));

        auto ids = [&](const QString &q) {
            QStringList out;
            for (const auto &h : store.searchIndex().search(q, 50))
                out << h.ticketId;
            return out;
        };
        QCOMPARE(ids(u"пароль"_qs), QStringList {crm.id});
        QCOMPARE(ids(u"ПАРОЛЬ "_qs), QStringList {crm.id}); // case-insensitive Cyrillic
        QCOMPARE(ids(u"CRM"_qs), QStringList {crm.id});
        QCOMPARE(ids(u"тормоз"_qs), QStringList {slow.id}); // prefix while typing
        QCOMPARE(ids(u"printe "_qs), QStringList()); // a finished word is not a prefix
        QCOMPARE(ids(u"printe"_qs), QStringList {printer.id});
        QCOMPARE(ids(u"картридж"_qs), QStringList {printer.id}); // found via a comment
        QVERIFY(store.searchIndex().search(u"картридж"_qs, 5).first().inComment);
        QCOMPARE(ids(u"\"won't print\""_qs), QStringList {printer.id}); // phrase
        QCOMPARE(ids(u"cafe"_qs), QStringList {accent.id}); // diacritics removed
        QCOMPARE(ids(u"\"print won't\""_qs), QStringList());

        // The index follows edits and deletions.
        crm.title = u"Вход в CRM восстановлен"_qs;
        crm.description.clear();
        QVERIFY(store.tickets().upsertTickets({crm}));
        QCOMPARE(ids(u"пароль"_qs), QStringList());
        QCOMPARE(ids(u"восстановлен"_qs), QStringList {crm.id});
        QVERIFY(store.tickets().removeTickets({printer.id}));
        QCOMPARE(ids(u"картридж"_qs), QStringList()); // comments go with their ticket
        QCOMPARE(store.tickets().comments(printer.id).size(), 0);
    }

    void commentBeforeItsTicketIsKept()
    {
        // The feed orders rows by their latest change: a comment can come a page before its ticket.
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        const Ticket t = make(u"later"_qs);
        ServerChanges first;
        first.comments << Comment {newId(), t.id, newId(), true, u"early comment"_qs, 5};
        QVERIFY2(store.syncWriter().applyServerChanges(first), qPrintable(store.lastError()));
        ServerChanges second;
        second.tickets << t;
        QVERIFY(store.syncWriter().applyServerChanges(second));
        QCOMPARE(store.tickets().comments(t.id).size(), 1);
    }

    void bulkLoadRebuildsSearch()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        QSignalSpy reset(&store.tickets(), &TicketRepository::reset);
        DemoGenerator gen;
        QVERIFY(store.syncWriter().beginBulk());
        QList<Ticket> page;
        QList<Comment> comments;
        gen.generate(300, [&](const Ticket &t, const QList<Comment> &c) {
            page << t;
            comments << c;
            if (page.size() == 100) {
                QVERIFY(store.syncWriter().bulkInsert(page, comments));
                page.clear();
                comments.clear();
            }
        });
        QVERIFY(store.syncWriter().endBulk());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(store.tickets().ticketCount(), 300);
        QVERIFY(!store.searchIndex().search(u"принтер"_qs, 10).isEmpty()
            || !store.searchIndex().search(u"printer"_qs, 10).isEmpty());
        QVERIFY(store.meta().value(u"fts_dirty"_qs).isEmpty());
    }

    void searchIndexIsBuiltAfterTheBulkLoadAndSeesEditsMadeMeanwhile()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        Ticket kept = make(u"Kafka cluster down"_qs);
        Ticket renamed = make(u"Old printer title"_qs);
        QVERIFY(store.syncWriter().beginBulk());
        QVERIFY(store.syncWriter().bulkInsert(
            {kept, renamed}, {Comment {newId(), kept.id, newId(), true, u"zookeeper restarted"_qs, 1}}));
        QVERIFY(store.syncWriter().endBulk(true));
        QCOMPARE(store.tickets().ticketCount(), 2); // usable at once…
        QVERIFY(store.searchIndex().searchIndexPending()); // …the search index comes afterwards
        // Edits before the index exists are indexed by the build (it reads the tables then).
        renamed.title = u"Scanner jammed"_qs;
        renamed.version = 2;
        QVERIFY(store.tickets().upsertTickets({renamed}));
        QSignalSpy ready(&store.searchIndex(), &SearchIndex::searchIndexReady);
        store.searchIndex().buildSearchIndexInBackground();
        QVERIFY(ready.wait(20000));
        QVERIFY(ready.first().first().toBool());
        QVERIFY(!store.searchIndex().searchIndexPending());
        QCOMPARE(listIndexes(db.get()), kListIndexes); // the list indexes came first
        QCOMPARE(store.searchIndex().search(u"scanner"_qs, 10).size(), 1);
        QVERIFY(store.searchIndex().search(u"printer"_qs, 10).isEmpty());
        QCOMPARE(store.searchIndex().search(u"zookeeper"_qs, 10).size(), 1);
        QVERIFY(store.searchIndex().search(u"zookeeper"_qs, 10).first().inComment);
        // …and from now on the triggers keep it current.
        renamed.title = u"Scanner fixed"_qs;
        renamed.version = 3;
        QVERIFY(store.tickets().upsertTickets({renamed}));
        QCOMPARE(store.searchIndex().search(u"fixed"_qs, 10).size(), 1);
        QVERIFY(store.searchIndex().search(u"jammed"_qs, 10).isEmpty());
    }

    // A deferred bulk load is usable before any index exists (every row is in; lookups scan), and
    // the list indexes come back with buildListIndexes(), the search index after them.
    void deferredBulkLoadIsUsableBeforeItsIndexes()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        QCOMPARE(listIndexes(db.get()), kListIndexes);
        Ticket t = make(u"Printer on fire"_qs);
        t.number = 42;
        const Comment c {newId(), t.id, newId(), true, u"extinguisher found"_qs, 1};
        QVERIFY(store.syncWriter().beginBulk());
        QVERIFY(store.syncWriter().bulkInsert({t, make(u"Other"_qs)}, {c}));
        QVERIFY(store.syncWriter().endBulk(true));
        QVERIFY(listIndexes(db.get()).isEmpty());
        QVERIFY(store.searchIndex().listIndexesPending());
        QVERIFY(store.searchIndex().searchIndexPending());
        QCOMPARE(store.tickets().ticketCount(), 2);
        QCOMPARE(store.tickets().ticketByNumber(42).value_or(Ticket {}).id, t.id);
        QCOMPARE(store.tickets().comments(t.id).size(), 1);
        QVERIFY(store.searchIndex().buildListIndexes());
        QCOMPARE(listIndexes(db.get()), kListIndexes);
        QVERIFY(!store.searchIndex().listIndexesPending());
        QVERIFY(store.searchIndex().searchIndexPending()); // the search index is still to come
        QVERIFY(store.searchIndex().buildSearchIndex());
        QVERIFY(!store.searchIndex().searchIndexPending());
        QCOMPARE(store.searchIndex().search(u"printer"_qs, 10).size(), 1);
    }

    // Killed after a deferred bulk load, before its indexes: opening the cache builds them.
    void deferredIndexesAreBuiltOnOpen()
    {
        const QString path = freshPath();
        {
            auto db = CacheDatabase::open(path, nullptr, nullptr);
            LocalCache store(db.get());
            QVERIFY(store.syncWriter().beginBulk());
            QVERIFY(store.syncWriter().bulkInsert({make(u"Kafka cluster down"_qs)}, {}));
            QVERIFY(store.syncWriter().endBulk(true));
            QVERIFY(listIndexes(db.get()).isEmpty());
        }
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        QVERIFY(db);
        QCOMPARE(listIndexes(db.get()), kListIndexes);
        LocalCache store(db.get());
        QVERIFY(!store.searchIndex().listIndexesPending());
        QVERIFY(!store.searchIndex().searchIndexPending());
        QCOMPARE(store.searchIndex().search(u"kafka"_qs, 10).size(), 1);
    }

    // The bulk writer's commits leave the WAL to the background checkpoint thread: copying ~1000
    // pages into the file and its fsyncs inside the writer's commit held the initial sync's
    // busiest stage (TRIAGE_SYNC_BULK_CHECKPOINT=inline restores that).
    void bulkWritesAreCheckpointedInTheBackground()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        QVERIFY(store.syncWriter().beginBulk());
        const int before = db->backgroundCheckpoints();
        QList<Ticket> page;
        for (int i = 0; i < 2000; ++i)
            page << make(u"Ticket %1"_qs.arg(i), QString(3000, QChar(u'a' + i % 26))); // ~6 MB: > 1000 pages
        QVERIFY(store.syncWriter().bulkInsert(page, {}));
        QTRY_VERIFY_WITH_TIMEOUT(db->backgroundCheckpoints() > before, 10000);
        QVERIFY(store.syncWriter().endBulk(true));
        QCOMPARE(store.tickets().ticketCount(), 2000);
    }

    // A bulk load larger than Checkpointer::kInlineFrames is still not checkpointed inside its
    // commits; once the indexes are built after it, the WAL restarts and is cut back to
    // journal_size_limit (64 MB), so the file does not keep the load's size.
    void largeBulkLoadNeverCheckpointsInlineAndTheWalShrinksAfter()
    {
        const QString path = freshPath();
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        LocalCache store(db.get());
        QVERIFY(store.syncWriter().beginBulk());
        QList<Ticket> page;
        for (int i = 0; i < 2600; ++i)
            page << make(u"Ticket %1"_qs.arg(i), QString(30000, QChar(u'a' + i % 26))); // ~78 MB of WAL
        QVERIFY(store.syncWriter().bulkInsert(page, {}));
        const qint64 limit = 64 * 1024 * 1024;
        QVERIFY(QFileInfo(path + u"-wal"_qs).size() > limit);
        QCOMPARE(db->inlineCheckpoints(), 0);
        QVERIFY(store.syncWriter().endBulk(true));
        // As in the console: the indexes are built in the background (that connection's commit
        // checkpoints the WAL there); then a commit restarts the WAL and cuts the file back.
        QSignalSpy ready(&store.searchIndex(), &SearchIndex::searchIndexReady);
        store.searchIndex().buildSearchIndexInBackground();
        QVERIFY(ready.wait(60000));
        for (int round = 0; round < 40 && QFileInfo(path + u"-wal"_qs).size() > limit; ++round) {
            QVERIFY(store.meta().setValue(u"probe"_qs, QString::number(round)));
            QTest::qWait(100);
        }
        QVERIFY(QFileInfo(path + u"-wal"_qs).size() <= limit);
        QCOMPARE(db->inlineCheckpoints(), 0);
        QCOMPARE(store.tickets().ticketCount(), 2600);
    }

    void searchBuildsAMissingIndexFirst()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        QVERIFY(store.syncWriter().beginBulk());
        QVERIFY(store.syncWriter().bulkInsert({make(u"VPN drops every hour"_qs)}, {}));
        QVERIFY(store.syncWriter().endBulk(true));
        QVERIFY(store.searchIndex().searchIndexPending());
        QCOMPARE(store.searchIndex().search(u"vpn"_qs, 10).size(), 1);
        QVERIFY(!store.searchIndex().searchIndexPending());
    }

    void interruptedBulkLoadIsRepairedOnOpen()
    {
        const QString path = freshPath();
        Ticket t = make(u"Kafka cluster down"_qs);
        {
            auto db = CacheDatabase::open(path, nullptr, nullptr);
            LocalCache store(db.get());
            QVERIFY(store.syncWriter().beginBulk());
            QVERIFY(store.syncWriter().bulkInsert({t}, {}));
            // no endBulk(): as if killed half-way
        }
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        QVERIFY(db);
        LocalCache store(db.get());
        QCOMPARE(store.searchIndex().search(u"kafka"_qs, 10).size(), 1);
        Ticket u = make(u"Kafka lag"_qs);
        QVERIFY(store.tickets().upsertTickets({u}));
        QCOMPARE(store.searchIndex().search(u"kafka"_qs, 10).size(), 2); // triggers are back
    }

    void localEditWritesOutboxAtomically()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        QSignalSpy outbox(&store.outbox(), &OutboxRepository::outboxChanged);
        QSignalSpy changed(&store.tickets(), &TicketRepository::ticketsChanged);
        Ticket t = make(u"offline edit"_qs);
        OutboxEntry e {0, newId(), u"ticket.create"_qs, t.id, t.toJson(), 1, u"pending"_qs};
        QVERIFY(store.tickets().saveLocalEdit(t, e));
        QCOMPARE(store.outbox().pendingCount(), 1);
        QCOMPARE(outbox.last().first().toInt(), 1);
        QCOMPARE(changed.count(), 1);
        // A second entry with the same mutation id fails and leaves the ticket untouched; the
        // rooms announce only what committed, so neither signal comes for it.
        Ticket t2 = t;
        t2.title = u"should not be saved"_qs;
        QVERIFY(!store.tickets().saveLocalEdit(t2, e));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(outbox.count(), 1);
        QCOMPARE(store.tickets().ticket(t.id)->title, u"offline edit"_qs);
        QCOMPARE(store.outbox().pendingCount(), 1);
        QCOMPARE(store.outbox().pending().first().payload, t.toJson());
        QVERIFY(store.outbox().remove({e.id}));
        QCOMPARE(store.outbox().pendingCount(), 0);
    }

    void entitiesAndMeta()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        LocalCache store(db.get());
        DemoGenerator gen;
        QList<QJsonObject> users;
        for (const auto &u : gen.organisation().users)
            users << u.toJson();
        QVERIFY(store.referenceData().putEntities(u"user"_qs, users));
        QCOMPARE(store.referenceData().entities(u"user"_qs).size(), users.size());
        QVERIFY(store.meta().setValue(u"cursor"_qs, u"abc.42"_qs));
        QCOMPARE(store.meta().value(u"cursor"_qs), u"abc.42"_qs);
        QVERIFY(store.meta().setValue(u"cursor"_qs, u"abc.43"_qs));
        QCOMPARE(store.meta().value(u"cursor"_qs), u"abc.43"_qs);
    }

    void refusesCacheFromNewerVersion()
    {
        const QString path = freshPath();
        {
            auto db = CacheDatabase::open(path, nullptr, nullptr);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(u"PRAGMA user_version = 99"_qs));
        }
        QString error;
        QVERIFY(!CacheDatabase::open(path, nullptr, &error));
        QVERIFY2(error.contains(u"newer"_qs), qPrintable(error));
        QVERIFY(QFile::exists(path)); // untouched
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
