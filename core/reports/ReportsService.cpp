#include "ReportsService.h"

#include "net/ApiClient.h"

#include <QPointer>
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

ReportsService::ReportsService(ClientSource client, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
{ }

ReportsService::~ReportsService() = default;

bool ReportsService::isOnline() const
{
    const ApiClient *a = m_client();
    return a && a->hasToken();
}

QString ReportsService::serverName() const
{
    const ApiClient *a = m_client();
    return a ? a->baseUrl().host()
            + (a->baseUrl().port() > 0 ? u':' + QString::number(a->baseUrl().port()) : QString())
             : QString();
}

void ReportsService::load(const ReportFilter &filter)
{
    if (!isOnline())
        return;
    const quint64 generation = ++m_generation;
    m_client()->request("GET", u"reports/summary"_qs, queryFor(filter), {},
        [self = QPointer(this), generation, filter](const ApiResponse &r) {
            if (self)
                self->summaryArrived(generation, filter, r);
        });
}

void ReportsService::summaryArrived(quint64 generation, const ReportFilter &filter, const ApiResponse &r)
{
    if (generation != m_generation)
        return;
    if (!r.ok()) {
        Q_EMIT failed(r.error.message());
        return;
    }
    m_report = r.json.object();
    m_reportFilter = filter;
    Q_EMIT loaded(m_report);
}

void ReportsService::drill(const ReportFilter &filter, const QString &metric)
{
    if (!isOnline())
        return;
    QUrlQuery q = queryFor(filter);
    q.addQueryItem(u"metric"_qs, metric);
    q.addQueryItem(u"limit"_qs, u"1000"_qs);
    m_client()->request(
        "GET", u"reports/tickets"_qs, q, {}, [self = QPointer(this), metric](const ApiResponse &r) {
            if (!self)
                return;
            if (!r.ok()) {
                Q_EMIT self->failed(r.error.message());
                return;
            }
            const QJsonObject o = r.json.object();
            Q_EMIT self->drilled(metric, o.value(u"tickets"_qs).toArray(),
                qint64(o.value(u"count"_qs).toDouble()), o.value(u"truncated"_qs).toBool());
        });
}

} // namespace triage
