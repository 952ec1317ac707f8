// The wall for a bounded time (TRIAGE_SOAK_SECONDS, default 90) against a real triaged that a
// writer keeps changing (new tickets, replies, status and priority changes), with one server
// outage in the middle. Asserts that resident memory and open file descriptors stay flat once
// warmed up: the wall reuses its widgets, client, stream and buffers for weeks.
#include "TriagedProcess.h"
#include "wall/WallController.h"
#include "wall/WallWindow.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace triage;
using namespace triage::test;

namespace {

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

int openFds()
{
    return int(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

qint64 median(std::vector<qint64> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

class TestWallSoak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flatMemoryAndHandles()
    {
        const int seconds = qEnvironmentVariableIsSet("TRIAGE_SOAK_SECONDS")
            ? qEnvironmentVariableIntValue("TRIAGE_SOAK_SECONDS")
            : 90;
        QTemporaryDir data, profile;
        TriagedProcess server;
        TriagedProcess::Options o;
        o.dataDir = data.path();
        o.env.insert(QStringLiteral("TRIAGE_DEMO_TICKETS"), QStringLiteral("2000"));
        QVERIFY2(server.start(o), qPrintable(server.error()));
        const quint16 port = server.port();

        TestClient writer(server.baseUrl());
        QVERIFY(writer.login(QStringLiteral("agent1")));
        QString agentId;
        for (const QJsonValue &u :
            writer.get(QStringLiteral("/api/v1/users")).json()[QStringLiteral("users")].toArray()) {
            if (u[QStringLiteral("username")].toString() == QStringLiteral("agent1"))
                agentId = u[QStringLiteral("id")].toString();
        }

        WallController::Options wo;
        wo.server = server.baseUrl();
        wo.user = QStringLiteral("wall"); // the read-only demo viewer
        wo.password = QStringLiteral("demo");
        wo.profileDir = profile.path();
        wo.pollMs = 500;
        wo.minBackoffMs = 200;
        wo.maxBackoffMs = 2000;
        WallController controller(wo);
        WallWindow window(&controller);
        window.setRotateSeconds(3);
        window.resize(1920, 1080);
        window.show();
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(controller.hasData() && !controller.isStale(), 20000);

        // The writer: one change every 150 ms, cycling through the kinds of events the wall counts.
        int step = 0;
        QStringList open;
        QTimer writes;
        writes.setInterval(150);
        QObject::connect(&writes, &QTimer::timeout, &writes, [&] {
            if (!server.isRunning())
                return;
            const int kind = step++ % 4;
            if (kind == 0 || open.isEmpty()) {
                const HttpResult r = writer.post(QStringLiteral("/api/v1/tickets"),
                    QJsonObject {{QStringLiteral("title"), QStringLiteral("Soak ticket %1").arg(step)},
                        {QStringLiteral("assignee_id"), agentId},
                        {QStringLiteral("priority"),
                            step % 3 ? QStringLiteral("high") : QStringLiteral("critical")}});
                if (r.status == 201)
                    open << r.json()[QStringLiteral("id")].toString();
            } else if (kind == 1) {
                writer.post(QStringLiteral("/api/v1/tickets/%1/comments").arg(open.last()),
                    QJsonObject {{QStringLiteral("body"), QStringLiteral("On it.")},
                        {QStringLiteral("public"), true}});
            } else {
                const QString id = kind == 2 ? open.last() : open.takeFirst();
                const HttpResult t = writer.get(QStringLiteral("/api/v1/tickets/") + id);
                writer.patch(QStringLiteral("/api/v1/tickets/") + id,
                    QJsonObject {{QStringLiteral("status"),
                        kind == 2 ? QStringLiteral("in_progress") : QStringLiteral("resolved")}},
                    {{"If-Match", t.header("etag")}});
            }
        });
        writes.start();

        QElapsedTimer clock;
        clock.start();
        const qint64 warmUpMs = std::min<qint64>(20000, seconds * 1000 / 4);
        std::vector<qint64> rss, fds;
        bool outageDone = false;
        qint64 lastSample = 0;
        while (clock.elapsed() < seconds * 1000) {
            QTest::qWait(250);
            window.repaint(); // as a visible wall would, every tick
            if (!outageDone && clock.elapsed() > seconds * 1000 / 2) {
                outageDone = true;
                server.kill();
                QTRY_VERIFY_WITH_TIMEOUT(controller.isStale(), 10000);
                QTest::qWait(1500);
                TriagedProcess::Options again = o;
                again.extraArgs << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:%1").arg(port);
                bool up = false;
                for (int i = 0; i < 20 && !up; ++i) {
                    up = server.start(again);
                    if (!up)
                        QTest::qWait(250);
                }
                QVERIFY2(up, qPrintable(server.error()));
                QVERIFY(writer.login(QStringLiteral("agent1")));
                QTRY_VERIFY_WITH_TIMEOUT(!controller.isStale(), 20000);
            }
            if (clock.elapsed() > warmUpMs && clock.elapsed() - lastSample >= 2000) {
                lastSample = clock.elapsed();
                rss.push_back(rssKiB());
                fds.push_back(openFds());
            }
        }
        writes.stop();
        QVERIFY(!controller.isStale());
        QVERIFY(rss.size() >= 6);
        const size_t third = rss.size() / 3;
        const qint64 early = median({rss.begin(), rss.begin() + qsizetype(third)});
        const qint64 late = median({rss.end() - qsizetype(third), rss.end()});
        const auto [fdMin, fdMax] = std::minmax_element(fds.begin(), fds.end());
        qInfo("{\"soak_seconds\": %d, \"rss_early_kib\": %lld, \"rss_late_kib\": %lld, \"fd_min\": %lld, "
              "\"fd_max\": %lld, "
              "\"writes\": %d, \"paints\": %lld}",
            seconds, early, late, *fdMin, *fdMax, step, window.paintCount());
        // Flat: the late median within 6 MiB of the early one (allocator noise, font caches), and no
        // descriptor growth beyond the odd connection being replaced at the moment of a sample.
        QVERIFY2(late - early < 6 * 1024, "resident memory grew");
        QVERIFY2(*fdMax - *fdMin <= 4, "file descriptors grew");
        QVERIFY(fds.back() <= fds.front() + 2);
        server.stop();
    }
};

QTEST_MAIN(TestWallSoak)
#include "tst_wall_soak.moc"
