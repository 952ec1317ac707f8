#include "SlaHistory.h"

#include "domain/Ticket.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace triage {

namespace {

// `status` and `priority` of a `created` entry's initial values (a compact JSON object, as the
// server stores it), as QJsonDocument would read them: one pass, no document. It declines (false)
// whatever it is not sure about — escapes, a repeated key, a value of another type — and the
// caller reads the text with QJsonDocument instead. The text is valid JSON (the feed reader and
// TicketEvent::fromJson made it), so the structure needs no full check.
bool readInitial(QStringView json, QString *status, QString *priority)
{
    if (json.contains(u'\\'))
        return false; // without escapes every quote is a string's start or end
    qsizetype i = 0;
    const qsizetype n = json.size();
    auto ws = [&] {
        while (i < n && (json[i] == u' ' || json[i] == u'\n' || json[i] == u'\r' || json[i] == u'\t'))
            ++i;
    };
    auto stringAt = [&](QStringView *out) {
        if (i >= n || json[i] != u'"')
            return false;
        const qsizetype end = json.indexOf(u'"', i + 1);
        if (end < 0)
            return false;
        *out = json.sliced(i + 1, end - i - 1);
        i = end + 1;
        return true;
    };
    // Any other value: brackets counted, strings jumped over (they hold no escapes).
    auto skipValue = [&] {
        int depth = 0;
        while (i < n) {
            const QChar c = json[i];
            if (c == u'"') {
                const qsizetype end = json.indexOf(u'"', i + 1);
                if (end < 0)
                    return false;
                i = end + 1;
            } else if (c == u'{' || c == u'[') {
                ++depth, ++i;
            } else if (c == u'}' || c == u']') {
                if (depth == 0)
                    return true; // the end of the enclosing object
                --depth, ++i;
            } else if (c == u',' && depth == 0) {
                return true;
            } else {
                ++i;
            }
        }
        return false;
    };
    ws();
    if (i >= n || json[i] != u'{')
        return false;
    ++i;
    bool seenStatus = false;
    bool seenPriority = false;
    ws();
    if (i < n && json[i] == u'}') {
        ++i;
        ws();
        return i == n;
    }
    for (;;) {
        ws();
        QStringView key;
        if (!stringAt(&key))
            return false;
        ws();
        if (i >= n || json[i] != u':')
            return false;
        ++i;
        ws();
        const bool isStatus = key == u"status";
        const bool isPriority = key == u"priority";
        if (isStatus || isPriority) {
            bool &seen = isStatus ? seenStatus : seenPriority;
            QStringView value;
            if (seen || !stringAt(&value))
                return false; // a repeated key or not a string: QJsonDocument decides
            seen = true;
            (isStatus ? *status : *priority) = value.toString();
        } else if (!skipValue()) {
            return false;
        }
        ws();
        if (i >= n)
            return false;
        if (json[i] == u',') {
            ++i;
            continue;
        }
        if (json[i] != u'}')
            return false;
        ++i;
        ws();
        return i == n;
    }
}

} // namespace

std::vector<SlaEvent> slaEventsFromHistory(
    const Ticket &t, const QList<TicketEvent> &history, SlaLogCoverage coverage, const PendingSla &pending)
{
    std::vector<SlaEvent> rest;
    QString initialStatus;
    std::optional<Priority> initialPriority;
    QString lastStatus;
    std::optional<Priority> lastPriority;
    qint64 lastAt = t.createdAt;
    for (const TicketEvent &e : history) {
        const qint64 at = std::max(e.at, t.createdAt);
        const TicketEvent::Kind kind = e.kind();
        switch (kind) {
        case TicketEvent::Kind::Created: {
            QString priority;
            initialStatus.clear();
            if (!readInitial(e.newValue, &initialStatus, &priority)) {
                const QJsonObject initial = QJsonDocument::fromJson(e.newValue.toUtf8()).object();
                initialStatus = initial.value(u"status"_qs).toString();
                priority = initial.value(u"priority"_qs).toString();
            }
            initialPriority = priorityFromWire(priority);
            lastStatus = initialStatus;
            lastPriority = initialPriority;
            break;
        }
        case TicketEvent::Kind::Status:
            if (initialStatus.isEmpty())
                initialStatus = e.oldValue;
            rest.push_back(SlaEvent::statusChange(at, e.newValue));
            lastStatus = e.newValue;
            break;
        case TicketEvent::Kind::Priority: {
            const auto to = priorityFromWire(e.newValue);
            if (!to)
                break; // unreadable: no event, but the log did reach this instant
            if (!initialPriority)
                initialPriority = priorityFromWire(e.oldValue);
            rest.push_back(SlaEvent::priorityChange(at, *to));
            lastPriority = to;
            break;
        }
        case TicketEvent::Kind::Reply:
        case TicketEvent::Kind::Note:
            rest.push_back(SlaEvent::reply(at, e.newValue == u"agent", kind == TicketEvent::Kind::Reply));
            break;
        default:
            continue;
        }
        lastAt = std::max(lastAt, at);
    }
    if (coverage == SlaLogCoverage::MayLag && !history.isEmpty()) {
        // The ticket is ahead of its log (a local edit, or a push result whose log has not been
        // pulled yet): its current values apply from its `updatedAt`.
        const qint64 at = std::max(t.updatedAt, lastAt);
        if (!lastStatus.isEmpty() && lastStatus != toWire(t.status))
            rest.push_back(SlaEvent::statusChange(at, toWire(t.status)));
        if (lastPriority && *lastPriority != t.priority)
            rest.push_back(SlaEvent::priorityChange(at, t.priority));
    }
    for (const qint64 at : pending.publicReplies)
        rest.push_back(SlaEvent::reply(std::max({at, t.createdAt, lastAt}), true, true));
    std::stable_sort(
        rest.begin(), rest.end(), [](const SlaEvent &a, const SlaEvent &b) { return a.at < b.at; });
    std::vector<SlaEvent> out;
    out.reserve(rest.size() + 1);
    out.push_back(SlaEvent::created(t.createdAt, initialPriority.value_or(t.priority),
        initialStatus.isEmpty() ? toWire(t.status) : initialStatus));
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

} // namespace triage
