#include "RuleSubject.h"

#include "domain/Enums.h"
#include "domain/TicketEvent.h"

#include <array>

namespace triage {
namespace {

// Wire names indexed by enum value, built once: evaluation compares shared strings instead of
// allocating a name per look.
template<typename E> const QString &nameOf(E v, const QStringList &names)
{
    return names.at(static_cast<qsizetype>(v));
}

const QStringList &statusNames()
{
    static const QStringList n = allTicketStatuses();
    return n;
}
const QStringList &priorityNames()
{
    static const QStringList n = allPriorities();
    return n;
}
const QStringList &typeNames()
{
    static const QStringList n = allTicketTypes();
    return n;
}
const QStringList &levelNames()
{
    static const QStringList n = allLevels();
    return n;
}
const QStringList &channelNames()
{
    static const QStringList n = allChannels();
    return n;
}

} // namespace

QString ruleFieldText(const Ticket &t, const QJsonObject &custom, const RuleField &field)
{
    switch (field.id) {
    case RuleFieldId::Title:
        return t.title;
    case RuleFieldId::Description:
        return t.description;
    case RuleFieldId::Type:
        return nameOf(t.type, typeNames());
    case RuleFieldId::Status:
        return nameOf(t.status, statusNames());
    case RuleFieldId::Priority:
        return nameOf(t.priority, priorityNames());
    case RuleFieldId::Impact:
        return nameOf(t.impact, levelNames());
    case RuleFieldId::Urgency:
        return nameOf(t.urgency, levelNames());
    case RuleFieldId::Assignee:
        return t.assigneeId;
    case RuleFieldId::Group:
        return t.groupId;
    case RuleFieldId::Requester:
        return t.requesterId;
    case RuleFieldId::Channel:
        return nameOf(t.channel, channelNames());
    case RuleFieldId::Tags:
        return t.tags.join(u',');
    case RuleFieldId::CsatRating:
        return t.csatRating ? QString::number(*t.csatRating) : QString();
    case RuleFieldId::CsatComment:
        return t.csatComment;
    case RuleFieldId::Number:
        return t.number ? QString::number(*t.number) : QString();
    case RuleFieldId::Custom: {
        const QJsonValue v = custom.value(field.key);
        if (v.isBool())
            return v.toBool() ? u"true"_qs : u"false"_qs;
        if (v.isDouble())
            return QString::number(v.toDouble());
        return v.toString();
    }
    default:
        return {};
    }
}

std::optional<qint64> RuleSubject::enteredAt(RuleFieldId field, const QStringList &values) const
{
    if (!values.contains(ruleFieldText(ticket, {}, RuleField {field, {}})))
        return std::nullopt;
    qint64 entry = ticket.createdAt;
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
        if (it->field != field)
            continue;
        if (!values.contains(it->to) || !values.contains(it->from)) {
            // Entered here (or the log lags behind the ticket: then the last change is the best
            // moment known).
            entry = it->at;
            break;
        }
    }
    return entry;
}

std::optional<qint64> RuleSubject::enteredAt(const RuleTimeTrigger &watched) const
{
    if (watched.mask) {
        const int current = watched.field.id == RuleFieldId::Status ? int(ticket.status)
            : watched.field.id == RuleFieldId::Priority             ? int(ticket.priority)
                                                                    : -1;
        if (current >= 0 && !(watched.mask & (1u << current)))
            return std::nullopt;
    }
    return enteredAt(watched.field.id, watched.in);
}

std::vector<RuleStateChange> RuleSubject::changesFromHistory(const QList<TicketEvent> &history)
{
    std::vector<RuleStateChange> out;
    for (const TicketEvent &e : history) {
        RuleFieldId f;
        switch (e.kind()) {
        case TicketEvent::Kind::Status:
            f = RuleFieldId::Status;
            break;
        case TicketEvent::Kind::Priority:
            f = RuleFieldId::Priority;
            break;
        case TicketEvent::Kind::Assignee:
            f = RuleFieldId::Assignee;
            break;
        case TicketEvent::Kind::Group:
            f = RuleFieldId::Group;
            break;
        default:
            continue;
        }
        out.push_back({e.at, f, e.oldValue, e.newValue});
    }
    std::stable_sort(out.begin(), out.end(),
        [](const RuleStateChange &a, const RuleStateChange &b) { return a.at < b.at; });
    return out;
}

} // namespace triage
