#pragma once

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

namespace triage {

class ApiClient;
struct ApiResponse;

// What the reports view asks for: a local date range (inclusive) and optional filters.
struct ReportFilter {
    QDate from, to;
    QString group, agent, channel, type, priority; // empty = any
};

// The reports of triaged's /api/v1/reports routes (summary and drill-down), fetched through the
// signed-in account's ApiClient: the numbers are the server's, computed by core/metrics from its
// event history. An answer to a superseded request is dropped.
class ReportsService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportsService)

public:
    // The client of the signed-in account, asked at each request (null = not signed in): the
    // console may sign in after the reports view opened.
    using ClientSource = std::function<ApiClient *()>;
    explicit ReportsService(ClientSource client, QObject *parent = nullptr);
    ~ReportsService() override;

    bool isOnline() const;
    QString serverName() const; // "host:port"
    // Offline: nothing is asked (the caller says why).
    void load(const ReportFilter &filter);
    void drill(const ReportFilter &filter, const QString &metric);

    const QJsonObject &report() const { return m_report; }
    const ReportFilter &reportFilter() const { return m_reportFilter; } // what report() was asked with

Q_SIGNALS:
    void loaded(const QJsonObject &report);
    void drilled(const QString &metric, const QJsonArray &tickets, qint64 count, bool truncated);
    void failed(const QString &message);

private:
    void summaryArrived(quint64 generation, const ReportFilter &filter, const ApiResponse &r);

    ClientSource m_client;
    QJsonObject m_report;
    ReportFilter m_reportFilter;
    quint64 m_generation = 0; // answers to superseded requests are dropped
};

} // namespace triage
