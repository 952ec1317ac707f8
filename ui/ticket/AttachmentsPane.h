#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace triage {

class AttachmentsController;

// The ticket view's Attachments tab: the ticket's files (Enter or double-click opens one with the
// system's program), Open and Save as… buttons. Behaviour lives in AttachmentsController.
class AttachmentsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentsPane)

public:
    AttachmentsPane(AttachmentsController *controller, QWidget *parent = nullptr);
    ~AttachmentsPane() override;

    QListView *list() const { return m_list; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *saveButton() const { return m_save; }
    AttachmentsController *controller() const { return m_controller; }
    void retranslate();

Q_SIGNALS:
    // A file could not be had or saved; the sentence says why.
    void problem(const QString &sentence);

private:
    int currentRow() const;
    void saveSelected();
    void updateButtons();

    AttachmentsController *m_controller;
    QListView *m_list;
    QPushButton *m_open;
    QPushButton *m_save;
    QLabel *m_empty; // shown over the list while the ticket has no files
};

} // namespace triage
