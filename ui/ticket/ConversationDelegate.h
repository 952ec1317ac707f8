#pragma once

#include <QStyledItemDelegate>

namespace triage {

// Thread entries as cards: public replies on the base colour, internal notes on a hatched yellow
// with a lock and the words "Internal note" (never colour alone); requester messages indented. A mail
// reply's quoted history is folded under a "Show quoted text" line (ConversationModel::toggleQuoted).
class ConversationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~ConversationDelegate() override;
    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QRect textRect(const QRect &itemRect, bool fromRequester, int headerHeight) const;
    // The reply, or the whole body when its quoted history is expanded.
    static QString shownText(const QModelIndex &index);
};

} // namespace triage
