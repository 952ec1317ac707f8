#include "MainWindow.h"

#include "CommandPalette.h"
#include "SidebarDelegate.h"
#include "SyncIndicator.h"
#include "Theme.h"
#include "domain/Uuid.h"
#include "kanban/KanbanController.h"
#include "kanban/KanbanPage.h"
#include "models/KanbanColumnModel.h"
#include "models/NavigationModel.h"
#include "models/QueueModel.h"
#include "net/NotificationsService.h"
#include "notifications/NotificationCenter.h"
#include "queues/QueueColumns.h"
#include "queues/QueueController.h"
#include "queues/QueuePage.h"
#include "reports/ReportsPage.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "settings/SettingsDialog.h"
#include "sync/ConflictsDialog.h"
#include "ticket/NewTicketDialog.h"
#include "ticket/TicketView.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>

namespace triage {

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_nav(new NavigationModel(session->cache(), session->userId(), this))
{
    setObjectName(u"mainWindow"_qs);
    m_nav->setContent(session->views(), session->boards());

    m_sidebar = new QListView(this);
    m_sidebar->setObjectName(u"sidebarListView"_qs);
    m_sidebar->setModel(m_nav);
    m_sidebar->setItemDelegate(new SidebarDelegate(m_sidebar));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setMinimumWidth(170);
    connect(m_sidebar->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &i) { onSidebarActivated(i); });

    m_queue = new QueuePage(session, this);
    connect(m_queue, &QueuePage::ticketActivated, this, &MainWindow::openTicket);
    connect(m_queue, &QueuePage::message, this, &MainWindow::showMessage);
    connect(m_queue, &QueuePage::saveViewRequested, this, [this](const TicketFilter &filter) {
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("Save as view"), tr("Name of the new personal view:"), QLineEdit::Normal, QString(), &ok)
                                 .trimmed();
        if (ok && !name.isEmpty())
            saveView(name, filter);
    });

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(u"pagesStackedWidget"_qs);
    m_stack->addWidget(m_queue);
    m_kanban = new KanbanPage(session, this);
    connect(m_kanban, &KanbanPage::ticketActivated, this, &MainWindow::openTicket);
    connect(m_kanban, &KanbanPage::message, this, &MainWindow::showMessage);
    m_stack->addWidget(m_kanban);

    m_pane = new QStackedWidget(this);
    m_pane->setObjectName(u"ticketPaneStackedWidget"_qs);
    m_placeholder = new QLabel(m_pane);
    QLabel *placeholder = m_placeholder;
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_pane->addWidget(placeholder);
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(60);
    connect(m_previewTimer, &QTimer::timeout, this, [this] { previewTicket(m_previewId); });
    connect(m_queue, &QueuePage::currentTicketChanged, this, [this](const QString &id) {
        m_previewId = id;
        m_previewTimer->start();
    });

    auto *split = new QSplitter(this);
    split->setObjectName(u"mainSplitter"_qs);
    split->addWidget(m_sidebar);
    split->addWidget(m_stack);
    split->addWidget(m_pane);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setCollapsible(1, false);
    split->setSizes({190, 830, 380});
    setCentralWidget(split);

    m_syncIndicator = new SyncIndicator(session, this);
    statusBar()->addPermanentWidget(m_syncIndicator);
    connect(m_syncIndicator, &SyncIndicator::conflictsClicked, this, &MainWindow::showConflicts);
    connect(session, &Session::viewRefused, this, [this](const QString &name, const QString &reason) {
        showMessage(tr("The server did not accept the change to “%1”: %2").arg(name, reason));
    });
    connect(session, &Session::uploadRefused, this, [this](const QString &name, const QString &reason) {
        showMessage(tr("The file “%1” could not be uploaded (%2); the message was sent without it. "
                       "See Sync conflicts.")
                        .arg(name, reason));
    });
    connect(session, &Session::contentChanged, this, [this] {
        m_nav->setContent(m_session->views(), m_session->boards());
        retranslateUi();
    });

    createActions();
    // A viewer account: a permanent hint in the status bar, every editing action disabled.
    m_readOnlyLabel = new QLabel(this);
    m_readOnlyLabel->setObjectName(u"readOnlyAccountLabel"_qs);
    m_readOnlyLabel->setStyleSheet(u"QLabel { padding: 0 8px; font-weight: bold; }"_qs);
    statusBar()->insertPermanentWidget(0, m_readOnlyLabel);
    connect(session, &Session::accessChanged, this, &MainWindow::applyAccess);
    applyAccess();
    retranslateUi();
    // Desktop notifications: the freedesktop server when one is on the session bus, else the tray.
    Notifier *notifier = DBusNotifier::isAvailable() ? static_cast<Notifier *>(new DBusNotifier)
                                                     : static_cast<Notifier *>(new TrayNotifier);
    m_notifications = new NotificationCenter(session, notifier, this);
    connect(m_notifications, &NotificationCenter::openRequested, this, [this](const QString &id) {
        showNormal();
        raise();
        activateWindow();
        openTicket(id);
    });
    if (session->openReport().recovered)
        QMessageBox::warning(this, tr("Local cache rebuilt"),
            tr("The local cache was damaged and has been rebuilt; your unsynced changes were kept.\n\n%1")
                .arg(session->openReport().message));
    resize(1400, 860);
    openView(session->settings()->value(u"ui/lastView"_qs).toString());
}

MainWindow::~MainWindow() = default;

QString MainWindow::readOnlyText() const
{
    return m_readOnlyLabel && m_readOnlyLabel->isVisibleTo(this) ? m_readOnlyLabel->text() : QString();
}

void MainWindow::applyAccess()
{
    if (!m_readOnlyLabel)
        return; // during construction
    const bool readOnly = m_session->isReadOnly();
    static const QStringList editing {u"newTicketAction"_qs, u"assignToMeAction"_qs, u"replyAction"_qs,
        u"noteAction"_qs, u"moveLeftAction"_qs, u"moveRightAction"_qs, u"editViewAction"_qs};
    for (QAction *a : std::as_const(m_actions)) {
        if (editing.contains(a->objectName()))
            a->setEnabled(!readOnly);
    }
    m_readOnlyLabel->setText(readOnly ? tr("Read-only account") : QString());
    m_readOnlyLabel->setToolTip(readOnly
            ? tr("This account (a viewer) can read every ticket of its groups but change none: "
                 "the server refuses its edits, so the console offers none")
            : QString());
    m_readOnlyLabel->setAccessibleName(m_readOnlyLabel->text());
    m_readOnlyLabel->setAccessibleDescription(m_readOnlyLabel->toolTip());
    m_readOnlyLabel->setVisible(readOnly);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

// Every text this window sets itself; the pages, the ticket pane and the models follow the same
// LanguageChange event on their own.
void MainWindow::retranslateUi()
{
    applyAccess();
    setWindowTitle(m_session->userDisplayName().isEmpty()
            ? tr("Triage")
            : tr("Triage — %1").arg(m_session->userDisplayName()));
    m_sidebar->setAccessibleName(tr("Views and boards"));
    m_sidebar->setAccessibleDescription(tr("Saved views with their live ticket counts, and kanban boards"));
    m_placeholder->setText(
        tr("Select a ticket to see it here.\nEnter opens it, R replies, N adds an internal note."));
    for (QMenu *m : std::as_const(m_menus))
        m->setTitle(tr(m->menuAction()->property("trSource").toByteArray().constData()));
    for (QAction *a : std::as_const(m_actions))
        a->setText(tr(a->property("trSource").toByteArray().constData()));
    m_nav->retranslate();
}

void MainWindow::showConflicts()
{
    ConflictsDialog dialog(m_session, this);
    dialog.exec();
}

void MainWindow::signOut()
{
    ServerConnection *connection = m_session->connection();
    if (!connection) {
        showMessage(tr("Not signed in: working on the local cache."));
        return;
    }
    const int pending = m_session->syncStatus()->pendingCount();
    if (pending > 0) {
        const auto answer = QMessageBox::question(this, tr("Sign out"),
            tr("%n change(s) have not reached the server yet. They stay on this computer and are sent after "
               "you sign in again. Sign out anyway?",
                nullptr, pending),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    connection->signOut();
    showMessage(tr("Signed out. The cache and any unsynced changes are kept."));
}

QList<QAction *> MainWindow::commandActions() const
{
    return m_actions;
}

void MainWindow::createActions()
{
    // Texts are kept untranslated on each action and menu so retranslateUi() can redo them live.
    auto menu = [this](const char *source) {
        QMenu *m = menuBar()->addMenu(tr(source));
        m->menuAction()->setProperty("trSource", QByteArray(source));
        m_menus << m;
        return m;
    };
    auto add
        = [this](QMenu *menu, const QString &name, const char *source, const QKeySequence &key, auto slot) {
              auto *a = new QAction(tr(source), this);
              a->setProperty("trSource", QByteArray(source));
              a->setObjectName(name);
              if (!key.isEmpty())
                  a->setShortcut(key);
              a->setShortcutContext(Qt::WindowShortcut);
              connect(a, &QAction::triggered, this, slot);
              menu->addAction(a);
              addAction(a);
              m_actions << a;
              return a;
          };
    QMenu *file = menu(QT_TR_NOOP("&File"));
    add(file, u"newTicketAction"_qs, QT_TR_NOOP("&New ticket…"), QKeySequence::New, [this] { newTicket(); });
    add(file, u"openWindowAction"_qs, QT_TR_NOOP("Open ticket in new &window"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), [this] { openTicketWindow(currentTicketId()); });
    add(file, u"settingsAction"_qs, QT_TR_NOOP("&Settings…"), QKeySequence::Preferences,
        [this] { showSettings(); });
    add(file, u"syncNowAction"_qs, QT_TR_NOOP("S&ync now"), QKeySequence(Qt::Key_F5),
        [this] { m_session->syncStatus()->syncNow(); });
    add(file, u"conflictsAction"_qs, QT_TR_NOOP("&Conflicts…"), QKeySequence(), [this] { showConflicts(); });
    add(file, u"signOutAction"_qs, QT_TR_NOOP("Sign &out…"), QKeySequence(), [this] { signOut(); });
    file->addSeparator();
    add(file, u"quitAction"_qs, QT_TR_NOOP("&Quit"), QKeySequence::Quit, [this] { close(); });

    QMenu *edit = menu(QT_TR_NOOP("&Edit"));
    add(edit, u"findAction"_qs, QT_TR_NOOP("&Find…"), QKeySequence::Find, [this] { m_queue->focusSearch(); });
    add(edit, u"searchAction"_qs, QT_TR_NOOP("Search"), QKeySequence(Qt::Key_Slash),
        [this] { m_queue->focusSearch(); });
    add(edit, u"paletteAction"_qs, QT_TR_NOOP("&Command palette…"), QKeySequence(Qt::CTRL | Qt::Key_K),
        [this] { showCommandPalette(); });
    add(edit, u"selectAllAction"_qs, QT_TR_NOOP("Select &all"), QKeySequence::SelectAll,
        [this] { m_queue->table()->selectAll(); });

    QMenu *view = menu(QT_TR_NOOP("&View"));
    add(view, u"nextAction"_qs, QT_TR_NOOP("&Next ticket"), QKeySequence(Qt::Key_J),
        [this] { moveCurrent(1); });
    add(view, u"previousAction"_qs, QT_TR_NOOP("&Previous ticket"), QKeySequence(Qt::Key_K),
        [this] { moveCurrent(-1); });
    add(view, u"editViewAction"_qs, QT_TR_NOOP("&Edit view…"), QKeySequence(), [this] { editCurrentView(); });
    {
        // Which queue columns show (also on the table header's context menu).
        const char *source = QT_TR_NOOP("&Columns");
        QMenu *columns = view->addMenu(tr(source));
        columns->setObjectName(u"columnsMenu"_qs);
        columns->menuAction()->setProperty("trSource", QByteArray(source));
        m_menus << columns;
        connect(
            columns, &QMenu::aboutToShow, this, [this, columns] { m_queue->columns()->fillMenu(columns); });
    }
    add(view, u"reportsAction"_qs, QT_TR_NOOP("&Reports…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
        [this] { ReportsPage::showFor(m_session, this, [this](const QString &id) { openTicket(id); }); });

    QMenu *ticket = menu(QT_TR_NOOP("&Ticket"));
    add(ticket, u"openAction"_qs, QT_TR_NOOP("&Open"), QKeySequence(Qt::Key_Return),
        [this] { openTicket(currentTicketId()); });
    add(ticket, u"moveLeftAction"_qs, QT_TR_NOOP("Move card to the previous column"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Left), [this] { m_kanban->moveCurrent(-1, 0); });
    add(ticket, u"moveRightAction"_qs, QT_TR_NOOP("Move card to the next column"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Right), [this] { m_kanban->moveCurrent(1, 0); });
    add(ticket, u"assignToMeAction"_qs, QT_TR_NOOP("&Assign to me"), QKeySequence(Qt::Key_A),
        [this] { assignCurrentToMe(); });
    add(ticket, u"replyAction"_qs, QT_TR_NOOP("&Reply"), QKeySequence(Qt::Key_R), [this] {
        openTicket(currentTicketId());
        if (m_ticketView)
            m_ticketView->startReply(true);
    });
    add(ticket, u"noteAction"_qs, QT_TR_NOOP("Internal &note"), QKeySequence(Qt::Key_N), [this] {
        openTicket(currentTicketId());
        if (m_ticketView)
            m_ticketView->startReply(false);
    });

    QMenu *help = menu(QT_TR_NOOP("&Help"));
    add(help, u"aboutAction"_qs, QT_TR_NOOP("&About Triage"), QKeySequence(), [this] {
        QMessageBox::about(this, tr("About Triage"),
            tr("Triage %1 — a native, offline-first service-desk console.")
                .arg(QApplication::applicationVersion()));
    });
}

TicketView *MainWindow::ticketPane() const
{
    return m_ticketView;
}

bool MainWindow::isBoardShown() const
{
    return m_stack->currentWidget() == m_kanban;
}

QString MainWindow::currentTicketId() const
{
    return isBoardShown() ? m_kanban->currentTicketId() : m_queue->currentTicketId();
}

void MainWindow::assignCurrentToMe()
{
    const QStringList ids
        = isBoardShown() ? QStringList {m_kanban->currentTicketId()} : m_queue->selectedTicketIds();
    if (!ids.isEmpty() && !ids.first().isEmpty())
        isBoardShown() ? (void)m_queue->controller()->assignToMe(ids) : m_queue->assignSelectionToMe();
}

void MainWindow::moveCurrent(int delta)
{
    if (!isBoardShown()) {
        m_queue->moveCurrent(delta);
        return;
    }
    const QList<QListView *> &views = m_kanban->cardViews(); // every cell, with swimlanes too
    for (int c = 0; c < views.size(); ++c) {
        QListView *v = views[c];
        if (v->hasFocus() || c == 0) {
            const int row
                = std::clamp(v->currentIndex().row() + delta, 0, std::max(0, v->model()->rowCount() - 1));
            v->setCurrentIndex(v->model()->index(row, 0));
            if (v->hasFocus())
                break;
        }
    }
}

void MainWindow::openView(const QString &id)
{
    int row = id.isEmpty() ? -1 : m_nav->rowOfView(id);
    if (row < 0 && !id.isEmpty())
        row = m_nav->rowOfBoard(id);
    for (int r = 0; row < 0 && r < m_nav->rowCount(); ++r) {
        if (m_nav->kind(r) == NavigationModel::Kind::View)
            row = r;
    }
    if (row >= 0)
        m_sidebar->setCurrentIndex(m_nav->index(row));
}

void MainWindow::onSidebarActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (const SavedView *v = m_nav->view(index.row())) {
        m_queue->showView(v->name, v->filter);
        m_stack->setCurrentWidget(m_queue);
        m_pane->show();
        m_session->settings()->setValue(u"ui/lastView"_qs, v->id);
    } else if (const Board *b = m_nav->board(index.row())) {
        m_kanban->showBoard(*b);
        m_stack->setCurrentWidget(m_kanban);
        m_pane->hide(); // the board needs the width; opening a card brings the pane back
        m_session->settings()->setValue(u"ui/lastView"_qs, b->id);
    }
}

void MainWindow::previewTicket(const QString &ticketId)
{
    if (ticketId.isEmpty() || (m_ticketView && m_ticketView->ticketId() == ticketId))
        return;
    if (m_ticketView) {
        m_pane->removeWidget(m_ticketView);
        m_ticketView->deleteLater();
    }
    m_ticketView = new TicketView(m_session, ticketId, m_pane);
    connect(m_ticketView, &TicketView::openInWindowRequested, this, &MainWindow::openTicketWindow);
    connect(m_ticketView, &TicketView::openTicketRequested, this, &MainWindow::openTicket);
    connect(m_ticketView, &TicketView::message, this, &MainWindow::showMessage);
    m_pane->addWidget(m_ticketView);
    m_pane->setCurrentWidget(m_ticketView);
}

void MainWindow::openTicket(const QString &ticketId)
{
    if (ticketId.isEmpty())
        return;
    m_previewTimer->stop();
    previewTicket(ticketId);
    m_pane->show();
    if (m_ticketView)
        m_ticketView->titleEdit()->setFocus(Qt::OtherFocusReason);
}

TicketView *MainWindow::openTicketWindow(const QString &ticketId)
{
    if (ticketId.isEmpty())
        return nullptr;
    auto *view = new TicketView(m_session, ticketId, nullptr);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setWindowFlag(Qt::Window);
    view->resize(720, 820);
    connect(view, &TicketView::openTicketRequested, this, &MainWindow::openTicket);
    connect(this, &QObject::destroyed, view, &QWidget::close);
    view->show();
    return view;
}

QString MainWindow::newTicket()
{
    if (m_session->isReadOnly()) {
        showMessage(tr("Read-only account: tickets cannot be created from it."));
        return {};
    }
    NewTicketDialog dialog(m_session, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.created())
        return {};
    const QString id = dialog.created()->id;
    showMessage(tr("Ticket created; it gets its number when it syncs"));
    m_queue->selectTicket(id);
    previewTicket(id);
    return id;
}

QString MainWindow::saveView(const QString &name, const TicketFilter &filter)
{
    SavedView v;
    v.id = newId();
    v.name = name;
    v.ownerId = m_session->userId();
    v.filter = filter;
    v.position = static_cast<int>(m_session->views().size());
    if (!m_session->saveView(v)) {
        showMessage(tr("The view could not be saved."));
        return {};
    }
    m_nav->setContent(m_session->views(), m_session->boards());
    openView(v.id);
    showMessage(tr("Saved “%1” under Views").arg(name));
    return v.id;
}

bool MainWindow::updateView(const QString &id, const QString &name, bool takeCurrentFilter, bool shared)
{
    std::optional<SavedView> view;
    for (const auto &v : m_session->views()) {
        if (v.id == id)
            view = v;
    }
    if (!view || !m_session->canEditView(*view) || (shared && !m_session->canShareViews())
        || name.trimmed().isEmpty()) {
        showMessage(tr("You cannot change this view."));
        return false;
    }
    view->name = name.trimmed();
    if (takeCurrentFilter)
        view->filter = m_queue->currentFilter();
    view->ownerId = shared ? QString() : m_session->userId();
    if (!m_session->saveView(*view)) {
        showMessage(tr("The view could not be saved."));
        return false;
    }
    m_nav->setContent(m_session->views(), m_session->boards());
    openView(view->id);
    showMessage(
        shared ? tr("“%1” is shared with the team").arg(view->name) : tr("Saved “%1”").arg(view->name));
    return true;
}

void MainWindow::editCurrentView()
{
    const SavedView *v = m_nav->view(m_sidebar->currentIndex().row());
    if (!v || !m_session->canEditView(*v)) {
        showMessage(tr("Select a view of yours in the sidebar to edit it."));
        return;
    }
    const SavedView view = *v;
    QDialog dialog(this);
    dialog.setObjectName(u"editViewDialog"_qs);
    dialog.setWindowTitle(tr("Edit view"));
    auto *name = new QLineEdit(view.name, &dialog);
    name->setObjectName(u"viewNameLineEdit"_qs);
    name->setAccessibleName(tr("View name"));
    auto *filter = new QCheckBox(tr("Use the &current filter and search text"), &dialog);
    filter->setObjectName(u"useCurrentFilterCheckBox"_qs);
    auto *shared = new QCheckBox(tr("&Shared with the team"), &dialog);
    shared->setObjectName(u"sharedCheckBox"_qs);
    shared->setChecked(view.ownerId.isEmpty());
    shared->setEnabled(m_session->canShareViews());
    shared->setToolTip(m_session->canShareViews() ? tr("Everyone sees shared views in their sidebar")
                                                  : tr("Only leads and administrators share views"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("&Name"), name);
    form->addRow(filter);
    form->addRow(shared);
    form->addRow(buttons);
    if (dialog.exec() == QDialog::Accepted)
        updateView(view.id, name->text(), filter->isChecked(), shared->isChecked());
}

void MainWindow::showSettings()
{
    NotificationsService notifications([this]() -> ApiClient * {
        ServerConnection *c = m_session->connection();
        return c ? c->api() : nullptr;
    });
    SettingsDialog dialog(m_session->settings(), m_session->connection() ? &notifications : nullptr, this);
    if (dialog.exec() == QDialog::Accepted)
        applySettings();
}

void MainWindow::applySettings()
{
    QSettings *s = m_session->settings();
    const int ageing = s->value(u"queue/ageingMinutes"_qs, 15).toInt();
    m_queue->model()->setAgeingMinutes(ageing);
    m_kanban->controller()->setAgeingMinutes(ageing);
    // Language and theme switch live: every window retranslates on the LanguageChange event.
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    const QString language = s->value(u"ui/language"_qs, u"system"_qs).toString();
    if (app && language != m_appliedLanguage) {
        m_appliedLanguage = language;
        installTranslations(*app, language);
    }
    const QString theme = s->value(u"ui/theme"_qs, u"system"_qs).toString();
    if (app && theme != m_appliedTheme) {
        m_appliedTheme = theme;
        applyTheme(*app, theme);
    }
}

void MainWindow::showCommandPalette()
{
    CommandPalette palette(m_actions, this);
    palette.exec();
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 8000);
}

} // namespace triage
