#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace triage {

class Session;

// Status-bar widget: online / offline / syncing, pending changes and conflicts (click → list).
class SyncIndicator final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncIndicator)

public:
    explicit SyncIndicator(Session *session, QWidget *parent = nullptr);
    ~SyncIndicator() override;

    QString stateText() const;
    QString pendingText() const;
    QString conflictsText() const;

Q_SIGNALS:
    void conflictsClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void connectSource();

    Session *m_session;
    QLabel *m_state;
    QLabel *m_pending;
    QToolButton *m_conflicts;
};

} // namespace triage
