#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace triage {

// Paints a kanban card: number, two lines of title, priority chip, assignee initials, SLA badge
// (icon + text, never colour alone) and the pending-sync marker. Fixed height: uniform items.
class CardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardDelegate)

public:
    explicit CardDelegate(std::function<qint64()> clock, QObject *parent = nullptr);
    ~CardDelegate() override;
    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // The fixed card height for a font (swimlane cells are sized in cards).
    static int cardHeight(const QFontMetrics &metrics);

private:
    std::function<qint64()> m_clock;
};

} // namespace triage
