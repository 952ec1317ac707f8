#pragma once

#include <QDialog>

class QListView;
class QPlainTextEdit;
class QPushButton;

namespace triage {

class ConflictListModel;
class Session;

// Every change the server did not apply as sent, with the agent's choices for each: apply mine,
// keep the server's, send a held reply as an internal note, or copy my text. Nothing is dropped
// until the agent decides.
class ConflictsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictsDialog)

public:
    explicit ConflictsDialog(Session *session, QWidget *parent = nullptr);
    ~ConflictsDialog() override;

    ConflictListModel *model() const { return m_model; }

private:
    void updateButtons();
    void resolve(int choice);

    Session *m_session;
    ConflictListModel *m_model;
    QListView *m_list;
    QPlainTextEdit *m_text;
    QPushButton *m_mine;
    QPushButton *m_server;
    QPushButton *m_note;
    QPushButton *m_copy;
};

} // namespace triage
