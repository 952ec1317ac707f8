// Wall mode on the offscreen platform against a real triaged: tiles filled from the wall endpoint,
// the "data as of HH:MM — reconnecting" banner when the server is killed, recovery by itself
// after the server comes back on the same address, and the snapshot kept on disk for a cold start.
#include "TriagedProcess.h"
#include "common/SlaStyle.h"
#include "wall/WallController.h"
#include "wall/WallMode.h"
#include "wall/WallPainter.h"
#include "wall/WallWindow.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace triage;
using namespace triage::test;

namespace {

// Share of pixels in `rect` close to `color`.
double coverage(const QImage &img, const QRect &rect, const QColor &color)
{
    qint64 hit = 0, all = 0;
    for (int y = rect.top(); y <= rect.bottom(); y += 2) {
        for (int x = rect.left(); x <= rect.right(); x += 2) {
            const QColor c = img.pixelColor(x, y);
            hit += std::abs(c.red() - color.red()) + std::abs(c.green() - color.green())
                    + std::abs(c.blue() - color.blue())
                < 40;
            ++all;
        }
    }
    return all ? double(hit) / double(all) : 0;
}

} // namespace

class TestWall : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    QTemporaryDir m_data;
    QTemporaryDir m_profile;
    quint16 m_port = 0;

    WallController::Options options() const
    {
        WallController::Options o;
        o.server = QUrl(u"http://127.0.0.1:%1"_qs.arg(m_port));
        o.user = u"wall"_qs; // the read-only demo viewer
        o.password = u"demo"_qs;
        o.profileDir = m_profile.path();
        o.pollMs = 400;
        o.minBackoffMs = 200;
        o.maxBackoffMs = 800;
        o.requestTimeoutMs = 2000;
        return o;
    }

    bool startServer(quint16 port)
    {
        TriagedProcess::Options o;
        o.dataDir = m_data.path();
        o.env.insert(u"TRIAGE_DEMO_TICKETS"_qs, u"400"_qs);
        if (port)
            o.extraArgs << u"--listen"_qs << u"127.0.0.1:%1"_qs.arg(port);
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (m_server.start(o))
                return true;
            QTest::qWait(250); // the old socket may still be closing
        }
        qWarning("%s", qPrintable(m_server.error()));
        return false;
    }

private Q_SLOTS:

    // A wall without a server says how to point it at one, on the wall's own background (the
    // screen used to stay black): the setup lines are painted where the tiles would be.
    void setupScreenSaysWhatToDo()
    {
        const QSize size(1280, 720);
        const auto render = [&](const QStringList &setup) {
            QImage img(size, QImage::Format_RGB32);
            QPainter p(&img);
            WallPainter::State st;
            st.localNowMs = 0;
            st.setup = setup;
            WallPainter::paint(p, size, st);
            return img;
        };
        const QStringList lines = wallSetupText();
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.at(2).startsWith(u"triage --wall --server "_qs));
        const QImage blank = render({});
        const QImage setup = render(lines);
        // The body (below the header) is no longer plain background: a tile and text.
        int differing = 0;
        for (int y = 150; y < 400; y += 3) {
            for (int x = 40; x < 1200; x += 3)
                differing += blank.pixel(x, y) != setup.pixel(x, y) ? 1 : 0;
        }
        QVERIFY2(differing > 10000, qPrintable(QString::number(differing)));
        QCOMPARE(setup.pixel(5, 700), blank.pixel(5, 700)); // the wall's background around it
    }
    void initTestCase()
    {
        QVERIFY(m_data.isValid() && m_profile.isValid());
        QVERIFY(startServer(0));
        m_port = m_server.port();
    }

    void tilesFilledThenBannerThenRecovery()
    {
        WallController controller(options());
        WallWindow window(&controller);
        window.resize(1920, 1080);
        window.show();
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(controller.hasData() && !controller.isStale(), 15000);
        const WallData &d = controller.data();
        QVERIFY(d.open > 0);
        QVERIFY(!d.openByGroup.empty());
        QVERIFY(!d.agents.empty());
        QVERIFY(
            d.openByPriority[0] + d.openByPriority[1] + d.openByPriority[2] + d.openByPriority[3] == d.open);
        QVERIFY(QFile::exists(controller.cacheFile()));

        QImage img = window.grab().toImage();
        QCOMPARE(img.size(), QSize(1920, 1080));
        const QRect bannerArea(40, 100, 1800, 50);
        QVERIFY2(coverage(img, bannerArea, okabeIto::yellow) < 0.05, "no banner while live");
        // Tiles are painted: the tile colour covers a good part of the body.
        QVERIFY(coverage(img, QRect(0, 170, 1920, 900), WallPainter::tile) > 0.3);

        // Network loss: the server is killed; the data stays, the banner says how old it is.
        m_server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(controller.isStale(), 10000);
        QVERIFY(controller.hasData());
        img = window.grab().toImage();
        QVERIFY2(coverage(img, bannerArea, okabeIto::yellow) > 0.5, "the reconnecting banner is shown");
        QVERIFY(coverage(img, QRect(0, 170, 1920, 900), WallPainter::tile) > 0.3);

        // The server comes back on the same address: the wall recovers without help.
        QVERIFY(startServer(m_port));
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isStale(), 15000);
        img = window.grab().toImage();
        QVERIFY(coverage(img, bannerArea, okabeIto::yellow) < 0.05);
    }

    void coldStartShowsCachedSnapshot()
    {
        WallController::Options o = options();
        o.server = QUrl(u"http://127.0.0.1:1"_qs); // nothing listens there
        WallController controller(o);
        QSignalSpy spy(&controller, &WallController::updated);
        controller.start();
        QVERIFY(controller.hasData()); // from disk, before any network answer
        QVERIFY(controller.isStale());
        QVERIFY(controller.data().open > 0);
    }

    void countdownsAreComputedAtPaintTime()
    {
        WallData d;
        d.asOfMs = 1'000'000;
        d.atRisk.push_back(
            {42, u"VPN down"_qs, u"agent1"_qs, u"IT"_qs, u"resolution"_qs, 0, 1'000'000 + 5 * 60'000});
        QImage a(1920, 1080, QImage::Format_RGB32), b(1920, 1080, QImage::Format_RGB32);
        WallPainter::State st;
        st.data = &d;
        st.nowMs = 1'000'000;
        {
            QPainter p(&a);
            WallPainter::paint(p, a.size(), st);
        }
        st.nowMs += 10 * 60'000; // ten minutes later the same data reads "−5 min"
        {
            QPainter p(&b);
            WallPainter::paint(p, b.size(), st);
        }
        QVERIFY(a != b);
        // The at-risk shape changed from a triangle (yellow/orange) to a diamond (vermillion).
        const QRect shape(46, 172, 44, 48); // the first at-risk row's shape (no banner: live data)
        QVERIFY(coverage(b, shape, SlaStyle::color(SlaState::Breached))
            > coverage(a, shape, SlaStyle::color(SlaState::Breached)));
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_MAIN(TestWall)
#include "tst_wall.moc"
