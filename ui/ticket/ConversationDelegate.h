#pragma once

#include <QStyledItemDelegate>

namespace triage {

struct ConversationFile;

// Thread entries as cards: public replies on the base colour, internal notes on a hatched yellow
// with a lock and the words "Internal note" (never colour alone); requester messages indented. A mail
// reply's quoted history is folded under a "Show quoted text" line (ConversationModel::toggleQuoted).
// A comment's files follow its text: images as thumbnails (a placeholder until scaled), other files
// as chips with their size; fileAt() tells which one a point is on.
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
    // The attachment id under `pos` (viewport coordinates) in the item drawn in `itemRect`, or empty.
    QString fileAt(
        const QRect &itemRect, const QFont &font, const QModelIndex &index, const QPoint &pos) const;

private:
    QRect textRect(const QRect &itemRect, bool fromRequester, int headerHeight) const;
    // The files' tiles, flowing left to right from `area`'s top left and wrapping at its width.
    static QList<QRect> fileRects(const QModelIndex &index, const QRect &area, const QFontMetrics &fm);
    static int filesHeight(const QModelIndex &index, int width, const QFontMetrics &fm);
    static QString fileChipText(const ConversationFile &file);
    void paintFiles(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
        const QRect &area) const;
    // The reply, or the whole body when its quoted history is expanded.
    static QString shownText(const QModelIndex &index);
};

} // namespace triage
