#pragma once

#include "domain/TicketFilter.h"

#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QLayout;
class QLineEdit;
class QTableView;
class QToolButton;

namespace triage {

class QueueColumns;
class QueueController;
class QueueModel;
class Session;

// The queue screen: a filter/search field, the table, a bulk-action bar and the empty states.
class QueuePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuePage)

public:
    explicit QueuePage(Session *session, QWidget *parent = nullptr);
    ~QueuePage() override;

    QueueModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    QueueController *controller() const { return m_controller; }
    QueueColumns *columns() const { return m_columns; }

    void showView(const QString &name, const TicketFilter &filter);
    TicketFilter currentFilter() const;
    QStringList selectedTicketIds() const;
    QString currentTicketId() const;
    void selectTicket(const QString &id);
    // A: assigns the selection to me; the rows stay (marked) until the selection moves on.
    void assignSelectionToMe();
    // J / K.
    void moveCurrent(int delta);
    void focusSearch();
    void applySearchNow(); // skips the typing debounce (tests)

Q_SIGNALS:
    void ticketActivated(const QString &ticketId);
    void currentTicketChanged(const QString &ticketId);
    void message(const QString &text);
    // "Save as view": the current filter (view + typed text) under a new name.
    void saveViewRequested(const TicketFilter &filter);

private:
    QLayout *buildTitleRow();
    void buildBulkBar(Session *session);
    QToolButton *addMenuButton(const QString &name, const QString &text, const QString &description);
    void buildTable(Session *session);
    void connectViewAndModel();
    void onTextEdited(const QString &text);
    void runSearch();
    void updateStates();
    void placeEmptyState();
    void retranslateUi();
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void updateBulkBar();
    void bulkFinished(int changed, const QStringList &refusals);
    // Holds the selected rows on screen, then runs a bulk action on them.
    void runOnSelection(const std::function<void(const QStringList &)> &action);

    Session *m_session;
    QueueModel *m_model;
    QueueController *m_controller;
    QLabel *m_title;
    QLineEdit *m_search;
    QTableView *m_table;
    QueueColumns *m_columns;
    QLabel *m_empty;
    QWidget *m_bulkBar;
    QLabel *m_selectionLabel;
    QToolButton *m_assignButton;
    QToolButton *m_statusButton;
    QToolButton *m_priorityButton;
    QToolButton *m_mineButton;
    QToolButton *m_saveViewButton;
    QTimer m_searchTimer;
    QTimer m_tick;
    QString m_viewName;
    QString m_viewSourceName; // as stored: built-in names are translated for display
};

} // namespace triage
