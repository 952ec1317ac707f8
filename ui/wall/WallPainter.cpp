#include "WallPainter.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace triage {

const QColor WallPainter::background {0x0f, 0x12, 0x16};
const QColor WallPainter::tile {0x1b, 0x20, 0x27};
const QColor WallPainter::text {0xec, 0xee, 0xf1};
const QColor WallPainter::muted {0xa7, 0xae, 0xb8};

namespace {

// Layout in reference pixels of a 1920x1080 screen, scaled by unit().
constexpr double kMargin = 24, kGap = 18, kHeader = 96, kBanner = 70, kRiskRow = 74, kRiskHead = 64;

QFont font(double px, bool bold = false)
{
    QFont f;
    f.setPixelSize(std::max(1, int(std::lround(px))));
    f.setBold(bold);
    return f;
}

// Countdowns short enough for a fixed column: "34 min", "2 h 05", "21 h", "3 d 4 h"; a real minus.
QString countdown(qint64 ms)
{
    const bool late = ms < 0;
    const qint64 min = (late ? -ms : ms) / 60'000;
    QString t;
    if (min < 60)
        t = WallPainter::tr("%1 min").arg(min);
    else if (min < 10 * 60)
        t = WallPainter::tr("%1 h %2").arg(min / 60).arg(min % 60, 2, 10, QChar(u'0'));
    else if (min < 48 * 60)
        t = WallPainter::tr("%1 h").arg(min / 60);
    else
        t = WallPainter::tr("%1 d %2 h").arg(min / 1440).arg(min / 60 % 24);
    return late ? u"\u2212"_qs + t : t;
}

// The largest pixel size up to `maxPx` at which `text` fits `width`, never below `minPx` (the
// wall's 22 px floor at 1080p: past it the text is elided instead).
QFont fitted(const QString &text, double maxPx, double width, bool bold, double minPx)
{
    QFont f = font(maxPx, bold);
    const int w = QFontMetrics(f).horizontalAdvance(text);
    if (w > width && w > 0)
        f.setPixelSize(std::max(int(std::ceil(minPx)), int(maxPx * width / w)));
    return f;
}

QColor priorityColor(int p)
{
    switch (p) {
    case 0:
        return okabeIto::vermillion;
    case 1:
        return okabeIto::orange;
    case 2:
        return okabeIto::skyBlue;
    default:
        return QColor(0x8a, 0x93, 0x9e);
    }
}

QString priorityName(int p)
{
    static const Priority order[] = {Priority::Critical, Priority::High, Priority::Normal, Priority::Low};
    return Texts::priority(order[std::clamp(p, 0, 3)]);
}

// Circle = fine, triangle = under an hour, diamond with a cross = breached (never colour alone).
void drawShape(QPainter &p, const QRectF &r, SlaState s)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QColor c = SlaStyle::color(s);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    QPainterPath path;
    if (s == SlaState::Breached) {
        path.moveTo(r.center().x(), r.top());
        path.lineTo(r.right(), r.center().y());
        path.lineTo(r.center().x(), r.bottom());
        path.lineTo(r.left(), r.center().y());
        path.closeSubpath();
        p.drawPath(path);
        p.setPen(QPen(Qt::white, r.width() / 9, Qt::SolidLine, Qt::RoundCap));
        const double k = r.width() * 0.2;
        p.drawLine(
            QPointF(r.center().x() - k, r.center().y() - k), QPointF(r.center().x() + k, r.center().y() + k));
        p.drawLine(
            QPointF(r.center().x() + k, r.center().y() - k), QPointF(r.center().x() - k, r.center().y() + k));
    } else if (s == SlaState::AtRisk) {
        path.moveTo(r.center().x(), r.top());
        path.lineTo(r.right(), r.bottom());
        path.lineTo(r.left(), r.bottom());
        path.closeSubpath();
        p.drawPath(path);
        p.setPen(QPen(Qt::black, r.width() / 9, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(r.center().x(), r.top() + r.height() * 0.35),
            QPointF(r.center().x(), r.top() + r.height() * 0.68));
        p.drawPoint(QPointF(r.center().x(), r.top() + r.height() * 0.84));
    } else {
        p.drawEllipse(r.adjusted(r.width() * 0.1, r.height() * 0.1, -r.width() * 0.1, -r.height() * 0.1));
    }
    p.restore();
}

void drawTile(QPainter &p, const QRectF &r, double u, const QString &title)
{
    p.setPen(Qt::NoPen);
    p.setBrush(WallPainter::tile);
    p.drawRoundedRect(r, 14 * u, 14 * u);
    p.setPen(WallPainter::muted);
    p.setFont(fitted(title, 27 * u, r.width() - 32 * u, true, 22 * u));
    p.drawText(r.adjusted(16 * u, 14 * u, -16 * u, 0), Qt::AlignLeft | Qt::AlignTop,
        p.fontMetrics().elidedText(title, Qt::ElideRight, int(r.width() - 32 * u)));
}

QString percent(const std::optional<double> &v)
{
    if (!v)
        return QStringLiteral("—");
    return QLocale().toString(*v * 100.0, 'f', *v >= 0.995 || *v < 0.1 ? 0 : 1) + u'%';
}

// A headline tile: title, one huge value, the line that says what it counts under it. That line
// wraps onto a second one rather than being cut (a narrow tile, a long Russian phrase): a number
// without its meaning is what the wall must not show. Only past two lines is it elided.
void drawNumberTile(QPainter &p, const QRectF &r, double u, const QString &title, const QString &value,
    const QColor &valueColor, const QString &sub)
{
    drawTile(p, r, u, title);
    const double width = r.width() - 44 * u;
    QFont subFont = font(26 * u);
    QString shown = sub;
    int lines = 1;
    if (QFontMetrics(subFont).horizontalAdvance(sub) > width) {
        // Two lines at the wall's smallest size: words onto the first while they fit, the rest on the
        // second, elided only if it is still too long.
        subFont = font(22 * u);
        const QFontMetrics fm(subFont);
        const QStringList words = sub.split(u' ', Qt::SkipEmptyParts);
        QString first;
        qsizetype used = 0;
        for (; used < words.size(); ++used) {
            const QString next = first.isEmpty() ? words.at(used) : first + u' ' + words.at(used);
            if (!first.isEmpty() && fm.horizontalAdvance(next) > width)
                break;
            first = next;
        }
        const QString rest = words.mid(used).join(u' ');
        lines = rest.isEmpty() ? 1 : 2;
        shown = fm.elidedText(first, Qt::ElideRight, int(width));
        if (!rest.isEmpty())
            shown += u'\n' + fm.elidedText(rest, Qt::ElideRight, int(width));
    }
    const double subHeight = lines * QFontMetrics(subFont).lineSpacing();
    const double bottom = 16 * u + subHeight + 4 * u;
    p.setPen(valueColor);
    const double valueHeight = r.height() - 50 * u - bottom;
    p.setFont(fitted(value, std::min({r.height() * 0.5, 124 * u, valueHeight}), width, true, 48 * u));
    p.drawText(r.adjusted(22 * u, 50 * u, -22 * u, -bottom), Qt::AlignLeft | Qt::AlignVCenter, value);
    p.setPen(WallPainter::muted);
    p.setFont(subFont);
    p.drawText(r.adjusted(22 * u, 0, -22 * u, -16 * u), Qt::AlignLeft | Qt::AlignBottom,
        lines == 1 ? QFontMetrics(subFont).elidedText(shown, Qt::ElideRight, int(width)) : shown);
}

// Horizontal bars: label left, bar, value right. Rows that do not fit are summed into "+N more".
void drawBars(QPainter &p, const QRectF &r, double u, const QString &title,
    const std::vector<WallData::Named> &rows, const std::vector<QColor> &colors, bool showExtra)
{
    drawTile(p, r, u, title);
    const QRectF area = r.adjusted(22 * u, 62 * u, -22 * u, -16 * u);
    const double rowH = 44 * u;
    const int fit = std::max(1, int(area.height() / rowH));
    const int shown = int(std::min<size_t>(rows.size(), size_t(rows.size() > size_t(fit) ? fit - 1 : fit)));
    qint64 max = 1;
    for (const auto &row : rows)
        max = std::max(max, row.value);
    const double labelW = area.width() * 0.38, valueW = showExtra ? 170 * u : 90 * u;
    p.setFont(font(28 * u));
    for (int i = 0; i < shown; ++i) {
        const auto &row = rows[size_t(i)];
        const QRectF line(area.left(), area.top() + i * rowH, area.width(), rowH);
        p.setPen(WallPainter::text);
        const QString name = row.name.isEmpty() ? WallPainter::tr("no group") : row.name;
        p.drawText(QRectF(line.left(), line.top(), labelW - 10 * u, rowH), Qt::AlignLeft | Qt::AlignVCenter,
            p.fontMetrics().elidedText(name, Qt::ElideRight, int(labelW - 10 * u)));
        const double barMax = line.width() - labelW - valueW;
        const double w = std::max(4.0 * u, barMax * double(row.value) / double(max));
        p.setPen(Qt::NoPen);
        p.setBrush(colors.empty() ? okabeIto::skyBlue : colors[size_t(i) % colors.size()]);
        p.drawRoundedRect(QRectF(line.left() + labelW, line.top() + rowH * 0.2, w, rowH * 0.6), 5 * u, 5 * u);
        p.setPen(WallPainter::text);
        QString value = QLocale().toString(row.value);
        if (showExtra)
            value += u"  ✓"_qs + QLocale().toString(row.extra);
        p.drawText(QRectF(line.right() - valueW, line.top(), valueW, rowH), Qt::AlignRight | Qt::AlignVCenter,
            value);
    }
    if (size_t(shown) < rows.size()) {
        qint64 rest = 0;
        for (size_t i = size_t(shown); i < rows.size(); ++i)
            rest += rows[i].value;
        p.setPen(WallPainter::muted);
        p.drawText(QRectF(area.left(), area.top() + shown * rowH, area.width(), rowH),
            Qt::AlignLeft | Qt::AlignVCenter,
            WallPainter::tr("+%1 more: %2 open")
                .arg(rows.size() - size_t(shown))
                .arg(QLocale().toString(rest)));
    }
}

void drawHours(QPainter &p, const QRectF &r, double u, const WallData &d)
{
    drawTile(
        p, r, u, WallPainter::tr("Incoming per hour — %1 today").arg(QLocale().toString(d.today.created)));
    const QRectF area = r.adjusted(22 * u, 70 * u, -22 * u, -50 * u);
    qint64 max = 1;
    for (qint64 v : d.perHour)
        max = std::max(max, v);
    const double slot = area.width() / 24.0;
    p.setFont(font(22 * u));
    for (int h = 0; h < 24; ++h) {
        const double hgt = area.height() * double(d.perHour[size_t(h)]) / double(max);
        const QRectF bar(area.left() + h * slot + slot * 0.15, area.bottom() - hgt, slot * 0.7, hgt);
        p.setPen(Qt::NoPen);
        p.setBrush(h == d.currentHour ? okabeIto::orange
                : h > d.currentHour   ? QColor(0x3a, 0x42, 0x4d)
                                      : okabeIto::skyBlue);
        p.drawRect(bar);
        if (h % 3 == 0) {
            p.setPen(WallPainter::muted);
            p.drawText(QRectF(area.left() + h * slot - slot, area.bottom() + 6 * u, slot * 3, 30 * u),
                Qt::AlignHCenter | Qt::AlignTop, QString::number(h));
        }
    }
}

void drawRisk(QPainter &p, const QRectF &line, double u, const WallData::Risk &k, qint64 now)
{
    const SlaState s = SlaStyle::state(k.dueAtMs, false, now);
    const double h = line.height();
    drawShape(p, QRectF(line.left(), line.top() + h * 0.22, h * 0.56, h * 0.56), s);
    p.setFont(font(40 * u, true));
    p.setPen(s == SlaState::Breached ? okabeIto::vermillion.lighter(125)
            : s == SlaState::AtRisk  ? okabeIto::yellow
                                     : WallPainter::text);
    const double cdW = 190 * u;
    p.drawText(QRectF(line.left() + h * 0.7, line.top(), cdW, h), Qt::AlignLeft | Qt::AlignVCenter,
        countdown(k.dueAtMs - now));
    const double x = line.left() + h * 0.7 + cdW;
    p.setPen(priorityColor(k.priority));
    p.setFont(font(28 * u, true));
    p.drawText(QRectF(x, line.top(), 110 * u, h), Qt::AlignLeft | Qt::AlignVCenter,
        u'#' + QString::number(k.number));
    p.setPen(WallPainter::text);
    p.setFont(font(30 * u));
    const double titleX = x + 110 * u;
    const QString who = k.assignee.isEmpty() ? WallPainter::tr("unassigned") : k.assignee;
    const QRectF titleRect(titleX, line.top(), line.right() - titleX, h * 0.6);
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignBottom,
        p.fontMetrics().elidedText(k.title, Qt::ElideRight, int(titleRect.width())));
    p.setPen(WallPainter::muted);
    p.setFont(font(23 * u));
    p.drawText(QRectF(titleX, line.top() + h * 0.6, titleRect.width(), h * 0.4), Qt::AlignLeft | Qt::AlignTop,
        p.fontMetrics().elidedText(priorityName(k.priority) + u" · "_qs + who
                + (k.group.isEmpty() ? QString() : u" · "_qs + k.group),
            Qt::ElideRight, int(titleRect.width())));
}

void drawRiskTile(
    QPainter &p, const QRectF &r, double u, const WallData &d, qint64 now, int first, int count, int columns)
{
    QString title = WallPainter::tr("At risk — worst first");
    drawTile(p, r, u, title);
    if (d.longOverdue > 0) {
        p.setPen(okabeIto::vermillion.lighter(130));
        p.setFont(font(26 * u, true));
        p.drawText(r.adjusted(22 * u, 0, -22 * u, -12 * u), Qt::AlignLeft | Qt::AlignBottom,
            WallPainter::tr("+ %1 more overdue for over a day").arg(QLocale().toString(d.longOverdue)));
    }
    if (d.atRisk.empty()) {
        p.setPen(okabeIto::bluishGreen);
        p.setFont(font(44 * u, true));
        p.drawText(r, Qt::AlignCenter, WallPainter::tr("Nothing at risk"));
        return;
    }
    // Never past the tile's bottom (the banner, when shown, takes a row's height).
    count
        = std::min(count, columns * std::max(1, int((r.height() - kRiskHead * u - 48 * u) / (kRiskRow * u))));
    const double colW = (r.width() - 44 * u - (columns - 1) * kGap * u) / columns;
    const int perCol = (count + columns - 1) / columns;
    for (int i = 0; i < count && first + i < int(d.atRisk.size()); ++i) {
        const int col = i / std::max(1, perCol), row = i % std::max(1, perCol);
        const QRectF line(r.left() + 22 * u + col * (colW + kGap * u),
            r.top() + kRiskHead * u + row * kRiskRow * u, colW, kRiskRow * u);
        drawRisk(p, line, u, d.atRisk[size_t(first + i)], now);
    }
}

} // namespace

double WallPainter::unit(const QSizeF &size)
{
    return std::min(size.width() / 1920.0, size.height() / 1080.0);
}

int WallPainter::riskRowsOnFirstPage(const QSizeF &size)
{
    const double u = unit(size);
    const double h = size.height() - (kHeader + kMargin) * u - kRiskHead * u - 48 * u;
    return std::max(1, int(h / (kRiskRow * u)));
}

int WallPainter::riskRowsPerExtraPage(const QSizeF &size)
{
    return 2 * riskRowsOnFirstPage(size);
}

int WallPainter::pageCount(const WallData &data, const QSizeF &size)
{
    const int first = riskRowsOnFirstPage(size);
    const int rest = int(data.atRisk.size()) - first;
    return rest <= 0 ? 1 : 1 + (rest + riskRowsPerExtraPage(size) - 1) / riskRowsPerExtraPage(size);
}

void WallPainter::paint(QPainter &p, const QSizeF &size, const State &st)
{
    const double u = unit(size);
    p.fillRect(QRectF(QPointF(0, 0), size), background);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const double m = kMargin * u;

    // Header: title, page, clock.
    p.setPen(text);
    p.setFont(font(44 * u, true));
    p.drawText(QRectF(m, 0, size.width() / 2, kHeader * u), Qt::AlignLeft | Qt::AlignVCenter,
        WallPainter::tr("Service desk — live"));
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(st.localNowMs);
    p.setFont(font(52 * u, true));
    p.drawText(QRectF(size.width() / 2, 0, size.width() / 2 - m, kHeader * u),
        Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(local.time(), u"HH:mm"_qs));
    const WallData *d = st.data;
    const int pages = d ? pageCount(*d, size) : 1;
    if (pages > 1) {
        p.setPen(muted);
        p.setFont(font(30 * u));
        p.drawText(QRectF(size.width() / 2, 0, size.width() / 2 - m - 190 * u, kHeader * u),
            Qt::AlignRight | Qt::AlignVCenter,
            WallPainter::tr("page %1 of %2").arg(st.page % pages + 1).arg(pages));
    }

    // Not set up: what to do, in large type, where the tiles would be.
    if (!st.setup.isEmpty()) {
        const QRectF panel(m, kHeader * u + m, size.width() - 2 * m, size.height() - kHeader * u - 2 * m);
        p.setPen(Qt::NoPen);
        p.setBrush(tile);
        p.drawRoundedRect(panel, 14 * u, 14 * u);
        double y = panel.top() + 40 * u;
        for (qsizetype i = 0; i < st.setup.size(); ++i) {
            p.setPen(i == 0 ? text : muted);
            p.setFont(font(i == 0 ? 48 * u : 32 * u, i == 0));
            const QRectF line(panel.left() + 40 * u, y, panel.width() - 80 * u, panel.bottom() - y - 20 * u);
            const QRectF used
                = p.boundingRect(line, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, st.setup[i]);
            p.drawText(line, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, st.setup[i]);
            y = used.bottom() + (i == 0 ? 36 : 22) * u;
        }
        return;
    }

    // Banner: stale data is never shown without saying so.
    double top = kHeader * u;
    const QRectF banner(m, top, size.width() - 2 * m, (kBanner - 12) * u);
    if (st.stale) {
        p.setPen(Qt::NoPen);
        p.setBrush(okabeIto::yellow);
        p.drawRoundedRect(banner, 10 * u, 10 * u);
        p.setPen(Qt::black);
        p.setFont(font(34 * u, true));
        const QString msg = d ? WallPainter::tr("Data as of %1 — reconnecting")
                                    .arg(QLocale().toString(
                                        QDateTime::fromMSecsSinceEpoch(st.receivedAtMs).time(), u"HH:mm"_qs))
                              : WallPainter::tr("Connecting to the server…");
        p.drawText(banner.adjusted(20 * u, 0, -20 * u, 0), Qt::AlignLeft | Qt::AlignVCenter, msg);
        if (!st.problem.isEmpty()) {
            p.setFont(font(24 * u));
            p.drawText(banner.adjusted(20 * u, 0, -20 * u, 0), Qt::AlignRight | Qt::AlignVCenter,
                p.fontMetrics().elidedText(st.problem, Qt::ElideRight, int(banner.width() * 0.45)));
        }
    }
    if (st.stale)
        top += kBanner * u;
    if (!d)
        return;
    const QRectF body(m, top, size.width() - 2 * m, size.height() - top - m);
    const qint64 now = st.nowMs;
    const int page = st.page % pages;
    if (page > 0) {
        const int first = riskRowsOnFirstPage(size) + (page - 1) * riskRowsPerExtraPage(size);
        drawRiskTile(p, body, u, *d, now, first, riskRowsPerExtraPage(size), 2);
        return;
    }

    const double g = kGap * u;
    const double leftW = body.width() * 0.37;
    drawRiskTile(p, QRectF(body.left(), body.top(), leftW, body.height()), u, *d, now, 0,
        riskRowsOnFirstPage(size), 1);

    const QRectF right(body.left() + leftW + g, body.top(), body.width() - leftW - g, body.height());
    const double row1 = right.height() * 0.27, row2 = right.height() * 0.36;
    const double tileW = (right.width() - 3 * g) / 4;
    const auto slot = [&](int i) { return QRectF(right.left() + i * (tileW + g), right.top(), tileW, row1); };
    const qint64 breaches = d->today.breaches;
    drawNumberTile(p, slot(0), u, WallPainter::tr("Breaches today"), QLocale().toString(breaches),
        breaches > 0 ? okabeIto::vermillion.lighter(125) : okabeIto::bluishGreen,
        WallPainter::tr("went overdue · %1 this week").arg(QLocale().toString(d->week.breaches)));
    const auto complianceColor = [](const std::optional<double> &c) {
        return !c        ? WallPainter::muted
            : *c >= 0.95 ? okabeIto::bluishGreen
            : *c >= 0.85 ? okabeIto::yellow
                         : okabeIto::vermillion.lighter(125);
    };
    // Compliance counts the timers that ended in the period (met or not); "Breaches" counts the
    // timers that went overdue in it, most still running: the subtitle says which is which, so
    // "1 breach" beside "100 %" does not read as a contradiction.
    drawNumberTile(p, slot(1), u, WallPainter::tr("SLA today"), percent(d->today.compliance),
        complianceColor(d->today.compliance),
        WallPainter::tr("%1 of %2 closed timers met")
            .arg(QLocale().toString(d->today.slaMet), QLocale().toString(d->today.slaEnded)));
    drawNumberTile(p, slot(2), u, WallPainter::tr("SLA this week"), percent(d->week.compliance),
        complianceColor(d->week.compliance),
        WallPainter::tr("%1 of %2 closed timers met")
            .arg(QLocale().toString(d->week.slaMet), QLocale().toString(d->week.slaEnded)));
    const WallData::Period &csat = d->today.ratings > 0 ? d->today : d->week;
    drawNumberTile(p, slot(3), u,
        d->today.ratings > 0 ? WallPainter::tr("CSAT today") : WallPainter::tr("CSAT this week"),
        percent(csat.csatShare), complianceColor(csat.csatShare),
        csat.csatAverage ? WallPainter::tr("avg %1 of 5 · %2 ratings")
                               .arg(QLocale().toString(*csat.csatAverage, 'f', 1))
                               .arg(csat.ratings)
                         : WallPainter::tr("no ratings yet"));

    const double y2 = right.top() + row1 + g;
    const double halfW = (right.width() - g) / 2;
    std::vector<WallData::Named> byPriority(4);
    for (int i = 0; i < 4; ++i)
        byPriority[size_t(i)] = {priorityName(i), d->openByPriority[size_t(i)], 0};
    drawBars(p, QRectF(right.left(), y2, halfW, row2), u,
        WallPainter::tr("Open by priority — %1").arg(QLocale().toString(d->open)), byPriority,
        {priorityColor(0), priorityColor(1), priorityColor(2), priorityColor(3)}, false);
    drawBars(p, QRectF(right.left() + halfW + g, y2, halfW, row2), u, WallPainter::tr("Open by group"),
        d->openByGroup, {okabeIto::blue.lighter(140)}, false);
    const double y3 = y2 + row2 + g;
    const double h3 = right.bottom() - y3;
    drawBars(p, QRectF(right.left(), y3, halfW, h3), u, WallPainter::tr("Agent load — open · ✓ today"),
        d->agents, {okabeIto::reddishPurple}, true);
    drawHours(p, QRectF(right.left() + halfW + g, y3, halfW, h3), u, *d);
}

} // namespace triage
