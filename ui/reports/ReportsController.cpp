#include "ReportsController.h"

#include "net/ApiClient.h"
#include "session/ServerConnection.h"
#include "session/Session.h"

#include <QUrlQuery>

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
        "GET", u"reports/summary"_qs, queryFor(filter), {}, [this, generation](const ApiResponse &r) {
            if (generation != m_generation)
                return;
            if (!r.ok()) {
                Q_EMIT failed(r.error.message());
                return;
            }
            m_report = r.json.object();
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

} // namespace triage
