#pragma once

#include "TriagedProcess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QTest>
#include <QUrl>

#include <memory>

// Helpers shared by the server integration tests: the demo organisation's well-known ids, and a
// backend switch so the same test class runs on SQLite and on PostgreSQL (TRIAGE_TEST_PG).
namespace triage::test {

inline const QString kGroupIt = QStringLiteral("01941f29-7c00-76cd-91f8-b1601916e6a5");
inline const QString kGroupHr = QStringLiteral("01941f29-7c01-7908-a98d-92defaefcd66");

inline bool usePostgres()
{
#ifdef TRIAGE_TEST_PG
    return true;
#else
    return false;
#endif
}

// Starts triaged on the configured backend; QFAILs/QSKIPs as the PG policy says.
#define TRIAGE_START_SERVER(proc, opts)                                                                      \
    do {                                                                                                     \
        triage::test::TriagedProcess::Options o_ = (opts);                                                   \
        if (triage::test::usePostgres() && o_.databaseUrl.isEmpty()) {                                       \
            QString err_;                                                                                    \
            o_.databaseUrl = triage::test::createPgTestDatabase(&err_);                                      \
            if (o_.databaseUrl.isEmpty()) {                                                                  \
                if (triage::test::pgRequired())                                                              \
                    QFAIL(qPrintable(err_));                                                                 \
                QSKIP(qPrintable(err_));                                                                     \
            }                                                                                                \
        }                                                                                                    \
        QVERIFY2((proc).start(o_), qPrintable((proc).error()));                                              \
    } while (false)

inline QJsonObject mutation(qint64 seq, const QString &type, QJsonObject fields)
{
    fields.insert(QStringLiteral("id"), newUuid());
    fields.insert(QStringLiteral("client_seq"), seq);
    fields.insert(QStringLiteral("type"), type);
    return fields;
}

inline QJsonObject batch(const QString &clientId, const QJsonArray &mutations)
{
    return QJsonObject {{QStringLiteral("client_id"), clientId}, {QStringLiteral("mutations"), mutations}};
}

inline QJsonObject change(const QString &field, const QJsonValue &from, const QJsonValue &to)
{
    return QJsonObject {
        {QStringLiteral("field"), field}, {QStringLiteral("from"), from}, {QStringLiteral("to"), to}};
}

// The test's own connection `name` to a server's database: PostgreSQL when `databaseUrl` is set,
// else the SQLite file in `dataDir`. Reused while it exists (QSqlDatabase::contains).
inline QSqlDatabase serverDatabase(const QString &name, const QString &databaseUrl, const QString &dataDir)
{
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase db;
    if (databaseUrl.isEmpty()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dataDir + QStringLiteral("/triage.db"));
    } else {
        const QUrl pg(databaseUrl);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(pg.host());
        db.setPort(pg.port(5432));
        db.setUserName(pg.userName());
        db.setPassword(pg.password());
        db.setDatabaseName(pg.path().mid(1));
    }
    if (!db.open())
        qWarning("open: %s", qPrintable(db.lastError().text()));
    return db;
}

// Closes and forgets the connection serverDatabase() opened under `name`.
inline void closeServerDatabase(const QString &name)
{
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase::database(name).close();
        QSqlDatabase::removeDatabase(name);
    }
}

// In the TRIAGE_TEST_PG build: a fresh PostgreSQL database into `url` (QFAIL under CI without one,
// QSKIP locally). Does nothing in the SQLite build.
#define TRIAGE_PG_DATABASE_IF_PG_BUILD(url)                                                                  \
    do {                                                                                                     \
        if (triage::test::usePostgres())                                                                     \
            TRIAGE_REQUIRE_PG_DATABASE(url);                                                                 \
    } while (false)

// A client signed in as `user` (none when empty).
inline std::unique_ptr<TestClient> signedInClient(const QUrl &base, const QString &user)
{
    auto c = std::make_unique<TestClient>(base);
    if (!user.isEmpty() && !c->login(user))
        qWarning("login failed for %s", qPrintable(user));
    return c;
}

// Moves a `--test-clock` server's time forward by `ms` and waits until its SLA monitor caught up
// (TestClockApi): what would have happened in that time has happened when this returns.
// Returns the server's new now (ms), or -1 after a warning.
inline qint64 advanceClock(TestClient &admin, qint64 ms)
{
    const HttpResult r
        = admin.post(QStringLiteral("/api/v1/test/clock"), {{QStringLiteral("advance_ms"), double(ms)}});
    if (r.status != 200) {
        qWarning("advance the clock: %d %s", r.status, r.body.constData());
        return -1;
    }
    return r.json().value(QStringLiteral("now_ms")).toInteger(-1);
}

inline QJsonObject createTicketAs(TestClient &c, const QString &title, const QString &group = kGroupIt)
{
    const HttpResult r = c.post(QStringLiteral("/api/v1/tickets"),
        QJsonObject {{QStringLiteral("title"), title}, {QStringLiteral("group_id"), group}});
    if (r.status != 201)
        qWarning("create failed: %d %s", r.status, r.body.constData());
    return r.json();
}

// Walks the feed from `cursor` to the head; returns every change.
inline QJsonArray drainFeed(TestClient &c, QString *cursor, int limit = 100)
{
    QJsonArray all;
    for (int i = 0; i < 10000; ++i) {
        const HttpResult r
            = c.get(QStringLiteral("/api/v1/changes?limit=%1&cursor=%2").arg(limit).arg(*cursor));
        if (r.status != 200) {
            qWarning("changes: %d %s", r.status, r.body.constData());
            return all;
        }
        const QJsonObject o = r.json();
        for (const QJsonValue &v : o.value(QStringLiteral("changes")).toArray())
            all.append(v);
        *cursor = o.value(QStringLiteral("next_cursor")).toString();
        if (!o.value(QStringLiteral("has_more")).toBool())
            break;
    }
    return all;
}

} // namespace triage::test
