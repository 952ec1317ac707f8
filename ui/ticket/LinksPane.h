#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace triage {

class TicketController;

// The ticket view's Links tab: the linked tickets (Enter opens one) and a row to add a link by
// kind and number, or remove the selected one (Delete). Behaviour lives in TicketController.
class LinksPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinksPane)

public:
    LinksPane(TicketController *controller, QWidget *parent = nullptr);
    ~LinksPane() override;

    QListView *list() const { return m_list; }
    QLineEdit *referenceEdit() const { return m_reference; }
    QComboBox *kindBox() const { return m_kind; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    void retranslate();
    void applyAccess(); // a viewer account cannot change links

Q_SIGNALS:
    void openTicketRequested(const QString &ticketId);
    // An add or remove was refused; the sentence says why.
    void refused(const QString &reason);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void add();
    void removeSelected();
    void updateButtons();

    TicketController *m_controller;
    QListView *m_list;
    QComboBox *m_kind;
    QLineEdit *m_reference;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_empty; // shown over the list while there are no links
};

} // namespace triage
