// triagectl as a user runs it: real processes against a real triaged, exit codes, JSON output,
// offline queueing, a killed client, clocks in 2001 and 2099.
#include "FaultProxy.h"
#include "TriagedProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace triage::test;

namespace {

using Run = CliRun;

} // namespace

class TestTriagectl : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    QTemporaryDir m_dir;

    Run run(const QStringList &args, const QString &profile, const QStringList &wrapper = {})
    {
        return runTriagectl(QStringList {u"--profile"_qs, profile} + args, wrapper);
    }

    QString login(const QString &user)
    {
        const QString profile = m_dir.filePath(user + u"-"_qs + QString::number(qrand_()));
        const Run r = run(
            {u"login"_qs, m_server.baseUrl().toString(), u"--user"_qs, user, u"--token-file"_qs}, profile);
        return r.code == 0 ? profile : QString();
    }
    static int qrand_()
    {
        static int n = 0;
        return ++n;
    }

    // Runs triagectl while the event loop spins (for the proxy); killed (SIGKILL) as soon as
    // `killWhen` says so. `killed` tells whether that happened before it finished by itself.
    Run runLive(const QStringList &args, const QString &profile, const std::function<bool()> &killWhen = {},
        bool *killed = nullptr)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TRIAGE_PASSWORD"_qs, u"demo"_qs);
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("TRIAGE_BIN_DIR") + u"/triagectl"_qs,
            QStringList {u"--profile"_qs, profile} + args);
        Run r;
        if (!p.waitForStarted())
            return r;
        QElapsedTimer t;
        t.start();
        while (p.state() != QProcess::NotRunning && t.elapsed() < 120000) {
            if (killWhen && killWhen()) {
                p.kill();
                if (killed)
                    *killed = true;
                break;
            }
            QTest::qWait(5);
        }
        p.waitForFinished(10000);
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    // One value (or all rows joined) from a profile's cache, read-only while triagectl writes it.
    static QString cached(const QString &profile, const QString &sql)
    {
        const QString name = u"peek-"_qs + QString::number(qrand_());
        QString out = u"-"_qs;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, name);
            db.setDatabaseName(profile + u"/cache.db"_qs);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_qs);
            if (QFile::exists(profile + u"/cache.db"_qs) && db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql)) {
                    QStringList rows;
                    while (q.next())
                        rows << q.value(0).toString();
                    out = rows.join(u'\n');
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.error())); }

    // A user is named as a person types it: user name, email, display name, me, none; a name
    // nobody has, or a display name two people share, is refused with the candidates.
    void usersAreNamedAsPeopleTypeThem()
    {
        const QString p = login(u"agent1"_qs);
        QVERIFY(!p.isEmpty());
        QCOMPARE(run({u"sync"_qs}, p).code, 0);
        Run r = run({u"--json"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs, u"Names test"_qs,
                        u"--assignee"_qs, u"agent2"_qs},
            p);
        QVERIFY2(r.code == 0, r.err.constData());
        const QString ref = u"#%1"_qs.arg(r.json().value(u"number"_qs).toInt());
        const QString sam = r.json().value(u"assignee_id"_qs).toString();
        QCOMPARE(sam.size(), 36);
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"assignee=AGENT3@example.com"_qs}, p);
        QVERIFY2(r.code == 0, r.err.constData());
        r = run({u"--json"_qs, u"ticket"_qs, u"show"_qs, ref}, p);
        const QString third = r.json().value(u"assignee_id"_qs).toString();
        QVERIFY(third.size() == 36 && third != sam);
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"assignee=Sam Carter"_qs}, p);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(
            run({u"--json"_qs, u"ticket"_qs, u"show"_qs, ref}, p).json().value(u"assignee_id"_qs).toString(),
            sam);
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"assignee=none"_qs}, p);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(
            run({u"--json"_qs, u"ticket"_qs, u"show"_qs, ref}, p).json().value(u"assignee_id"_qs).isNull());
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"assignee=nobody-like-this"_qs}, p);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("no user 'nobody-like-this'"), r.err.constData());
        QVERIFY(!r.err.contains("UUID"));
        r = run({u"ticket"_qs, u"list"_qs, u"--assignee"_qs, u"agent1"_qs}, p);
        QVERIFY2(r.code == 0, r.err.constData());
    }

    // Two people with one display name: the name is refused with both candidates, their user names
    // still work; reports' --agent takes the same names as --assignee.
    void ambiguousNamesAreRefusedWithTheCandidates()
    {
        TestClient admin(m_server.baseUrl());
        QVERIFY(admin.login(u"admin"_qs));
        for (const QString &name : {u"akim"_qs, u"alex.kim"_qs}) {
            const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const HttpResult put = admin.send("PUT", u"/api/v1/users/"_qs + id,
                QJsonDocument(
                    QJsonObject {{u"username"_qs, name}, {u"display_name"_qs, u"Alex Kim"_qs},
                        {u"email"_qs, QString(name + u"@example.com"_qs)}, {u"role"_qs, u"agent"_qs}})
                    .toJson(),
                {{"Content-Type", "application/json"}});
            QVERIFY2(put.status == 200 || put.status == 201, put.body.constData());
        }
        const QString p = login(u"agent1"_qs);
        QVERIFY(!p.isEmpty());
        QCOMPARE(run({u"sync"_qs}, p).code, 0);
        Run r = run({u"--json"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs, u"Ambiguity test"_qs}, p);
        QVERIFY2(r.code == 0, r.err.constData());
        const QString ref = u"#%1"_qs.arg(r.json().value(u"number"_qs).toInt());
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"assignee=alex kim"_qs}, p);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("ambiguous") && r.err.contains("akim (Alex Kim)")
                && r.err.contains("alex.kim (Alex Kim)"),
            r.err.constData());
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"assignee=alex.kim"_qs}, p);
        QVERIFY2(r.code == 0, r.err.constData());

        const QStringList report {u"--json"_qs, u"report"_qs, u"--from"_qs, u"2020-01-01"_qs, u"--to"_qs,
            QDate::currentDate().addDays(1).toString(Qt::ISODate), u"--agent"_qs};
        const Run byUser = run(report + QStringList {u"agent2"_qs}, p);
        QVERIFY2(byUser.code == 0, byUser.err.constData());
        const Run byName = run(report + QStringList {u"Sam Carter"_qs}, p);
        QVERIFY2(byName.code == 0, byName.err.constData());
        const Run byEmail = run(report + QStringList {u"agent2@example.com"_qs}, p);
        QVERIFY2(byEmail.code == 0, byEmail.err.constData());
        QCOMPARE(byName.out, byUser.out);
        QCOMPARE(byEmail.out, byUser.out);
        const Run mine = run(report + QStringList {u"me"_qs}, p);
        QVERIFY2(mine.code == 0, mine.err.constData());
        QVERIFY(mine.out != byUser.out); // agent1's figures, not agent2's
        const Run twoOf = run(report + QStringList {u"Alex Kim"_qs}, p);
        QCOMPARE(twoOf.code, 2);
        QVERIFY2(twoOf.err.contains("ambiguous"), twoOf.err.constData());
    }

    // SLA spans read like a person's ("in 14 h 40 min", "57 days ago"), never thousands of minutes.
    void slaSpansAreHumanised()
    {
        const QString p = login(u"agent1"_qs);
        QCOMPARE(run({u"sync"_qs}, p).code, 0);
        const QRegularExpression manyMinutes(u"\\(\\d{3,} min|\\d{3,} min ago"_qs);
        // "(in 14 h 40 min)", "(in 5 min)", "(57 days ago)", "1 h 53 min of business time left".
        const QRegularExpression humanised(
            u"\\((in )?\\d+ (h|min|days?)( \\d+ min)?( ago)?\\)|\\d+ (h|min)( \\d+ min)? of business time"_qs);
        int spans = 0;
        for (int n = 1; n <= 40; ++n) {
            const Run r = run({u"ticket"_qs, u"show"_qs, u"#%1"_qs.arg(n)}, p);
            if (r.code != 0)
                continue;
            const QString out = QString::fromUtf8(r.out);
            QVERIFY2(!manyMinutes.match(out).hasMatch(), qPrintable(out));
            if (humanised.match(out).hasMatch())
                ++spans;
        }
        QVERIFY(spans > 0); // the demo's open tickets have running timers
    }

    // The README's lines, literally, on a machine without a desktop session (a server, SSH, CI):
    // no D-Bus session bus, so no keychain. Sign-in keeps the token in a 0600 file of the profile
    // with a one-line warning, as gh does, and the next commands are signed in.
    void readmeLinesWorkWithoutADesktopSession()
    {
        const QString profile = m_dir.filePath(u"headless"_qs);
        const QHash<QString, QString> noSession {
            {u"DBUS_SESSION_BUS_ADDRESS"_qs, u"unix:path=/nonexistent/bus"_qs}, {u"DISPLAY"_qs, QString()}};
        const QString url = m_server.baseUrl().toString();
        CliRun r = runTriagectl(
            {u"--profile"_qs, profile, u"login"_qs, url, u"--user"_qs, u"agent1"_qs}, {}, noSession);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains("no OS keychain is available here"), r.err.constData());
        const QString tokenFile = QString::fromUtf8(r.out).section(u"token kept in "_qs, 1).chopped(2);
        QVERIFY2(QFile::exists(tokenFile), r.out.constData());
        QCOMPARE(QFile::permissions(tokenFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
            QFileDevice::Permissions());
        r = runTriagectl({u"--profile"_qs, profile, u"sync"_qs}, {}, noSession);
        QVERIFY2(r.code == 0, r.err.constData());
        r = runTriagectl({u"--profile"_qs, profile, u"ticket"_qs, u"list"_qs, u"--assignee"_qs, u"none"_qs},
            {}, noSession);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(!r.out.trimmed().isEmpty());
    }

    void signInSyncAndWork()
    {
        const QString p = login(u"agent1"_qs);
        QVERIFY(!p.isEmpty());
        QFile token(p + u"/token"_qs);
        QVERIFY(token.exists());
        QCOMPARE(token.permissions()
                & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
        Run r = run({u"sync"_qs}, p);
        QCOMPARE(r.code, 0);
        r = run({u"--json"_qs, u"status"_qs}, p);
        QCOMPARE(r.code, 0);
        QVERIFY(r.json().value(u"online"_qs).toBool());
        QVERIFY(r.json().value(u"tickets"_qs).toInt() > 0);

        r = run({u"--json"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs, u"Тормозит 1С у бухгалтерии"_qs,
                    u"--priority"_qs, u"high"_qs},
            p);
        QCOMPARE(r.code, 0);
        QVERIFY(r.json().value(u"synced"_qs).toBool());
        const int number = r.json().value(u"number"_qs).toInt();
        QVERIFY(number > 0);
        const QString ref = u"#%1"_qs.arg(number);
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"assignee=me"_qs, u"--set"_qs,
                    u"status=in_progress"_qs, u"--set"_qs, u"tags+=1c"_qs},
            p);
        QCOMPARE(r.code, 0);
        r = run({u"ticket"_qs, u"comment"_qs, ref, u"--body"_qs, u"Смотрю логи"_qs, u"--internal"_qs}, p);
        QCOMPARE(r.code, 0);
        r = run({u"--json"_qs, u"ticket"_qs, u"show"_qs, ref}, p);
        QCOMPARE(r.json().value(u"status"_qs).toString(), u"in_progress"_qs);
        QCOMPARE(
            r.json().value(u"comments"_qs).toArray().last().toObject().value(u"public"_qs).toBool(), false);
        // The cache's SLA: high priority, nobody answered publicly → first response runs (4 h by the
        // built-in policy); the synced log holds created, the status change and the note.
        const QJsonObject sla = r.json().value(u"sla"_qs).toObject();
        QCOMPARE(sla.value(u"metric"_qs).toString(), u"first_response"_qs);
        QVERIFY(!sla.value(u"due"_qs).toString().isEmpty());
        QVERIFY(sla.value(u"remaining_minutes"_qs).toDouble() > 200);
        QStringList fields;
        for (const QJsonValue &e : r.json().value(u"history"_qs).toArray())
            fields << e.toObject().value(u"field"_qs).toString();
        QVERIFY2(
            fields.startsWith(u"created"_qs) && fields.contains(u"status"_qs) && fields.contains(u"note"_qs),
            qPrintable(fields.join(u' ')));
        r = run({u"ticket"_qs, u"show"_qs, ref}, p);
        QVERIFY2(r.out.contains("SLA first_response due"), r.out.constData());
        r = run({u"--json"_qs, u"ticket"_qs, u"list"_qs, u"--search"_qs, u"бухгалтерии"_qs}, p);
        QCOMPARE(r.array().size(), 1);
    }

    void badInputIsOneClearLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("unknown command") << QStringList {u"frobnicate"_qs} << 2;
        QTest::newRow("bad status") << QStringList {u"ticket"_qs, u"list"_qs, u"--status"_qs,
            u"' OR 1=1 --"_qs} << 2;
        QTest::newRow("bad priority") << QStringList {u"ticket"_qs, u"create"_qs, u"--title"_qs, u"x"_qs,
            u"--priority"_qs, u"urgent"_qs}
                                      << 2;
        QTest::newRow("empty title") << QStringList {u"ticket"_qs, u"create"_qs, u"--title"_qs, u"  "_qs}
                                     << 2;
        QTest::newRow("no such ticket") << QStringList {u"ticket"_qs, u"show"_qs, u"#999999"_qs} << 1;
        QTest::newRow("path traversal id")
            << QStringList {u"ticket"_qs, u"show"_qs, u"../../etc/passwd"_qs} << 1;
        QTest::newRow("bad set") << QStringList {u"ticket"_qs, u"update"_qs, u"#1"_qs, u"--set"_qs,
            u"nonsense"_qs} << 2;
        QTest::newRow("missing value") << QStringList {u"ticket"_qs, u"list"_qs, u"--limit"_qs} << 2;
        QTest::newRow("huge limit") << QStringList {u"ticket"_qs, u"list"_qs, u"--limit"_qs, u"-5"_qs} << 2;
    }
    void badInputIsOneClearLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        static QString p = login(u"agent2"_qs);
        QVERIFY(!p.isEmpty());
        run({u"sync"_qs}, p);
        const Run r = run(args, p);
        QCOMPARE(r.code, code);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.startsWith("triagectl: "));
        const Run j = run(QStringList {u"--json"_qs} + args, p);
        QCOMPARE(j.code, code);
        QCOMPARE(QJsonDocument::fromJson(j.err).object().value(u"exit_code"_qs).toInt(), code);
    }

    void notSignedInAndWrongPassword()
    {
        Run r = run({u"sync"_qs}, m_dir.filePath(u"nobody"_qs));
        QCOMPARE(r.code, 4);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TRIAGE_PASSWORD"_qs, u"wrong"_qs);
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("TRIAGE_BIN_DIR") + u"/triagectl"_qs,
            {u"--profile"_qs, m_dir.filePath(u"wrong"_qs), u"login"_qs, m_server.baseUrl().toString(),
                u"--user"_qs, u"agent1"_qs, u"--token-file"_qs});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 4);
        QVERIFY(p.readAllStandardError().contains("Wrong username or password"));
        r = run({u"--json"_qs, u"status"_qs}, m_dir.filePath(u"unreachable"_qs));
        QCOMPARE(r.code, 0); // status works without a sign-in: it says so
    }

    // Links through the engine: made offline by two agents on one ticket, shown at once (pending),
    // both kept after sync (a union of intents), removable; bad references are one clear line.
    void linksOfflineFromTwoAgents()
    {
        const QString p1 = login(u"agent2"_qs);
        const QString p2 = login(u"agent1"_qs);
        QVERIFY(!p1.isEmpty() && !p2.isEmpty());
        const auto create = [&](const QString &title) {
            const Run r = run({u"--json"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs, title}, p1);
            return u"#%1"_qs.arg(r.json().value(u"number"_qs).toInt());
        };
        const QString a = create(u"VPN drops every hour"_qs);
        const QString b = create(u"VPN drops for the sales team"_qs);
        QVERIFY(a != u"#0"_qs && b != u"#0"_qs);
        QCOMPARE(run({u"sync"_qs}, p2).code, 0);
        const QString bId
            = run({u"--json"_qs, u"ticket"_qs, u"show"_qs, b}, p1).json().value(u"id"_qs).toString();
        QVERIFY(!bId.isEmpty());

        Run r = run({u"--offline"_qs, u"--json"_qs, u"ticket"_qs, u"update"_qs, a, u"--set"_qs,
                        u"links+=duplicate_of:"_qs + b},
            p1);
        QCOMPARE(r.code, 0);
        const QJsonArray pending = r.json().value(u"links"_qs).toArray();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.at(0)[u"kind"_qs].toString(), u"duplicate_of"_qs);
        QCOMPARE(pending.at(0)[u"ticket_id"_qs].toString(), bId);
        QCOMPARE(
            run({u"--offline"_qs, u"ticket"_qs, u"update"_qs, a, u"--set"_qs, u"links+="_qs + b}, p2).code,
            0);
        QCOMPARE(run({u"sync"_qs}, p1).code, 0);
        QCOMPARE(run({u"sync"_qs}, p2).code, 0);
        QCOMPARE(run({u"sync"_qs}, p1).code, 0);
        for (const QString &p : {p1, p2}) {
            const QJsonArray links
                = run({u"--json"_qs, u"ticket"_qs, u"show"_qs, a}, p).json().value(u"links"_qs).toArray();
            QCOMPARE(links.size(), 2);
            QStringList kinds;
            for (const QJsonValue &l : links)
                kinds << l[u"kind"_qs].toString();
            kinds.sort();
            QCOMPARE(kinds, (QStringList {u"duplicate_of"_qs, u"relates_to"_qs}));
        }
        r = run(
            {u"--json"_qs, u"ticket"_qs, u"update"_qs, a, u"--set"_qs, u"links-=duplicate_of:"_qs + b}, p1);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"links"_qs).toArray().size(), 1);
        QCOMPARE(run({u"sync"_qs}, p2).code, 0);
        QCOMPARE(
            run({u"--json"_qs, u"ticket"_qs, u"show"_qs, a}, p2).json().value(u"links"_qs).toArray().size(),
            1);

        r = run({u"ticket"_qs, u"update"_qs, a, u"--set"_qs, u"links+=sibling_of:"_qs + b}, p1);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("unknown link kind") && r.err.count('\n') == 1, r.err.constData());
        r = run({u"ticket"_qs, u"update"_qs, a, u"--set"_qs, u"links+=#999999"_qs}, p1);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("no ticket #999999"), r.err.constData());
        r = run({u"ticket"_qs, u"update"_qs, a, u"--set"_qs, u"links+="_qs + a}, p1);
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains("itself"), r.err.constData());
    }

    void offlineQueueOutlivesTheProcessAndSyncsOnce()
    {
        const QString p = login(u"agent3"_qs);
        QVERIFY(!p.isEmpty());
        QCOMPARE(run({u"sync"_qs}, p).code, 0);
        Run r = run({u"--offline"_qs, u"--json"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs,
                        u"Кондиционер снова"_qs},
            p);
        QCOMPARE(r.code, 0);
        QVERIFY(!r.json().value(u"synced"_qs).toBool());
        QVERIFY(r.json().value(u"number"_qs).isNull());
        // logout refuses to drop unsynced work
        r = run({u"logout"_qs}, p);
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("not synced"));
        QCOMPARE(run({u"--json"_qs, u"status"_qs}, p).json().value(u"pending"_qs).toInt(), 1);
        QCOMPARE(run({u"sync"_qs}, p).code, 0);
        QCOMPARE(run({u"sync"_qs}, p).code, 0);
        r = run({u"--json"_qs, u"ticket"_qs, u"list"_qs, u"--search"_qs, u"Кондиционер снова"_qs}, p);
        QCOMPARE(r.array().size(), 1);
        QVERIFY(r.array().first().toObject().value(u"number"_qs).toInt() > 0);
        QCOMPARE(run({u"logout"_qs}, p).code, 0);
        QCOMPARE(run({u"sync"_qs}, p).code, 4); // signed out for real
    }

    void clientClockDoesNotDecideOrder_data()
    {
        QTest::addColumn<QString>("clock");
        QTest::newRow("2099") << u"2099-06-01 12:00:00"_qs;
        QTest::newRow("2001") << u"2001-06-01 12:00:00"_qs;
    }
    void clientClockDoesNotDecideOrder()
    {
        QFETCH(QString, clock);
        const QString faketime = QStandardPaths::findExecutable(u"faketime"_qs);
        if (faketime.isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("faketime is missing (scripts/dev installs it)");
            QSKIP("faketime not installed");
        }
        const QString skewed = login(u"agent1"_qs);
        const QString normal = login(u"agent2"_qs);
        QCOMPARE(run({u"sync"_qs}, skewed).code, 0);
        QCOMPARE(run({u"sync"_qs}, normal).code, 0);
        Run r = run(
            {u"--json"_qs, u"ticket"_qs, u"create"_qs, u"--title"_qs, u"Clock test "_qs + clock}, normal);
        const QString ref = u"#%1"_qs.arg(r.json().value(u"number"_qs).toInt());
        QCOMPARE(run({u"sync"_qs}, skewed).code, 0);
        // The skewed client edits first, the normal one after: arrival order wins, not timestamps.
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"priority=critical"_qs}, skewed,
            {faketime, clock});
        QCOMPARE(r.code, 0);
        QCOMPARE(run({u"sync"_qs}, normal).code, 0);
        r = run({u"ticket"_qs, u"update"_qs, ref, u"--set"_qs, u"priority=low"_qs}, normal);
        QCOMPARE(r.code, 0);
        QCOMPARE(run({u"sync"_qs}, skewed, {faketime, clock}).code, 0);
        r = run({u"--json"_qs, u"ticket"_qs, u"show"_qs, ref}, skewed);
        QCOMPARE(r.json().value(u"priority"_qs).toString(), u"low"_qs);
        r = run({u"--json"_qs, u"ticket"_qs, u"show"_qs, ref}, normal);
        QCOMPARE(r.json().value(u"priority"_qs).toString(), u"low"_qs);
    }

    void killedInitialSyncResumesWhereItStopped()
    {
        // Enough tickets for ~16 feed pages; the proxy slows each page so the kill lands mid-way.
        TriagedProcess server;
        TriagedProcess::Options opts;
        opts.env.insert(u"TRIAGE_DEMO_TICKETS"_qs, u"4000"_qs);
        QVERIFY2(server.start(opts), qPrintable(server.error()));
        FaultProxy proxy(server.port());
        QVERIFY(proxy.listen());
        const QString url = u"http://127.0.0.1:%1"_qs.arg(proxy.port());
        auto login = [&](const QString &name) {
            const QString profile = m_dir.filePath(name);
            const Run r = runLive({u"login"_qs, url, u"--user"_qs, u"admin"_qs, u"--token-file"_qs}, profile);
            return r.code == 0 ? profile : QString();
        };
        const QString whole = login(u"resume-whole"_qs);
        const QString cut = login(u"resume-cut"_qs);
        QVERIFY(!whole.isEmpty() && !cut.isEmpty());
        QCOMPARE(runLive({u"sync"_qs}, whole).code, 0);
        const qint64 total = cached(whole, u"SELECT count(*) FROM tickets"_qs).toLongLong();
        QVERIFY(total >= 4000);

        proxy.setDelayMs(15);
        proxy.setMode(FaultProxy::Mode::Delay);
        bool killed = false;
        runLive(
            {u"sync"_qs}, cut,
            [&] { return cached(cut, u"SELECT count(*) FROM tickets"_qs).toLongLong() >= total / 2; },
            &killed);
        QVERIFY2(killed, "the sync finished before half of the tickets were in: no kill to recover from");
        const qint64 kept = cached(cut, u"SELECT count(*) FROM tickets"_qs).toLongLong();
        QVERIFY(kept >= total / 2 && kept < total);
        QCOMPARE(cached(cut, u"SELECT value FROM meta WHERE key = 'sync.initial_in_progress'"_qs), u"1"_qs);
        QVERIFY(!cached(cut, u"SELECT value FROM meta WHERE key = 'sync.cursor'"_qs).isEmpty());

        // Resumed: a request from the start of the feed would fail (so a restart cannot pass).
        proxy.setMode(FaultProxy::Mode::DropResponse);
        proxy.setMatch("/api/v1/changes?cursor=&");
        const Run resumed = runLive({u"sync"_qs}, cut);
        QVERIFY2(resumed.code == 0, resumed.err.constData());
        proxy.setMode(FaultProxy::Mode::Pass);
        proxy.setMatch({});
        // Every ticket once, with the same versions, comments and event logs as the uninterrupted sync.
        for (const QString &sql :
            {u"SELECT count(*) FROM tickets"_qs, u"SELECT count(DISTINCT id) FROM tickets"_qs,
                u"SELECT group_concat(id || ':' || version, ',') FROM (SELECT id, version FROM tickets ORDER BY id)"_qs,
                u"SELECT count(*) FROM comments"_qs, u"SELECT count(*) FROM ticket_logs"_qs,
                u"SELECT sum(json_array_length(events)) FROM ticket_logs"_qs,
                u"SELECT group_concat(ticket_id || ':' || events, ',') FROM (SELECT * FROM ticket_logs ORDER BY ticket_id)"_qs,
                u"SELECT value FROM meta WHERE key = 'sync.initial_in_progress'"_qs})
            QCOMPARE(cached(cut, sql), cached(whole, sql));
        QCOMPARE(cached(cut, u"SELECT count(*) FROM tickets"_qs).toLongLong(), total);
        // Both left with every list index and the search index built (after "usable", before exit).
        for (const QString &profile : {whole, cut}) {
            QCOMPARE(cached(profile,
                         u"SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = "
                         u"'index' AND name IN ('tickets_number', 'tickets_status', 'tickets_group', "
                         u"'tickets_updated', 'comments_ticket') ORDER BY name)"_qs),
                u"comments_ticket,tickets_group,tickets_number,tickets_status,tickets_updated"_qs);
            QCOMPARE(cached(profile,
                         u"SELECT count(*) FROM meta WHERE key IN ('fts_dirty', 'list_indexes_dirty')"_qs),
                u"0"_qs);
        }
    }
};

QTEST_GUILESS_MAIN(TestTriagectl)
#include "tst_triagectl.moc"
