#include "ConversationDelegate.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "domain/Time.h"
#include "models/ConversationModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace triage {

ConversationDelegate::~ConversationDelegate() = default;

QRect ConversationDelegate::textRect(const QRect &r, bool fromRequester, int headerHeight) const
{
    const int indent = fromRequester ? 0 : 48;
    return r.adjusted(12 + indent, 8 + headerHeight + 4, -12 - (fromRequester ? 48 : 0), -10);
}

namespace {

constexpr int kGap = 8;
constexpr int kPlaceholderWidth = 160;
constexpr int kPlaceholderHeight = 100;

QList<ConversationFile> filesOf(const QModelIndex &index)
{
    return index.data(ConversationModel::FilesRole).value<QList<ConversationFile>>();
}

// The space between the text (and its quoted-history line) and the card's bottom edge.
int filesBlock(int filesHeight)
{
    return filesHeight > 0 ? filesHeight + kGap : 0;
}

} // namespace

QString ConversationDelegate::fileChipText(const ConversationFile &f)
{
    QString state;
    switch (f.state) {
    case ConversationFile::State::Uploading:
        state = tr("waiting to upload");
        break;
    case ConversationFile::State::Fetching:
        state = tr("downloading…");
        break;
    case ConversationFile::State::Remote:
    case ConversationFile::State::Local:
        break;
    }
    const QString text = tr("%1 · %2").arg(f.filename, QLocale().formattedDataSize(f.size));
    return state.isEmpty() ? text : tr("%1 · %2").arg(text, state);
}

QList<QRect> ConversationDelegate::fileRects(
    const QModelIndex &index, const QRect &area, const QFontMetrics &fm)
{
    QList<QRect> out;
    int x = area.left();
    int y = area.top();
    int rowHeight = 0;
    for (const ConversationFile &f : filesOf(index)) {
        QSize size;
        if (f.isImage()) {
            const QSize picture = f.thumbnail.isNull()
                ? QSize(kPlaceholderWidth, kPlaceholderHeight)
                : f.thumbnail.size() / std::max(1.0, f.thumbnail.devicePixelRatio());
            size = QSize(std::max(picture.width(), 96) + 8, picture.height() + fm.height() + 12);
        } else {
            size = QSize(fm.horizontalAdvance(fileChipText(f)) + fm.height() + 26, fm.height() + 10);
        }
        size.setWidth(std::min(size.width(), std::max(40, area.width())));
        if (x > area.left() && x + size.width() > area.left() + area.width()) {
            x = area.left();
            y += rowHeight + kGap;
            rowHeight = 0;
        }
        out << QRect(QPoint(x, y), size);
        x += size.width() + kGap;
        rowHeight = std::max(rowHeight, size.height());
    }
    return out;
}

int ConversationDelegate::filesHeight(const QModelIndex &index, int width, const QFontMetrics &fm)
{
    int bottom = 0;
    for (const QRect &r : fileRects(index, QRect(0, 0, width, 0), fm))
        bottom = std::max(bottom, r.bottom() + 1);
    return bottom;
}

QString ConversationDelegate::fileAt(
    const QRect &itemRect, const QFont &font, const QModelIndex &index, const QPoint &pos) const
{
    const QFontMetrics fm(font);
    const QRect inner
        = textRect(itemRect, index.data(ConversationModel::FromRequesterRole).toBool(), fm.height());
    const int height = filesHeight(index, inner.width(), fm);
    const QRect area(inner.left(), inner.bottom() + 1 - height, inner.width(), height);
    const QList<QRect> rects = fileRects(index, area, fm);
    const QList<ConversationFile> files = filesOf(index);
    for (int i = 0; i < rects.size() && i < files.size(); ++i) {
        if (rects.at(i).contains(pos))
            return files.at(i).id;
    }
    return {};
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    const int width = view ? view->viewport()->width() : 600;
    const QFontMetrics fm(option.font);
    const bool fromRequester = index.data(ConversationModel::FromRequesterRole).toBool();
    const QRect tr = textRect(QRect(0, 0, width, 10000), fromRequester, fm.height());
    const QRect text = fm.boundingRect(tr, Qt::TextWordWrap, shownText(index));
    const int toggle = index.data(ConversationModel::QuotedRole).toString().isEmpty() ? 0 : fm.height() + 6;
    const int files = filesBlock(filesHeight(index, tr.width(), fm));
    return {width, text.height() + toggle + files + fm.height() + 28};
}

QString ConversationDelegate::shownText(const QModelIndex &index)
{
    return index.data(ConversationModel::QuoteExpandedRole).toBool()
        ? index.data(ConversationModel::BodyRole).toString()
        : index.data(ConversationModel::ReplyRole).toString();
}

void ConversationDelegate::paint(
    QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const bool isPublic = index.data(ConversationModel::IsPublicRole).toBool();
    const bool fromRequester = index.data(ConversationModel::FromRequesterRole).toBool();
    const QFontMetrics fm(option.font);
    const QString quoted = index.data(ConversationModel::QuotedRole).toString();
    const int toggleHeight = quoted.isEmpty() ? 0 : fm.height() + 6;
    const QRect inner = textRect(option.rect, fromRequester, fm.height());
    const int filesH = filesHeight(index, inner.width(), fm);
    const int files = filesBlock(filesH);
    const QRect text = inner.adjusted(0, 0, 0, -toggleHeight - files);
    const QRectF card = QRectF(text).adjusted(-8, -fm.height() - 8, 8, 6 + toggleHeight + files);
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    if (isPublic) {
        p->setPen(QPen(pal.color(QPalette::Mid), 1));
        p->setBrush(fromRequester ? pal.color(QPalette::Base) : pal.color(QPalette::AlternateBase));
    } else {
        QColor note = okabeIto::yellow;
        note.setAlpha(dark ? 45 : 90);
        p->setPen(QPen(okabeIto::orange, 1.5, Qt::DashLine));
        p->setBrush(note);
    }
    p->drawRoundedRect(card, 8, 8);
    if (option.state & QStyle::State_Selected) {
        p->setPen(QPen(pal.color(QPalette::Highlight), 2));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(card, 8, 8);
    }

    QFont bold = option.font;
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(pal.color(QPalette::Text));
    const QString author = index.data(ConversationModel::AuthorRole).toString();
    QString header = author;
    if (!isPublic)
        header = tr("Internal note · %1").arg(author);
    else if (fromRequester)
        header = tr("%1 (requester)").arg(author);
    else
        header = tr("%1 · public reply").arg(author);
    const QRect headerRect(text.left(), text.top() - fm.height() - 4, text.width(), fm.height());
    const QString when
        = Texts::relativeTime(index.data(ConversationModel::CreatedAtRole).toLongLong(), nowMs());
    // The author gives way to the time in a narrow pane (elided, never drawn over it).
    const int whenWidth = fm.horizontalAdvance(when) + 12;
    p->drawText(headerRect.adjusted(0, 0, -whenWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(bold).elidedText(header, Qt::ElideRight, std::max(0, headerRect.width() - whenWidth)));
    p->setFont(option.font);
    p->setPen(pal.color(QPalette::PlaceholderText));
    p->drawText(headerRect, Qt::AlignRight | Qt::AlignVCenter, when);
    p->setPen(pal.color(QPalette::Text));
    p->drawText(text, Qt::TextWordWrap, shownText(index));
    if (!quoted.isEmpty()) {
        // Mail replies carry the thread below them: folded by default, Enter or a click shows it.
        const bool expanded = index.data(ConversationModel::QuoteExpandedRole).toBool();
        const int lines = int(quoted.count(u'\n')) + 1;
        p->setPen(pal.color(QPalette::Link));
        const QRect toggle(text.left(), text.bottom() + 4, text.width(), fm.height());
        p->drawText(toggle, Qt::AlignLeft | Qt::AlignVCenter,
            expanded ? tr("▾ Hide quoted text") : tr("▸ Show quoted text (%n line(s))", nullptr, lines));
    }
    if (filesH > 0)
        paintFiles(p, option, index, QRect(inner.left(), inner.bottom() + 1 - filesH, inner.width(), filesH));
    p->restore();
}

} // namespace triage

namespace triage {

void ConversationDelegate::paintFiles(
    QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index, const QRect &area) const
{
    const QPalette &pal = option.palette;
    const QFontMetrics fm(option.font);
    const QList<ConversationFile> files = filesOf(index);
    const QList<QRect> rects = fileRects(index, area, fm);
    for (int i = 0; i < rects.size() && i < files.size(); ++i) {
        const ConversationFile &f = files.at(i);
        const QRect r = rects.at(i);
        p->setPen(QPen(pal.color(QPalette::Mid), 1));
        p->setBrush(pal.color(QPalette::Base));
        p->drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        if (f.isImage()) {
            const QRect picture(r.left() + 4, r.top() + 4, r.width() - 8, r.height() - fm.height() - 12);
            if (f.thumbnail.isNull()) {
                // Placeholder while the picture downloads or is scaled: a soft frame with its state.
                p->setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
                p->setBrush(pal.color(QPalette::AlternateBase));
                p->drawRoundedRect(picture, 4, 4);
                p->setPen(pal.color(QPalette::PlaceholderText));
                p->drawText(picture, Qt::AlignCenter,
                    f.state == ConversationFile::State::Remote ? tr("not downloaded") : tr("loading…"));
            } else {
                const QSize shown = f.thumbnail.size() / std::max(1.0, f.thumbnail.devicePixelRatio());
                const QRect target(
                    QPoint(picture.left() + (picture.width() - shown.width()) / 2, picture.top()),
                    shown.boundedTo(picture.size()));
                p->drawImage(target, f.thumbnail);
            }
            p->setPen(pal.color(QPalette::Text));
            const QRect caption(r.left() + 6, r.bottom() - fm.height() - 4, r.width() - 12, fm.height());
            const QString name = f.state == ConversationFile::State::Uploading
                ? tr("%1 · %2").arg(f.filename, tr("waiting to upload"))
                : f.filename;
            p->drawText(caption, Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(name, Qt::ElideMiddle, caption.width()));
        } else {
            p->setPen(pal.color(
                f.state == ConversationFile::State::Uploading ? QPalette::PlaceholderText : QPalette::Link));
            // The platform's file icon, not an emoji (not every desktop has a colour emoji font).
            const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
            const QRect icon(
                r.left() + 8, r.top() + (r.height() - fm.height()) / 2, fm.height(), fm.height());
            style->standardIcon(QStyle::SP_FileIcon, nullptr, option.widget).paint(p, icon);
            const QRect inside = r.adjusted(fm.height() + 14, 0, -8, 0);
            p->drawText(inside, Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(fileChipText(f), Qt::ElideMiddle, inside.width()));
        }
    }
}

} // namespace triage
