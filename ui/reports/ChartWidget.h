#pragma once

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace triage {

// A small painted chart: grouped bars per category plus an optional line, with axis labels,
// a legend, a tooltip per category and a click signal (drill-down). Painted with QPainter, so it
// needs nothing beyond Qt Widgets on 6.4 or later (see docs/architecture.md, "Charts").
class ChartWidget final : public QWidget
{
    Q_OBJECT

public:
    struct Series {
        QString name;
        QColor color;
        std::vector<double> values;
        bool line = false; // drawn as a line over the bars, on its own scale
    };

    explicit ChartWidget(QWidget *parent = nullptr);
    void setData(const QStringList &categories, std::vector<Series> series);
    int categoryAt(const QPoint &pos) const;
    QSize sizeHint() const override { return {600, 220}; }

Q_SIGNALS:
    void categoryClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea() const;

    QStringList m_categories;
    std::vector<Series> m_series;
};

} // namespace triage
