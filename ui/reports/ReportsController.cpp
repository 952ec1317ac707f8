#include "ReportsController.h"

#include "net/ApiClient.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "sync/LocalEditor.h"

#include <algorithm>

namespace triage {

ReportsController::ReportsController(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_service(new ReportsService([this] { return api(); }, this))
{
    connect(m_service, &ReportsService::loaded, this, &ReportsController::loaded);
    connect(m_service, &ReportsService::drilled, this, &ReportsController::drilled);
    connect(m_service, &ReportsService::failed, this, &ReportsController::failed);
}

ReportsController::ReportsController(ApiClient *api, QObject *parent)
    : ReportsController(static_cast<Session *>(nullptr), parent)
{
    m_api = api;
}

ApiClient *ReportsController::api() const
{
    if (m_api)
        return m_api;
    if (m_session && m_session->connection())
        return m_session->connection()->api();
    return nullptr;
}

bool ReportsController::isOnline() const
{
    return m_service->isOnline();
}

QString ReportsController::serverName() const
{
    return m_service->serverName();
}

void ReportsController::load(const ReportFilter &filter)
{
    if (!isOnline()) {
        Q_EMIT failed(tr("Reports come from the server; sign in to a server to see them."));
        return;
    }
    m_service->load(filter);
}

void ReportsController::drill(const ReportFilter &filter, const QString &metric)
{
    m_service->drill(filter, metric);
}

void ReportsController::setLocal(DirectoryIndex *directory, LocalEditor *editor)
{
    m_directory = directory;
    m_editor = editor;
}

DirectoryIndex *ReportsController::directory() const
{
    if (m_directory)
        return m_directory;
    return m_session ? m_session->directory() : nullptr;
}

LocalEditor *ReportsController::editor() const
{
    if (m_editor)
        return m_editor;
    return m_session ? m_session->editor() : nullptr;
}

QList<FilterChoice> ReportsController::groupChoices() const
{
    QList<FilterChoice> out {{tr("No group"), u"none"_qs}};
    const DirectoryIndex *dir = directory();
    if (!dir)
        return out;
    QList<FilterChoice> groups;
    for (int i = 1; i < dir->groupCount(); ++i) {
        const auto &g = dir->group(static_cast<quint16>(i));
        if (!g.name.isEmpty())
            groups.push_back({g.name, g.name});
    }
    std::sort(groups.begin(), groups.end(),
        [](const FilterChoice &a, const FilterChoice &b) { return a.label.localeAwareCompare(b.label) < 0; });
    return out + groups;
}

QList<FilterChoice> ReportsController::agentChoices() const
{
    QList<FilterChoice> out {{tr("Unassigned"), u"none"_qs}};
    const DirectoryIndex *dir = directory();
    if (!dir)
        return out;
    for (const quint16 i : dir->staff()) {
        const auto &p = dir->user(i);
        if (p.username.isEmpty())
            continue;
        out.push_back({p.displayName.isEmpty() || p.displayName == p.username
                ? p.username
                : tr("%1 (%2)").arg(p.displayName, p.username),
            p.username});
    }
    return out;
}

std::optional<Ticket> ReportsController::createProblemTicket(int index, QString *error)
{
    const QJsonArray recurring = m_service->report().value(u"recurring"_qs).toArray();
    LocalEditor *ed = editor();
    if (index < 0 || index >= recurring.size()) {
        *error = tr("Pick a recurring issue first.");
        return std::nullopt;
    }
    if (!ed) {
        *error = tr("There is no local cache to create the ticket in.");
        return std::nullopt;
    }
    const QJsonObject issue = recurring.at(index).toObject();
    const QString category = issue.value(u"category"_qs).toString();
    const QString words = issue.value(u"words"_qs).toString();
    const QJsonArray ids = issue.value(u"ticket_ids"_qs).toArray();
    const qint64 count = qint64(issue.value(u"count"_qs).toDouble());

    Ticket draft;
    draft.type = TicketType::Problem;
    draft.title = (category.isEmpty() ? tr("Recurring issue: %1").arg(words)
                                      : tr("Recurring issue in %1: %2").arg(category, words))
                      .left(kMaxTitleLength);
    QString description = tr("%n tickets with the same subject were created between %1 and %2 "
                             "(found by the reports view, recurring issues).",
        nullptr, int(count))
                              .arg(issue.value(u"first_created"_qs).toString().left(10),
                                  issue.value(u"last_created"_qs).toString().left(10));
    if (issue.value(u"ticket_ids_truncated"_qs).toBool())
        description += u' ' + tr("The first %n are linked.", nullptr, int(ids.size()));
    draft.description = description;
    for (const QJsonValue &id : ids) {
        if (!id.toString().isEmpty())
            draft.links.append({LinkKind::ProblemOf, id.toString()});
    }
    // The group the report was filtered to, when the cache knows it by that name.
    if (const DirectoryIndex *dir = directory(); dir && !m_service->reportFilter().group.isEmpty()) {
        for (int i = 1; i < dir->groupCount(); ++i) {
            const auto &g = dir->group(static_cast<quint16>(i));
            if (g.name == m_service->reportFilter().group || g.id == m_service->reportFilter().group)
                draft.groupId = g.id;
        }
    }
    auto created = ed->createTicket(draft);
    if (!created)
        *error = ed->lastError();
    return created;
}

} // namespace triage
