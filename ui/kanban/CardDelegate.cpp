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

namespace {

// The card's outline, its priority stripe, and a tint when it is ageing.
void paintFrame(
    QPainter *p, const QStyleOptionViewItem &option, const QRectF &card, Priority priority, bool ageing)
{
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool focused = option.state & QStyle::State_HasFocus;
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
}

// "#1042" (or "pending") in bold, then the pending-sync and ageing markers; returns where the
// first line's free space starts.
qreal paintNumberLine(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index,
    const QRectF &inner, int lh, bool ageing, const QString &numberText)
{
    QFont bold = option.font;
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(option.palette.color(QPalette::Text));
    p->drawText(
        QRectF(inner.left(), inner.top(), inner.width(), lh), Qt::AlignLeft | Qt::AlignVCenter, numberText);
    qreal x = inner.left() + QFontMetrics(bold).horizontalAdvance(numberText) + 6;
    if (index.data(KanbanColumnModel::PendingRole).toBool()) {
        SlaStyle::pendingIcon().paint(p, QRect(int(x), int(inner.top()) + 1, lh - 2, lh - 2));
        x += lh + 2;
    }
    if (ageing)
        SlaStyle::ageingIcon().paint(p, QRect(int(x), int(inner.top()) + 1, lh - 2, lh - 2));
    return x;
}

// The SLA badge: icon + countdown text (never colour alone).
struct SlaBadge {
    SlaState state = SlaState::None;
    QString text;
    qreal width = 0;

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QRectF &rect) const
    {
        const QFontMetrics fm(option.font);
        const int lh = fm.height();
        const QPalette &pal = option.palette;
        SlaStyle::icon(state).paint(p, QRect(int(rect.left()), int(rect.top()) + 1, lh - 2, lh - 2));
        p->setFont(option.font);
        p->setPen(state == SlaState::Breached || state == SlaState::AtRisk
                ? SlaStyle::color(state).darker(pal.color(QPalette::Base).lightness() > 128 ? 115 : 80)
                : pal.color(QPalette::Text));
        const QRectF textRect = rect.adjusted(lh + 2, 0, 0, 0);
        p->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(text, Qt::ElideRight, int(textRect.width())));
    }
};

SlaBadge slaBadge(const QModelIndex &index, const QFontMetrics &fm, qint64 now)
{
    const qint64 due = index.data(KanbanColumnModel::DueRole).toLongLong();
    const bool paused = index.data(KanbanColumnModel::PausedRole).toBool();
    SlaBadge badge;
    badge.state = SlaStyle::state(due, paused, now);
    if (badge.state != SlaState::None) {
        badge.text = SlaStyle::text(due, paused, now);
        badge.width = fm.horizontalAdvance(badge.text) + fm.height() + 4;
    }
    return badge;
}

// Two lines of title, the second elided.
void paintTitle(QPainter *p, const QStyleOptionViewItem &option, const QString &title, const QRectF &inner)
{
    const QFontMetrics fm(option.font);
    const int lh = fm.height();
    p->setFont(option.font);
    p->setPen(option.palette.color(QPalette::Text));
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
}

// The priority in words on a tinted chip, bottom left; returns the chip.
QRectF paintPriorityChip(QPainter *p, const QStyleOptionViewItem &option, Priority priority,
    const QFont &small, qreal left, qreal top, int lh)
{
    const QString pr = Texts::priority(priority);
    const QRectF chip(left, top, QFontMetrics(small).horizontalAdvance(pr) + 12, lh);
    QColor chipFill = priorityColor(priority);
    chipFill.setAlpha(50);
    p->setPen(Qt::NoPen);
    p->setBrush(chipFill);
    p->drawRoundedRect(chip, lh / 2.0, lh / 2.0);
    p->setFont(small);
    p->setPen(option.palette.color(QPalette::Text));
    p->drawText(chip, Qt::AlignCenter, pr);
    return chip;
}

// The assignee's initials in a circle; a dashed empty circle when nobody is assigned.
void paintAvatar(QPainter *p, const QStyleOptionViewItem &option, const QString &initials,
    const QRectF &avatar, const QFont &small)
{
    if (initials.isEmpty()) {
        p->setPen(QPen(option.palette.color(QPalette::Mid), 1, Qt::DashLine));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(avatar);
        return;
    }
    p->setPen(Qt::NoPen);
    p->setBrush(okabeIto::skyBlue);
    p->drawEllipse(avatar);
    QFont af = small;
    af.setBold(true);
    af.setPointSizeF(af.pointSizeF() * 0.85);
    p->setFont(af);
    p->setPen(Qt::black);
    p->drawText(avatar, Qt::AlignCenter, initials);
}

} // namespace

void CardDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(option.rect).adjusted(4, 3, -4, -3);
    const bool ageing = index.data(KanbanColumnModel::AgeingRole).toBool();
    const auto priority = static_cast<Priority>(index.data(KanbanColumnModel::PriorityRole).toInt());
    paintFrame(p, option, card, priority, ageing);

    const QFontMetrics fm(option.font);
    const int lh = fm.height();
    const QRectF inner = card.adjusted(12, 6, -8, -6);
    const qint64 number = index.data(KanbanColumnModel::NumberRole).toLongLong();
    const qreal x = paintNumberLine(
        p, option, index, inner, lh, ageing, number ? u"#"_qs + QString::number(number) : tr("pending"));

    // SLA badge: top right when it fits next to the number, else on the bottom row.
    const SlaBadge badge = slaBadge(index, fm, m_clock());
    const bool badgeOnTop = x + lh + 4 + badge.width <= inner.right();
    if (badge.state != SlaState::None && badgeOnTop)
        badge.paint(p, option, QRectF(inner.right() - badge.width, inner.top(), badge.width, lh));

    paintTitle(p, option, index.data(KanbanColumnModel::TitleRole).toString(), inner);

    // Bottom row: priority chip, (the SLA badge), initials avatar.
    const qreal bottom = inner.bottom() - lh;
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QRectF chip = paintPriorityChip(p, option, priority, small, inner.left(), bottom, lh);
    const QRectF avatar(inner.right() - lh - 2, bottom - 1, lh + 2, lh + 2);
    if (badge.state != SlaState::None && !badgeOnTop) {
        const qreal left = chip.right() + 6;
        const qreal width = std::min(badge.width, avatar.left() - 4 - left);
        if (width > lh)
            badge.paint(p, option, QRectF(avatar.left() - 4 - width, bottom, width, lh));
    }
    paintAvatar(p, option, index.data(KanbanColumnModel::InitialsRole).toString(), avatar, small);
    p->restore();
}

} // namespace triage
