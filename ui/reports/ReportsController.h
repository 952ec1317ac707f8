#pragma once

#include "domain/Ticket.h"
#include "reports/ReportsService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <optional>

namespace triage {

class ApiClient;
class DirectoryIndex;
class LocalEditor;
class Session;

// One entry of a filter picker: what the user reads and the value the server accepts (a group
// name, a username, or `none`).
struct FilterChoice {
    QString label;
    QString value;
};

// The reports view's controller: reports come from core/reports/ReportsService (the server's
// numbers, computed by core/metrics from its event history) through the session's signed-in
// account. Without a connection it says so instead of inventing numbers from the cache, which
// does not hold the event history. Filter pickers and "create problem ticket" use the cache.
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
    const QJsonObject &report() const { return m_service->report(); }

    // The group and agent pickers, from the cached directory (no network): "no group" /
    // "unassigned" first, then groups by name and agents by display name (viewers and requesters
    // are not agents).
    QList<FilterChoice> groupChoices() const;
    QList<FilterChoice> agentChoices() const;

    // "Create problem ticket linking these": a ticket of type problem, linked `problem_of` to every
    // listed ticket of the loaded report's recurring issue `index`, in the group of the report's
    // group filter. Written through the local editor (cache + sync outbox), so it works offline;
    // std::nullopt with `error` set when there is no such issue or the editor refused.
    std::optional<Ticket> createProblemTicket(int index, QString *error);
    bool canCreateTickets() const { return editor() != nullptr; }

    // For tests: the cache's directory and editor (a session's are used otherwise).
    void setLocal(DirectoryIndex *directory, LocalEditor *editor);

Q_SIGNALS:
    void loaded(const QJsonObject &report);
    void drilled(const QString &metric, const QJsonArray &tickets, qint64 count, bool truncated);
    void failed(const QString &message);

private:
    ApiClient *api() const;
    DirectoryIndex *directory() const;
    LocalEditor *editor() const;

    Session *m_session = nullptr;
    QPointer<ApiClient> m_api;
    ReportsService *m_service;
    DirectoryIndex *m_directory = nullptr;
    LocalEditor *m_editor = nullptr;
};

} // namespace triage
