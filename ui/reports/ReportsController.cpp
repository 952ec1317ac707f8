#include "ReportsController.h"

#include "net/ApiClient.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "sync/LocalEditor.h"

#include <QUrlQuery>

#include <algorithm>

namespace triage {

namespace {
QUrlQuery queryFor(const ReportFilter &f)
{
    QUrlQuery q;
    q.addQueryItem(u"from"_qs, f.from.toString(Qt::ISODate));
    q.addQueryItem(u"to"_qs, f.to.toString(Qt::ISODate));
    const std::pair<QString, QString> opt[] = {{u"group"_qs, f.group}, {u"agent"_qs, f.agent},
        {u"channel"_qs, f.channel}, {u"type"_qs, f.type}, {u"priority"_qs, f.priority}};
    for (const auto &[k, v] : opt) {
        if (!v.isEmpty())
            q.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
    }
    return q;
}
} // namespace

ReportsController::ReportsController(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{ }

ReportsController::ReportsController(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{ }

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
    const ApiClient *a = api();
    return a && a->hasToken();
}

QString ReportsController::serverName() const
{
    const ApiClient *a = api();
    return a ? a->baseUrl().host()
            + (a->baseUrl().port() > 0 ? u':' + QString::number(a->baseUrl().port()) : QString())
             : QString();
}

void ReportsController::load(const ReportFilter &filter)
{
    if (!isOnline()) {
        Q_EMIT failed(tr("Reports come from the server; sign in to a server to see them."));
        return;
    }
    const quint64 generation = ++m_generation;
    api()->request(
        "GET", u"reports/summary"_qs, queryFor(filter), {}, [this, generation, filter](const ApiResponse &r) {
            if (generation != m_generation)
                return;
            if (!r.ok()) {
                Q_EMIT failed(r.error.message());
                return;
            }
            m_report = r.json.object();
            m_reportFilter = filter;
            Q_EMIT loaded(m_report);
        });
}

void ReportsController::drill(const ReportFilter &filter, const QString &metric)
{
    if (!isOnline())
        return;
    QUrlQuery q = queryFor(filter);
    q.addQueryItem(u"metric"_qs, metric);
    q.addQueryItem(u"limit"_qs, u"1000"_qs);
    api()->request("GET", u"reports/tickets"_qs, q, {}, [this, metric](const ApiResponse &r) {
        if (!r.ok()) {
            Q_EMIT failed(r.error.message());
            return;
        }
        const QJsonObject o = r.json.object();
        Q_EMIT drilled(metric, o.value(u"tickets"_qs).toArray(), qint64(o.value(u"count"_qs).toDouble()),
            o.value(u"truncated"_qs).toBool());
    });
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
    const QJsonArray recurring = m_report.value(u"recurring"_qs).toArray();
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
    if (const DirectoryIndex *dir = directory(); dir && !m_reportFilter.group.isEmpty()) {
        for (int i = 1; i < dir->groupCount(); ++i) {
            const auto &g = dir->group(static_cast<quint16>(i));
            if (g.name == m_reportFilter.group || g.id == m_reportFilter.group)
                draft.groupId = g.id;
        }
    }
    auto created = ed->createTicket(draft);
    if (!created)
        *error = ed->lastError();
    return created;
}

} // namespace triage
