#include "HistoryJson.h"

#include "sla/SlaJsonUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace triage {
namespace {

using namespace slajson;

// Reads one event into `e`; returns an error message, empty on success.
QString parseEvent(
    const QJsonObject &o, const QString &path, const QTimeZone &zone, MetricsStore &store, MetricEvent *e)
{
    const QJsonValue at = o.value(u"at"_qs);
    const auto instant = at.isString() ? parseInstant(at.toString(), zone) : std::nullopt;
    if (!instant)
        return path + u".at: "_qs
            + expected(u"an ISO 8601 instant such as \"2026-03-02T10:00:00+03:00\""_qs, at);
    e->at = *instant;
    const QString type = o.value(u"type"_qs).toString();
    auto status = [&](const QString &key, bool required) -> QString {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() && !required)
            return {};
        const auto s = ticketStatusFromWire(v.toString());
        if (!v.isString() || !s)
            return path + u'.' + key + u": "_qs
                + expected(u"new, in_progress, waiting, resolved or closed"_qs, v);
        e->status = *s;
        return {};
    };
    auto priority = [&](const QString &key) -> QString {
        const QJsonValue v = o.value(key);
        const auto p = priorityFromWire(v.toString());
        if (!v.isString() || !p)
            return path + u'.' + key + u": "_qs + expected(u"critical, high, normal or low"_qs, v);
        e->priority = *p;
        return {};
    };
    // A name or null/absent (none).
    auto name = [&](const QString &key, bool agent, bool required) -> QString {
        const QJsonValue v = o.value(key);
        if (v.isNull() || (v.isUndefined() && !required))
            return {};
        if (!v.isString() || v.toString().isEmpty())
            return path + u'.' + key + u": "_qs
                + expected(agent ? u"an agent name or null"_qs : u"a group name or null"_qs, v);
        if (agent)
            e->assignee = store.agentIndex(v.toString());
        else
            e->group = qint16(store.groupIndex(v.toString()));
        return {};
    };

    if (type == u"created"_qs) {
        e->kind = MetricEvent::Kind::Created;
        QString m = priority(u"priority"_qs);
        if (m.isEmpty())
            m = status(u"status"_qs, false);
        if (m.isEmpty())
            m = name(u"group"_qs, false, false);
        if (m.isEmpty())
            m = name(u"assignee"_qs, true, false);
        return m;
    }
    if (type == u"status"_qs) {
        e->kind = MetricEvent::Kind::Status;
        return status(u"to"_qs, true);
    }
    if (type == u"reply"_qs) {
        e->kind = MetricEvent::Kind::Reply;
        const QJsonValue from = o.value(u"from"_qs);
        if (from != QJsonValue(u"agent"_qs) && from != QJsonValue(u"requester"_qs))
            return path + u".from: "_qs + expected(u"agent or requester"_qs, from);
        e->fromAgent = from.toString() == u"agent"_qs;
        const QJsonValue pub = o.value(u"public"_qs);
        if (!pub.isUndefined() && !pub.isBool())
            return path + u".public: "_qs + expected(u"true or false"_qs, pub);
        e->isPublic = pub.toBool(true);
        return {};
    }
    if (type == u"priority"_qs) {
        e->kind = MetricEvent::Kind::Priority;
        return priority(u"to"_qs);
    }
    if (type == u"assign"_qs) {
        e->kind = MetricEvent::Kind::Assign;
        return o.contains(u"to"_qs) ? name(u"to"_qs, true, true)
                                    : path + u".to: expected an agent name or null, got nothing"_qs;
    }
    if (type == u"group"_qs) {
        e->kind = MetricEvent::Kind::Group;
        return o.contains(u"to"_qs) ? name(u"to"_qs, false, true)
                                    : path + u".to: expected a group name or null, got nothing"_qs;
    }
    if (type == u"rating"_qs) {
        e->kind = MetricEvent::Kind::Rating;
        const QJsonValue v = o.value(u"value"_qs);
        const double d = v.toDouble(0);
        if (!v.isDouble() || d != double(int(d)) || d < 1 || d > 5)
            return path + u".value: "_qs + expected(u"a rating 1 to 5"_qs, v);
        e->rating = qint8(d);
        return {};
    }
    return path + u".type: "_qs
        + expected(u"created, status, reply, priority, assign, group or rating"_qs, o.value(u"type"_qs));
}

QString parseTicket(
    const QJsonValue &v, const QString &path, const QTimeZone &zone, MetricsStore &store, TicketHistory *t)
{
    if (!v.isObject())
        return path + u": "_qs + expected(u"a ticket object"_qs, v);
    const QJsonObject o = v.toObject();
    if (const QString unknown
        = unknownKeys(o, {u"id", u"title", u"description", u"category", u"type", u"channel", u"events"});
        !unknown.isEmpty())
        return path + u": unknown key "_qs + unknown;
    const QJsonValue id = o.value(u"id"_qs);
    if (!id.isString() || id.toString().isEmpty())
        return path + u".id: "_qs + expected(u"a ticket id"_qs, id);
    t->id = id.toString();
    for (const auto &[key, field] : {std::pair {u"title"_qs, &t->title},
             std::pair {u"description"_qs, &t->description}, std::pair {u"category"_qs, &t->category}}) {
        const QJsonValue s = o.value(key);
        if (!s.isUndefined() && !s.isString())
            return path + u'.' + key + u": "_qs + expected(u"a string"_qs, s);
        *field = s.toString();
    }
    if (o.contains(u"type"_qs)) {
        const auto type = ticketTypeFromWire(o.value(u"type"_qs).toString());
        if (!type)
            return path + u".type: "_qs
                + expected(u"incident, request, problem or question"_qs, o.value(u"type"_qs));
        t->type = *type;
    }
    if (o.contains(u"channel"_qs)) {
        const auto channel = channelFromWire(o.value(u"channel"_qs).toString());
        if (!channel)
            return path + u".channel: "_qs
                + expected(u"email, telegram, web, phone or api"_qs, o.value(u"channel"_qs));
        t->channel = *channel;
    }
    const QJsonValue events = o.value(u"events"_qs);
    if (!events.isArray() || events.toArray().isEmpty())
        return path + u".events: "_qs + expected(u"a list of events starting with \"created\""_qs, events);
    const QJsonArray list = events.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString epath = path + u".events["_qs + QString::number(i) + u']';
        if (!list.at(i).isObject())
            return epath + u": "_qs + expected(u"an event object"_qs, list.at(i));
        MetricEvent e;
        if (const QString m = parseEvent(list.at(i).toObject(), epath, zone, store, &e); !m.isEmpty())
            return m;
        if ((i == 0) != (e.kind == MetricEvent::Kind::Created))
            return epath
                + (i == 0 ? u": the first event must be \"created\""_qs : u": a second created event"_qs);
        if (i > 0 && e.at < t->events.back().at)
            return epath + u": events out of order ("_qs + list.at(i)[u"at"_qs].toString()
                + u" is before the previous event)"_qs;
        t->events.push_back(e);
    }
    return {};
}

} // namespace

std::optional<MetricsStore> readHistoryJson(const QByteArray &text, QString *error)
{
    auto failed = [error](const QString &message) -> std::optional<MetricsStore> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failed(u"not JSON: "_qs + parseError.errorString() + u" at offset "_qs
            + QString::number(parseError.offset));
    if (!doc.isObject())
        return failed(u"expected a history object {\"calendar\", \"policy\", \"tickets\"}"_qs);
    const QJsonObject o = doc.object();
    if (const QString unknown
        = unknownKeys(o, {u"calendar", u"group_calendars", u"group_ids", u"policy", u"policies", u"tickets"});
        !unknown.isEmpty())
        return failed(u"unknown key "_qs + unknown);
    if (o.contains(u"policy"_qs) && o.contains(u"policies"_qs))
        return failed(u"policies: give either \"policy\" (one for every ticket) or \"policies\""_qs);

    BusinessCalendar calendar;
    if (o.contains(u"calendar"_qs)) {
        auto c = BusinessCalendar::fromJson(o.value(u"calendar"_qs), error);
        if (!c)
            return std::nullopt;
        calendar = std::move(*c);
    }
    SlaPolicy policy;
    policy.targets = {};
    if (o.contains(u"policy"_qs)) {
        auto p = SlaPolicy::fromJson(o.value(u"policy"_qs), error);
        if (!p)
            return std::nullopt;
        policy = std::move(*p);
    }
    std::optional<SlaPolicySet> policies; // stored policy documents, selected per ticket
    if (o.contains(u"policies"_qs)) {
        const QJsonValue docs = o.value(u"policies"_qs);
        if (!docs.isArray())
            return failed(u"policies: "_qs + expected(u"a list of SLA policy documents"_qs, docs));
        policies.emplace();
        const QJsonArray list = docs.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString path = u"policies["_qs + QString::number(i) + u']';
            if (!list.at(i).isObject())
                return failed(path + u": "_qs
                    + expected(u"an SLA policy document {id, policy, applies_to}"_qs, list.at(i)));
            QString why;
            auto entry = SlaPolicyEntry::fromDoc(list.at(i).toObject(), &why);
            if (!entry)
                return failed(path + u'.' + why);
            policies->add(std::move(*entry));
        }
    }
    const QJsonValue tickets = o.value(u"tickets"_qs);
    if (!tickets.isArray())
        return failed(u"tickets: "_qs + expected(u"a list of tickets"_qs, tickets));

    MetricsStore store
        = policies ? MetricsStore(calendar, std::move(*policies)) : MetricsStore(calendar, policy);
    if (o.contains(u"group_ids"_qs)) {
        const QJsonValue ids = o.value(u"group_ids"_qs);
        if (!ids.isObject())
            return failed(u"group_ids: "_qs + expected(u"an object {group name: group id}"_qs, ids));
        const QJsonObject byName = ids.toObject();
        for (auto it = byName.begin(); it != byName.end(); ++it) {
            if (!it.value().isString() || it.value().toString().isEmpty())
                return failed(
                    u"group_ids."_qs + it.key() + u": "_qs + expected(u"a group id"_qs, it.value()));
            store.setGroupId(it.key(), it.value().toString());
        }
    }
    if (o.contains(u"group_calendars"_qs)) {
        const QJsonValue groups = o.value(u"group_calendars"_qs);
        if (!groups.isObject())
            return failed(u"group_calendars: "_qs + expected(u"an object {group name: calendar}"_qs, groups));
        const QJsonObject byGroup = groups.toObject();
        for (auto it = byGroup.begin(); it != byGroup.end(); ++it) {
            QString why;
            auto c = BusinessCalendar::fromJson(it.value(), &why);
            if (!c)
                return failed(u"group_calendars."_qs + it.key() + u": "_qs + why);
            store.setGroupCalendar(it.key(), std::move(*c));
        }
    }
    const QTimeZone zone = calendar.timeZone();
    const QJsonArray list = tickets.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        TicketHistory t;
        const QString path = u"tickets["_qs + QString::number(i) + u']';
        if (const QString m = parseTicket(list.at(i), path, zone, store, &t); !m.isEmpty())
            return failed(m);
        if (store.find(t.id) >= 0)
            return failed(path + u".id: duplicate ticket id \""_qs + t.id + u'"');
        store.addTicket(std::move(t));
    }
    return store;
}

} // namespace triage
