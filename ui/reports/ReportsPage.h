#pragma once

#include "ReportsController.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace triage {

class ChartWidget;
class ReportTableModel;
class Session;

// The reports view: the metrics of docs/metrics.md for a date range and filters, from the server
// (labelled as such), with charts, drill-down from a number to its tickets, and CSV export.
class ReportsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ReportsPage(ReportsController *controller, QWidget *parent = nullptr);

    // One reports window per main window, raised when it exists.
    static ReportsPage *showFor(
        Session *session, QWidget *owner, std::function<void(const QString &)> openTicket);

    ReportFilter filter() const;
    void setRange(const QDate &from, const QDate &to);
    void refresh();
    void drill(const QString &metric, const QDate &from = {}, const QDate &to = {});
    bool exportCsv(const QString &path, QString *error) const;

    QLabel *sourceLabel() const { return m_source; }
    ReportTableModel *drillModel() const { return m_drillModel; }
    ReportTableModel *agentModel() const { return m_agentModel; }
    ReportTableModel *recurringModel() const { return m_recurringModel; }
    QTableView *recurringView() const { return m_recurringView; }
    QPushButton *createProblemButton() const { return m_createProblem; }
    QComboBox *groupPicker() const { return m_group; }
    QComboBox *agentPicker() const { return m_agent; }
    QLabel *problemStatus() const { return m_problemStatus; }
    // Refills the group and agent pickers from the cached directory, keeping the current choice.
    void reloadPickers();
    void createProblemTicket();
    ChartWidget *dayChart() const { return m_days; }
    QPushButton *metricButton(const QString &metric) const;

Q_SIGNALS:
    void openTicketRequested(const QString &ticketId);

protected:
    // A live language switch (Settings → Language) posts LanguageChange: every text is redone.
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    static QString metricLabel(const QString &metric);
    // Texts that depend on state are kept as functions, so a language switch can redo them.
    void setSourceText(std::function<QString()> text);
    void setDrillText(std::function<QString()> text);
    void setProblemText(std::function<QString()> text);
    void applyPreset(int index);
    void showReport(const QJsonObject &report);
    void showDrill(const QString &metric, const QJsonArray &tickets, qint64 count, bool truncated);
    void chooseCsvFile();

    ReportsController *m_controller;
    QComboBox *m_preset;
    QDateEdit *m_from, *m_to;
    QComboBox *m_group, *m_agent; // editable pickers with completion, from the cached directory
    QComboBox *m_channel, *m_type, *m_priority;
    QLabel *m_source;
    QList<QPushButton *> m_metrics;
    QLabel *m_durations;
    ChartWidget *m_days, *m_hours;
    ReportTableModel *m_agentModel, *m_drillModel, *m_recurringModel;
    QTableView *m_agentView, *m_drillView, *m_recurringView;
    QPushButton *m_createProblem;
    QLabel *m_problemStatus;
    QLabel *m_drillTitle;
    QPushButton *m_refresh, *m_csv;
    QLabel *m_recurringLabel;
    std::function<QString()> m_sourceText, m_drillText, m_problemText;
    QStringList m_dayDates;
};

} // namespace triage
