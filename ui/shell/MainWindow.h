#pragma once

#include "domain/TicketFilter.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QLabel;
class QMenu;
class QListView;
class QSplitter;
class QStackedWidget;

namespace triage {

class KanbanPage;
class NavigationModel;
class NotificationCenter;
class QueuePage;
class Session;
class SyncIndicator;
class TicketView;

// The console's shell: menus, sidebar, the queue/board area, the ticket pane and the status bar.
// Behaviour lives in the pages' controllers and models; this only wires them together.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Session *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    QueuePage *queuePage() const { return m_queue; }
    KanbanPage *kanbanPage() const { return m_kanban; }
    bool isBoardShown() const;
    NavigationModel *navigationModel() const { return m_nav; }
    QListView *sidebar() const { return m_sidebar; }
    SyncIndicator *syncIndicator() const { return m_syncIndicator; }
    // "Read-only account" in the status bar; empty when hidden.
    QString readOnlyText() const;
    NotificationCenter *notifications() const { return m_notifications; }
    // Every action with a name, for the command palette and tests.
    QList<QAction *> commandActions() const;

    // Selects a saved view (or board) by id; the first view when empty.
    void openView(const QString &id = {});
    void openTicket(const QString &ticketId);
    // Shows a ticket in the side pane without moving focus (follows the current row).
    void previewTicket(const QString &ticketId);
    TicketView *ticketPane() const;
    TicketView *openTicketWindow(const QString &ticketId);
    // Ctrl+N; returns the created ticket id (empty when cancelled).
    QString newTicket();
    void showCommandPalette();
    void showSettings();
    // Applies the stored settings now: ageing rule, language and theme (live, no restart).
    void applySettings();
    void showConflicts();
    void signOut();
    // Stores the filter as a personal view, shows it in the sidebar and opens it; returns its id.
    QString saveView(const QString &name, const TicketFilter &filter);
    // Edits a saved view: a new name, optionally the queue's current filter, personal or shared
    // (leads and admins). Saved locally at once and uploaded to the server. False when not allowed.
    bool updateView(const QString &id, const QString &name, bool takeCurrentFilter, bool shared);
    // View → Edit view…: the dialog for the view selected in the sidebar.
    void editCurrentView();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void createActions();
    // A viewer account: editing actions disabled and the status bar says so.
    void applyAccess();
    void onSidebarActivated(const QModelIndex &index);
    void showMessage(const QString &text);
    QString currentTicketId() const;
    void assignCurrentToMe();
    void moveCurrent(int delta);

    Session *m_session;
    NavigationModel *m_nav;
    QListView *m_sidebar;
    QStackedWidget *m_stack;
    QueuePage *m_queue;
    KanbanPage *m_kanban;
    SyncIndicator *m_syncIndicator;
    QList<QAction *> m_actions;
    QList<QMenu *> m_menus;
    QLabel *m_placeholder = nullptr;
    QLabel *m_readOnlyLabel = nullptr;
    QString m_appliedLanguage; // what applySettings() last installed (empty: the start-up choice)
    QString m_appliedTheme;
    NotificationCenter *m_notifications = nullptr;
    QStackedWidget *m_pane;
    QPointer<TicketView> m_ticketView;
    QTimer *m_previewTimer;
    QString m_previewId;
};

} // namespace triage
