#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace triage {

// Paints queue cells without QStyle's text layout: the style's item-view code lays every cell's
// text out two or three times (measure, elide, draw). Here each distinct (text, width, font) is
// elided and laid out once into a QStaticText and reused — priorities, statuses, people, groups and
// "12 min" repeat on every screen — so a full repaint of 100k-row pages costs a few milliseconds.
// Looks like the default delegate: the style still paints the panel (selection, alternate rows,
// background role) and the focus frame.
class QueueDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueDelegate)

public:
    explicit QueueDelegate(QObject *parent = nullptr);
    ~QueueDelegate() override;
    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    int cachedTexts() const { return static_cast<int>(m_texts.size()); }
    // What a cell of `width` pixels shows of `text` (elided with "…" when it does not fit).
    QString displayedText(const QString &text, int width, const QFont &font) const;

private:
    // Qt's eliding, checked against what is drawn (see the .cpp).
    static QString elideToFit(const QString &text, int width, const QFont &font);
    struct Key {
        QString text;
        int width;
        int fontKey; // 0 plain, 1 bold, 2 italic, 3 both
        bool operator==(const Key &o) const = default;
    };
    friend size_t qHash(const Key &k, size_t seed) noexcept
    {
        return qHashMulti(seed, k.text, k.width, k.fontKey);
    }
    const QStaticText &laidOut(const QString &text, int width, const QFont &font, int fontKey) const;
    qreal advance(QChar c, const QFontMetricsF &fm, int fontKey) const;

    mutable QHash<Key, QStaticText> m_texts;
    mutable QHash<quint32, qreal> m_advances; // (font key, character) → advance
    mutable QFont m_font; // the font the cache was built for
};

} // namespace triage
