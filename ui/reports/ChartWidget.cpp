#include "ChartWidget.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace triage {

namespace {
// 1, 2, 5 × 10^n steps for the axis.
double niceMax(double v)
{
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (v <= m * p)
            return m * p;
    }
    return 10 * p;
}
} // namespace

ChartWidget::ChartWidget(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(160);
    setMouseTracking(true);
    setCursor(Qt::PointingHandCursor);
}

void ChartWidget::setData(const QStringList &categories, std::vector<Series> series)
{
    m_categories = categories;
    m_series = std::move(series);
    update();
}

QRectF ChartWidget::plotArea() const
{
    const QFontMetrics fm(font());
    return QRectF(fm.horizontalAdvance(u"00000"_qs) + 8, fm.height() + 10,
        width() - fm.horizontalAdvance(u"00000"_qs) * 2 - 16, height() - fm.height() * 2 - 22);
}

int ChartWidget::categoryAt(const QPoint &pos) const
{
    const QRectF a = plotArea();
    if (m_categories.isEmpty() || !a.adjusted(0, 0, 0, 30).contains(pos))
        return -1;
    const int i = int((pos.x() - a.left()) / (a.width() / m_categories.size()));
    return i >= 0 && i < m_categories.size() ? i : -1;
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QRectF a = plotArea();
    const int n = int(m_categories.size());
    double barMax = 0, lineMax = 0;
    int bars = 0;
    for (const Series &s : m_series) {
        for (double v : s.values)
            (s.line ? lineMax : barMax) = std::max(s.line ? lineMax : barMax, v);
        bars += s.line ? 0 : 1;
    }
    barMax = niceMax(barMax);
    lineMax = niceMax(lineMax);
    // Grid and axes.
    p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
    const QFontMetrics fm(font());
    for (int k = 0; k <= 4; ++k) {
        const double y = a.bottom() - a.height() * k / 4;
        p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
        p.drawLine(QPointF(a.left(), y), QPointF(a.right(), y));
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRectF(0, y - fm.height() / 2.0, a.left() - 6, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(barMax * k / 4, 'g', 4));
        if (lineMax > 0 && bars < int(m_series.size()))
            p.drawText(QRectF(a.right() + 6, y - fm.height() / 2.0, width() - a.right() - 6, fm.height()),
                Qt::AlignLeft | Qt::AlignVCenter, QLocale().toString(lineMax * k / 4, 'g', 4));
    }
    if (n == 0)
        return;
    const double slot = a.width() / n;
    const double barW = std::max(1.0, slot * 0.8 / std::max(1, bars));
    int b = 0;
    for (const Series &s : m_series) {
        if (s.line)
            continue;
        p.setPen(Qt::NoPen);
        p.setBrush(s.color);
        for (int i = 0; i < n && i < int(s.values.size()); ++i) {
            const double h = a.height() * s.values[size_t(i)] / barMax;
            p.drawRect(QRectF(a.left() + i * slot + slot * 0.1 + b * barW, a.bottom() - h, barW, h));
        }
        ++b;
    }
    for (const Series &s : m_series) {
        if (!s.line)
            continue;
        QPainterPath path;
        for (int i = 0; i < n && i < int(s.values.size()); ++i) {
            const QPointF pt(
                a.left() + (i + 0.5) * slot, a.bottom() - a.height() * s.values[size_t(i)] / lineMax);
            i == 0 ? path.moveTo(pt) : path.lineTo(pt);
        }
        p.setPen(QPen(s.color, 2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    // Category labels, thinned to what fits.
    p.setPen(pal.color(QPalette::WindowText));
    int widest = 1;
    for (const QString &c : m_categories)
        widest = std::max(widest, fm.horizontalAdvance(c) + 8);
    const int every = std::max(1, int(std::ceil(widest / slot)));
    for (int i = 0; i < n; i += every)
        p.drawText(QRectF(a.left() + i * slot - slot * every / 2.0 + slot / 2, a.bottom() + 4, slot * every,
                       fm.height()),
            Qt::AlignHCenter | Qt::AlignTop, m_categories.at(i));
    // Legend.
    double x = a.left();
    for (const Series &s : m_series) {
        p.setPen(Qt::NoPen);
        p.setBrush(s.color);
        p.drawRect(QRectF(x, 4, 12, fm.height() - 4));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QPointF(x + 16, fm.ascent() + 2), s.name);
        x += 32 + fm.horizontalAdvance(s.name);
    }
}

void ChartWidget::mouseReleaseEvent(QMouseEvent *event)
{
    const int i = categoryAt(event->position().toPoint());
    if (i >= 0)
        Q_EMIT categoryClicked(i);
}

bool ChartWidget::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(e);
        const int i = categoryAt(help->pos());
        if (i < 0) {
            QToolTip::hideText();
            return true;
        }
        QString text = m_categories.at(i);
        for (const Series &s : m_series) {
            if (i < int(s.values.size()))
                text += u'\n' + s.name + u": "_qs + QLocale().toString(s.values[size_t(i)], 'g', 6);
        }
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

} // namespace triage
