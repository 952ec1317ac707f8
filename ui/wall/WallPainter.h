#pragma once

#include "reports/WallData.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QRectF>
#include <QStringList>

class QPainter;

namespace triage {

// Draws the wall: every tile painted directly with QPainter (no child widgets to create, restyle or
// leak), sized from the screen height so 1080p and 4K look the same. Countdowns are computed
// from fixed due instants at paint time.
class WallPainter
{
    Q_DECLARE_TR_FUNCTIONS(WallPainter)

public:
    struct State {
        const WallData *data = nullptr;
        qint64 nowMs = 0; // server time
        qint64 localNowMs = 0; // this machine's clock, for the header clock
        bool stale = false;
        qint64 receivedAtMs = 0; // local time of the data shown
        QString problem;
        int page = 0;
        // Set when the wall has no server to show: how to point it at one (instead of the tiles).
        QStringList setup;
    };

    // How many pages the data needs at this size (at-risk rows beyond the first page rotate).
    static int pageCount(const WallData &data, const QSizeF &size);
    static void paint(QPainter &p, const QSizeF &size, const State &state);

    static const QColor background, tile, text, muted;

private:
    static double unit(const QSizeF &size);
    static int riskRowsOnFirstPage(const QSizeF &size);
    static int riskRowsPerExtraPage(const QSizeF &size);
};

} // namespace triage
