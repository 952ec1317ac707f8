// `triagectl report`: the metrics of docs/metrics.md for a period, from the profile's synced cache
// (the default), an event-history file or generated demo history, as a table or JSON.
#include "Cli.h"
#include "Profile.h"
#include "metrics/CacheHistory.h"
#include "metrics/HistoryGenerator.h"
#include "metrics/HistoryJson.h"
#include "metrics/MetricsReport.h"
#include "metrics/MetricsStore.h"
#include "sla/SlaJsonUtil.h"
#include "store/LocalCache.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>

#include <cstdio>

namespace triage::cli {

namespace {

constexpr auto kReportUsage
    = "usage: triagectl report --from DATE --to DATE [--group G] [--agent A] [--channel C] [--type T] "
      "[--priority P] [--as-of INSTANT] [--problem-min N] [--json] [--input HISTORY.json | --demo N]";

constexpr qint64 kJulianEpoch = 2440588;

// A local date (start of that day; with `end`, start of the next day) or an ISO 8601 instant.
std::optional<qint64> parseBound(const QString &text, const BusinessCalendar &cal, bool end)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return localMidnight(cal, date.toJulianDay() - kJulianEpoch + (end ? 1 : 0));
    if (text.contains(u'T'))
        return slajson::parseInstant(text, cal.timeZone());
    return std::nullopt;
}

QString num(double v, int decimals = 1)
{
    return QString::number(v, 'f', decimals);
}
QString cell(const QJsonValue &v)
{
    return v.isNull() ? u"—"_qs : v.isDouble() ? QString::number(v.toDouble()) : v.toString();
}

void printTable(const QJsonObject &r)
{
    const QJsonObject period = r[u"period"_qs].toObject();
    printLine(u"Report %1 – %2 (%3), as of %4"_qs.arg(period[u"from"_qs].toString(),
        period[u"to"_qs].toString(), period[u"timezone"_qs].toString(), period[u"as_of"_qs].toString()));
    const QJsonObject filter = r[u"filter"_qs].toObject();
    for (auto it = filter.begin(); it != filter.end(); ++it)
        printLine(u"  filter %1 = %2"_qs.arg(it.key(), cell(it.value())));
    const QJsonObject volume = r[u"volume"_qs].toObject();
    printLine(u""_qs);
    printLine(u"Volume            created %1   resolved %2"_qs.arg(
        cell(volume[u"created"_qs]), cell(volume[u"resolved"_qs])));
    auto durations = [](const QString &label, const QJsonObject &d) {
        for (const QString &clock : {u"calendar"_qs, u"business"_qs}) {
            const QJsonObject s = d[clock].toObject();
            printLine(u"%1 %2  n=%3  avg %4  median %5  p90 %6 min"_qs.arg(label, clock.leftJustified(8),
                cell(d[u"count"_qs]), cell(s[u"average_minutes"_qs]), cell(s[u"median_minutes"_qs]),
                cell(s[u"p90_minutes"_qs])));
        }
    };
    durations(u"First response   "_qs, r[u"first_response"_qs].toObject());
    durations(u"First resolution "_qs, r[u"resolution"_qs][u"first"_qs].toObject());
    durations(u"Full resolution  "_qs, r[u"resolution"_qs][u"full"_qs].toObject());
    const QJsonObject sla = r[u"sla"_qs].toObject();
    for (const QString &m : {u"first_response"_qs, u"next_response"_qs, u"resolution"_qs}) {
        const QJsonObject s = sla[m].toObject();
        const QJsonValue c = s[u"compliance"_qs];
        printLine(u"SLA %1 met %2  breached %3  compliance %4  breaches in period %5"_qs.arg(
            m.leftJustified(15), cell(s[u"met"_qs]), cell(s[u"breached"_qs]),
            c.isNull() ? u"—"_qs : num(c.toDouble() * 100) + u'%', cell(s[u"breaches_in_period"_qs])));
    }
    const QJsonObject backlog = r[u"backlog"_qs].toObject();
    printLine(u"Backlog           at start %1   at end %2"_qs.arg(
        cell(backlog[u"at_start"_qs]), cell(backlog[u"at_end"_qs])));
    const QJsonObject reopen = r[u"reopen"_qs].toObject();
    printLine(u"Reopen rate       %1 (%2 reopens / %3 resolutions)"_qs.arg(
        cell(reopen[u"rate"_qs]), cell(reopen[u"reopens"_qs]), cell(reopen[u"resolutions"_qs])));
    const QJsonObject csat = r[u"csat"_qs].toObject();
    printLine(u"CSAT              %1 positive (4–5) of %2 ratings, share %3, average %4"_qs.arg(
        cell(csat[u"positive"_qs]), cell(csat[u"ratings"_qs]), cell(csat[u"share_positive"_qs]),
        cell(csat[u"average"_qs])));
    const QJsonObject fcr = r[u"fcr"_qs].toObject();
    printLine(u"First contact     %1 of %2 first resolutions, rate %3"_qs.arg(
        cell(fcr[u"first_contact"_qs]), cell(fcr[u"resolved"_qs]), cell(fcr[u"rate"_qs])));
    printLine(u""_qs);
    printLine(u"Agent             open  resolved  per day"_qs);
    for (const QJsonValue &a : r[u"agents"_qs].toArray()) {
        const QJsonObject o = a.toObject();
        printLine(o[u"agent"_qs].toString().leftJustified(16) + cell(o[u"open_assigned"_qs]).rightJustified(6)
            + cell(o[u"resolved"_qs]).rightJustified(10)
            + num(o[u"handled_per_day"_qs].toDouble(), 2).rightJustified(9));
    }
    printLine(u""_qs);
    printLine(u"Day          created  resolved  backlog"_qs);
    for (const QJsonValue &d : r[u"volume"_qs][u"by_day"_qs].toArray()) {
        const QJsonObject o = d.toObject();
        printLine(o[u"date"_qs].toString() + cell(o[u"created"_qs]).rightJustified(10)
            + cell(o[u"resolved"_qs]).rightJustified(10) + cell(o[u"backlog_at_end"_qs]).rightJustified(9));
    }
    const QJsonArray recurring = r[u"recurring"_qs].toArray();
    printLine(u""_qs);
    printLine(u"Problem candidates: %1"_qs.arg(recurring.size()));
    for (const QJsonValue &v : recurring) {
        const QJsonObject o = v.toObject();
        printLine(u"  %1 tickets  [%2] %3"_qs.arg(
            cell(o[u"count"_qs]).rightJustified(6), o[u"category"_qs].toString(), o[u"words"_qs].toString()));
    }
}

} // namespace

int runReport(const Context &context, const QStringList &args)
{
    Context ctx = context;
    QHash<QString, QString> opt;
    const QStringList valued {u"--from"_qs, u"--to"_qs, u"--group"_qs, u"--agent"_qs, u"--channel"_qs,
        u"--type"_qs, u"--priority"_qs, u"--input"_qs, u"--demo"_qs, u"--as-of"_qs, u"--problem-min"_qs};
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--json"_qs) {
            ctx.json = true;
        } else if (valued.contains(a)) {
            if (i + 1 >= args.size())
                return fail(ctx, BadInput, a + u" needs a value; "_qs + QString::fromUtf8(kReportUsage));
            opt.insert(a, args.at(++i));
        } else {
            return fail(
                ctx, BadInput, u"unexpected argument '"_qs + a + u"'; "_qs + QString::fromUtf8(kReportUsage));
        }
    }
    if (!opt.contains(u"--from"_qs) || !opt.contains(u"--to"_qs))
        return fail(ctx, BadInput, u"--from and --to are required; "_qs + QString::fromUtf8(kReportUsage));
    if (opt.contains(u"--input"_qs) && opt.contains(u"--demo"_qs))
        return fail(ctx, BadInput,
            u"give at most one of --input FILE or --demo N; "_qs + QString::fromUtf8(kReportUsage));

    std::optional<MetricsStore> store;
    qint64 demoCount = 0;
    if (opt.contains(u"--input"_qs)) {
        const QString path = opt.value(u"--input"_qs);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ctx, BadInput, u"cannot read %1: %2"_qs.arg(path, file.errorString()));
        QString error;
        store = readHistoryJson(file.readAll(), &error);
        if (!store)
            return fail(ctx, BadInput, path + u": "_qs + error);
    } else if (!opt.contains(u"--demo"_qs)) {
        // The profile's cache: what this client synced (and what it changed offline since).
        int code = Ok;
        const auto p = Profile::open(ctx, false, &code);
        if (!p)
            return code;
        CacheMetrics cached = metricsFromCache(*p->store());
        store.emplace(std::move(*cached.store));
        // The cache's metrics know agents by user name; --agent takes what a person types (me, an
        // email, a display name), resolved through the synced directory like --assignee.
        if (opt.contains(u"--agent"_qs) && store->findAgent(opt.value(u"--agent"_qs)) < 0) {
            QString why;
            const auto id = resolveUserRef(p->store(), opt.value(u"--agent"_qs), p->userId(), &why);
            if (!id)
                return fail(ctx, BadInput, u"--agent: "_qs + why);
            QString username;
            for (const QJsonObject &u : p->store()->referenceData().entities(u"user"_qs)) {
                if (u.value(u"id"_qs).toString() == *id)
                    username = u.value(u"username"_qs).toString();
            }
            if (id->isEmpty() || username.isEmpty())
                return fail(
                    ctx, BadInput, u"--agent: name an agent, not '%1'"_qs.arg(opt.value(u"--agent"_qs)));
            opt.insert(u"--agent"_qs, username);
        }
    } else {
        bool ok = false;
        demoCount = opt.value(u"--demo"_qs).toLongLong(&ok);
        if (!ok || demoCount < 1 || demoCount > 2'000'000)
            return fail(ctx, BadInput,
                u"--demo: expected a ticket count from 1 to 2000000, got '"_qs + opt.value(u"--demo"_qs)
                    + u'\'');
        store.emplace(HistoryGenerator::demoCalendar(), HistoryGenerator::demoPolicies());
    }

    MetricsQuery q;
    const auto from = parseBound(opt.value(u"--from"_qs), store->calendar(), false);
    const auto to = parseBound(opt.value(u"--to"_qs), store->calendar(), true);
    if (!from)
        return fail(ctx, BadInput,
            u"--from: expected a date YYYY-MM-DD or an ISO 8601 instant, got '"_qs + opt.value(u"--from"_qs)
                + u'\'');
    if (!to)
        return fail(ctx, BadInput,
            u"--to: expected a date YYYY-MM-DD or an ISO 8601 instant, got '"_qs + opt.value(u"--to"_qs)
                + u'\'');
    if (*to <= *from)
        return fail(ctx, BadInput, u"--to must be after --from"_qs);
    q.from = *from;
    q.to = *to;
    if (opt.contains(u"--as-of"_qs)) {
        q.asOf = slajson::parseInstant(opt.value(u"--as-of"_qs), store->calendar().timeZone());
        if (!q.asOf)
            return fail(ctx, BadInput,
                u"--as-of: expected an ISO 8601 instant, got '"_qs + opt.value(u"--as-of"_qs) + u'\'');
    }
    if (demoCount > 0) {
        // Demo tickets over the 90 days before the report's end, so the period has data.
        HistoryGenerator gen;
        gen.setTimeline(demoCount, q.effectiveAsOf(), 90);
        gen.fill(*store, demoCount);
    }
    if (opt.contains(u"--problem-min"_qs)) {
        bool ok = false;
        q.problemMinTickets = opt.value(u"--problem-min"_qs).toInt(&ok);
        if (!ok || q.problemMinTickets < 2)
            return fail(ctx, BadInput, u"--problem-min: expected a number of at least 2"_qs);
    }

    auto named = [&](const QString &key, const QStringList &known, auto find) -> std::optional<QString> {
        if (!opt.contains(key))
            return std::nullopt;
        if (find(opt.value(key)) < 0)
            return key + u": no such name in the history: '"_qs + opt.value(key) + u"' (known: "_qs
                + known.join(u", "_qs) + u')';
        return QString();
    };
    if (const auto m
        = named(u"--group"_qs, store->groupNames(), [&](const QString &n) { return store->findGroup(n); });
        m && !m->isEmpty())
        return fail(ctx, BadInput, *m);
    if (const auto m
        = named(u"--agent"_qs, store->agentNames(), [&](const QString &n) { return store->findAgent(n); });
        m && !m->isEmpty())
        return fail(ctx, BadInput, *m);
    if (opt.contains(u"--group"_qs))
        q.filter.group = store->findGroup(opt.value(u"--group"_qs));
    if (opt.contains(u"--agent"_qs))
        q.filter.assignee = store->findAgent(opt.value(u"--agent"_qs));
    if (opt.contains(u"--channel"_qs) && !(q.filter.channel = channelFromWire(opt.value(u"--channel"_qs))))
        return fail(ctx, BadInput, u"--channel: expected one of "_qs + allChannels().join(u", "_qs));
    if (opt.contains(u"--type"_qs) && !(q.filter.type = ticketTypeFromWire(opt.value(u"--type"_qs))))
        return fail(ctx, BadInput, u"--type: expected one of "_qs + allTicketTypes().join(u", "_qs));
    if (opt.contains(u"--priority"_qs)
        && !(q.filter.priority = priorityFromWire(opt.value(u"--priority"_qs))))
        return fail(ctx, BadInput, u"--priority: expected one of "_qs + allPriorities().join(u", "_qs));

    const QJsonObject json = MetricsReport::compute(*store, q).toJson(*store);
    if (ctx.json)
        printJson(json);
    else
        printTable(json);
    return Ok;
}

} // namespace triage::cli
