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
    const QRect text
        = fm.boundingRect(tr, Qt::TextWordWrap, index.data(ConversationModel::BodyRole).toString());
    return {width, text.height() + fm.height() + 28};
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
    const QRect text = textRect(option.rect, fromRequester, fm.height());
    const QRectF card = QRectF(text).adjusted(-8, -fm.height() - 8, 8, 6);
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
    p->drawText(headerRect, Qt::AlignLeft | Qt::AlignVCenter, header);
    p->setFont(option.font);
    p->setPen(pal.color(QPalette::PlaceholderText));
    p->drawText(headerRect, Qt::AlignRight | Qt::AlignVCenter,
        Texts::relativeTime(index.data(ConversationModel::CreatedAtRole).toLongLong(), nowMs()));
    p->setPen(pal.color(QPalette::Text));
    p->drawText(text, Qt::TextWordWrap, index.data(ConversationModel::BodyRole).toString());
    p->restore();
}

} // namespace triage
