#include "QueueDelegate.h"

#include "models/QueueModel.h"

#include <QApplication>
#include <QFontMetrics>
#include <QIcon>
#include <QPainter>
#include <QTextBoundaryFinder>

namespace triage {

namespace {
constexpr int kMaxCachedTexts = 6000; // a few screens of unique titles; cleared when full
}

QueueDelegate::QueueDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QueueDelegate::~QueueDelegate() = default;

namespace {

// Text whose width is the sum of its characters' advances up to kerning: Latin, Greek, Cyrillic,
// punctuation, arrows and math signs, no combining marks (no reordering, no complex shaping).
bool isSimpleText(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u >= 0x0300 && u < 0x0370) || (u >= 0x0483 && u < 0x048A) || (u >= 0x0590 && u < 0x2000)
            || u >= 0x2300)
            return false;
    }
    return true;
}

QStaticText prepared(const QString &text, const QFont &font)
{
    QStaticText st(text);
    st.setTextFormat(Qt::PlainText);
    st.setPerformanceHint(QStaticText::AggressiveCaching);
    st.prepare(QTransform(), font);
    return st;
}

} // namespace

QString QueueDelegate::displayedText(const QString &text, int width, const QFont &font) const
{
    if (m_font != font) { // the caches belong to one font
        m_texts.clear();
        m_advances.clear();
        m_font = font;
    }
    return laidOut(text, width, font, 0).text();
}

qreal QueueDelegate::advance(QChar c, const QFontMetricsF &fm, int fontKey) const
{
    const quint32 key = (quint32(fontKey) << 16) | c.unicode();
    if (const auto it = m_advances.constFind(key); it != m_advances.constEnd())
        return *it;
    return *m_advances.insert(key, fm.horizontalAdvance(c));
}

const QStaticText &QueueDelegate::laidOut(
    const QString &text, int width, const QFont &font, int fontKey) const
{
    const Key key {text, width, fontKey};
    if (const auto it = m_texts.constFind(key); it != m_texts.constEnd())
        return *it;
    if (m_texts.size() >= kMaxCachedTexts)
        m_texts.clear();
    // Page jumps bring ~70 texts never seen (titles, numbers): elidedText() shapes each once to
    // measure and QStaticText once more to draw. For simple text the sum of the cached character
    // advances decides whether it fits and where to cut, so only the drawn text is shaped; the
    // result is checked against the width and the exact path takes over when kerning disagrees.
    if (isSimpleText(text)) {
        const QFontMetricsF fm(font);
        std::vector<qreal> prefix(static_cast<size_t>(text.size()) + 1, 0);
        for (qsizetype i = 0; i < text.size(); ++i)
            prefix[static_cast<size_t>(i) + 1]
                = prefix[static_cast<size_t>(i)] + advance(text[i], fm, fontKey);
        // Kerning and ligatures only make text narrower than the sum, rarely by 10 %: a text just
        // over the width may still fit, so that band is measured exactly.
        const bool unsure = prefix.back() > width && prefix.back() <= width * 1.1 + 4;
        QString candidate = unsure ? QString() : text;
        if (!unsure && prefix.back() > width) {
            const qreal room = width - advance(QChar(0x2026), fm, fontKey);
            qsizetype keep = 0;
            while (keep < text.size() && prefix[static_cast<size_t>(keep) + 1] <= room)
                ++keep;
            candidate = text.left(keep) + QChar(0x2026);
        }
        if (!unsure) {
            QStaticText st = prepared(candidate, font);
            if (st.size().width() <= width)
                return *m_texts.insert(key, st);
        }
    }
    return *m_texts.insert(key, prepared(elideToFit(text, width, font), font));
}

QString QueueDelegate::elideToFit(const QString &text, int width, const QFont &font)
{
    // Qt's elidedText() can return a text wider than asked with some fonts and scripts (seen with
    // Noto's Arabic: the joiner it adds before the ellipsis widens the last letter). What is drawn
    // is measured, and whole graphemes are taken off until it fits.
    const QFontMetricsF fm(font);
    QString shown = QFontMetrics(font).elidedText(text, Qt::ElideRight, width);
    if (fm.horizontalAdvance(shown) <= width || shown.size() <= 1)
        return shown;
    QString body = shown.endsWith(QChar(0x2026)) ? shown.chopped(1) : shown;
    body.remove(QChar(0x200D));
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, body);
    graphemes.toEnd();
    while (graphemes.toPreviousBoundary() > 0) {
        shown = body.left(graphemes.position()) + QChar(0x2026);
        if (fm.horizontalAdvance(shown) <= width)
            return shown;
    }
    return QString(QChar(0x2026));
}

void QueueDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    // The panel as QCommonStyle paints it: selection, else the alternate base and the background role.
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (option.state & QStyle::State_Active)                                ? QPalette::Active
                                                                               : QPalette::Inactive;
    if (selected) {
        painter->fillRect(option.rect, option.palette.brush(group, QPalette::Highlight));
    } else {
        if (option.features & QStyleOptionViewItem::Alternate)
            painter->fillRect(option.rect, option.palette.brush(group, QPalette::AlternateBase));
        if (const QVariant background = index.data(Qt::BackgroundRole); background.isValid())
            painter->fillRect(option.rect, qvariant_cast<QBrush>(background));
    }

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    QRect rect = option.rect.adjusted(margin, 0, -margin, 0);
    const QVariant decoration = index.data(Qt::DecorationRole);
    if (decoration.isValid()) {
        const QIcon icon = qvariant_cast<QIcon>(decoration);
        const QSize size = option.decorationSize;
        const QRect iconRect(
            rect.left(), rect.top() + (rect.height() - size.height()) / 2, size.width(), size.height());
        icon.paint(painter, iconRect, Qt::AlignCenter,
            option.state & QStyle::State_Enabled ? QIcon::Normal : QIcon::Disabled);
        rect.setLeft(iconRect.right() + 1 + margin);
    }

    const QString text = index.data(Qt::DisplayRole).toString();
    if (!text.isEmpty() && rect.width() > 0) {
        QFont font = option.font;
        int fontKey = 0;
        const QVariant fontData = index.data(Qt::FontRole);
        if (fontData.isValid()) {
            font = qvariant_cast<QFont>(fontData).resolve(option.font);
            fontKey = (font.bold() ? 1 : 0) | (font.italic() ? 2 : 0);
        }
        if (m_font != option.font) {
            m_texts.clear(); // zoom, theme or DPI changed
            m_advances.clear();
            m_font = option.font;
        }
        const QStaticText &st = laidOut(text, rect.width(), font, fontKey);
        QColor color = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        if (!selected) {
            const QVariant fg = index.data(Qt::ForegroundRole);
            if (fg.isValid())
                color = qvariant_cast<QBrush>(fg).color();
            if (index.data(QueueModel::LeftViewRole).toBool())
                color = option.palette.color(group, QPalette::PlaceholderText);
        }
        const QSizeF size = st.size();
        const QVariant alignData = index.data(Qt::TextAlignmentRole);
        const Qt::Alignment align
            = alignData.isValid() ? Qt::Alignment(alignData.toInt()) : (Qt::AlignLeft | Qt::AlignVCenter);
        const qreal x = align & Qt::AlignRight ? rect.right() + 1 - size.width() : rect.left();
        const qreal y = rect.top() + (rect.height() - size.height()) / 2;
        painter->save();
        painter->setFont(font);
        painter->setPen(color);
        painter->drawStaticText(QPointF(x, y), st);
        painter->restore();
    }

    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.rect = option.rect;
        focus.state |= QStyle::State_KeyboardFocusChange;
        focus.backgroundColor = option.palette.color(
            option.state & QStyle::State_Selected ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

} // namespace triage
