// The Telegram channel when things die or collide (issue 16): two triaged instances on one
// PostgreSQL — exactly one long-polls the bot (the channel's advisory lock), and when it is killed
// (SIGKILL, in the middle of a batch) the other takes over within 30 s, with no update lost or
// stored twice. And another program polling the same bot: Telegram answers 409 Conflict, which the
// channel status shows until it clears by itself.
#include "../integration/ServerTestBase.h"
#include "FakeTelegram.h"

#include <QElapsedTimer>
#include <QSet>
#include <QtTest>

using namespace triage::test;

namespace {

QJsonObject botBody(const FakeTelegram &bot)
{
    return QJsonObject {{u"kind"_qs, u"telegram"_qs}, {u"name"_qs, u"Support bot"_qs}, {u"enabled"_qs, true},
        {u"token"_qs, QString::fromLatin1(FakeTelegram::kToken)}, {u"api_url"_qs, bot.url().toString()},
        {u"group"_qs, kGroupIt}, {u"long_poll_seconds"_qs, 2}};
}

QStringList titlesStartingWith(TestClient &c, const QString &prefix)
{
    QStringList out;
    for (const QJsonValue &v : c.get(u"/api/v1/tickets?limit=500"_qs).json().value(u"tickets"_qs).toArray()) {
        if (v[u"title"_qs].toString().startsWith(prefix))
            out << v[u"title"_qs].toString();
    }
    return out;
}

QJsonArray requests(const QString &prefix, int from, int count)
{
    QJsonArray out;
    for (int i = from; i < from + count; ++i)
        out.append(
            FakeTelegram::privateMessage(60000 + i, u"User %1"_qs.arg(i), u"%1 %2"_qs.arg(prefix).arg(i)));
    return out;
}

} // namespace

class TestTelegramResilience : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondInstanceTakesOverWithoutLossOrDuplicates()
    {
        if (!usePostgres())
            QSKIP("several instances need PostgreSQL (the _pg variant runs this)");
        FakeTelegram bot;
        QString error;
        QVERIFY2(bot.start(&error), qPrintable(error));
        TriagedProcess first, second;
        TRIAGE_START_SERVER(first, TriagedProcess::Options {});
        TriagedProcess::Options shared;
        shared.databaseUrl = first.databaseUrl();
        QVERIFY2(second.start(shared), qPrintable(second.error()));
        auto admin = signedInClient(first.baseUrl(), u"admin"_qs);
        const QString channel = newUuid();
        QCOMPARE(admin->send("PUT", u"/api/v1/channels/"_qs + channel, toJson(botBody(bot))).status, 201);
        const QString prefix = u"Failover request"_qs;
        constexpr int kBefore = 150;
        constexpr int kAfter = 20;
        QVERIFY(bot.push(requests(prefix, 0, kBefore)));
        const auto status
            = [&](TestClient &c) { return c.get(u"/api/v1/channels/%1/status"_qs.arg(channel)).json(); };
        // The instance that did not get the channel's lock says so (its status is written after a
        // whole poll, too late for a kill in the middle of the batch).
        const auto standingBy = [](TriagedProcess &p) { return p.stderrLog().contains("standing by"); };
        QTRY_VERIFY_WITH_TIMEOUT(standingBy(first) || standingBy(second), 20000);
        QVERIFY(!(standingBy(first) && standingBy(second)));
        TriagedProcess &dying = standingBy(first) ? second : first;
        TriagedProcess &survivor = standingBy(first) ? first : second;
        QTRY_VERIFY_WITH_TIMEOUT(status(*admin)[u"processed"_qs].toInteger() >= 1, 30000);
        QVERIFY(!survivor.stderrLog().contains("taking over"));
        dying.kill(); // SIGKILL in the middle of the batch
        QElapsedTimer t;
        t.start();
        const qint64 processedAtKill
            = status(*(admin = signedInClient(survivor.baseUrl(), u"admin"_qs)))[u"processed"_qs].toInteger();
        qInfo("killed the poller with %lld of %d updates processed", qlonglong(processedAtKill), kBefore);
        QVERIFY(bot.push(requests(prefix, kBefore, kAfter)));
        QTRY_VERIFY_WITH_TIMEOUT(survivor.stderrLog().contains("taking over"), 30000);
        qInfo("taken over in %lld ms", qlonglong(t.elapsed()));
        QVERIFY(t.elapsed() < 30000);
        QTRY_COMPARE_WITH_TIMEOUT(titlesStartingWith(*admin, prefix).size(), kBefore + kAfter, 60000);
        QTest::qWait(3000); // more long polls: nothing more
        const QStringList titles = titlesStartingWith(*admin, prefix);
        QCOMPARE(titles.size(), kBefore + kAfter);
        QCOMPARE(QSet<QString>(titles.begin(), titles.end()).size(), kBefore + kAfter);
        QCOMPARE(status(*admin)[u"polled_by"_qs].toString().section(u':', -1).toLongLong(), survivor.pid());
        QCOMPARE(status(*admin)[u"processed"_qs].toInteger(), kBefore + kAfter);
    }

    // Another program (a second bot process, a forgotten script) long-polls the same token: the API
    // answers our getUpdates with 409. The status says so, the worker backs off, and once the other
    // poller is gone it recovers by itself and nothing was lost.
    void concurrentPollerShowsAsConflictAndClears()
    {
        FakeTelegram bot;
        QString error;
        QVERIFY2(bot.start(&error), qPrintable(error));
        TriagedProcess server;
        TRIAGE_START_SERVER(server, TriagedProcess::Options {});
        auto admin = signedInClient(server.baseUrl(), u"admin"_qs);
        const QString channel = newUuid();
        QCOMPARE(admin->send("PUT", u"/api/v1/channels/"_qs + channel, toJson(botBody(bot))).status, 201);
        const auto lastError = [&] {
            return admin->get(u"/api/v1/channels/%1/status"_qs.arg(channel))
                .json()[u"last_error"_qs]
                .toString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            !admin->get(u"/api/v1/channels/%1/status"_qs.arg(channel)).json()[u"last_poll_at"_qs].isNull(),
            15000);
        QVERIFY(bot.control(u"foreign_poller"_qs, {{u"seconds"_qs, 8}}));
        QVERIFY(bot.push(requests(u"During the conflict"_qs, 0, 3)));
        QTRY_VERIFY_WITH_TIMEOUT(lastError().contains(u"(409)"_qs), 15000);
        QVERIFY2(lastError().contains(u"another program polls this bot"_qs), qPrintable(lastError()));
        QVERIFY(!lastError().contains(QString::fromLatin1(FakeTelegram::kToken)));
        QTRY_VERIFY_WITH_TIMEOUT(lastError().isEmpty(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(titlesStartingWith(*admin, u"During the conflict"_qs).size(), 3, 15000);
    }
};

QTEST_GUILESS_MAIN(TestTelegramResilience)
#include "tst_telegram_resilience.moc"
