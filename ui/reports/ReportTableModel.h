#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace triage {

// A read-only table of report rows (agents, drill-down tickets): display strings per column plus
// an optional ticket id per row (IdRole) for opening the ticket. Reset as a whole per report.
class ReportTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportTableModel)

public:
    enum Role { IdRole = Qt::UserRole + 1, SortRole };

    explicit ReportTableModel(QObject *parent = nullptr)
        : QAbstractTableModel(parent)
    { }
    // New columns reset the model; the same number of columns (a language switch) keeps the rows.
    void setHeaders(const QStringList &headers);
    struct Row {
        QStringList cells;
        QString id;
    };
    void setRows(std::vector<Row> rows);
    QString idAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList m_headers;
    std::vector<Row> m_rows;
};

} // namespace triage
