#include "TicketSlaState.h"

#include "SlaEngine.h"
#include "domain/Directory.h"
#include "domain/Ticket.h"

#include <QJsonDocument>

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

TicketSlaState::TicketSlaState() = default;

void TicketSlaState::setCalendars(const QList<QJsonObject> &docs)
{
    m_calendars.clear();
    for (const QJsonObject &doc : docs) {
        if (auto c = BusinessCalendar::fromJson(doc.value(u"calendar"_qs), nullptr))
            m_calendars.emplace_back(doc.value(u"id"_qs).toString(), std::move(*c));
    }
    std::sort(m_calendars.begin(), m_calendars.end(),
        [](const auto &a, const auto &b) { return a.first < b.first; });
}

void TicketSlaState::setPolicies(const QList<QJsonObject> &docs)
{
    m_policies = SlaPolicySet::fromDocs(docs);
}

void TicketSlaState::setGroups(const QList<QJsonObject> &groups)
{
    m_groupCalendar.clear();
    for (const QJsonObject &g : groups) {
        const QString calendar = g.value(u"calendar_id"_qs).toString();
        if (!calendar.isEmpty())
            m_groupCalendar.insert(g.value(u"id"_qs).toString(), calendar);
    }
}

const BusinessCalendar &TicketSlaState::calendarFor(const QString &groupId) const
{
    if (m_calendars.empty())
        return m_default;
    const QString wanted = m_groupCalendar.value(groupId);
    if (!wanted.isEmpty()) {
        for (const auto &[id, calendar] : m_calendars) {
            if (id == wanted)
                return calendar;
        }
    }
    return m_calendars.front().second;
}

const SlaPolicy &TicketSlaState::policyFor(
    const Ticket &t, const std::vector<SlaEvent> &events, qint64 now) const
{
    return m_policies.selectFor(events, t.type, t.groupId, now);
}

std::vector<SlaEvent> TicketSlaState::events(
    const Ticket &t, const QList<TicketEvent> &history, const PendingSla &pending)
{
    std::vector<SlaEvent> rest;
    QString initialStatus;
    std::optional<Priority> initialPriority;
    QString lastStatus;
    std::optional<Priority> lastPriority;
    qint64 lastAt = t.createdAt;
    for (const TicketEvent &e : history) {
        const qint64 at = std::max(e.at, t.createdAt);
        if (e.field == TicketEvent::kCreated) {
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
        } else if (e.field == TicketEvent::kStatus) {
            if (initialStatus.isEmpty())
                initialStatus = e.oldValue;
            rest.push_back(SlaEvent::statusChange(at, e.newValue));
            lastStatus = e.newValue;
        } else if (e.field == TicketEvent::kPriority) {
            if (const auto to = priorityFromWire(e.newValue)) {
                if (!initialPriority)
                    initialPriority = priorityFromWire(e.oldValue);
                rest.push_back(SlaEvent::priorityChange(at, *to));
                lastPriority = to;
            }
        } else if (e.field == TicketEvent::kReply || e.field == TicketEvent::kNote) {
            rest.push_back(SlaEvent::reply(at, e.newValue == u"agent", e.field == TicketEvent::kReply));
        } else {
            continue;
        }
        lastAt = std::max(lastAt, at);
    }
    if (!history.isEmpty()) {
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

std::vector<SlaTimer> TicketSlaState::timers(
    const Ticket &t, const QList<TicketEvent> &history, const PendingSla &pending, qint64 now) const
{
    const std::vector<SlaEvent> log = events(t, history, pending);
    // The engine ignores events after `now`: a server clock ahead of ours must not hide them.
    const qint64 at = std::max(now, log.back().at);
    return SlaEngine::evaluate(calendarFor(t.groupId), policyFor(t, log, at), log, at);
}

SlaSnapshot TicketSlaState::snapshotOf(const std::vector<SlaTimer> &timers)
{
    // The latest cycle of each metric; of those, the running one due first, else a paused one.
    SlaSnapshot s;
    for (const SlaMetric m : kSlaMetrics) {
        const SlaTimer *current = nullptr;
        for (const SlaTimer &timer : timers) {
            if (timer.metric == m && (!current || timer.cycle >= current->cycle))
                current = &timer;
        }
        if (!current)
            continue;
        if (current->state == SlaTimerState::Running && current->due && *current->due < s.due) {
            s.due = *current->due;
            s.metric = m;
            s.paused = false;
            s.warnAt = SlaSnapshot::kNone;
            for (const SlaMark &mark : current->marks) {
                if (mark.kind == SlaMark::Kind::Warning)
                    s.warnAt = std::min(s.warnAt, mark.at);
            }
        } else if (current->state == SlaTimerState::Paused && s.due == SlaSnapshot::kNone
            && (!s.paused || current->remainingMs < s.remainingMs)) {
            s.paused = true;
            s.metric = m;
            s.remainingMs = current->remainingMs;
        }
    }
    return s;
}

SlaSnapshot TicketSlaState::snapshot(
    const Ticket &t, const QList<TicketEvent> &history, const PendingSla &pending, qint64 now) const
{
    return snapshotOf(timers(t, history, pending, now));
}

} // namespace triage

namespace triage {

bool SlaInputs::absorb(
    const QList<QPair<QString, QJsonObject>> &entities, const QList<QPair<QString, QString>> &removed)
{
    const auto listOf = [this](const QString &kind) -> QList<QJsonObject> * {
        if (kind == u"calendar")
            return &calendars;
        if (kind == u"sla_policy")
            return &policies;
        if (kind == u"group")
            return &groups;
        return nullptr;
    };
    const auto drop = [](QList<QJsonObject> *list, const QString &id) {
        list->removeIf([&id](const QJsonObject &o) { return o.value(u"id"_qs).toString() == id; });
    };
    bool changed = false;
    for (const auto &[kind, doc] : entities) {
        if (QList<QJsonObject> *list = listOf(kind)) {
            drop(list, doc.value(u"id"_qs).toString());
            list->append(doc);
            changed = true;
        }
    }
    for (const auto &[kind, id] : removed) {
        if (QList<QJsonObject> *list = listOf(kind)) {
            drop(list, id);
            changed = true;
        }
    }
    return changed;
}

TicketSlaState SlaInputs::state() const
{
    TicketSlaState s;
    s.setCalendars(calendars);
    s.setPolicies(policies);
    s.setGroups(groups);
    return s;
}

} // namespace triage
