#include "SlaEvent.h"

#include "SlaJsonUtil.h"

#include <QJsonArray>
#include <QJsonObject>

namespace triage {

using namespace slajson;

SlaEvent SlaEvent::created(qint64 at, Priority priority, const QString &status)
{
    SlaEvent e;
    e.at = at;
    e.type = Type::Created;
    e.priority = priority;
    e.status = status;
    return e;
}

SlaEvent SlaEvent::statusChange(qint64 at, const QString &to)
{
    SlaEvent e;
    e.at = at;
    e.type = Type::Status;
    e.status = to;
    return e;
}

SlaEvent SlaEvent::reply(qint64 at, bool fromAgent, bool isPublic)
{
    SlaEvent e;
    e.at = at;
    e.type = Type::Reply;
    e.fromAgent = fromAgent;
    e.isPublic = isPublic;
    return e;
}

SlaEvent SlaEvent::priorityChange(qint64 at, Priority to)
{
    SlaEvent e;
    e.at = at;
    e.type = Type::PriorityChange;
    e.priority = to;
    return e;
}

namespace {

std::optional<std::vector<SlaEvent>> failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// Reads one event object; returns an error message, empty on success.
QString parseEvent(const QJsonObject &o, const QString &path, const QTimeZone &zone, SlaEvent *e)
{
    const QJsonValue at = o.value(u"at"_qs);
    if (!at.isString())
        return path + u".at: "_qs
            + expected(u"an ISO 8601 instant such as \"2026-03-02T10:00:00+03:00\""_qs, at);
    const auto instant = parseInstant(at.toString(), zone);
    if (!instant)
        return path + u".at: \""_qs + at.toString()
            + u"\" is not an ISO 8601 instant such as \"2026-03-02T10:00:00+03:00\""_qs;
    e->at = *instant;

    const QJsonValue type = o.value(u"type"_qs);
    if (!type.isString())
        return path + u".type: "_qs + expected(u"created, status, reply or priority"_qs, type);
    const QString t = type.toString();
    auto priorityField = [&](const QString &key) -> QString {
        const QJsonValue v = o.value(key);
        const auto p = priorityFromWire(v.toString());
        if (!v.isString() || !p)
            return path + u'.' + key + u": "_qs + expected(u"critical, high, normal or low"_qs, v);
        e->priority = *p;
        return {};
    };
    auto statusField = [&](const QString &key, bool required) -> QString {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString() || v.toString().isEmpty())
            return path + u'.' + key + u": "_qs + expected(u"a status name"_qs, v);
        e->status = v.toString();
        return {};
    };

    if (t == u"created"_qs) {
        e->type = SlaEvent::Type::Created;
        e->status = u"new"_qs;
        if (QString m = priorityField(u"priority"_qs); !m.isEmpty())
            return m;
        return statusField(u"status"_qs, false);
    }
    if (t == u"status"_qs) {
        e->type = SlaEvent::Type::Status;
        return statusField(u"to"_qs, true);
    }
    if (t == u"priority"_qs) {
        e->type = SlaEvent::Type::PriorityChange;
        return priorityField(u"to"_qs);
    }
    if (t == u"reply"_qs) {
        e->type = SlaEvent::Type::Reply;
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
    return path + u".type: unknown event type \""_qs + t
        + u"\" (expected created, status, reply or priority)"_qs;
}

} // namespace

std::optional<std::vector<SlaEvent>> parseSlaEvents(
    const QJsonValue &json, const QTimeZone &zone, QString *error)
{
    if (!json.isArray())
        return failed(error, u"events: "_qs + expected(u"a list of events"_qs, json));
    const QJsonArray list = json.toArray();
    std::vector<SlaEvent> events;
    events.reserve(size_t(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = u"events["_qs + QString::number(i) + u']';
        if (!list.at(i).isObject())
            return failed(error, path + u": "_qs + expected(u"an event object"_qs, list.at(i)));
        SlaEvent e;
        if (const QString m = parseEvent(list.at(i).toObject(), path, zone, &e); !m.isEmpty())
            return failed(error, m);
        if (!events.empty() && e.at < events.back().at) {
            return failed(error,
                path + u": events out of order: "_qs + list.at(i)[u"at"_qs].toString()
                    + u" is before the previous event at "_qs + list.at(i - 1)[u"at"_qs].toString());
        }
        if (e.type == SlaEvent::Type::Created && !events.empty())
            return failed(error, path + u": a second created event (the ticket was created by events[0])"_qs);
        if (e.type != SlaEvent::Type::Created && events.empty()) {
            return failed(error,
                path + u": no created event before this "_qs + list.at(i)[u"type"_qs].toString()
                    + u" event (the first event must be \"created\")"_qs);
        }
        events.push_back(e);
    }
    if (events.empty())
        return failed(error, u"events: no created event (the list is empty)"_qs);
    return events;
}

} // namespace triage
