#pragma once

#include <QDialog>

class QAction;
class QLineEdit;
class QListView;

namespace triage {

class CommandModel;

// Ctrl+K: type a few letters of any menu command, Enter runs it.
class CommandPalette final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    CommandPalette(const QList<QAction *> &actions, QWidget *parent = nullptr);
    ~CommandPalette() override;

    QLineEdit *input() const { return m_input; }
    CommandModel *model() const { return m_model; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void runCurrent();

    CommandModel *m_model;
    QLineEdit *m_input;
    QListView *m_list;
};

} // namespace triage
