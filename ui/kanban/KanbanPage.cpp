#include "KanbanPage.h"

#include "CardDelegate.h"
#include "KanbanController.h"
#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "models/KanbanColumnModel.h"
#include "models/TicketCache.h"
#include "session/Session.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

namespace triage {

KanbanPage::KanbanPage(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_controller(new KanbanController(session->cache(), session->editor(), this))
{
    setObjectName(u"kanbanPage"_qs);
    m_controller->setAgeingMinutes(session->settings()->value(u"queue/ageingMinutes"_qs, 15).toInt());
    m_title = new QLabel(this);
    m_title->setObjectName(u"boardTitleLabel"_qs);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    tf.setBold(true);
    m_title->setFont(tf);
    m_showAll = new QCheckBox(tr("Show all closed"), this);
    m_showAll->setObjectName(u"showAllClosedCheckBox"_qs);
    m_showAll->setAccessibleDescription(
        tr("The Closed column shows recently closed tickets only unless this is checked"));
    connect(m_showAll, &QCheckBox::toggled, m_controller, &KanbanController::setShowAll);

    m_banner = new QLabel(this);
    m_banner->setObjectName(u"refusalBannerLabel"_qs);
    m_banner->setWordWrap(true);
    m_banner->setAccessibleName(tr("Move refused"));
    m_banner->setStyleSheet(
        u"QLabel { background: rgba(230,159,0,0.25); border: 1px solid #E69F00; border-radius: 4px; padding: 6px; }"_qs);
    m_banner->hide();
    m_bannerTimer.setSingleShot(true);
    m_bannerTimer.setInterval(10000);
    connect(&m_bannerTimer, &QTimer::timeout, m_banner, &QLabel::hide);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_showAll);

    m_columnsHost = new QWidget(this);
    new QHBoxLayout(m_columnsHost);
    m_columnsHost->layout()->setContentsMargins(0, 0, 0, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addWidget(m_columnsHost, 1);

    connect(m_controller, &KanbanController::refused, this, &KanbanPage::showRefusal);
    connect(m_controller, &KanbanController::countsChanged, this, &KanbanPage::updateHeaders);
    connect(m_controller, &KanbanController::moved, this, &KanbanPage::focusTicket);
    m_tick.setInterval(30000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        for (auto *v : std::as_const(m_views))
            v->viewport()->update();
    });
    m_tick.start();
}

KanbanPage::~KanbanPage() = default;

void KanbanPage::showBoard(const Board &board)
{
    qDeleteAll(m_columnsHost->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_headers.clear();
    m_views.clear();
    m_controller->setBoard(board);
    m_title->setText(Texts::builtInName(board.name));
    auto *row = static_cast<QHBoxLayout *>(m_columnsHost->layout());
    QListView *previous = nullptr;
    for (int c = 0; c < m_controller->columnCount(); ++c) {
        auto *col = new QWidget(m_columnsHost);
        col->setObjectName(u"kanbanColumn%1"_qs.arg(c));
        auto *v = new QVBoxLayout(col);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(4);
        auto *header = new QLabel(col);
        header->setObjectName(u"columnHeaderLabel"_qs);
        header->setTextFormat(Qt::PlainText);
        header->setWordWrap(true);
        header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        auto *list = new QListView(col);
        list->setObjectName(u"columnListView"_qs);
        list->setModel(m_controller->column(c));
        list->setItemDelegate(new CardDelegate([this] { return m_controller->now(); }, list));
        list->setUniformItemSizes(true); // 100k cards: no per-item measuring
        list->setSelectionMode(QAbstractItemView::SingleSelection);
        list->setDragEnabled(true);
        list->setAcceptDrops(true);
        list->setDropIndicatorShown(true);
        list->setDragDropMode(QAbstractItemView::DragDrop);
        list->setDefaultDropAction(Qt::MoveAction);
        list->setSpacing(0);
        list->setResizeMode(QListView::Adjust);
        list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        list->setFrameShape(QFrame::NoFrame);
        list->setBackgroundRole(QPalette::AlternateBase);
        list->setAccessibleName(Texts::builtInName(board.columns[c].title));
        list->setAccessibleDescription(
            tr("Cards in %1. Ctrl+Left and Ctrl+Right move the card to the next column, "
               "Ctrl+Up and Ctrl+Down reorder it, Enter opens it")
                .arg(Texts::builtInName(board.columns[c].title)));
        list->installEventFilter(this);
        connect(list, &QListView::activated, this, [this, c](const QModelIndex &i) {
            Q_EMIT ticketActivated(m_controller->column(c)->ticketId(i.row()));
        });
        v->addWidget(header);
        v->addWidget(list, 1);
        row->addWidget(col, 1);
        if (previous)
            setTabOrder(previous, list);
        previous = list;
        m_headers << header;
        m_views << list;
    }
    updateHeaders();
}

void KanbanPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_showAll->setText(tr("Show all closed"));
        m_showAll->setAccessibleDescription(
            tr("The Closed column shows recently closed tickets only unless this is checked"));
        m_banner->setAccessibleName(tr("Move refused"));
        const Board &b = m_controller->board();
        m_title->setText(Texts::builtInName(b.name));
        for (int c = 0; c < m_views.size() && c < b.columns.size(); ++c) {
            const QString title = Texts::builtInName(b.columns[c].title);
            m_views[c]->setAccessibleName(title);
            m_views[c]->setAccessibleDescription(
                tr("Cards in %1. Ctrl+Left and Ctrl+Right move the card to the next column, "
                   "Ctrl+Up and Ctrl+Down reorder it, Enter opens it")
                    .arg(title));
            m_views[c]->viewport()->update();
        }
        updateHeaders();
    }
    QWidget::changeEvent(event);
}

void KanbanPage::updateHeaders()
{
    const Board &b = m_controller->board();
    for (int c = 0; c < m_headers.size() && c < b.columns.size(); ++c) {
        const int count = m_controller->column(c)->rowCount();
        const int limit = b.columns[c].wipLimit;
        const QString title = Texts::builtInName(b.columns[c].title);
        QString text = limit > 0 ? tr("%1  %2 / %3").arg(title).arg(count).arg(limit)
                                 : tr("%1  %2").arg(title).arg(count);
        const bool over = m_controller->overWipLimit(c);
        if (over)
            text += u"  "_qs + tr("▲ over WIP limit");
        const int hidden = m_controller->hiddenCount(c);
        if (hidden > 0 && !m_controller->showAll())
            text += u"  "_qs + tr("(+%n older)", nullptr, hidden);
        QLabel *h = m_headers[c];
        h->setText(text);
        h->setAccessibleName(text);
        QFont f = h->font();
        f.setBold(true);
        h->setFont(f);
        h->setStyleSheet(over
                ? u"QLabel { color: #D55E00; padding: 4px; border-bottom: 3px solid #D55E00; }"_qs
                : u"QLabel { padding: 4px; border-bottom: 3px solid palette(mid); }"_qs);
    }
}

QString KanbanPage::currentTicketId() const
{
    for (auto *v : m_views) {
        if (v->hasFocus() && v->currentIndex().isValid())
            return v->model()->data(v->currentIndex(), KanbanColumnModel::TicketIdRole).toString();
    }
    for (auto *v : m_views) {
        if (v->currentIndex().isValid() && v->selectionModel()->isSelected(v->currentIndex()))
            return v->model()->data(v->currentIndex(), KanbanColumnModel::TicketIdRole).toString();
    }
    return {};
}

QString KanbanPage::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

bool KanbanPage::moveCurrent(int columnDelta, int rowDelta)
{
    const QString id = currentTicketId();
    return !id.isEmpty() && m_controller->moveBy(id, columnDelta, rowDelta);
}

void KanbanPage::showRefusal(const QString &ticketId, const QString &reason)
{
    const int c = m_session->cache()->indexOf(ticketId);
    const qint64 number = c >= 0 ? m_session->cache()->row(c).number : 0;
    const QString text
        = number ? tr("#%1 was not moved: %2").arg(number).arg(reason) : tr("Not moved: %1").arg(reason);
    m_banner->setText(u"⚠ "_qs + text);
    m_banner->show();
    m_bannerTimer.start();
    Q_EMIT message(text);
}

void KanbanPage::focusTicket(const QString &, int column, int row)
{
    if (column < 0 || column >= m_views.size())
        return;
    QListView *v = m_views[column];
    const QModelIndex i = v->model()->index(row, 0);
    v->setCurrentIndex(i);
    v->scrollTo(i);
    v->setFocus();
    m_banner->hide();
}

bool KanbanPage::eventFilter(QObject *watched, QEvent *event)
{
    auto *view = qobject_cast<QListView *>(watched);
    if (view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int column = static_cast<int>(m_views.indexOf(view));
        const bool ctrl = key->modifiers() & Qt::ControlModifier;
        if (ctrl && (key->key() == Qt::Key_Left || key->key() == Qt::Key_Right)) {
            moveCurrent(key->key() == Qt::Key_Left ? -1 : 1, 0);
            return true;
        }
        if (ctrl && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            moveCurrent(0, key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
        if (!ctrl && (key->key() == Qt::Key_Left || key->key() == Qt::Key_Right)) {
            const int target = column + (key->key() == Qt::Key_Left ? -1 : 1);
            if (target >= 0 && target < m_views.size()) {
                QListView *t = m_views[target];
                t->setFocus();
                if (!t->currentIndex().isValid() && t->model()->rowCount() > 0)
                    t->setCurrentIndex(t->model()->index(0, 0));
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace triage
