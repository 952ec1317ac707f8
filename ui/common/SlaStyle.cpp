#include "SlaStyle.h"

#include "Texts.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <array>

namespace triage {

namespace {

QPixmap canvas()
{
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    return pm;
}

QIcon paint(SlaState s)
{
    QPixmap pm = canvas();
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor c = SlaStyle::color(s);
    p.setPen(QPen(c.darker(130), 2));
    p.setBrush(c);
    switch (s) {
    case SlaState::None:
        break;
    case SlaState::Ok:
        p.drawEllipse(QRectF(6, 6, 20, 20));
        break;
    case SlaState::AtRisk: {
        QPainterPath path;
        path.moveTo(16, 3);
        path.lineTo(30, 28);
        path.lineTo(2, 28);
        path.closeSubpath();
        p.drawPath(path);
        p.setPen(QPen(Qt::black, 3));
        p.drawLine(QPointF(16, 11), QPointF(16, 20));
        p.drawPoint(QPointF(16, 24.5));
        break;
    }
    case SlaState::Breached: {
        QPainterPath path;
        path.moveTo(16, 1);
        path.lineTo(31, 16);
        path.lineTo(16, 31);
        path.lineTo(1, 16);
        path.closeSubpath();
        p.drawPath(path);
        p.setPen(QPen(Qt::white, 3));
        p.drawLine(QPointF(11, 11), QPointF(21, 21));
        p.drawLine(QPointF(21, 11), QPointF(11, 21));
        break;
    }
    case SlaState::Paused:
        p.setPen(Qt::NoPen);
        p.drawRect(QRectF(8, 6, 6, 20));
        p.drawRect(QRectF(18, 6, 6, 20));
        break;
    }
    return QIcon(pm);
}

} // namespace

SlaState SlaStyle::state(qint64 dueAt, bool paused, qint64 now)
{
    if (paused)
        return SlaState::Paused;
    if (dueAt == kNoDue)
        return SlaState::None;
    const qint64 remaining = dueAt - now;
    if (remaining < 0)
        return SlaState::Breached;
    if (remaining < kAtRiskMs)
        return SlaState::AtRisk;
    return SlaState::Ok;
}

QColor SlaStyle::color(SlaState s)
{
    switch (s) {
    case SlaState::None:
        return QColor(Qt::gray);
    case SlaState::Paused:
        return okabeIto::skyBlue;
    case SlaState::Ok:
        return okabeIto::bluishGreen;
    case SlaState::AtRisk:
        return okabeIto::orange;
    case SlaState::Breached:
        return okabeIto::vermillion;
    }
    return {};
}

QIcon SlaStyle::icon(SlaState s)
{
    static std::array<QIcon, 5> cache;
    auto &icon = cache[static_cast<size_t>(s)];
    if (icon.isNull() && s != SlaState::None)
        icon = paint(s);
    return icon;
}

QString SlaStyle::text(qint64 dueAt, bool paused, qint64 now)
{
    if (paused)
        return QCoreApplication::translate("triage::SlaStyle", "paused");
    if (dueAt == kNoDue)
        return {};
    return Texts::duration(dueAt - now);
}

QString SlaStyle::stateName(SlaState s)
{
    switch (s) {
    case SlaState::None:
        return QCoreApplication::translate("triage::SlaStyle", "no SLA");
    case SlaState::Paused:
        return QCoreApplication::translate("triage::SlaStyle", "SLA paused");
    case SlaState::Ok:
        return QCoreApplication::translate("triage::SlaStyle", "on track");
    case SlaState::AtRisk:
        return QCoreApplication::translate("triage::SlaStyle", "at risk");
    case SlaState::Breached:
        return QCoreApplication::translate("triage::SlaStyle", "breached");
    }
    return {};
}

QIcon SlaStyle::ageingIcon()
{
    static QIcon icon;
    if (icon.isNull()) {
        QPixmap pm = canvas();
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(okabeIto::vermillion, 3));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QRectF(4, 4, 24, 24));
        p.drawLine(QPointF(16, 16), QPointF(16, 8));
        p.drawLine(QPointF(16, 16), QPointF(22, 19));
        icon = QIcon(pm);
    }
    return icon;
}

QIcon SlaStyle::pendingIcon()
{
    static QIcon icon;
    if (icon.isNull()) {
        QPixmap pm = canvas();
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(okabeIto::blue, 3.5));
        p.drawArc(QRectF(6, 6, 20, 20), 30 * 16, 280 * 16);
        p.setBrush(okabeIto::blue);
        p.setPen(Qt::NoPen);
        p.drawPolygon(QPolygonF({QPointF(26, 2), QPointF(28, 14), QPointF(17, 10)}));
        icon = QIcon(pm);
    }
    return icon;
}

} // namespace triage
