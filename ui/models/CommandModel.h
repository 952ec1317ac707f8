#pragma once

#include <QAbstractListModel>
#include <QPointer>

class QAction;

namespace triage {

// The command palette's list: every named action, filtered by the words typed (each word must
// appear in the action's text, in any order).
class CommandModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandModel)

public:
    enum Role { ShortcutRole = Qt::UserRole + 1 };

    explicit CommandModel(QList<QAction *> actions, QObject *parent = nullptr);
    ~CommandModel() override;

    void setFilter(const QString &text);
    QAction *action(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<QPointer<QAction>> m_all;
    QList<QAction *> m_shown;
};

} // namespace triage
