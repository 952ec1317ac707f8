// The initial sync's page pipeline (core/sync/PagePipeline) on a real cache: pages that queue up
// behind a busy writer go in one transaction, and the cursor a reader sees committed is never
// ahead of the rows committed with it (what a kill at any moment leaves behind).
#include "store/BulkWriter.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "sync/PagePipeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace triage;

namespace {

const QString kKey = u"sync.cursor"_qs;
constexpr int kPages = 6;
constexpr int kPerPage = 50;

QString ticketId(int page, int i)
{
    return u"0190a000-0000-7000-8000-%1"_qs.arg(page * 1000 + i, 12, 10, QLatin1Char('0'));
}

QByteArray pageBody(int page)
{
    QJsonArray changes;
    for (int i = 0; i < kPerPage; ++i) {
        Ticket t;
        t.id = ticketId(page, i);
        t.number = page * 1000 + i + 1;
        t.title = u"Ticket %1 of page %2"_qs.arg(i).arg(page);
        t.createdAt = t.updatedAt = 1772434800000 + page * 1000 + i;
        t.version = 1;
        QJsonObject data = t.toJson();
        data.insert(u"history"_qs,
            QJsonArray {QJsonObject {{u"at"_qs, data.value(u"created_at"_qs)}, {u"field"_qs, u"created"_qs},
                {u"initial"_qs, QJsonObject {{u"status"_qs, u"new"_qs}}}}});
        changes << QJsonObject {{u"seq"_qs, page * 1000 + i}, {u"entity"_qs, u"ticket"_qs},
            {u"op"_qs, u"upsert"_qs}, {u"id"_qs, t.id}, {u"data"_qs, data}};
    }
    return QJsonDocument(QJsonObject {{u"changes"_qs, changes}, {u"next_cursor"_qs, u"e.%1"_qs.arg(page)},
                             {u"has_more"_qs, page + 1 < kPages}})
        .toJson(QJsonDocument::Compact);
}

// What another connection sees committed: the cursor and the tickets.
struct Committed {
    QString cursor;
    QSet<QString> tickets;
    qint64 events = 0;
};

Committed readCommitted(const QString &path)
{
    Committed c;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr); // one snapshot for all three reads
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'sync.cursor'", -1, &st, nullptr);
    if (sqlite3_step(st) == SQLITE_ROW)
        c.cursor = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "SELECT id FROM tickets", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
        c.tickets.insert(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0))));
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "SELECT sum(json_array_length(events)) FROM ticket_logs", -1, &st, nullptr);
    if (sqlite3_step(st) == SQLITE_ROW)
        c.events = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return c;
}

// Every ticket of the pages up to the committed cursor's is there.
bool cursorNotAheadOfRows(const Committed &c)
{
    if (c.cursor.isEmpty())
        return true;
    const int last = c.cursor.mid(2).toInt();
    for (int page = 0; page <= last; ++page) {
        for (int i = 0; i < kPerPage; ++i) {
            if (!c.tickets.contains(ticketId(page, i)))
                return false;
        }
    }
    return true;
}

} // namespace

class tst_PagePipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queuedPagesShareATransactionAndTheCursorNeverLeads()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_qs);
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        QVERIFY(db);
        LocalCache store(db.get());
        QVERIFY(store.syncWriter().beginBulk());
        auto writer = store.syncWriter().takePageWriter(false);
        QVERIFY(writer);

        // Another connection holds the write lock: the writer waits on its first page while the
        // parser decodes the rest, which then queue up for it.
        sqlite3 *lock = nullptr;
        QCOMPARE(
            sqlite3_open_v2(path.toUtf8().constData(), &lock, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_exec(lock, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

        PagePipeline pipeline(std::move(writer), {}, kKey, store.eventLogs().slaInputs());
        QSignalSpy parsed(&pipeline, &PagePipeline::parsed);
        QSignalSpy failed(&pipeline, &PagePipeline::failed);
        QList<Committed> seen;
        connect(&pipeline, &PagePipeline::written, this, [&] { seen << readCommitted(path); });
        for (int page = 0; page < kPages; ++page)
            pipeline.submit(pageBody(page));
        QTRY_COMPARE(parsed.size(), kPages);
        QTest::qWait(100);
        QCOMPARE(seen.size(), 0); // nothing could be written yet
        QCOMPARE(sqlite3_exec(lock, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(lock);
        QTRY_COMPARE(seen.size(), kPages);
        QCOMPARE(failed.size(), 0);

        QCOMPARE(pipeline.pagesWritten(), kPages);
        QVERIFY2(pipeline.transactions() < kPages, qPrintable(QString::number(pipeline.transactions())));
        for (const Committed &c : std::as_const(seen))
            QVERIFY2(cursorNotAheadOfRows(c), qPrintable(c.cursor));
        const Committed end = readCommitted(path);
        QCOMPARE(end.cursor, u"e.%1"_qs.arg(kPages - 1));
        QCOMPARE(end.tickets.size(), kPages * kPerPage);
        QCOMPARE(end.events, qint64(kPages * kPerPage));
    }

    // A page whose skimmed envelope disagrees with the full read fails the pipeline, and nothing
    // after it is written (the page requested with the wrong cursor must not land).
    void misreadEnvelopeStopsThePipeline()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_qs);
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        QVERIFY(db);
        LocalCache store(db.get());
        QVERIFY(store.syncWriter().beginBulk());
        PagePipeline pipeline(
            store.syncWriter().takePageWriter(false), {}, kKey, store.eventLogs().slaInputs());
        QSignalSpy written(&pipeline, &PagePipeline::written);
        QSignalSpy failed(&pipeline, &PagePipeline::failed);
        pipeline.submit(pageBody(0), SkimmedEnvelope {true, u"e.0"_qs, true});
        pipeline.submit(pageBody(1), SkimmedEnvelope {true, u"e.7"_qs, true}); // wrong
        pipeline.submit(pageBody(2), SkimmedEnvelope {true, u"e.2"_qs, true});
        QTRY_COMPARE(failed.size(), 1);
        QTest::qWait(200);
        QCOMPARE(written.size(), 1);
        const Committed end = readCommitted(path);
        QCOMPARE(end.cursor, u"e.0"_qs);
        QCOMPARE(end.tickets.size(), kPerPage);
    }

    // The same for a page that does not read at all: its successor (requested with the skimmed
    // cursor) is not written.
    void unreadablePageStopsThePipeline()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_qs);
        auto db = CacheDatabase::open(path, nullptr, nullptr);
        QVERIFY(db);
        LocalCache store(db.get());
        QVERIFY(store.syncWriter().beginBulk());
        PagePipeline pipeline(
            store.syncWriter().takePageWriter(false), {}, kKey, store.eventLogs().slaInputs());
        QSignalSpy written(&pipeline, &PagePipeline::written);
        QSignalSpy failed(&pipeline, &PagePipeline::failed);
        pipeline.submit(pageBody(0), SkimmedEnvelope {true, u"e.0"_qs, true});
        pipeline.submit("{\"changes\":[{]},\"next_cursor\":\"e.1\",\"has_more\":true}",
            SkimmedEnvelope {true, u"e.1"_qs, true});
        pipeline.submit(pageBody(2), SkimmedEnvelope {true, u"e.2"_qs, true});
        QTRY_COMPARE(failed.size(), 1);
        QTest::qWait(200);
        QCOMPARE(written.size(), 1);
        QCOMPARE(failed.size(), 1);
        const Committed end = readCommitted(path);
        QCOMPARE(end.cursor, u"e.0"_qs);
        QCOMPARE(end.tickets.size(), kPerPage);
    }
};

QTEST_GUILESS_MAIN(tst_PagePipeline)
#include "tst_pagepipeline.moc"
