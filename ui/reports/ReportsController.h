#pragma once

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace triage {

class ApiClient;
class Session;

// What the reports view asks for: a local date range (inclusive) and optional filters.
struct ReportFilter {
    QDate from, to;
    QString group, agent, channel, type, priority; // empty = any
};

// Fetches reports from triaged's /api/v1/reports routes through the session's signed-in
// ApiClient (core/net): the numbers are the server's, computed by core/metrics from its event
// history. Without a connection it says so instead of inventing numbers from the cache, which
// does not hold the event history.
class ReportsController final : public QObject
{
    Q_OBJECT

public:
    explicit ReportsController(Session *session, QObject *parent = nullptr);
    // For tests: any ApiClient (already signed in).
    explicit ReportsController(ApiClient *api, QObject *parent = nullptr);

    bool isOnline() const;
    QString serverName() const;
    void load(const ReportFilter &filter);
    void drill(const ReportFilter &filter, const QString &metric);
    const QJsonObject &report() const { return m_report; }

Q_SIGNALS:
    void loaded(const QJsonObject &report);
    void drilled(const QString &metric, const QJsonArray &tickets, qint64 count, bool truncated);
    void failed(const QString &message);

private:
    ApiClient *api() const;

    Session *m_session = nullptr;
    QPointer<ApiClient> m_api;
    QJsonObject m_report;
    quint64 m_generation = 0; // answers to superseded requests are dropped
};

} // namespace triage
