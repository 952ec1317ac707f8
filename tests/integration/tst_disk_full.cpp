// A full disk, for real: triaged's data directory and a triagectl profile on a small tmpfs that is
// filled to the last byte, so SQLite gets ENOSPC exactly as on a full disk. Writes are refused with a
// clear error and lose nothing; reads keep working; after space is freed the same requests succeed
// once. Mounting needs CAP_SYS_ADMIN (root, as in CI); elsewhere the test skips and says why.
#include "ServerTestBase.h"
#include "domain/Uuid.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "store/StoreErrors.h"
#include "sync/LocalEditor.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <unistd.h>

using namespace triage::test;

namespace {

// A tmpfs of a few MB mounted on a temporary directory. fill() writes a filler file until the
// kernel answers ENOSPC; release() deletes it.
class SmallDisk
{
public:
    ~SmallDisk()
    {
        if (m_mounted)
            QProcess::execute(u"umount"_qs, {u"-l"_qs, m_dir.path()});
    }
    bool mount(int megabytes, QString *why)
    {
        if (::geteuid() != 0) {
            *why = u"needs root to mount a small tmpfs (CI runs as root)"_qs;
            return false;
        }
        QProcess p;
        p.start(u"mount"_qs,
            {u"-t"_qs, u"tmpfs"_qs, u"-o"_qs, u"size=%1m"_qs.arg(megabytes), u"tmpfs"_qs, m_dir.path()});
        p.waitForFinished(10000);
        m_mounted = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        if (!m_mounted)
            *why = u"cannot mount a tmpfs here: "_qs + QString::fromLocal8Bit(p.readAllStandardError());
        return m_mounted;
    }
    QString path(const QString &sub = {}) const { return sub.isEmpty() ? m_dir.path() : m_dir.filePath(sub); }
    qint64 fill()
    {
        QFile f(path(u"filler"_qs));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
            return -1;
        const QByteArray chunk(4096, 'x');
        qint64 written = 0;
        while (f.write(chunk) == chunk.size())
            written += chunk.size();
        return written;
    }
    void release() { QFile::remove(path(u"filler"_qs)); }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

#define TRIAGE_MOUNT_SMALL_DISK(disk, mb)                                                                    \
    do {                                                                                                     \
        QString why_;                                                                                        \
        if (!(disk).mount((mb), &why_))                                                                      \
            QSKIP(qPrintable(why_));                                                                         \
    } while (false)

QString bigText(int i)
{
    QString s = u"Disk-full test %1. "_qs.arg(i);
    while (s.size() < 60000)
        s += u"Lorem ipsum dolor sit amet, consectetur adipiscing elit. "_qs;
    return s;
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT

    using Run = CliRun;

    static Run triagectl(const QString &profile, const QStringList &args)
    {
        return runTriagectl(QStringList {u"--profile"_qs, profile} + args);
    }

    // Titles of every ticket the server's feed holds, with how often each appears.
    static QHash<QString, int> titlesOnServer(const QUrl &base)
    {
        auto admin = signedInClient(base, u"admin"_qs);
        QString cursor;
        QHash<QString, int> titles;
        for (const QJsonValue &v : drainFeed(*admin, &cursor, 500)) {
            const QJsonObject c = v.toObject();
            if (c[u"entity"_qs].toString() == u"ticket"_qs && c[u"op"_qs].toString() == u"upsert"_qs)
                ++titles[c[u"data"_qs][u"title"_qs].toString()];
        }
        return titles;
    }

private Q_SLOTS:
    void serverRefusesWritesCleanlyAndRecovers()
    {
        SmallDisk disk;
        TRIAGE_MOUNT_SMALL_DISK(disk, 24);
        TriagedProcess server;
        TriagedProcess::Options o;
        o.dataDir = disk.path(u"data"_qs);
        QVERIFY(QDir().mkpath(o.dataDir));
        QVERIFY2(server.start(o), qPrintable(server.error()));
        auto agent = signedInClient(server.baseUrl(), u"agent1"_qs);
        const QJsonObject before = createTicketAs(*agent, u"Written before the disk filled up"_qs);
        QVERIFY(!before[u"id"_qs].toString().isEmpty());

        // An agent with a change queued offline, signed in before the disk filled up.
        QTemporaryDir profileDir;
        const QString profile = profileDir.filePath(u"agent"_qs);
        QCOMPARE(runTriagectl({u"--profile"_qs, profile, u"login"_qs, server.baseUrl().toString(),
                                  u"--user"_qs, u"agent2"_qs, u"--token-file"_qs})
                     .code,
            0);
        QCOMPARE(runTriagectl({u"--profile"_qs, profile, u"--offline"_qs, u"ticket"_qs, u"create"_qs,
                                  u"--title"_qs, u"Queued while the server's disk is full"_qs})
                     .code,
            0);

        QVERIFY(disk.fill() > 0);
        // Keep writing until the database cannot grow (SQLite may first reuse space it holds).
        QStringList created;
        HttpResult refused;
        QByteArray refusedKey;
        QJsonObject refusedBody;
        for (int i = 0; i < 400; ++i) {
            const QByteArray key = newUuid().toUtf8();
            const QJsonObject body {{u"title"_qs, u"Full disk %1"_qs.arg(i)}, {u"description"_qs, bigText(i)},
                {u"group_id"_qs, kGroupIt}};
            const HttpResult r = agent->post(u"/api/v1/tickets"_qs, body, {{"Idempotency-Key", key}});
            if (r.status == 201) {
                created << r.json()[u"id"_qs].toString();
                continue;
            }
            refused = r;
            refusedKey = key;
            refusedBody = body;
            break;
        }
        qInfo("%lld tickets created before the disk was full", static_cast<long long>(created.size()));
        QCOMPARE(refused.status, 507);
        QCOMPARE(refused.problemType(), u"storage-full"_qs);
        QCOMPARE(refused.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(refused.header("retry-after"), QByteArray("30"));
        QVERIFY(refused.json()[u"detail"_qs].toString().contains(u"disk is full"_qs));

        // Reads keep working, the server keeps running, and what was acknowledged is there.
        QCOMPARE(agent->get(u"/api/v1/health"_qs).status, 200);
        QCOMPARE(agent->get(u"/api/v1/tickets/"_qs + before[u"id"_qs].toString()).status, 200);
        for (const QString &id : std::as_const(created))
            QCOMPARE(agent->get(u"/api/v1/tickets/"_qs + id).status, 200);
        QVERIFY(server.isRunning());
        QVERIFY(server.stderrLog().contains("storage"));

        // The agent's sync is refused, said as such (not "unreachable"), and the change stays queued.
        const CliRun refusedSync = runTriagectl({u"--profile"_qs, profile, u"sync"_qs});
        QCOMPARE(refusedSync.code, 1);
        QVERIFY2(refusedSync.err.contains("disk is full") && !refusedSync.err.contains("unreachable"),
            refusedSync.err.constData());
        const CliRun status
            = runTriagectl({u"--profile"_qs, profile, u"--offline"_qs, u"--json"_qs, u"status"_qs});
        QCOMPARE(status.json()[u"pending"_qs].toInt(), 1);

        // Space again: the refused request, retried with its key, is created exactly once.
        disk.release();
        const HttpResult retried
            = agent->post(u"/api/v1/tickets"_qs, refusedBody, {{"Idempotency-Key", refusedKey}});
        QCOMPARE(retried.status, 201);
        const HttpResult replay
            = agent->post(u"/api/v1/tickets"_qs, refusedBody, {{"Idempotency-Key", refusedKey}});
        QCOMPARE(replay.json()[u"number"_qs], retried.json()[u"number"_qs]);
        const CliRun synced = runTriagectl({u"--profile"_qs, profile, u"sync"_qs});
        QVERIFY2(synced.code == 0, synced.err.constData());
        const QHash<QString, int> titles = titlesOnServer(server.baseUrl());
        QCOMPARE(titles.value(u"Queued while the server's disk is full"_qs), 1);
        QCOMPARE(titles.value(u"Written before the disk filled up"_qs), 1);
        for (int i = 0; i <= created.size(); ++i)
            QCOMPARE(titles.value(u"Full disk %1"_qs.arg(i)), 1);
        QCOMPARE(titles.value(u"Full disk %1"_qs.arg(created.size() + 1)), 0);
        QCOMPARE(server.stop(), 0);

        // The database file is sound.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"check"_qs);
            db.setDatabaseName(o.dataDir + u"/triage.db"_qs);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"PRAGMA integrity_check"_qs) && q.next());
            QCOMPARE(q.value(0).toString(), u"ok"_qs);
        }
        QSqlDatabase::removeDatabase(u"check"_qs);
    }

    // The console keeps its cache open: an edit that no longer fits is refused as a whole with the
    // disk-full text (which the UI translates), earlier edits and their outbox rows stay, and edits
    // work again once there is space.
    void openCacheRefusesAnEditAsAWhole()
    {
        SmallDisk disk;
        TRIAGE_MOUNT_SMALL_DISK(disk, 8);
        QString error;
        auto db = triage::CacheDatabase::open(disk.path(u"cache.db"_qs), nullptr, &error);
        QVERIFY2(db, qPrintable(error));
        triage::LocalCache store(db.get());
        triage::LocalEditor editor(&store.tickets(), &store.referenceData(), triage::newId());
        const auto draft = [](const QString &title) {
            triage::Ticket t;
            t.title = title;
            t.description = bigText(0);
            return t;
        };
        QVERIFY(editor.createTicket(draft(u"Saved before the disk filled up"_qs)));
        QVERIFY(disk.fill() > 0);
        int saved = 1;
        for (int i = 0; i < 400 && editor.createTicket(draft(u"Edit %1"_qs.arg(i))); ++i)
            ++saved;
        qInfo("%d edits saved before the disk was full", saved);
        QCOMPARE(editor.lastError(), QString::fromUtf16(triage::kDiskFullError));
        QCOMPARE(store.outbox().pendingCount(), saved);
        QCOMPARE(store.outbox().pending().size(), saved);

        disk.release();
        QVERIFY2(
            editor.createTicket(draft(u"Saved after space was freed"_qs)), qPrintable(editor.lastError()));
        QCOMPARE(store.outbox().pendingCount(), saved + 1);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"PRAGMA integrity_check"_qs) && q.next());
        QCOMPARE(q.value(0).toString(), u"ok"_qs);
    }

    void clientKeepsItsQueueOnAFullDisk()
    {
        SmallDisk disk;
        TRIAGE_MOUNT_SMALL_DISK(disk, 16);
        TriagedProcess server;
        TRIAGE_START_SERVER(server, TriagedProcess::Options {});
        const QString profile = disk.path(u"profile"_qs);
        QCOMPARE(
            triagectl(profile,
                {u"login"_qs, server.baseUrl().toString(), u"--user"_qs, u"agent1"_qs, u"--token-file"_qs})
                .code,
            0);
        QCOMPARE(triagectl(profile, {u"sync"_qs}).code, 0);
        QCOMPARE(triagectl(profile,
                     {u"--offline"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs,
                         u"Queued before the disk filled up"_qs})
                     .code,
            0);

        QVERIFY(disk.fill() > 0);
        int queued = 0;
        Run refused;
        for (int i = 0; i < 300; ++i) {
            const Run r = triagectl(profile,
                {u"--offline"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs,
                    u"Offline on a full disk %1"_qs.arg(i), u"--description"_qs, bigText(i)});
            if (r.code != 0) {
                refused = r;
                break;
            }
            ++queued;
        }
        qInfo("%d offline tickets queued before the disk was full: %s", queued,
            refused.err.trimmed().constData());
        QVERIFY2(refused.code > 0, refused.err.constData());
        // Whether the edit or already the cache's opening ran out of space, the message says so, and
        // the cache was not mistaken for a damaged file and moved aside.
        QVERIFY2(refused.err.startsWith("triagectl: The disk is full"), refused.err.constData());
        QCOMPARE(refused.err.count('\n'), 1);
        QVERIFY2(!refused.err.contains("damaged"), refused.err.constData());
        QCOMPARE(QDir(profile).entryList({u"*damaged*"_qs, u"*unsynced*"_qs}), QStringList());

        // Space again: the queue is intact, new work is accepted, and everything reaches the server once.
        disk.release();
        QCOMPARE(triagectl(profile,
                     {u"--offline"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs,
                         u"Queued after space was freed"_qs})
                     .code,
            0);
        const Run sync = triagectl(profile, {u"sync"_qs});
        QVERIFY2(sync.code == 0, sync.err.constData());
        const QHash<QString, int> titles = titlesOnServer(server.baseUrl());
        QCOMPARE(titles.value(u"Queued before the disk filled up"_qs), 1);
        QCOMPARE(titles.value(u"Queued after space was freed"_qs), 1);
        for (int i = 0; i < queued; ++i)
            QCOMPARE(titles.value(u"Offline on a full disk %1"_qs.arg(i)), 1);
        QCOMPARE(titles.value(u"Offline on a full disk %1"_qs.arg(queued)), 0);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
