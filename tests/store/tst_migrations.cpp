// Migrating real cache files written by older builds. The fixtures in tests/data/store were made
// by this test with TRIAGE_WRITE_FIXTURES=1 at the time each schema version shipped; they are
// committed so a later edit of an old migration cannot silently change what users' files contain.
#include "domain/TicketEvent.h"
#include "store/CacheDatabase.h"
#include "store/CacheSchema.h"
#include "store/LocalCache.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace triage;

namespace {

QString fixture(int version)
{
    return qEnvironmentVariable("TRIAGE_SOURCE_DIR") + u"/tests/data/store/cache-v%1.sqlite"_qs.arg(version);
}

// Sample rows valid at every schema version (columns of v1).
QStringList sampleRows()
{
    return {
        uR"(INSERT INTO tickets (id, number, title, description, type, status, priority, impact, urgency,
            requester_id, assignee_id, group_id, channel, tags, links, csat_rating, csat_comment, created_at,
            updated_at, version, rank) VALUES
            ('0190a000-0000-7000-8000-000000000001', 1, 'Не получается зайти в CRM', 'Пишет «неверный пароль»',
             0, 1, 1, 1, 0, '0190a000-0000-7000-8000-0000000000aa', NULL, NULL, 1, 'crm,login', '[]', NULL, '',
             1772434800000, 1772434800000, 3, 1.0),
            ('0190a000-0000-7000-8000-000000000002', 2, 'Printer won''t print', 'Nothing comes out',
             0, 0, 2, 2, 1, '0190a000-0000-7000-8000-0000000000bb', NULL, NULL, 0, 'printer', '[]', 5, 'ok',
             1772434860000, 1772434860000, 1, 2.0))"_qs,
        uR"(INSERT INTO comments (id, ticket_id, author_id, public, body, created_at) VALUES
            ('0190a000-0000-7000-8000-000000000101', '0190a000-0000-7000-8000-000000000002', NULL, 0,
             'Заменили картридж', 1772434900000))"_qs,
        uR"(INSERT INTO outbox (id, type, entity_id, payload, created_at, state) VALUES
            ('0190a000-0000-7000-8000-000000000201', 'ticket.update', '0190a000-0000-7000-8000-000000000001',
             '{"changes":[]}', 1772434950000, 'pending'))"_qs,
        uR"(INSERT INTO meta (key, value) VALUES ('cursor', 'epoch1.42'))"_qs,
    };
}

bool writeFixture(const QString &path, int version, QString *error)
{
    QFile::remove(path);
    const QString name = u"fixture-writer"_qs;
    bool ok = true;
    {
        auto db = openSqliteConnection(name, path, error);
        if (!db)
            return false;
        QSqlQuery q(*db);
        QStringList statements;
        for (const auto &m : cacheschema::migrations()) {
            if (m.version <= version)
                statements << m.statements;
        }
        statements << sampleRows() << u"PRAGMA user_version = %1"_qs.arg(version)
                   << u"PRAGMA wal_checkpoint(TRUNCATE)"_qs << u"PRAGMA journal_mode = DELETE"_qs;
        for (const auto &s : statements) {
            if (!q.exec(s)) {
                *error = q.lastError().text();
                ok = false;
                break;
            }
        }
        db->close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsSet("TRIAGE_WRITE_FIXTURES")) {
            for (int v = 1; v < cacheschema::latestVersion(); ++v) {
                if (QFile::exists(fixture(v)))
                    continue; // a shipped version's file is history: never rewritten
                QString error;
                QVERIFY2(writeFixture(fixture(v), v, &error), qPrintable(error));
            }
        }
    }

    void migratesEveryOlderVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v < cacheschema::latestVersion(); ++v)
            QTest::newRow(qPrintable(u"from v%1"_qs.arg(v))) << v;
    }

    void migratesEveryOlderVersion()
    {
        QFETCH(int, version);
        QVERIFY2(QFile::exists(fixture(version)), qPrintable(u"missing fixture "_qs + fixture(version)));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_qs);
        QVERIFY(QFile::copy(fixture(version), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);

        OpenReport report;
        QString error;
        auto db = CacheDatabase::open(path, &report, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(report.fromVersion, version);
        QCOMPARE(report.toVersion, cacheschema::latestVersion());
        QVERIFY(!report.recovered);
        QCOMPARE(db->schemaVersion(), cacheschema::latestVersion());

        LocalCache store(db.get());
        // Nothing lost: rows, the unsynced edit and the sync cursor are all there.
        QCOMPARE(store.tickets().ticketCount(), 2);
        const auto crm = store.tickets().ticketByNumber(1);
        QVERIFY(crm);
        QCOMPARE(crm->title, u"Не получается зайти в CRM"_qs);
        QCOMPARE(crm->tags, (QStringList {u"crm"_qs, u"login"_qs}));
        QCOMPARE(store.tickets().ticketByNumber(2)->csatRating, 5);
        QCOMPARE(store.tickets().comments(u"0190a000-0000-7000-8000-000000000002"_qs).size(), 1);
        QCOMPARE(store.outbox().pendingCount(), 1);
        QCOMPARE(store.meta().value(u"cursor"_qs), u"epoch1.42"_qs);
        // Features of the newer versions work on the migrated data.
        QCOMPARE(store.searchIndex().search(u"картридж"_qs, 10).size(), 1);
        QCOMPARE(store.searchIndex().search(u"пароль"_qs, 10).size(), 1);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(
            u"INSERT INTO drafts (ticket_id, kind, body, updated_at) VALUES ('x', 'reply', 'b', 1)"_qs));

        // Opening again is a no-op.
        db.reset();
        OpenReport again;
        db = CacheDatabase::open(path, &again, &error);
        QVERIFY(db);
        QCOMPARE(again.fromVersion, cacheschema::latestVersion());
    }

    // v8: the per-event rows of v6/v7 become one JSON log per ticket that reads back the same.
    void eventRowsBecomeOneLogPerTicket()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_qs);
        QVERIFY(QFile::copy(fixture(7), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const QString t1 = u"0190a000-0000-7000-8000-000000000001"_qs;
        const QString t2 = u"0190a000-0000-7000-8000-000000000002"_qs;
        const QList<TicketEvent> log1 {
            {1772434800123, u"0190a000-0000-7000-8000-0000000000a1"_qs, u"created"_qs, QString(),
                u"{\"assignee_id\":\"\",\"group_id\":\"g\",\"priority\":\"high\",\"status\":\"new\"}"_qs},
            {1772434860000, u"0190a000-0000-7000-8000-0000000000a2"_qs, u"status"_qs, u"new"_qs,
                u"waiting"_qs},
            {1772434860000, QString(), u"reply"_qs, QString(), u"agent"_qs}, // same instant: rowid order
            {1772434999007, u"u"_qs, u"title"_qs, u"Принтер \"старый\""_qs, u"Принтер\nновый"_qs},
        };
        const QList<TicketEvent> log2 {{5, QString(), u"deleted"_qs, QString(), QString()}};
        {
            QString error;
            auto c = openSqliteConnection(u"events"_qs, path, &error);
            QVERIFY2(c, qPrintable(error));
            QSqlQuery q(*c);
            q.prepare(u"INSERT INTO ticket_events (ticket_id, at, user_id, field, old_value, new_value) "
                      u"VALUES (?, ?, ?, ?, ?, ?)"_qs);
            // Written out of order: the log is ordered by time, then by insertion.
            for (const auto &[id, e] : {std::pair {t2, log2.at(0)}, std::pair {t1, log1.at(1)},
                     std::pair {t1, log1.at(0)}, std::pair {t1, log1.at(2)}, std::pair {t1, log1.at(3)}}) {
                for (const QVariant &v : {QVariant(id), QVariant(e.at), QVariant(e.userId), QVariant(e.field),
                         QVariant(e.oldValue), QVariant(e.newValue)})
                    q.addBindValue(
                        v.toString().isNull() && v.typeId() == QMetaType::QString ? QVariant(u""_qs) : v);
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            c->close();
        }
        QSqlDatabase::removeDatabase(u"events"_qs);
        QString error;
        auto db = CacheDatabase::open(path, nullptr, &error);
        QVERIFY2(db, qPrintable(error));
        LocalCache store(db.get());
        QCOMPARE(store.eventLogs().history(t1), log1);
        QCOMPARE(store.eventLogs().history(t2), log2);
        QCOMPARE(store.eventLogs().histories({t1, t2}).value(t1), log1);
        QVERIFY(store.eventLogs().history(u"none"_qs).isEmpty());
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"SELECT count(*) FROM sqlite_schema WHERE name = 'ticket_events'"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // Deleting a ticket still deletes its log.
        QVERIFY(q.exec(u"DELETE FROM tickets WHERE id = '%1'"_qs.arg(t1)));
        QVERIFY(store.eventLogs().history(t1).isEmpty());
        QCOMPARE(store.eventLogs().history(t2), log2);
    }

    void everyStepIsTransactional()
    {
        // A migration that fails half-way leaves the file at the previous version, usable.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_qs);
        QVERIFY(QFile::copy(fixture(1), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        {
            QString error;
            auto c = openSqliteConnection(u"sabotage"_qs, path, &error);
            QVERIFY(c);
            QSqlQuery q(*c);
            // An object with the name v2 wants to create makes step 2 fail.
            QVERIFY(q.exec(u"CREATE TABLE ticket_fts (x)"_qs));
            c->close();
        }
        QSqlDatabase::removeDatabase(u"sabotage"_qs);
        QString error;
        QVERIFY(!CacheDatabase::open(path, nullptr, &error));
        QVERIFY2(error.contains(u"version 2"_qs), qPrintable(error));
        auto c = openSqliteConnection(u"check"_qs, path, &error);
        QSqlQuery q(*c);
        QVERIFY(q.exec(u"PRAGMA user_version"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(u"SELECT count(*) FROM tickets"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        c->close();
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
