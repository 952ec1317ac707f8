#include "QueuePage.h"

#include "QueueColumns.h"
#include "QueueController.h"
#include "QueueDelegate.h"
#include "common/Texts.h"
#include "models/QueueModel.h"
#include "session/Session.h"
#include "store/LocalCache.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace triage {

QueuePage::QueuePage(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new QueueModel(session->cache(), session->userId(), this))
    , m_controller(new QueueController(session->editor(), this))
{
    setObjectName(u"queuePage"_qs);
    m_model->setAgeingMinutes(session->settings()->value(u"queue/ageingMinutes"_qs, 15).toInt());
    QLayout *top = buildTitleRow();
    buildBulkBar(session);
    buildTable(session);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addLayout(top);
    layout->addWidget(m_bulkBar);
    layout->addWidget(m_table, 1);

    connectViewAndModel();
    updateBulkBar();
    updateStates();
}

// The view's title, the filter/search field and "Save as view…".
QLayout *QueuePage::buildTitleRow()
{
    m_title = new QLabel(this);
    m_title->setObjectName(u"viewTitleLabel"_qs);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    tf.setBold(true);
    m_title->setFont(tf);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"searchLineEdit"_qs);
    m_search->setPlaceholderText(tr("Filter by title or number, search comments too  ( / )"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Filter and search"));
    m_search->setAccessibleDescription(
        tr("Filters the queue as you type; also searches ticket text and comments in Russian and English"));
    m_search->setMinimumWidth(260);

    auto *saveView = m_saveViewButton = new QToolButton(this);
    saveView->setObjectName(u"saveViewButton"_qs);
    saveView->setText(tr("Save as view…"));
    saveView->setAccessibleDescription(
        tr("Saves the current view and filter as a personal view in the sidebar"));
    connect(saveView, &QToolButton::clicked, this, [this] { Q_EMIT saveViewRequested(currentFilter()); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_search);
    top->addWidget(saveView);
    return top;
}

// Bulk actions on the selected rows (assign, status, priority), shown with a selection.
void QueuePage::buildBulkBar(Session *session)
{
    // Bulk bar: shown with a selection.
    m_bulkBar = new QWidget(this);
    m_bulkBar->setObjectName(u"bulkBarWidget"_qs);
    auto *bulk = new QHBoxLayout(m_bulkBar);
    bulk->setContentsMargins(0, 0, 0, 0);
    m_selectionLabel = new QLabel(m_bulkBar);
    auto *mine = m_mineButton = new QToolButton(m_bulkBar);
    mine->setObjectName(u"assignToMeButton"_qs);
    mine->setText(tr("Assign to me"));
    mine->setAccessibleDescription(tr("Assigns the selected tickets to you"));
    connect(mine, &QToolButton::clicked, this, [this] { assignSelectionToMe(); });

    m_assignButton
        = addMenuButton(u"assignButton"_qs, tr("Assign"), tr("Assigns the selected tickets to an agent"));
    QMenu *assignMenu = m_assignButton->menu();
    assignMenu->addAction(tr("Unassigned"), this,
        [this] { runOnSelection([this](const QStringList &ids) { m_controller->assign(ids, QString()); }); });
    for (quint16 i : session->directory()->staff()) {
        const auto &p = session->directory()->user(i);
        assignMenu->addAction(p.displayName, this, [this, id = p.id] {
            runOnSelection([this, id](const QStringList &ids) { m_controller->assign(ids, id); });
        });
    }
    m_statusButton
        = addMenuButton(u"statusButton"_qs, tr("Status"), tr("Changes the status of the selected tickets"));
    for (auto s : {TicketStatus::New, TicketStatus::InProgress, TicketStatus::Waiting, TicketStatus::Resolved,
             TicketStatus::Closed})
        m_statusButton->menu()->addAction(Texts::status(s), this, [this, s] {
            runOnSelection([this, s](const QStringList &ids) { m_controller->setStatus(ids, s); });
        });
    m_priorityButton = addMenuButton(
        u"priorityButton"_qs, tr("Priority"), tr("Changes the priority of the selected tickets"));
    for (auto p : {Priority::Critical, Priority::High, Priority::Normal, Priority::Low})
        m_priorityButton->menu()->addAction(Texts::priority(p), this, [this, p] {
            runOnSelection([this, p](const QStringList &ids) { m_controller->setPriority(ids, p); });
        });
    bulk->addWidget(m_selectionLabel);
    bulk->addWidget(mine);
    bulk->addWidget(m_assignButton);
    bulk->addWidget(m_statusButton);
    bulk->addWidget(m_priorityButton);
    bulk->addStretch(1);
    connect(m_controller, &QueueController::finished, this, &QueuePage::bulkFinished);
    // A viewer account: bulk actions and new views are offered disabled, with the reason.
    m_controller->setReadOnly(session->isReadOnly());
    connect(session, &Session::accessChanged, this, [this](bool readOnly) {
        m_controller->setReadOnly(readOnly);
        updateBulkBar();
    });
}

QToolButton *QueuePage::addMenuButton(const QString &name, const QString &text, const QString &description)
{
    auto *button = new QToolButton(m_bulkBar);
    button->setObjectName(name);
    button->setText(text);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setAccessibleDescription(description);
    button->setMenu(new QMenu(button));
    return button;
}

// The queue itself: fixed-height rows over the model, saved column layout, the empty state.
void QueuePage::buildTable(Session *session)
{
    m_table = new QTableView(this);
    m_table->setObjectName(u"queueTableView"_qs);
    m_table->setAccessibleName(tr("Ticket queue"));
    m_table->setAccessibleDescription(
        tr("Tickets of the selected view. Enter opens a ticket; J and K move; A assigns to you"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new QueueDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures 100k rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    auto *h = m_table->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::Interactive);
    h->setSectionResizeMode(QueueModel::TitleColumn, QHeaderView::Stretch);
    h->setHighlightSections(false);
    m_table->setIconSize(QSize(14, 14));
    QueueColumns::applyDefaultWidths(m_table);
    // Long translated headers elide (their tooltip has the full name) rather than squeeze Title.
    h->setTextElideMode(Qt::ElideRight);
    m_columns = new QueueColumns(m_table, session->settings(), this);

    m_empty = new QLabel(m_table->viewport());
    m_empty->setObjectName(u"emptyStateLabel"_qs);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    QFont ef = m_empty->font();
    ef.setPointSizeF(ef.pointSizeF() * 1.15);
    m_empty->setFont(ef);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_table->viewport()->installEventFilter(this);
}

void QueuePage::connectViewAndModel()
{
    connect(m_table, &QTableView::activated, this,
        [this](const QModelIndex &i) { Q_EMIT ticketActivated(m_model->ticketId(i.row())); });
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QueuePage::updateBulkBar);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &cur) {
            if (m_model->hasHeld()) {
                // The selection moved on: rows an action took out of the view leave now (after
                // the selection model finished its signal), except the one now current.
                const int keep = cur.isValid() ? m_model->cacheRow(cur.row()) : -1;
                QMetaObject::invokeMethod(
                    this, [this, keep] { m_model->releaseHeld({keep}); }, Qt::QueuedConnection);
            }
            Q_EMIT currentTicketChanged(cur.isValid() ? m_model->ticketId(cur.row()) : QString());
        });
    connect(m_search, &QLineEdit::textChanged, this, &QueuePage::onTextEdited);
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueuePage::updateStates);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &QueuePage::updateStates);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &QueuePage::updateStates);
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueuePage::updateBulkBar);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(150);
    connect(&m_searchTimer, &QTimer::timeout, this, &QueuePage::runSearch);
    // Countdowns are computed at paint time: one repaint of the visible rows is the whole tick.
    m_tick.setInterval(30000);
    connect(&m_tick, &QTimer::timeout, m_table->viewport(), qOverload<>(&QWidget::update));
    m_tick.start();
}

QueuePage::~QueuePage() = default;

void QueuePage::showView(const QString &name, const TicketFilter &filter)
{
    m_viewSourceName = name;
    m_viewName = Texts::builtInName(name);
    m_model->setFilter(filter);
    // A view's own text filter fills the field (and switching views clears a typed one).
    if (m_search->text() != filter.text)
        m_search->setText(filter.text);
    m_table->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, 0));
    updateStates();
}

TicketFilter QueuePage::currentFilter() const
{
    TicketFilter f = m_model->filter();
    f.text = m_model->quickFilter();
    return f;
}

void QueuePage::onTextEdited(const QString &text)
{
    const QString current = currentTicketId();
    m_model->setQuickFilter(text);
    if (!current.isEmpty())
        selectTicket(current);
    if (text.trimmed().size() >= 2)
        m_searchTimer.start();
    updateStates();
}

void QueuePage::applySearchNow()
{
    m_searchTimer.stop();
    runSearch();
}

void QueuePage::runSearch()
{
    const QString text = m_search->text().trimmed();
    if (text.size() < 2)
        return;
    QList<int> rows;
    for (const auto &hit : m_session->store()->searchIndex().search(text, 2000)) {
        const int r = m_session->cache()->indexOf(hit.ticketId);
        if (r >= 0)
            rows << r;
    }
    const QString current = currentTicketId();
    m_model->setSearchHits(rows);
    if (!current.isEmpty())
        selectTicket(current);
    updateStates();
}

void QueuePage::updateStates()
{
    const QString text = m_search->text().trimmed();
    m_title->setText(tr("%1 — %n ticket(s)", nullptr, m_model->rowCount()).arg(m_viewName));
    if (m_model->rowCount() > 0) {
        m_empty->hide();
        return;
    }
    if (m_session->cache()->liveCount() == 0)
        m_empty->setText(
            tr("No tickets in the local cache yet.\nThey appear here as soon as the first sync finishes; "
               "you can already create tickets (Ctrl+N)."));
    else if (!text.isEmpty())
        m_empty->setText(
            tr("Nothing matches “%1” in this view.\nClear the filter (Esc) or look in All tickets.")
                .arg(text));
    else
        m_empty->setText(tr("Nothing here. This view is empty — well done."));
    placeEmptyState();
    m_empty->show();
    m_empty->raise();
}

// The label lives on the viewport, which has no layout: it follows the viewport's size (the first
// showView() runs before the window has one).
void QueuePage::placeEmptyState()
{
    m_empty->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
}

bool QueuePage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        placeEmptyState();
    return QWidget::eventFilter(watched, event);
}

void QueuePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// The texts the constructor set, again in the current language (a live language switch).
void QueuePage::retranslateUi()
{
    m_search->setPlaceholderText(tr("Filter by title or number, search comments too  ( / )"));
    m_search->setAccessibleName(tr("Filter and search"));
    m_search->setAccessibleDescription(
        tr("Filters the queue as you type; also searches ticket text and comments in Russian and English"));
    if (auto *b = findChild<QToolButton *>(u"saveViewButton"_qs)) {
        b->setText(tr("Save as view…"));
        b->setAccessibleDescription(
            tr("Saves the current view and filter as a personal view in the sidebar"));
    }
    if (auto *b = findChild<QToolButton *>(u"assignToMeButton"_qs)) {
        b->setText(tr("Assign to me"));
        b->setAccessibleDescription(tr("Assigns the selected tickets to you"));
    }
    m_assignButton->setText(tr("Assign"));
    m_assignButton->setAccessibleDescription(tr("Assigns the selected tickets to an agent"));
    m_assignButton->menu()->actions().value(0)->setText(tr("Unassigned"));
    m_statusButton->setText(tr("Status"));
    m_statusButton->setAccessibleDescription(tr("Changes the status of the selected tickets"));
    const QList<QAction *> statuses = m_statusButton->menu()->actions();
    const TicketStatus statusOrder[] = {TicketStatus::New, TicketStatus::InProgress, TicketStatus::Waiting,
        TicketStatus::Resolved, TicketStatus::Closed};
    for (qsizetype i = 0; i < statuses.size() && i < 5; ++i)
        statuses[i]->setText(Texts::status(statusOrder[i]));
    m_priorityButton->setText(tr("Priority"));
    m_priorityButton->setAccessibleDescription(tr("Changes the priority of the selected tickets"));
    const QList<QAction *> priorities = m_priorityButton->menu()->actions();
    const Priority priorityOrder[] = {Priority::Critical, Priority::High, Priority::Normal, Priority::Low};
    for (qsizetype i = 0; i < priorities.size() && i < 4; ++i)
        priorities[i]->setText(Texts::priority(priorityOrder[i]));
    m_table->setAccessibleName(tr("Ticket queue"));
    m_table->setAccessibleDescription(
        tr("Tickets of the selected view. Enter opens a ticket; J and K move; A assigns to you"));
    m_viewName = Texts::builtInName(m_viewSourceName);
    m_model->retranslate();
    updateBulkBar();
    updateStates();
}

QStringList QueuePage::selectedTicketIds() const
{
    QStringList ids;
    std::set<int> rows;
    for (const auto &i : m_table->selectionModel()->selectedRows())
        rows.insert(i.row());
    for (int r : rows)
        ids << m_model->ticketId(r);
    if (ids.isEmpty() && m_table->currentIndex().isValid())
        ids << m_model->ticketId(m_table->currentIndex().row());
    return ids;
}

QString QueuePage::currentTicketId() const
{
    const QModelIndex cur = m_table->currentIndex();
    return cur.isValid() ? m_model->ticketId(cur.row()) : QString();
}

void QueuePage::selectTicket(const QString &id)
{
    const int row = m_model->rowOfTicket(id);
    if (row < 0)
        return;
    m_table->setCurrentIndex(m_model->index(row, 0));
    m_table->scrollTo(m_model->index(row, 0));
}

void QueuePage::runOnSelection(const std::function<void(const QStringList &)> &action)
{
    QList<int> rows;
    for (const QString &id : selectedTicketIds())
        rows << m_session->cache()->indexOf(id);
    m_model->holdRows(rows);
    action(selectedTicketIds());
}

void QueuePage::assignSelectionToMe()
{
    runOnSelection([this](const QStringList &ids) { m_controller->assignToMe(ids); });
}

void QueuePage::moveCurrent(int delta)
{
    if (m_model->rowCount() == 0)
        return;
    const QModelIndex cur = m_table->currentIndex();
    const int row = std::clamp(cur.isValid() ? cur.row() + delta : 0, 0, m_model->rowCount() - 1);
    m_table->setCurrentIndex(m_model->index(row, cur.isValid() ? cur.column() : 0));
    m_table->scrollTo(m_table->currentIndex());
}

void QueuePage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void QueuePage::updateBulkBar()
{
    const int n = static_cast<int>(m_table->selectionModel()->selectedRows().size());
    m_selectionLabel->setText(n > 0 ? tr("%n selected:", nullptr, n) : tr("Selected:"));
    const bool readOnly = m_controller->isReadOnly();
    for (auto *w : {static_cast<QWidget *>(m_assignButton), static_cast<QWidget *>(m_statusButton),
             static_cast<QWidget *>(m_priorityButton), static_cast<QWidget *>(m_mineButton)}) {
        w->setEnabled(n > 0 && !readOnly);
        w->setToolTip(readOnly ? tr("Read-only account: tickets cannot be changed from it") : QString());
    }
    m_saveViewButton->setEnabled(!readOnly);
    m_saveViewButton->setToolTip(
        readOnly ? tr("Read-only account: views cannot be saved from it") : QString());
    m_bulkBar->setVisible(n > 1);
}

void QueuePage::bulkFinished(int changed, const QStringList &refusals)
{
    if (refusals.isEmpty())
        Q_EMIT message(tr("%n ticket(s) changed", nullptr, changed));
    else
        Q_EMIT message(tr("%n ticket(s) changed; %1 refused: %2", nullptr, changed)
                           .arg(refusals.size())
                           .arg(refusals.first()));
}

} // namespace triage
