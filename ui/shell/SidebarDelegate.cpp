#include "SidebarDelegate.h"

#include "models/NavigationModel.h"

#include <QApplication>
#include <QPainter>

namespace triage {

SidebarDelegate::~SidebarDelegate() = default;

void SidebarDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant count = index.data(NavigationModel::CountRole);
    if (!count.isValid()) {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.palette.setColor(QPalette::Text, opt.palette.color(QPalette::PlaceholderText));
        opt.rect.adjust(0, 6, 0, 0);
        QStyledItemDelegate::paint(painter, opt, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = QString::number(count.toInt());
    const QFontMetrics fm(opt.font);
    const int w = fm.horizontalAdvance(text) + 12;
    QRect pill(opt.rect.right() - w - 6, opt.rect.top() + 3, w, opt.rect.height() - 6);
    opt.rect.setRight(pill.left() - 4);
    opt.rect.setLeft(opt.rect.left() + 8);
    // Paint the full-width selection background first.
    QStyleOptionViewItem bg = option;
    initStyleOption(&bg, index);
    bg.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &bg, painter, option.widget);
    opt.backgroundBrush = Qt::NoBrush;
    opt.state &= ~QStyle::State_HasFocus;
    QStyledItemDelegate::paint(painter, opt, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    QColor fill = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Mid);
    fill.setAlpha(selected ? 60 : 90);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize SidebarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setHeight(std::max(s.height(),
        option.fontMetrics.height() + (index.data(NavigationModel::CountRole).isValid() ? 10 : 14)));
    return s;
}

} // namespace triage
