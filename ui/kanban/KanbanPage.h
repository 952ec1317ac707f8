#pragma once

#include "domain/Board.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QListView;

namespace triage {

class KanbanController;
class Session;

// The board screen: one list per column with a header (count, WIP limit), cards painted by
// CardDelegate, drag and drop and keyboard moves (Ctrl+←/→ between columns, Ctrl+↑/↓ within),
// and a banner that says why a move was refused. With swimlanes (the toolbar's "Swimlanes" box,
// remembered per board in the profile's settings) each lane is a row of cells under a heading with
// its count; the column headings count all lanes.
class KanbanPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KanbanPage)

public:
    explicit KanbanPage(Session *session, QWidget *parent = nullptr);
    ~KanbanPage() override;

    KanbanController *controller() const { return m_controller; }
    void showBoard(const Board &board);
    // Lane 0's cell of a column (without swimlanes: the column).
    QListView *columnView(int column) const { return cellView(0, column); }
    QListView *cellView(int lane, int column) const;
    const QList<QListView *> &cardViews() const { return m_views; } // every cell, lane by lane
    QComboBox *swimlanesCombo() const { return m_lanesCombo; }
    QString laneHeaderText(int lane) const;
    QString currentTicketId() const;
    QString bannerText() const;
    // Moves the focused card (keyboard and menu).
    bool moveCurrent(int columnDelta, int rowDelta);

Q_SIGNALS:
    void ticketActivated(const QString &ticketId);
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateHeaders();
    void buildGrid();
    QListView *makeCell(int lane, int column, QWidget *parent);
    void setSwimlanes(int comboIndex);
    void retranslateCells();
    void showRefusal(const QString &ticketId, const QString &reason);
    void focusTicket(const QString &ticketId, int column, int row);

    Session *m_session;
    KanbanController *m_controller;
    QLabel *m_title;
    QLabel *m_banner;
    QCheckBox *m_showAll;
    QLabel *m_lanesLabel;
    QComboBox *m_lanesCombo;
    QWidget *m_columnsHost;
    QList<QLabel *> m_headers;
    QList<QLabel *> m_laneHeaders;
    QList<QListView *> m_views; // [lane * columns + column]
    QTimer m_bannerTimer;
    QTimer m_tick;
};

} // namespace triage
