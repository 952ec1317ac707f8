// The email channel when things die (issue 15): triaged killed (SIGKILL) while it fetches a
// backlog loses and duplicates nothing; with two instances on one PostgreSQL exactly one polls a
// channel and the other takes over when it dies.
#include "../integration/ServerTestBase.h"
#include "MailServers.h"

#include <QDateTime>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

using namespace triage::test;

namespace {

QByteArray numberedMail(int n, int padding)
{
    QByteArray m;
    m += "From: Backlog Sender <backlog" + QByteArray::number(n % 7) + "@example.org>\r\n";
    m += "To: support@triage.test\r\nSubject: Backlog message " + QByteArray::number(n) + "\r\n";
    m += "Date: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    m += "Message-ID: <" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "@example.org>\r\n";
    m += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    m += "Line of the body of message " + QByteArray::number(n) + ".\r\n";
    // Bulk so the fetch takes long enough to be killed in the middle.
    for (int i = 0; i < padding; ++i)
        m += QByteArray(76, char('a' + i % 26)) + "\r\n";
    return m;
}

QJsonObject channelBody(const DovecotServer &imap, const SmtpSink &smtp)
{
    return QJsonObject {
        {u"kind"_qs, u"email"_qs},
        {u"name"_qs, u"Support mailbox"_qs},
        {u"imap"_qs,
            QJsonObject {{u"url"_qs, imap.url().toString()}, {u"username"_qs, DovecotServer::user()},
                {u"password"_qs, DovecotServer::password()}}},
        {u"smtp"_qs, QJsonObject {{u"url"_qs, smtp.url().toString()}}},
        {u"address"_qs, u"support@triage.test"_qs},
        {u"group"_qs, kGroupIt},
        {u"poll_seconds"_qs, 1},
        {u"acknowledge"_qs, false},
    };
}

// Titles of the backlog tickets (with repeats, if any).
QStringList backlogTitles(TestClient &c)
{
    QStringList out;
    for (const QJsonValue &v : c.get(u"/api/v1/tickets?limit=500"_qs).json().value(u"tickets"_qs).toArray()) {
        if (v[u"title"_qs].toString().startsWith(u"Backlog message "_qs))
            out << v[u"title"_qs].toString();
    }
    return out;
}

} // namespace

class TestEmailResilience : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killDuringFetchLosesNothing()
    {
        constexpr int kMessages = 50;
        DovecotServer imap;
        SmtpSink smtp;
        QString error;
        QVERIFY2(imap.start(&error), qPrintable(error));
        QVERIFY2(smtp.start(&error), qPrintable(error));
        for (int i = 0; i < kMessages; ++i)
            QVERIFY2(imap.deliver(numberedMail(i, 4000), &error), qPrintable(error)); // ~300 KB each
        TriagedProcess server;
        TRIAGE_START_SERVER(server, TriagedProcess::Options {});
        auto admin = signedInClient(server.baseUrl(), u"admin"_qs);
        const QString channel = newUuid();
        QCOMPARE(
            admin->send("PUT", u"/api/v1/channels/"_qs + channel, toJson(channelBody(imap, smtp))).status,
            201);
        // Kill it as soon as the first messages are stored (read from its database while it runs):
        // the worker fetches and processes in rounds of 20, so later rounds are not stored yet.
        // (Waiting for tickets through the API let a loaded machine reach the last round first.)
        const auto storedNow = [&] {
            QSqlDatabase db = serverDatabase(u"watch"_qs, server.databaseUrl(), server.dataDir());
            QSqlQuery q(db);
            return q.exec(u"SELECT COUNT(*) FROM inbound_messages"_qs) && q.next() ? q.value(0).toInt() : 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(storedNow() >= 1, 30000);
        server.kill();
        closeServerDatabase(u"watch"_qs);
        const qsizetype before = backlogTitles(*admin).size();
        {
            // It really died in the middle of fetching: not every message was stored yet.
            QSqlDatabase db = serverDatabase(u"inspect"_qs, server.databaseUrl(), server.dataDir());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM inbound_messages"_qs) && q.next());
            const int stored = q.value(0).toInt();
            qInfo("killed with %lld tickets made and %d of %d messages stored", qlonglong(before), stored,
                kMessages);
            QVERIFY(stored < kMessages);
        }
        closeServerDatabase(u"inspect"_qs);
        TriagedProcess::Options again;
        again.dataDir = server.dataDir();
        again.databaseUrl = server.databaseUrl();
        QVERIFY2(server.start(again), qPrintable(server.error()));
        admin = signedInClient(server.baseUrl(), u"admin"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(backlogTitles(*admin).size(), kMessages, 60000);
        QTest::qWait(2000); // another poll: nothing more
        const QStringList titles = backlogTitles(*admin);
        QCOMPARE(titles.size(), kMessages);
        QCOMPARE(QSet<QString>(titles.begin(), titles.end()).size(), kMessages);
        QCOMPARE(
            admin->get(u"/api/v1/channels/%1/status"_qs.arg(channel)).json()[u"processed"_qs].toInteger(),
            kMessages);
    }

    // Two instances on one PostgreSQL: one polls, the other stands by and takes over within 30 s
    // of the first one's death.
    void secondInstanceTakesOver()
    {
        if (!usePostgres())
            QSKIP("several instances need PostgreSQL (the _pg variant runs this)");
        DovecotServer imap;
        SmtpSink smtp;
        QString error;
        QVERIFY2(imap.start(&error), qPrintable(error));
        QVERIFY2(smtp.start(&error), qPrintable(error));
        TriagedProcess first, second;
        TRIAGE_START_SERVER(first, TriagedProcess::Options {});
        TriagedProcess::Options shared;
        shared.databaseUrl = first.databaseUrl();
        QVERIFY2(second.start(shared), qPrintable(second.error()));
        auto admin = signedInClient(first.baseUrl(), u"admin"_qs);
        const QString channel = newUuid();
        QCOMPARE(
            admin->send("PUT", u"/api/v1/channels/"_qs + channel, toJson(channelBody(imap, smtp))).status,
            201);
        QVERIFY2(imap.deliver(numberedMail(1, 1), &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(backlogTitles(*admin).size(), 1, 20000);
        const auto pollerPid = [&] {
            return admin->get(u"/api/v1/channels/%1/status"_qs.arg(channel))
                .json()[u"polled_by"_qs]
                .toString()
                .section(u':', -1)
                .toLongLong();
        };
        const qint64 owner = pollerPid();
        QVERIFY(owner == first.pid() || owner == second.pid());
        // Only the owner polls: a few more polls, still the same instance.
        QTest::qWait(3000);
        QCOMPARE(pollerPid(), owner);
        TriagedProcess &dying = owner == first.pid() ? first : second;
        TriagedProcess &survivor = owner == first.pid() ? second : first;
        dying.kill();
        admin = signedInClient(survivor.baseUrl(), u"admin"_qs);
        QVERIFY2(imap.deliver(numberedMail(2, 1), &error), qPrintable(error));
        QElapsedTimer t;
        t.start();
        QTRY_COMPARE_WITH_TIMEOUT(backlogTitles(*admin).size(), 2, 30000);
        qInfo("taken over in %lld ms", qlonglong(t.elapsed()));
        QCOMPARE(pollerPid(), survivor.pid());
        QVERIFY(survivor.stderrLog().contains("taking over"));
    }
};

QTEST_GUILESS_MAIN(TestEmailResilience)
#include "tst_email_resilience.moc"
