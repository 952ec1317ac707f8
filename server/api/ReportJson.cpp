#include "ReportJson.h"

#include "ApiUtil.h"
#include "metrics/MetricsReport.h"
#include "sla/SlaJsonUtil.h"
#include "storage/TicketReader.h"

#include <QDate>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace triage::server::reportjson {

namespace {

constexpr qint64 kJulianEpoch = 2440588;
constexpr qint64 kHourMs = 3'600'000;

std::optional<qint64> parseBound(const QString &text, const BusinessCalendar &cal, bool end)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return localMidnight(cal, date.toJulianDay() - kJulianEpoch + (end ? 1 : 0));
    if (text.contains(u'T'))
        return slajson::parseInstant(text, cal.timeZone());
    return std::nullopt;
}

QJsonValue ratio(qint64 num, qint64 den)
{
    if (den <= 0)
        return QJsonValue::Null;
    return std::round(double(num) / double(den) * 10'000.0) / 10'000.0;
}

QString metricWire(SlaMetric m)
{
    switch (m) {
    case SlaMetric::FirstResponse:
        return u"first_response"_qs;
    case SlaMetric::NextResponse:
        return u"next_response"_qs;
    case SlaMetric::Resolution:
        return u"resolution"_qs;
    }
    return {};
}

QJsonObject periodJson(const MetricCounters &c)
{
    using F = MetricCounters;
    QJsonObject compliance;
    qint64 met = 0, breached = 0, breaches = 0;
    for (SlaMetric m : {SlaMetric::FirstResponse, SlaMetric::NextResponse, SlaMetric::Resolution}) {
        met += c[F::slaMet(m)];
        breached += c[F::slaBreached(m)];
        breaches += c[F::breaches(m)];
        compliance.insert(metricWire(m), ratio(c[F::slaMet(m)], c[F::slaMet(m)] + c[F::slaBreached(m)]));
    }
    compliance.insert(u"all"_qs, ratio(met, met + breached));
    return {{u"created"_qs, double(c[F::Created])}, {u"resolved"_qs, double(c[F::Resolutions])},
        {u"reopens"_qs, double(c[F::Reopens])}, {u"breaches"_qs, double(breaches)},
        {u"sla_met"_qs, double(met)}, {u"sla_breached"_qs, double(breached)}, {u"compliance"_qs, compliance},
        {u"csat"_qs,
            QJsonObject {{u"ratings"_qs, double(c[F::Ratings])},
                {u"share_positive"_qs, ratio(c[F::RatingPositive], c[F::Ratings])},
                {u"average"_qs,
                    c[F::Ratings] ? QJsonValue(
                        std::round(double(c[F::RatingSum]) / double(c[F::Ratings]) * 100.0) / 100.0)
                                  : QJsonValue(QJsonValue::Null)}}}};
}

QJsonValue nameOrNull(const QString &name)
{
    return name.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(name);
}

} // namespace

bool parseQuery(const Call &call, MetricsStore &store, const HistoryReader &names, bool needPeriod,
    MetricsQuery *q, HttpResponse *error)
{
    const HttpRequest &req = call.request;
    const BusinessCalendar &cal = store.calendar();
    const auto bad = [&](const QString &name, const QString &why) {
        *error = badRequest(u"invalid-parameter"_qs, name + u": "_qs + why);
        return false;
    };
    bool hasFrom = false, hasTo = false;
    const QString fromText = req.queryValue(u"from"_qs, &hasFrom);
    const QString toText = req.queryValue(u"to"_qs, &hasTo);
    if (needPeriod || hasFrom || hasTo) {
        if (!hasFrom || !hasTo)
            return bad(hasFrom ? u"to"_qs : u"from"_qs,
                u"required: a local date YYYY-MM-DD or an ISO 8601 instant"_qs);
        const auto from = parseBound(fromText.left(64), cal, false);
        const auto to = parseBound(toText.left(64), cal, true);
        if (!from)
            return bad(u"from"_qs, u"expected a date YYYY-MM-DD or an ISO 8601 instant"_qs);
        if (!to)
            return bad(u"to"_qs, u"expected a date YYYY-MM-DD or an ISO 8601 instant"_qs);
        if (*to <= *from)
            return bad(u"to"_qs, u"must be after from"_qs);
        if (*to - *from > 3700LL * 86'400'000)
            return bad(u"to"_qs, u"a report spans at most ten years"_qs);
        q->from = *from;
        q->to = *to;
    }
    bool present = false;
    if (const QString asOf = req.queryValue(u"as_of"_qs, &present); present) {
        q->asOf = slajson::parseInstant(asOf.left(64), cal.timeZone());
        if (!q->asOf)
            return bad(u"as_of"_qs, u"expected an ISO 8601 instant"_qs);
    }
    if (const QString n = req.queryValue(u"problem_min"_qs, &present); present) {
        bool ok = false;
        q->problemMinTickets = n.toInt(&ok);
        if (!ok || q->problemMinTickets < 2 || q->problemMinTickets > 10000)
            return bad(u"problem_min"_qs, u"expected a number from 2 to 10000"_qs);
    }

    // The caller's scope first; explicit filters may narrow it, never widen it.
    const Principal &p = call.principal;
    if (p.role == UserRole::Agent) {
        q->filter.assignee = store.agentIndex(p.username);
    } else if (p.reportsScopedToGroups()) {
        for (const QString &g : p.groupIds + p.ledGroups) {
            const int i = store.groupIndex(names.groupName(g));
            if (std::find(q->filter.anyGroup.begin(), q->filter.anyGroup.end(), i)
                == q->filter.anyGroup.end())
                q->filter.anyGroup.push_back(i);
        }
        if (q->filter.anyGroup.empty())
            q->filter.anyGroup.push_back(-2); // no group matches: a lead of nothing sees nothing
    }
    if (const QString g = req.queryValue(u"group"_qs, &present); present) {
        int index = -1;
        if (g != u"none"_qs) {
            index = store.findGroup(names.groupName(g.left(200)));
            if (index < 0)
                return bad(u"group"_qs, u"no such group in the history: '%1'"_qs.arg(g.left(60)));
        }
        const auto &allowed = q->filter.anyGroup;
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), index) == allowed.end()) {
            *error = forbidden(u"Leads see reports of their own groups only."_qs);
            return false;
        }
        q->filter.group = index;
    }
    if (const QString a = req.queryValue(u"agent"_qs, &present); present) {
        const int index = a == u"none"_qs ? -1 : store.findAgent(names.userName(a.left(200)));
        if (a != u"none"_qs && index < 0)
            return bad(u"agent"_qs, u"no such agent in the history: '%1'"_qs.arg(a.left(60)));
        if (p.role == UserRole::Agent && index != *q->filter.assignee) {
            *error = forbidden(u"Agents see reports of their own tickets only."_qs);
            return false;
        }
        q->filter.assignee = index;
    }
    if (const QString v = req.queryValue(u"channel"_qs, &present);
        present && !(q->filter.channel = channelFromWire(v)))
        return bad(u"channel"_qs, u"expected one of "_qs + allChannels().join(u", "_qs));
    if (const QString v = req.queryValue(u"type"_qs, &present);
        present && !(q->filter.type = ticketTypeFromWire(v)))
        return bad(u"type"_qs, u"expected one of "_qs + allTicketTypes().join(u", "_qs));
    if (const QString v = req.queryValue(u"priority"_qs, &present);
        present && !(q->filter.priority = priorityFromWire(v)))
        return bad(u"priority"_qs, u"expected one of "_qs + allPriorities().join(u", "_qs));
    return true;
}

QJsonObject scopeJson(const Principal &p, const HistoryReader &names)
{
    QJsonObject scope {{u"role"_qs, toWire(p.role)}};
    if (p.role == UserRole::Agent) {
        scope.insert(u"agent"_qs, p.username);
    } else if (p.reportsScopedToGroups()) {
        QJsonArray groups;
        QStringList ids = p.groupIds + p.ledGroups;
        ids.removeDuplicates();
        for (const QString &g : ids)
            groups.append(names.groupName(g));
        scope.insert(u"groups"_qs, groups);
    }
    return scope;
}

QJsonObject wallJson(const MetricsStore &store, LiveMetrics &live, const MetricsFilter &filter, qint64 now)
{
    const WallSnapshot s = live.snapshot(now, filter);
    const BusinessCalendar &cal = store.calendar();
    QJsonObject byPriority;
    for (Priority p : {Priority::Critical, Priority::High, Priority::Normal, Priority::Low})
        byPriority.insert(toWire(p), double(s.openByPriority[size_t(p)]));
    QJsonArray byGroup;
    std::vector<std::pair<qint64, int>> groups;
    for (size_t i = 0; i < s.openByGroup.size(); ++i) {
        if (s.openByGroup[i] > 0)
            groups.emplace_back(s.openByGroup[i], i + 1 == s.openByGroup.size() ? -1 : int(i));
    }
    std::sort(groups.begin(), groups.end(), [&](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : store.groupName(a.second) < store.groupName(b.second);
    });
    for (const auto &[open, g] : groups)
        byGroup.append(
            QJsonObject {{u"group"_qs, nameOrNull(store.groupName(g))}, {u"open"_qs, double(open)}});

    const qint64 dayStart = localMidnight(cal, cal.localDay(s.at));
    std::vector<std::pair<qint64, int>> agents;
    for (size_t i = 0; i < s.openByAgent.size(); ++i) {
        if (s.openByAgent[i] > 0)
            agents.emplace_back(s.openByAgent[i], int(i));
    }
    std::sort(agents.begin(), agents.end(), [&](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : store.agentName(a.second) < store.agentName(b.second);
    });
    if (agents.size() > 60)
        agents.resize(60);
    QJsonArray agentLoad;
    for (const auto &[open, a] : agents) {
        MetricsFilter mine = filter;
        mine.assignee = a;
        const MetricCounters today = live.sum(dayStart, s.at + 1, mine);
        agentLoad.append(QJsonObject {{u"agent"_qs, store.agentName(a)}, {u"open_assigned"_qs, double(open)},
            {u"resolved_today"_qs, double(today[MetricCounters::Resolutions])}});
    }
    QJsonArray perHour;
    for (qint64 n : s.createdByHourToday)
        perHour.append(double(n));
    const int currentHour = int(floorDiv(s.at - dayStart, kHourMs));
    return {{u"as_of"_qs, cal.formatInstant(s.at)}, {u"as_of_ms"_qs, double(s.at)},
        {u"timezone"_qs, QString::fromUtf8(cal.timeZone().id())}, {u"today"_qs, periodJson(s.today)},
        {u"this_week"_qs, periodJson(s.thisWeek)}, {u"open"_qs, double(s.open)},
        {u"open_by_priority"_qs, byPriority}, {u"open_by_group"_qs, byGroup}, {u"agents"_qs, agentLoad},
        {u"incoming_per_hour"_qs, perHour}, {u"current_hour"_qs, std::clamp(currentHour, 0, 24)}};
}

QHash<QString, QJsonObject> ticketLabels(ServerDatabase &db, const QStringList &ids)
{
    QHash<QString, QJsonObject> out;
    if (ids.isEmpty())
        return out;
    for (const TicketReader::Label &t : TicketReader(db).labels(ids)) {
        const QJsonObject o = QJsonDocument::fromJson(t.data).object();
        out.insert(t.id,
            QJsonObject {{u"number"_qs, double(t.number)}, {u"title"_qs, o.value(u"title"_qs).toString()}});
    }
    return out;
}

QJsonArray atRiskJson(const MetricsStore &store, const std::vector<LiveMetrics::AtRisk> &risky,
    const QHash<QString, QJsonObject> &labels)
{
    QJsonArray out;
    for (const LiveMetrics::AtRisk &r : risky) {
        const QString id = store.ticket(r.ticket).id;
        const MetricDims d = MetricDims::unpack(store.facts(r.ticket).dims);
        QJsonObject o = labels.value(id);
        o.insert(u"ticket_id"_qs, id);
        o.insert(u"metric"_qs, metricWire(r.metric));
        o.insert(u"due_at"_qs, store.calendar().formatInstant(r.dueAt));
        o.insert(u"due_at_ms"_qs, double(r.dueAt));
        o.insert(u"priority"_qs, toWire(d.priority));
        o.insert(u"assignee"_qs, nameOrNull(store.agentName(d.assignee)));
        o.insert(u"group"_qs, nameOrNull(store.groupName(d.group)));
        out.append(o);
    }
    return out;
}

QStringList drillMetrics()
{
    return {u"created"_qs, u"resolved"_qs, u"reopened"_qs, u"first_contact"_qs, u"breached"_qs, u"rated"_qs,
        u"open_at_end"_qs};
}

bool drillDown(const MetricsStore &store, const MetricsQuery &q, const QString &metric,
    std::vector<std::pair<qint64, qsizetype>> *hits)
{
    const int kind = int(drillMetrics().indexOf(metric));
    if (kind < 0)
        return false;
    const qint64 asOf = q.effectiveAsOf();
    const auto in = [&](qint64 t) { return t != TicketFacts::kNone && t >= q.from && t < q.to && t < asOf; };
    TicketFacts scratch;
    for (qsizetype i = 0; i < store.size(); ++i) {
        const TicketFacts &f = store.factsAsOf(i, asOf, scratch);
        if (!f.exists || !q.filter.matches(f.dims))
            continue;
        qint64 at = TicketFacts::kNone;
        switch (kind) {
        case 0:
            at = in(f.createdAt) ? f.createdAt : TicketFacts::kNone;
            break;
        case 1:
        case 2:
            for (size_t k = kind == 1 ? 0 : 1; k < f.transitions.size() && at == TicketFacts::kNone; k += 2)
                at = in(f.transitions[k]) ? f.transitions[k] : TicketFacts::kNone;
            break;
        case 3:
            at = in(f.firstResolvedAt()) && f.firstContactResolved() ? f.firstResolvedAt()
                                                                     : TicketFacts::kNone;
            break;
        case 4:
            for (const TicketFacts::SlaCycle &c : f.cycles) {
                const qint64 end = c.stoppedAt != TicketFacts::kNone ? c.stoppedAt : asOf;
                if (c.breachAt != TicketFacts::kNone && c.breachAt < end && in(c.breachAt)) {
                    at = c.breachAt;
                    break;
                }
            }
            break;
        case 5:
            at = in(f.ratingAt) ? f.ratingAt : TicketFacts::kNone;
            break;
        case 6:
            at = f.openBefore(q.to) ? f.createdAt : TicketFacts::kNone;
            break;
        }
        if (at != TicketFacts::kNone)
            hits->emplace_back(at, i);
    }
    std::sort(hits->begin(), hits->end());
    return true;
}

QJsonObject historyJson(const MetricsStore &store, ServerDatabase &db, const QJsonObject &calendar,
    const QList<QJsonObject> &policies, const QJsonObject &groupIds, const QJsonObject &groupCalendars)
{
    QHash<QString, QString> titles;
    TicketReader(db).forEachLive([&titles](const QString &id, const QByteArray &data) {
        titles.insert(id, QJsonDocument::fromJson(data).object().value(u"title"_qs).toString());
    });
    const BusinessCalendar &cal = store.calendar();
    QJsonArray tickets;
    for (qsizetype i = 0; i < store.size(); ++i) {
        const TicketLog &t = store.ticket(i);
        if (t.events.empty())
            continue;
        QJsonArray events;
        for (const MetricEvent &e : t.events) {
            QJsonObject o {{u"at"_qs, cal.formatInstant(e.at)}};
            switch (e.kind) {
            case MetricEvent::Kind::Created:
                o.insert(u"type"_qs, u"created"_qs);
                o.insert(u"priority"_qs, toWire(e.priority));
                o.insert(u"status"_qs, toWire(e.status));
                if (e.group >= 0)
                    o.insert(u"group"_qs, store.groupName(e.group));
                if (e.assignee >= 0)
                    o.insert(u"assignee"_qs, store.agentName(e.assignee));
                break;
            case MetricEvent::Kind::Status:
                o.insert(u"type"_qs, u"status"_qs);
                o.insert(u"to"_qs, toWire(e.status));
                break;
            case MetricEvent::Kind::Reply:
                o.insert(u"type"_qs, u"reply"_qs);
                o.insert(u"from"_qs, e.fromAgent ? u"agent"_qs : u"requester"_qs);
                o.insert(u"public"_qs, e.isPublic);
                break;
            case MetricEvent::Kind::Priority:
                o.insert(u"type"_qs, u"priority"_qs);
                o.insert(u"to"_qs, toWire(e.priority));
                break;
            case MetricEvent::Kind::Assign:
                o.insert(u"type"_qs, u"assign"_qs);
                o.insert(u"to"_qs, nameOrNull(store.agentName(e.assignee)));
                break;
            case MetricEvent::Kind::Group:
                o.insert(u"type"_qs, u"group"_qs);
                o.insert(u"to"_qs, nameOrNull(store.groupName(e.group)));
                break;
            case MetricEvent::Kind::Rating:
                o.insert(u"type"_qs, u"rating"_qs);
                o.insert(u"value"_qs, int(e.rating));
                break;
            }
            events.append(o);
        }
        QJsonObject ticket {{u"id"_qs, t.id}, {u"title"_qs, titles.value(t.id)}, {u"type"_qs, toWire(t.type)},
            {u"channel"_qs, toWire(t.channel)}, {u"events"_qs, events}};
        if (!t.category.isEmpty())
            ticket.insert(u"category"_qs, t.category);
        tickets.append(ticket);
    }
    QJsonArray policyDocs;
    for (const QJsonObject &p : policies)
        policyDocs.append(p);
    QJsonObject doc {{u"policies"_qs, policyDocs}, {u"tickets"_qs, tickets}};
    if (!groupIds.isEmpty())
        doc.insert(u"group_ids"_qs, groupIds);
    if (!calendar.isEmpty())
        doc.insert(u"calendar"_qs, calendar);
    if (!groupCalendars.isEmpty())
        doc.insert(u"group_calendars"_qs, groupCalendars);
    return doc;
}

} // namespace triage::server::reportjson
