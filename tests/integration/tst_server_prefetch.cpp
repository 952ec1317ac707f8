// ServerDatabase::prefetch (server/storage): on PostgreSQL a mutation's first reads ride in the round trip
// that begins its transaction. Against a real PostgreSQL: the row comes back as the later read
// would have returned it, once; a missing row is an empty row; a write, a commit or a rollback drops
// what was prefetched (never served stale); SQLite ignores it.
#include "TriagedProcess.h"
#include "storage/ServerDatabase.h"
#include "storage/ServerTicketStore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace triage::server;
using namespace triage::test;

class TestServerPrefetch : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerDatabase> m_db;

    bool exec(const QString &sql)
    {
        try {
            m_db->execRaw(sql);
            return true;
        } catch (const DbError &e) {
            qWarning("%s", e.what());
            return false;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        ServerDatabase::configureProcess();
        QString url;
        TRIAGE_REQUIRE_PG_DATABASE(url);
        QString err;
        m_db = ServerDatabase::open({}, url, &err);
        QVERIFY2(m_db, qPrintable(err));
        QVERIFY(exec(QStringLiteral("CREATE TABLE probe (id TEXT PRIMARY KEY, v TEXT NOT NULL)")));
        QVERIFY(exec(QStringLiteral("INSERT INTO probe (id, v) VALUES ('a', 'one'), ('b', 'two')")));
    }

    // A read between deferred writes sends them first; the commit that follows carries only the
    // stamps and COMMIT. Failed as "write batch failed" (an empty error) when BEGIN was lazy: the
    // read left libpq in single-row mode and the stamp statement's row came as PGRES_SINGLE_TUPLE.
    void readAfterDeferredWritesThenCommit_data()
    {
        QTest::addColumn<bool>("lazy");
        QTest::newRow("eager BEGIN") << false;
        QTest::newRow("lazy BEGIN") << true;
    }
    void readAfterDeferredWritesThenCommit()
    {
        QFETCH(bool, lazy);
        const QString id = lazy ? QStringLiteral("lazy") : QStringLiteral("eager");
        try {
            WriteTx tx(*m_db, lazy ? WriteTx::LazyBegin : WriteTx::Eager);
            m_db->setDeferring(true);
            Sql w(*m_db, QStringLiteral("INSERT INTO probe (id, v) VALUES (?, ?)"));
            w.bind(id).bind(QStringLiteral("written")).execDeferred();
            {
                Sql r(*m_db, QStringLiteral("SELECT v FROM probe WHERE id = ?"));
                r.bind(QStringLiteral("a")).exec();
                QVERIFY(r.next());
                QCOMPARE(r.str(0), QStringLiteral("one"));
            }
            tx.stamp("tickets", QStringLiteral("no-such-ticket"));
            tx.commit();
        } catch (const DbError &e) {
            QFAIL(e.what());
        }
        Sql check(*m_db, QStringLiteral("SELECT v FROM probe WHERE id = ?"));
        check.bind(id).exec();
        QVERIFY(check.next());
    }

    void rowComesOnceWithTheFirstRoundTrip()
    {
        WriteTx tx(*m_db, WriteTx::LazyBegin);
        m_db->prefetch(QStringLiteral("a"), QStringLiteral("SELECT id, v FROM probe WHERE id = ? FOR UPDATE"),
            {QStringLiteral("a")});
        m_db->prefetch(QStringLiteral("missing"), QStringLiteral("SELECT id, v FROM probe WHERE id = ?"),
            {QStringLiteral("zz")});
        QVERIFY(!m_db->takePrefetched(QStringLiteral("a"))); // not sent yet
        QList<QByteArray> tail;
        QCOMPARE(m_db->flushWrites(
                     QStringLiteral("SELECT v FROM probe WHERE id = ?"), {QStringLiteral("b")}, false, &tail),
            1);
        QCOMPARE(tail, QList<QByteArray> {"two"});
        const auto a = m_db->takePrefetched(QStringLiteral("a"));
        QVERIFY(a);
        QCOMPARE(*a, (QList<QByteArray> {"a", "one"}));
        QVERIFY(!m_db->takePrefetched(QStringLiteral("a"))); // taken once
        const auto missing = m_db->takePrefetched(QStringLiteral("missing"));
        QVERIFY(missing);
        QVERIFY(missing->isEmpty());
        tx.commit();
    }

    void aWriteDropsWhatWasPrefetched()
    {
        WriteTx tx(*m_db, WriteTx::LazyBegin);
        m_db->prefetch(QStringLiteral("a"), QStringLiteral("SELECT id, v FROM probe WHERE id = ?"),
            {QStringLiteral("a")});
        m_db->flushWrites(QStringLiteral("SELECT 1"), {});
        Sql(*m_db, QStringLiteral("UPDATE probe SET v = ? WHERE id = ?"))
            .bind(QStringLiteral("changed"))
            .bind(QStringLiteral("a"))
            .execDeferred();
        m_db->flushWrites();
        QVERIFY(!m_db->takePrefetched(QStringLiteral("a")));
        tx.commit();
    }

    void commitAndRollbackDropIt()
    {
        {
            WriteTx tx(*m_db, WriteTx::LazyBegin);
            m_db->prefetch(QStringLiteral("b"), QStringLiteral("SELECT id, v FROM probe WHERE id = ?"),
                {QStringLiteral("b")});
            m_db->flushWrites(QStringLiteral("SELECT 1"), {});
            tx.commit();
        }
        QVERIFY(!m_db->takePrefetched(QStringLiteral("b")));
        {
            WriteTx tx(*m_db, WriteTx::LazyBegin);
            m_db->prefetch(QStringLiteral("b"), QStringLiteral("SELECT id, v FROM probe WHERE id = ?"),
                {QStringLiteral("b")});
            m_db->flushWrites(QStringLiteral("SELECT 1"), {});
        } // rolled back
        QVERIFY(!m_db->takePrefetched(QStringLiteral("b")));
        // …and a new transaction starts with nothing.
        WriteTx tx(*m_db, WriteTx::LazyBegin);
        QVERIFY(!m_db->takePrefetched(QStringLiteral("b")));
    }

    void sqliteIgnoresIt()
    {
        QTemporaryDir dir;
        QString err;
        auto db = ServerDatabase::open(dir.path(), {}, &err);
        QVERIFY2(db, qPrintable(err));
        WriteTx tx(*db, WriteTx::LazyBegin);
        ServerTicketStore(*db).prefetchForUpdate(QStringLiteral("x"));
        QVERIFY(!db->takePrefetched(QStringLiteral("ticket-for-update:x")));
        QVERIFY(!ServerTicketStore(*db).load(QStringLiteral("x"), true));
    }
};

QTEST_GUILESS_MAIN(TestServerPrefetch)
#include "tst_server_prefetch.moc"
