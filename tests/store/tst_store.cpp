#include "demo/DemoGenerator.h"
#include "domain/Uuid.h"
#include "sla/SlaEngine.h"
#include "store/CacheDatabase.h"
#include "store/CacheSchema.h"
#include "store/SearchQuery.h"
#include "store/TicketStore.h"

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
        TicketStore store(db.get());
        Ticket t = make(u"Closed long ago"_qs);
        t.status = TicketStatus::Closed;
        QVERIFY(store.upsertTickets({t}));
        const auto stale = [&] {
            QSqlQuery q(db->connection());
            q.prepare(u"UPDATE tickets SET sla_due = ? WHERE id = ?"_qs);
            q.addBindValue(qint64(1772434800000));
            q.addBindValue(t.id);
            return q.exec();
        };
        QVERIFY(stale());
        QVERIFY(store.setMeta(u"sla.rules_revision"_qs, u"1"_qs));
        QCOMPARE(store.ticket(t.id)->sla.due, qint64(1772434800000));
        QVERIFY(store.upgradeSlaSnapshots());
        QCOMPARE(store.ticket(t.id)->sla.due, SlaSnapshot::kNone); // a closed ticket has no running timer
        QCOMPARE(store.meta(u"sla.rules_revision"_qs), QString::number(kSlaRulesRevision));
        // Current already: nothing is recomputed (one meta read).
        QVERIFY(stale());
        QVERIFY(store.upgradeSlaSnapshots());
        QCOMPARE(store.ticket(t.id)->sla.due, qint64(1772434800000));
    }

    void ticketRoundTripAndSignals()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        QVERIFY(db);
        TicketStore store(db.get());
        QSignalSpy changed(&store, &TicketStore::ticketsChanged);
        QSignalSpy removed(&store, &TicketStore::ticketsRemoved);

        Ticket t = make(u"Printer won't print"_qs, u"3rd floor"_qs);
        t.tags = {u"printer"_qs, u"floor_3"_qs};
        t.links = {{LinkKind::ProblemOf, newId()}};
        t.csatRating = 4;
        t.number = 17;
        QVERIFY(store.upsertTickets({t}));
        QCOMPARE(changed.count(), 1);
        // Stored and announced with its SLA snapshot: no log yet, so it starts from its current values;
        // the built-in policy gives a normal ticket 8 h to the first answer, warned at 75 %.
        Ticket expected = t;
        expected.sla.due = t.createdAt + 8 * 3600000LL;
        expected.sla.metric = SlaMetric::FirstResponse;
        expected.sla.warnAt = t.createdAt + 6 * 3600000LL;
        QCOMPARE(changed.first().first().value<QList<Ticket>>().first(), expected);
        QCOMPARE(store.ticket(t.id).value(), expected);
        QCOMPARE(store.ticketByNumber(17).value().id, t.id);

        t.status = TicketStatus::InProgress;
        t.version = 2;
        QVERIFY(store.upsertTickets({t}));
        QCOMPARE(store.ticket(t.id)->status, TicketStatus::InProgress);
        QCOMPARE(store.ticketCount(), 1);

        QVERIFY(store.removeTickets({t.id}));
        QCOMPARE(removed.count(), 1);
        QVERIFY(!store.ticket(t.id));
    }

    void filtersAreParameterised()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        const QString me = newId();
        Ticket a = make(u"a"_qs);
        a.assigneeId = me;
        a.tags = {u"vpn"_qs};
        Ticket b = make(u"b"_qs);
        b.status = TicketStatus::Waiting;
        b.tags = {u"vpn_x"_qs};
        Ticket c = make(u"' OR 1=1 --"_qs);
        c.tags = {u"100%"_qs};
        QVERIFY(store.upsertTickets({a, b, c}));

        TicketFilter f;
        f.assignee = TicketFilter::Assignee::Me;
        QCOMPARE(store.tickets(f, me, 100).size(), 1);
        f.assignee = TicketFilter::Assignee::Unassigned;
        QCOMPARE(store.tickets(f, me, 100).size(), 2);
        f = {};
        f.statuses = {TicketStatus::Waiting};
        QCOMPARE(store.tickets(f, me, 100).first().id, b.id);
        f = {};
        f.tag = u"vpn"_qs; // must not match vpn_x via LIKE's '_' wildcard
        QCOMPARE(store.tickets(f, me, 100).size(), 1);
        f.tag = u"100%"_qs;
        QCOMPARE(store.tickets(f, me, 100).first().id, c.id);
        f = {};
        f.requesterId = u"' OR 1=1 --"_qs; // SQL metacharacters are data
        QCOMPARE(store.tickets(f, me, 100).size(), 0);
        f = {};
        f.text = u"' OR 1=1 --"_qs;
        const auto hits = store.tickets(f, me, 100);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().id, c.id);
        QCOMPARE(store.ticketCount(), 3); // data intact
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
        TicketStore store(db.get());
        Ticket crm = make(u"Не получается зайти в CRM"_qs, u"Пишет «неверный пароль»"_qs);
        Ticket printer = make(u"Printer won't print"_qs, u"Nothing comes out"_qs);
        Ticket slow = make(u"Тормозит 1С"_qs, u"Документы открываются минуту"_qs);
        Ticket accent = make(u"Café menu broken"_qs);
        QVERIFY(store.upsertTickets({crm, printer, slow, accent}));
        Comment note {newId(), printer.id, newId(), false, u"Заменили картридж в принтере"_qs, 1};
        QVERIFY(store.upsertComments({note}));

        auto ids = [&](const QString &q) {
            QStringList out;
            for (const auto &h : store.search(q, 50))
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
        QVERIFY(store.search(u"картридж"_qs, 5).first().inComment);
        QCOMPARE(ids(u"\"won't print\""_qs), QStringList {printer.id}); // phrase
        QCOMPARE(ids(u"cafe"_qs), QStringList {accent.id}); // diacritics removed
        QCOMPARE(ids(u"\"print won't\""_qs), QStringList());

        // The index follows edits and deletions.
        crm.title = u"Вход в CRM восстановлен"_qs;
        crm.description.clear();
        QVERIFY(store.upsertTickets({crm}));
        QCOMPARE(ids(u"пароль"_qs), QStringList());
        QCOMPARE(ids(u"восстановлен"_qs), QStringList {crm.id});
        QVERIFY(store.removeTickets({printer.id}));
        QCOMPARE(ids(u"картридж"_qs), QStringList()); // comments go with their ticket
        QCOMPARE(store.comments(printer.id).size(), 0);
    }

    void commentBeforeItsTicketIsKept()
    {
        // The feed orders rows by their latest change: a comment can come a page before its ticket.
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        const Ticket t = make(u"later"_qs);
        ServerChanges first;
        first.comments << Comment {newId(), t.id, newId(), true, u"early comment"_qs, 5};
        QVERIFY2(store.applyServerChanges(first), qPrintable(store.lastError()));
        ServerChanges second;
        second.tickets << t;
        QVERIFY(store.applyServerChanges(second));
        QCOMPARE(store.comments(t.id).size(), 1);
    }

    void bulkLoadRebuildsSearch()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        QSignalSpy reset(&store, &TicketStore::reset);
        DemoGenerator gen;
        QVERIFY(store.beginBulk());
        QList<Ticket> page;
        QList<Comment> comments;
        gen.generate(300, [&](const Ticket &t, const QList<Comment> &c) {
            page << t;
            comments << c;
            if (page.size() == 100) {
                QVERIFY(store.bulkInsert(page, comments));
                page.clear();
                comments.clear();
            }
        });
        QVERIFY(store.endBulk());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(store.ticketCount(), 300);
        QVERIFY(!store.search(u"принтер"_qs, 10).isEmpty() || !store.search(u"printer"_qs, 10).isEmpty());
        QVERIFY(store.meta(u"fts_dirty"_qs).isEmpty());
    }

    void searchIndexIsBuiltAfterTheBulkLoadAndSeesEditsMadeMeanwhile()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        Ticket kept = make(u"Kafka cluster down"_qs);
        Ticket renamed = make(u"Old printer title"_qs);
        QVERIFY(store.beginBulk());
        QVERIFY(store.bulkInsert(
            {kept, renamed}, {Comment {newId(), kept.id, newId(), true, u"zookeeper restarted"_qs, 1}}));
        QVERIFY(store.endBulk(true));
        QCOMPARE(store.ticketCount(), 2); // usable at once…
        QVERIFY(store.searchIndexPending()); // …the search index comes afterwards
        // Edits before the index exists are indexed by the build (it reads the tables then).
        renamed.title = u"Scanner jammed"_qs;
        renamed.version = 2;
        QVERIFY(store.upsertTickets({renamed}));
        QSignalSpy ready(&store, &TicketStore::searchIndexReady);
        store.buildSearchIndexInBackground();
        QVERIFY(ready.wait(20000));
        QVERIFY(ready.first().first().toBool());
        QVERIFY(!store.searchIndexPending());
        QCOMPARE(listIndexes(db.get()), kListIndexes); // the list indexes came first
        QCOMPARE(store.search(u"scanner"_qs, 10).size(), 1);
        QVERIFY(store.search(u"printer"_qs, 10).isEmpty());
        QCOMPARE(store.search(u"zookeeper"_qs, 10).size(), 1);
        QVERIFY(store.search(u"zookeeper"_qs, 10).first().inComment);
        // …and from now on the triggers keep it current.
        renamed.title = u"Scanner fixed"_qs;
        renamed.version = 3;
        QVERIFY(store.upsertTickets({renamed}));
        QCOMPARE(store.search(u"fixed"_qs, 10).size(), 1);
        QVERIFY(store.search(u"jammed"_qs, 10).isEmpty());
    }

    // A deferred bulk load is usable before any index exists (every row is in; lookups scan), and
    // the list indexes come back with buildListIndexes(), the search index after them.
    void deferredBulkLoadIsUsableBeforeItsIndexes()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        QCOMPARE(listIndexes(db.get()), kListIndexes);
        Ticket t = make(u"Printer on fire"_qs);
        t.number = 42;
        const Comment c {newId(), t.id, newId(), true, u"extinguisher found"_qs, 1};
        QVERIFY(store.beginBulk());
        QVERIFY(store.bulkInsert({t, make(u"Other"_qs)}, {c}));
        QVERIFY(store.endBulk(true));
        QVERIFY(listIndexes(db.get()).isEmpty());
        QVERIFY(store.listIndexesPending());
        QVERIFY(store.searchIndexPending());
        QCOMPARE(store.ticketCount(), 2);
        QCOMPARE(store.ticketByNumber(42).value_or(Ticket {}).id, t.id);
        QCOMPARE(store.comments(t.id).size(), 1);
        QVERIFY(store.buildListIndexes());
        QCOMPARE(listIndexes(db.get()), kListIndexes);
        QVERIFY(!store.listIndexesPending());
        QVERIFY(store.searchIndexPending()); // the search index is still to come
        QVERIFY(store.buildSearchIndex());
        QVERIFY(!store.searchIndexPending());
        QCOMPARE(store.search(u"printer"_qs, 10).size(), 1);
    }

    // Killed after a deferred bulk load, before its indexes: opening the cache builds them.
    void deferredIndexesAreBuiltOnOpen()
    {
        const QString path = freshPath();
        {
            auto db = CacheDatabase::open(path, nullptr, nullptr);
            TicketStore store(db.get());
            QVERIFY(store.beginBulk());
            QVERIFY(store.bulkInsert({make(u"Kafka cluster down"_qs)}, {}));
            QVERIFY(store.endBulk(true));
            QVERIFY(listIndexes(db.get()).isEmpty());
        }
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        QVERIFY(db);
        QCOMPARE(listIndexes(db.get()), kListIndexes);
        TicketStore store(db.get());
        QVERIFY(!store.listIndexesPending());
        QVERIFY(!store.searchIndexPending());
        QCOMPARE(store.search(u"kafka"_qs, 10).size(), 1);
    }

    // The bulk writer's commits leave the WAL to the background checkpoint thread: copying ~1000
    // pages into the file and its fsyncs inside the writer's commit held the initial sync's
    // busiest stage (TRIAGE_SYNC_BULK_CHECKPOINT=inline restores that).
    void bulkWritesAreCheckpointedInTheBackground()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        QVERIFY(store.beginBulk());
        const int before = db->backgroundCheckpoints();
        QList<Ticket> page;
        for (int i = 0; i < 2000; ++i)
            page << make(u"Ticket %1"_qs.arg(i), QString(3000, QChar(u'a' + i % 26))); // ~6 MB: > 1000 pages
        QVERIFY(store.bulkInsert(page, {}));
        QTRY_VERIFY_WITH_TIMEOUT(db->backgroundCheckpoints() > before, 10000);
        QVERIFY(store.endBulk(true));
        QCOMPARE(store.ticketCount(), 2000);
    }

    // A bulk load larger than Checkpointer::kInlineFrames is still not checkpointed inside its
    // commits; once the indexes are built after it, the WAL restarts and is cut back to
    // journal_size_limit (64 MB), so the file does not keep the load's size.
    void largeBulkLoadNeverCheckpointsInlineAndTheWalShrinksAfter()
    {
        const QString path = freshPath();
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        TicketStore store(db.get());
        QVERIFY(store.beginBulk());
        QList<Ticket> page;
        for (int i = 0; i < 2600; ++i)
            page << make(u"Ticket %1"_qs.arg(i), QString(30000, QChar(u'a' + i % 26))); // ~78 MB of WAL
        QVERIFY(store.bulkInsert(page, {}));
        const qint64 limit = 64 * 1024 * 1024;
        QVERIFY(QFileInfo(path + u"-wal"_qs).size() > limit);
        QCOMPARE(db->inlineCheckpoints(), 0);
        QVERIFY(store.endBulk(true));
        // As in the console: the indexes are built in the background (that connection's commit
        // checkpoints the WAL there); then a commit restarts the WAL and cuts the file back.
        QSignalSpy ready(&store, &TicketStore::searchIndexReady);
        store.buildSearchIndexInBackground();
        QVERIFY(ready.wait(60000));
        for (int round = 0; round < 40 && QFileInfo(path + u"-wal"_qs).size() > limit; ++round) {
            QVERIFY(store.setMeta(u"probe"_qs, QString::number(round)));
            QTest::qWait(100);
        }
        QVERIFY(QFileInfo(path + u"-wal"_qs).size() <= limit);
        QCOMPARE(db->inlineCheckpoints(), 0);
        QCOMPARE(store.ticketCount(), 2600);
    }

    void searchBuildsAMissingIndexFirst()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        QVERIFY(store.beginBulk());
        QVERIFY(store.bulkInsert({make(u"VPN drops every hour"_qs)}, {}));
        QVERIFY(store.endBulk(true));
        QVERIFY(store.searchIndexPending());
        QCOMPARE(store.search(u"vpn"_qs, 10).size(), 1);
        QVERIFY(!store.searchIndexPending());
    }

    void interruptedBulkLoadIsRepairedOnOpen()
    {
        const QString path = freshPath();
        Ticket t = make(u"Kafka cluster down"_qs);
        {
            auto db = CacheDatabase::open(path, nullptr, nullptr);
            TicketStore store(db.get());
            QVERIFY(store.beginBulk());
            QVERIFY(store.bulkInsert({t}, {}));
            // no endBulk(): as if killed half-way
        }
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        QVERIFY(db);
        TicketStore store(db.get());
        QCOMPARE(store.search(u"kafka"_qs, 10).size(), 1);
        Ticket u = make(u"Kafka lag"_qs);
        QVERIFY(store.upsertTickets({u}));
        QCOMPARE(store.search(u"kafka"_qs, 10).size(), 2); // triggers are back
    }

    void localEditWritesOutboxAtomically()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        QSignalSpy outbox(&store, &TicketStore::outboxChanged);
        Ticket t = make(u"offline edit"_qs);
        OutboxEntry e {0, newId(), u"ticket.create"_qs, t.id, t.toJson(), 1, u"pending"_qs};
        QVERIFY(store.saveLocalEdit(t, e));
        QCOMPARE(store.pendingCount(), 1);
        QCOMPARE(outbox.last().first().toInt(), 1);
        // A second entry with the same mutation id fails and leaves the ticket untouched.
        Ticket t2 = t;
        t2.title = u"should not be saved"_qs;
        QVERIFY(!store.saveLocalEdit(t2, e));
        QCOMPARE(store.ticket(t.id)->title, u"offline edit"_qs);
        QCOMPARE(store.pendingCount(), 1);
        QCOMPARE(store.pendingOutbox().first().payload, t.toJson());
        QVERIFY(store.removeOutbox({e.id}));
        QCOMPARE(store.pendingCount(), 0);
    }

    void entitiesAndMeta()
    {
        auto db = CacheDatabase::open(freshPath(), nullptr, nullptr);
        TicketStore store(db.get());
        DemoGenerator gen;
        QList<QJsonObject> users;
        for (const auto &u : gen.organisation().users)
            users << u.toJson();
        QVERIFY(store.putEntities(u"user"_qs, users));
        QCOMPARE(store.entities(u"user"_qs).size(), users.size());
        QVERIFY(store.setMeta(u"cursor"_qs, u"abc.42"_qs));
        QCOMPARE(store.meta(u"cursor"_qs), u"abc.42"_qs);
        QVERIFY(store.setMeta(u"cursor"_qs, u"abc.43"_qs));
        QCOMPARE(store.meta(u"cursor"_qs), u"abc.43"_qs);
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
