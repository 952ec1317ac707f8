#include "CardDelegate.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "models/KanbanColumnModel.h"

#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

namespace triage {

namespace {
QColor priorityColor(Priority p)
{
    switch (p) {
    case Priority::Critical:
        return okabeIto::vermillion;
    case Priority::High:
        return okabeIto::orange;
    case Priority::Normal:
        return okabeIto::blue;
    case Priority::Low:
        return QColor(0x99, 0x99, 0x99);
    }
    return {};
}
} // namespace

CardDelegate::CardDelegate(std::function<qint64()> clock, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_clock(std::move(clock))
{ }

CardDelegate::~CardDelegate() = default;

int CardDelegate::cardHeight(const QFontMetrics &metrics)
{
    return metrics.height() * 4 + 26;
}

QSize CardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {120, cardHeight(option.fontMetrics)}; // width follows the column (QListView::Adjust)
}

void CardDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const QRectF card = QRectF(option.rect).adjusted(4, 3, -4, -3);
    const bool selected = option.state & QStyle::State_Selected;
    const bool focused = option.state & QStyle::State_HasFocus;
    const bool ageing = index.data(KanbanColumnModel::AgeingRole).toBool();
    const auto priority = static_cast<Priority>(index.data(KanbanColumnModel::PriorityRole).toInt());

    p->setPen(QPen(
        selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), selected || focused ? 2 : 1));
    p->setBrush(pal.color(QPalette::Base));
    p->drawRoundedRect(card, 6, 6);
    // Priority stripe on the left edge (the chip below repeats it in words).
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(card.left(), card.top(), 5, card.height()), 2.5, 2.5);
    p->fillPath(stripe, priorityColor(priority));
    if (ageing) {
        QColor tint = okabeIto::vermillion;
        tint.setAlpha(35);
        p->setPen(Qt::NoPen);
        p->setBrush(tint);
        p->drawRoundedRect(card.adjusted(5, 1, -1, -1), 5, 5);
    }

    const QFontMetrics fm(option.font);
    const int lh = fm.height();
    const QRectF inner = card.adjusted(12, 6, -8, -6);
    QFont bold = option.font;
    bold.setBold(true);
    const qint64 number = index.data(KanbanColumnModel::NumberRole).toLongLong();
    const QString numberText = number ? u"#"_qs + QString::number(number) : tr("pending");
    p->setFont(bold);
    p->setPen(pal.color(QPalette::Text));
    p->drawText(
        QRectF(inner.left(), inner.top(), inner.width(), lh), Qt::AlignLeft | Qt::AlignVCenter, numberText);
    const int numberWidth = QFontMetrics(bold).horizontalAdvance(numberText);

    // Pending marker and ageing clock next to the number.
    qreal x = inner.left() + numberWidth + 6;
    if (index.data(KanbanColumnModel::PendingRole).toBool()) {
        SlaStyle::pendingIcon().paint(p, QRect(int(x), int(inner.top()) + 1, lh - 2, lh - 2));
        x += lh + 2;
    }
    if (ageing)
        SlaStyle::ageingIcon().paint(p, QRect(int(x), int(inner.top()) + 1, lh - 2, lh - 2));

    // SLA badge: icon + countdown, top right when it fits next to the number, else bottom row.
    const qint64 due = index.data(KanbanColumnModel::DueRole).toLongLong();
    const bool paused = index.data(KanbanColumnModel::PausedRole).toBool();
    const qint64 now = m_clock();
    const SlaState sla = SlaStyle::state(due, paused, now);
    const QString slaText = sla == SlaState::None ? QString() : SlaStyle::text(due, paused, now);
    const qreal badgeWidth = sla == SlaState::None ? 0 : fm.horizontalAdvance(slaText) + lh + 4;
    const bool badgeOnTop = x + lh + 4 + badgeWidth <= inner.right();
    auto drawBadge = [&](const QRectF &badge) {
        SlaStyle::icon(sla).paint(p, QRect(int(badge.left()), int(badge.top()) + 1, lh - 2, lh - 2));
        p->setFont(option.font);
        p->setPen(sla == SlaState::Breached || sla == SlaState::AtRisk
                ? SlaStyle::color(sla).darker(pal.color(QPalette::Base).lightness() > 128 ? 115 : 80)
                : pal.color(QPalette::Text));
        const QRectF textRect = badge.adjusted(lh + 2, 0, 0, 0);
        p->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(slaText, Qt::ElideRight, int(textRect.width())));
    };
    if (sla != SlaState::None && badgeOnTop)
        drawBadge(QRectF(inner.right() - badgeWidth, inner.top(), badgeWidth, lh));

    // Title: two lines, elided.
    p->setFont(option.font);
    p->setPen(pal.color(QPalette::Text));
    const QString title = index.data(KanbanColumnModel::TitleRole).toString();
    QTextLayout layout(title, option.font);
    layout.beginLayout();
    qreal y = inner.top() + lh + 4;
    for (int line = 0; line < 2; ++line) {
        QTextLine l = layout.createLine();
        if (!l.isValid())
            break;
        l.setLineWidth(inner.width());
        const QString part = title.mid(l.textStart(), line == 1 ? -1 : l.textLength());
        p->drawText(QPointF(inner.left(), y + fm.ascent()),
            line == 1 ? fm.elidedText(part, Qt::ElideRight, int(inner.width())) : part.trimmed());
        y += lh;
    }
    layout.endLayout();

    // Bottom row: priority chip, initials avatar.
    const qreal bottom = inner.bottom() - lh;
    const QString pr = Texts::priority(priority);
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetrics sfm(small);
    const QRectF chip(inner.left(), bottom, sfm.horizontalAdvance(pr) + 12, lh);
    QColor chipFill = priorityColor(priority);
    chipFill.setAlpha(50);
    p->setPen(Qt::NoPen);
    p->setBrush(chipFill);
    p->drawRoundedRect(chip, lh / 2.0, lh / 2.0);
    p->setFont(small);
    p->setPen(pal.color(QPalette::Text));
    p->drawText(chip, Qt::AlignCenter, pr);

    const QString initials = index.data(KanbanColumnModel::InitialsRole).toString();
    const QRectF avatar(inner.right() - lh - 2, bottom - 1, lh + 2, lh + 2);
    if (sla != SlaState::None && !badgeOnTop) {
        const qreal left = chip.right() + 6;
        const qreal width = std::min(badgeWidth, avatar.left() - 4 - left);
        if (width > lh)
            drawBadge(QRectF(avatar.left() - 4 - width, bottom, width, lh));
    }
    if (!initials.isEmpty()) {
        p->setPen(Qt::NoPen);
        p->setBrush(okabeIto::skyBlue);
        p->drawEllipse(avatar);
        QFont af = small;
        af.setBold(true);
        af.setPointSizeF(af.pointSizeF() * 0.85);
        p->setFont(af);
        p->setPen(Qt::black);
        p->drawText(avatar, Qt::AlignCenter, initials);
    } else {
        p->setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(avatar);
    }
    p->restore();
}

} // namespace triage
