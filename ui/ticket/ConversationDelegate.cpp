#include "ConversationDelegate.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "domain/Time.h"
#include "models/ConversationModel.h"

#include <QAbstractItemView>
#include <QPainter>

namespace triage {

ConversationDelegate::~ConversationDelegate() = default;

QRect ConversationDelegate::textRect(const QRect &r, bool fromRequester, int headerHeight) const
{
    const int indent = fromRequester ? 0 : 48;
    return r.adjusted(12 + indent, 8 + headerHeight + 4, -12 - (fromRequester ? 48 : 0), -10);
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
    return {width, text.height() + toggle + fm.height() + 28};
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
    const QRect text = textRect(option.rect, fromRequester, fm.height()).adjusted(0, 0, 0, -toggleHeight);
    const QRectF card = QRectF(text).adjusted(-8, -fm.height() - 8, 8, 6 + toggleHeight);
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
    p->restore();
}

} // namespace triage
