#include "SlaPolicySet.h"

#include "SlaJsonUtil.h"
#include "SlaTypes.h"

#include <QJsonArray>

#include <algorithm>

namespace triage {
namespace {

using namespace slajson;

template<typename T, typename Parse>
QString parseList(const QJsonObject &o, const QString &key, const QString &what, Parse parse, QList<T> *out)
{
    if (!o.contains(key))
        return {};
    const QString path = u"applies_to."_qs + key;
    const QJsonValue v = o.value(key);
    if (!v.isArray())
        return path + u": "_qs + expected(u"a list of "_qs + what, v);
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const std::optional<T> item = a.at(i).isString() ? parse(a.at(i).toString()) : std::nullopt;
        if (!item)
            return path + u'[' + QString::number(i) + u"]: "_qs + expected(what, a.at(i));
        if (!out->contains(*item))
            out->append(*item);
    }
    return {};
}

bool precedes(const SlaPolicyEntry &a, const SlaPolicyEntry &b)
{
    const int sa = a.match.specificity();
    const int sb = b.match.specificity();
    return sa != sb ? sa > sb : a.id < b.id;
}

} // namespace

bool SlaPolicyMatch::matches(Priority priority, TicketType type, const QString &groupId) const
{
    return (priorities.isEmpty() || priorities.contains(priority))
        && (types.isEmpty() || types.contains(type)) && (groups.isEmpty() || groups.contains(groupId));
}

int SlaPolicyMatch::specificity() const
{
    // Bits group 4, type 2, priority 1, ranked by how many are set first: 7, 6, 5, 3, 4, 2, 1, 0.
    const int bits = (groups.isEmpty() ? 0 : 4) | (types.isEmpty() ? 0 : 2) | (priorities.isEmpty() ? 0 : 1);
    static constexpr int kRank[8] = {0, 1, 2, 4, 3, 5, 6, 7}; // index: bits
    return kRank[bits];
}

std::optional<SlaPolicyMatch> SlaPolicyMatch::fromJson(const QJsonValue &json, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<SlaPolicyMatch> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!json.isObject())
        return fail(u"applies_to: "_qs + expected(u"an object"_qs, json));
    const QJsonObject o = json.toObject();
    if (const QString unknown = unknownKeys(o, {u"priorities", u"types", u"groups"}); !unknown.isEmpty())
        return fail(u"applies_to: unknown key "_qs + unknown);
    SlaPolicyMatch m;
    QString message = parseList<Priority>(
        o, u"priorities"_qs, u"a priority (critical, high, normal, low)"_qs,
        [](const QString &s) { return priorityFromWire(s); }, &m.priorities);
    if (message.isEmpty()) {
        message = parseList<TicketType>(
            o, u"types"_qs, u"a ticket type (incident, request, problem, question)"_qs,
            [](const QString &s) { return ticketTypeFromWire(s); }, &m.types);
    }
    if (message.isEmpty()) {
        QList<QString> groups;
        message = parseList<QString>(
            o, u"groups"_qs, u"a group id"_qs,
            [](const QString &s) { return s.isEmpty() || s.size() > 200 ? std::nullopt : std::optional(s); },
            &groups);
        m.groups = groups;
    }
    if (!message.isEmpty())
        return fail(message);
    return m;
}

QJsonObject SlaPolicyMatch::toJson() const
{
    QJsonObject o;
    if (!priorities.isEmpty()) {
        QJsonArray a;
        for (const Priority p : priorities)
            a.append(toWire(p));
        o.insert(u"priorities"_qs, a);
    }
    if (!types.isEmpty()) {
        QJsonArray a;
        for (const TicketType t : types)
            a.append(toWire(t));
        o.insert(u"types"_qs, a);
    }
    if (!groups.isEmpty())
        o.insert(u"groups"_qs, QJsonArray::fromStringList(groups));
    return o;
}

std::optional<SlaPolicyEntry> SlaPolicyEntry::fromDoc(const QJsonObject &doc, QString *error)
{
    SlaPolicyEntry e;
    e.id = doc.value(u"id"_qs).toString();
    e.name = doc.value(u"name"_qs).toString();
    auto policy = SlaPolicy::fromJson(doc.value(u"policy"_qs), error);
    if (!policy)
        return std::nullopt;
    e.policy = std::move(*policy);
    if (doc.contains(u"applies_to"_qs)) {
        auto match = SlaPolicyMatch::fromJson(doc.value(u"applies_to"_qs), error);
        if (!match)
            return std::nullopt;
        e.match = std::move(*match);
    }
    return e;
}

SlaPolicySet::SlaPolicySet()
    : m_default(builtInDefault())
{ }

SlaPolicySet SlaPolicySet::fromDocs(const QList<QJsonObject> &docs, QStringList *skipped)
{
    SlaPolicySet set;
    for (const QJsonObject &doc : docs) {
        QString why;
        if (auto e = SlaPolicyEntry::fromDoc(doc, &why)) {
            set.add(std::move(*e));
        } else {
            const QString id = doc.value(u"id"_qs).toString();
            qCWarning(lcSla, "stored SLA policy %s does not parse: %s", qPrintable(id), qPrintable(why));
            if (skipped)
                skipped->append(id + u": "_qs + why);
        }
    }
    return set;
}

SlaPolicy SlaPolicySet::builtInDefault()
{
    SlaPolicy p;
    const auto targets = [](double firstHours, double resolutionHours) {
        SlaPolicy::Targets t;
        t[size_t(SlaMetric::FirstResponse)] = firstHours * 60;
        t[size_t(SlaMetric::NextResponse)] = firstHours * 60;
        t[size_t(SlaMetric::Resolution)] = resolutionHours * 60;
        return t;
    };
    p.targetsByPriority[size_t(Priority::Critical)] = targets(1, 4);
    p.targetsByPriority[size_t(Priority::High)] = targets(4, 8);
    p.targetsByPriority[size_t(Priority::Normal)] = targets(8, 24);
    p.targetsByPriority[size_t(Priority::Low)] = targets(24, 72);
    p.targets = p.targetsByPriority[size_t(Priority::Normal)];
    return p;
}

void SlaPolicySet::add(SlaPolicyEntry entry)
{
    const auto at = std::upper_bound(m_entries.begin(), m_entries.end(), entry, precedes);
    m_entries.insert(at, std::move(entry));
}

const SlaPolicyEntry *SlaPolicySet::match(Priority priority, TicketType type, const QString &groupId) const
{
    for (const SlaPolicyEntry &e : m_entries) {
        if (e.match.matches(priority, type, groupId))
            return &e;
    }
    return nullptr;
}

const SlaPolicy &SlaPolicySet::select(Priority priority, TicketType type, const QString &groupId) const
{
    const SlaPolicyEntry *e = match(priority, type, groupId);
    return e ? e->policy : m_default;
}

QString SlaPolicySet::selectId(Priority priority, TicketType type, const QString &groupId) const
{
    const SlaPolicyEntry *e = match(priority, type, groupId);
    return e ? e->id : QString();
}

const SlaPolicy &SlaPolicySet::selectFor(const std::vector<SlaEvent> &events, TicketType type,
    const QString &groupId, qint64 now, QString *policyId) const
{
    const SlaPolicyEntry *e = match(slaPriorityAt(events, now), type, groupId);
    if (policyId)
        *policyId = e ? e->id : QString();
    return e ? e->policy : m_default;
}

Priority slaPriorityAt(const std::vector<SlaEvent> &events, qint64 now)
{
    Priority p = Priority::Normal;
    for (const SlaEvent &e : events) {
        if (e.at > now && e.type != SlaEvent::Type::Created)
            break;
        if (e.type == SlaEvent::Type::Created || e.type == SlaEvent::Type::PriorityChange)
            p = e.priority;
    }
    return p;
}

} // namespace triage
