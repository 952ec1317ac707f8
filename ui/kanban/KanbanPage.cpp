#include "KanbanPage.h"

#include "CardDelegate.h"
#include "KanbanController.h"
#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "models/KanbanColumnModel.h"
#include "models/TicketCache.h"
#include "session/Session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStyle>
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

    m_lanesLabel = new QLabel(tr("S&wimlanes:"), this);
    m_lanesCombo = new QComboBox(this);
    m_lanesCombo->setObjectName(u"swimlanesComboBox"_qs);
    m_lanesCombo->addItem(QString(), static_cast<int>(Swimlanes::None));
    m_lanesCombo->addItem(QString(), static_cast<int>(Swimlanes::Priority));
    m_lanesCombo->addItem(QString(), static_cast<int>(Swimlanes::Assignee));
    m_lanesLabel->setBuddy(m_lanesCombo);
    connect(m_lanesCombo, &QComboBox::activated, this, &KanbanPage::setSwimlanes);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_lanesLabel);
    top->addWidget(m_lanesCombo);
    top->addSpacing(12);
    top->addWidget(m_showAll);

    m_columnsHost = new QWidget(this);
    m_columnsHost->setObjectName(u"kanbanColumnsHost"_qs);
    auto *hostLayout = new QVBoxLayout(m_columnsHost);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    hostLayout->setSpacing(4);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addWidget(m_columnsHost, 1);

    connect(m_controller, &KanbanController::refused, this, &KanbanPage::showRefusal);
    connect(m_controller, &KanbanController::countsChanged, this, &KanbanPage::updateHeaders);
    connect(m_controller, &KanbanController::moved, this, &KanbanPage::focusTicket);
    connect(m_controller, &KanbanController::lanesChanged, this, &KanbanPage::buildGrid);
    m_controller->setReadOnly(session->isReadOnly());
    connect(session, &Session::accessChanged, this, [this](bool readOnly) {
        m_controller->setReadOnly(readOnly);
        buildGrid(); // drag and drop on or off in every cell
    });
    retranslateCells();
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
    m_title->setText(Texts::builtInName(board.name));
    // The board's own swimlanes unless this profile chose others for it.
    const QString key = u"kanban/swimlanes/"_qs + board.id;
    Swimlanes lanes = board.swimlanes;
    const QString saved = m_session->settings()->value(key).toString();
    if (saved == u"none"_qs)
        lanes = Swimlanes::None;
    else if (saved == u"priority"_qs)
        lanes = Swimlanes::Priority;
    else if (saved == u"assignee"_qs)
        lanes = Swimlanes::Assignee;
    m_lanesCombo->setCurrentIndex(m_lanesCombo->findData(static_cast<int>(lanes)));
    m_controller->setBoard(board, lanes); // new cells: lanesChanged builds the grid
}

void KanbanPage::setSwimlanes(int comboIndex)
{
    const auto lanes = static_cast<Swimlanes>(m_lanesCombo->itemData(comboIndex).toInt());
    const QString names[] = {u"none"_qs, u"priority"_qs, u"assignee"_qs};
    m_session->settings()->setValue(
        u"kanban/swimlanes/"_qs + m_controller->board().id, names[static_cast<int>(lanes)]);
    m_controller->setSwimlanes(lanes);
}

QListView *KanbanPage::cellView(int lane, int column) const
{
    const int columns = m_controller->columnCount();
    if (lane < 0 || column < 0 || column >= columns)
        return nullptr;
    return m_views.value(lane * columns + column);
}

QListView *KanbanPage::makeCell(int lane, int column, QWidget *parent)
{
    auto *list = new QListView(parent);
    list->setObjectName(u"columnListView"_qs);
    list->setModel(m_controller->cell(lane, column));
    list->setItemDelegate(new CardDelegate([this] { return m_controller->now(); }, list));
    list->setUniformItemSizes(true); // 100k cards: no per-item measuring
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    const bool readOnly = m_controller->isReadOnly(); // a viewer account: look, don't move
    list->setDragEnabled(!readOnly);
    list->setAcceptDrops(!readOnly);
    list->setDropIndicatorShown(!readOnly);
    list->setDragDropMode(readOnly ? QAbstractItemView::NoDragDrop : QAbstractItemView::DragDrop);
    list->setDefaultDropAction(Qt::MoveAction);
    list->setSpacing(0);
    list->setResizeMode(QListView::Adjust);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    list->setFrameShape(QFrame::NoFrame);
    list->setBackgroundRole(QPalette::AlternateBase);
    list->installEventFilter(this);
    connect(list, &QListView::activated, this, [this, list](const QModelIndex &i) {
        Q_EMIT ticketActivated(i.data(KanbanColumnModel::TicketIdRole).toString());
    });
    return list;
}

// The columns, or with swimlanes a heading per lane over a row of cells (in a vertical scroll
// area; every cell scrolls its own cards past a few). Rebuilt whenever the controller's cells are.
void KanbanPage::buildGrid()
{
    qDeleteAll(m_columnsHost->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_headers.clear();
    m_laneHeaders.clear();
    m_views.clear();
    auto *outer = static_cast<QVBoxLayout *>(m_columnsHost->layout());
    const Board &board = m_controller->board();
    const int columns = m_controller->columnCount();
    const bool laned = m_controller->swimlanes() != Swimlanes::None;

    auto *headerRow = new QWidget(m_columnsHost);
    auto *headers = new QHBoxLayout(headerRow);
    headers->setContentsMargins(0, 0, 0, 0);
    for (int c = 0; c < columns; ++c) {
        auto *header = new QLabel(headerRow);
        header->setObjectName(u"columnHeaderLabel"_qs);
        header->setTextFormat(Qt::PlainText);
        header->setWordWrap(true);
        header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        headers->addWidget(header, 1);
        m_headers << header;
    }
    outer->addWidget(headerRow);
    if (!laned) {
        auto *body = new QWidget(m_columnsHost);
        auto *row = new QHBoxLayout(body);
        row->setContentsMargins(0, 0, 0, 0);
        for (int c = 0; c < columns; ++c) {
            m_views << makeCell(0, c, body);
            row->addWidget(m_views.last(), 1);
        }
        outer->addWidget(body, 1);
    } else {
        auto *scroll = new QScrollArea(m_columnsHost);
        scroll->setObjectName(u"swimlanesScrollArea"_qs);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
        headers->addSpacing(style()->pixelMetric(QStyle::PM_ScrollBarExtent)); // columns line up
        auto *grid = new QWidget(scroll);
        auto *lanes = new QVBoxLayout(grid);
        lanes->setContentsMargins(0, 0, 0, 0);
        for (int l = 0; l < m_controller->laneCount(); ++l) {
            auto *heading = new QLabel(grid);
            heading->setObjectName(u"laneHeaderLabel"_qs);
            heading->setTextFormat(Qt::PlainText);
            QFont f = heading->font();
            f.setBold(true);
            heading->setFont(f);
            heading->setStyleSheet(u"QLabel { padding: 6px 4px 2px 4px; }"_qs);
            lanes->addWidget(heading);
            m_laneHeaders << heading;
            auto *cells = new QWidget(grid);
            auto *row = new QHBoxLayout(cells);
            row->setContentsMargins(0, 0, 0, 0);
            for (int c = 0; c < columns; ++c) {
                m_views << makeCell(l, c, cells);
                row->addWidget(m_views.last(), 1);
            }
            lanes->addWidget(cells);
        }
        lanes->addStretch(1);
        scroll->setWidget(grid);
        outer->addWidget(scroll, 1);
    }
    for (int i = 1; i < m_views.size(); ++i)
        setTabOrder(m_views[i - 1], m_views[i]);
    Q_UNUSED(board);
    retranslateCells();
    updateHeaders();
}

// Accessible names of the cells ("High — In progress") and the toolbar's texts.
void KanbanPage::retranslateCells()
{
    m_lanesLabel->setText(tr("S&wimlanes:"));
    m_lanesCombo->setItemText(0, tr("None"));
    m_lanesCombo->setItemText(1, tr("By priority"));
    m_lanesCombo->setItemText(2, tr("By assignee"));
    m_lanesCombo->setAccessibleName(tr("Swimlanes"));
    m_lanesCombo->setAccessibleDescription(
        tr("Groups the cards in rows by priority or by assignee; moving a card changes its status only"));
    const Board &b = m_controller->board();
    const int columns = m_controller->columnCount();
    const bool laned = m_controller->swimlanes() != Swimlanes::None;
    for (int i = 0; i < m_views.size() && columns > 0; ++i) {
        const int lane = i / columns;
        const int c = i % columns;
        const QString column = Texts::builtInName(b.columns.value(c).title);
        const QString name = laned ? tr("%1 — %2").arg(m_controller->laneTitle(lane), column) : column;
        m_views[i]->setAccessibleName(name);
        m_views[i]->setAccessibleDescription(
            tr("Cards in %1. Ctrl+Left and Ctrl+Right move the card to the next column, "
               "Ctrl+Up and Ctrl+Down reorder it, Enter opens it")
                .arg(name));
        m_views[i]->viewport()->update();
    }
}

void KanbanPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_showAll->setText(tr("Show all closed"));
        m_showAll->setAccessibleDescription(
            tr("The Closed column shows recently closed tickets only unless this is checked"));
        m_banner->setAccessibleName(tr("Move refused"));
        m_title->setText(Texts::builtInName(m_controller->board().name));
        retranslateCells();
        updateHeaders();
    }
    QWidget::changeEvent(event);
}

void KanbanPage::updateHeaders()
{
    const Board &b = m_controller->board();
    for (int c = 0; c < m_headers.size() && c < b.columns.size(); ++c) {
        const int count = m_controller->columnTotal(c);
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
    // Lanes: a heading with the count; the cells as tall as the fullest of them (up to four cards,
    // then they scroll), at least one card so an empty cell still takes a drop.
    const int columns = m_controller->columnCount();
    const int cardHeight = CardDelegate::cardHeight(fontMetrics());
    for (int l = 0; l < m_laneHeaders.size() && l < m_controller->laneCount(); ++l) {
        const QString text = laneHeaderText(l);
        m_laneHeaders[l]->setText(text);
        m_laneHeaders[l]->setAccessibleName(text);
        int fullest = 0;
        for (int c = 0; c < columns; ++c)
            fullest = std::max(fullest, m_controller->cell(l, c)->rowCount());
        const int height = std::clamp(fullest, 1, 4) * cardHeight + 6;
        for (int c = 0; c < columns; ++c) {
            if (QListView *v = cellView(l, c))
                v->setFixedHeight(height);
        }
    }
}

QString KanbanPage::laneHeaderText(int lane) const
{
    return tr("%1 — %n card(s)", nullptr, m_controller->laneTotal(lane)).arg(m_controller->laneTitle(lane));
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

void KanbanPage::focusTicket(const QString &ticketId, int column, int row)
{
    QListView *v = cellView(m_controller->laneOfTicket(ticketId), column);
    if (!v)
        return;
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
        const int columns = std::max(1, m_controller->columnCount());
        const int index = static_cast<int>(m_views.indexOf(view));
        const int lane = index / columns;
        const int column = index % columns;
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
            if (QListView *t = cellView(lane, target)) {
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
