#pragma once

#include <QStyledItemDelegate>

namespace triage {

// Sidebar rows: the name, and the live count right-aligned in a pill; headers as small caps.
class SidebarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SidebarDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~SidebarDelegate() override;
    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace triage
