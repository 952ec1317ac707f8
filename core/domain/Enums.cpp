#include "Enums.h"

#include <array>

namespace triage {
namespace {

template<typename E, std::size_t N> struct Vocabulary {
    std::array<std::pair<E, const char16_t *>, N> items;

    QString name(E v) const
    {
        for (const auto &[e, s] : items) {
            if (e == v)
                return QString::fromUtf16(s);
        }
        return {};
    }
    std::optional<E> parse(QStringView s) const
    {
        for (const auto &[e, n] : items) {
            if (s == QStringView(n))
                return e;
        }
        return std::nullopt;
    }
    QStringList names() const
    {
        QStringList out;
        for (const auto &item : items)
            out << QString::fromUtf16(item.second);
        return out;
    }
};

constexpr Vocabulary<TicketType, 4> kTypes {
    {{{TicketType::Incident, u"incident"}, {TicketType::Request, u"request"},
        {TicketType::Problem, u"problem"}, {TicketType::Question, u"question"}}}};
constexpr Vocabulary<TicketStatus, 5> kStatuses {{{{TicketStatus::New, u"new"},
    {TicketStatus::InProgress, u"in_progress"}, {TicketStatus::Waiting, u"waiting"},
    {TicketStatus::Resolved, u"resolved"}, {TicketStatus::Closed, u"closed"}}}};
constexpr Vocabulary<Priority, 4> kPriorities {{{{Priority::Critical, u"critical"}, {Priority::High, u"high"},
    {Priority::Normal, u"normal"}, {Priority::Low, u"low"}}}};
constexpr Vocabulary<Channel, 5> kChannels {{{{Channel::Email, u"email"}, {Channel::Telegram, u"telegram"},
    {Channel::Web, u"web"}, {Channel::Phone, u"phone"}, {Channel::Api, u"api"}}}};
constexpr Vocabulary<UserRole, 5> kRoles {{{{UserRole::Agent, u"agent"}, {UserRole::Lead, u"lead"},
    {UserRole::Admin, u"admin"}, {UserRole::Requester, u"requester"}, {UserRole::Viewer, u"viewer"}}}};
constexpr Vocabulary<Level, 3> kLevels {
    {{{Level::High, u"high"}, {Level::Medium, u"medium"}, {Level::Low, u"low"}}}};
constexpr Vocabulary<LinkKind, 5> kLinks {{{{LinkKind::ProblemOf, u"problem_of"},
    {LinkKind::DuplicateOf, u"duplicate_of"}, {LinkKind::ParentOf, u"parent_of"},
    {LinkKind::ChildOf, u"child_of"}, {LinkKind::RelatesTo, u"relates_to"}}}};

} // namespace

QString toWire(TicketType v)
{
    return kTypes.name(v);
}
QString toWire(TicketStatus v)
{
    return kStatuses.name(v);
}
QString toWire(Priority v)
{
    return kPriorities.name(v);
}
QString toWire(Channel v)
{
    return kChannels.name(v);
}
QString toWire(UserRole v)
{
    return kRoles.name(v);
}
QString toWire(Level v)
{
    return kLevels.name(v);
}
QString toWire(LinkKind v)
{
    return kLinks.name(v);
}

std::optional<TicketType> ticketTypeFromWire(QStringView s)
{
    return kTypes.parse(s);
}
std::optional<TicketStatus> ticketStatusFromWire(QStringView s)
{
    return kStatuses.parse(s);
}
std::optional<Priority> priorityFromWire(QStringView s)
{
    return kPriorities.parse(s);
}
std::optional<Channel> channelFromWire(QStringView s)
{
    return kChannels.parse(s);
}
std::optional<UserRole> userRoleFromWire(QStringView s)
{
    return kRoles.parse(s);
}
std::optional<Level> levelFromWire(QStringView s)
{
    return kLevels.parse(s);
}
std::optional<LinkKind> linkKindFromWire(QStringView s)
{
    return kLinks.parse(s);
}

QStringList allTicketTypes()
{
    return kTypes.names();
}
QStringList allTicketStatuses()
{
    return kStatuses.names();
}
QStringList allPriorities()
{
    return kPriorities.names();
}
QStringList allChannels()
{
    return kChannels.names();
}
QStringList allUserRoles()
{
    return kRoles.names();
}
QStringList allLevels()
{
    return kLevels.names();
}
QStringList allLinkKinds()
{
    return kLinks.names();
}

int priorityRank(Priority p)
{
    return static_cast<int>(p);
}

Priority raisedPriority(Priority p)
{
    return p == Priority::Critical ? p : static_cast<Priority>(static_cast<int>(p) - 1);
}

} // namespace triage
