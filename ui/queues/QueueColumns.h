#pragma once

#include <QList>
#include <QObject>
#include <QSet>

class QMenu;
class QSettings;
class QTableView;

namespace triage {

// Which columns the queue table shows. Two layers: the agent's choice (View ▸ Columns or the
// header's context menu, kept in the profile's settings.ini) and, on top of it, columns set aside
// while the table is too narrow to leave Title readable (a wide reading pane, a small laptop
// screen). Those come back by themselves when there is room again. Number and Title always show.
class QueueColumns final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueColumns)

public:
    QueueColumns(QTableView *table, QSettings *settings, QObject *parent = nullptr);

    // Each column's starting width from what it shows in the current font and language: the
    // longest status with an age, the widest priority (bold), an SLA countdown with its icon, never
    // narrower than the header. Title stretches.
    static void applyDefaultWidths(QTableView *table);
    // The order in which columns are set aside when space runs out: least useful first.
    static const QList<int> &narrowOrder();
    // Pure: which columns to set aside so Title keeps `minTitle` px of `available` px. `widths` are
    // every column's width (Title's ignored); `chosenHidden` are hidden anyway.
    static QSet<int> setAside(
        const QList<int> &widths, const QSet<int> &chosenHidden, int available, int minTitle);

    bool isChosenHidden(int column) const { return m_chosenHidden.contains(column); }
    void setChosenHidden(int column, bool hidden);
    QSet<int> setAsideNow() const { return m_setAside; }
    int minTitleWidth() const;

    // Rebuilds `menu` with one checkable entry per optional column (for View ▸ Columns).
    void fillMenu(QMenu *menu);
    // Applies both layers to the header (after a resize, a column change or a settings change).
    void fit();

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void save() const;

    QTableView *m_table;
    QSettings *m_settings;
    QSet<int> m_chosenHidden;
    QSet<int> m_setAside;
    QList<int> m_widths; // each column's width when shown (the header forgets hidden ones)
    bool m_fitting = false;
};

} // namespace triage
