#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

// The closed vocabularies of the domain. Each has a stable wire name (JSON, SQL, CLI) that never
// changes with the UI language; translations live in the UI layer.

enum class TicketType { Incident, Request, Problem, Question };
enum class TicketStatus { New, InProgress, Waiting, Resolved, Closed };
enum class Priority { Critical, High, Normal, Low };
enum class Channel { Email, Telegram, Web, Phone, Api };
// Viewer: read-only staff (a wall screen, an auditor): sees what a lead sees for its groups, writes nothing.
enum class UserRole { Agent, Lead, Admin, Requester, Viewer };
enum class Level { High, Medium, Low }; // impact and urgency
enum class LinkKind { ProblemOf, DuplicateOf, ParentOf, ChildOf, RelatesTo };

QString toWire(TicketType v);
QString toWire(TicketStatus v);
QString toWire(Priority v);
QString toWire(Channel v);
QString toWire(UserRole v);
QString toWire(Level v);
QString toWire(LinkKind v);

std::optional<TicketType> ticketTypeFromWire(QStringView s);
std::optional<TicketStatus> ticketStatusFromWire(QStringView s);
std::optional<Priority> priorityFromWire(QStringView s);
std::optional<Channel> channelFromWire(QStringView s);
std::optional<UserRole> userRoleFromWire(QStringView s);
std::optional<Level> levelFromWire(QStringView s);
std::optional<LinkKind> linkKindFromWire(QStringView s);

QStringList allTicketTypes();
QStringList allTicketStatuses();
QStringList allPriorities();
QStringList allChannels();
QStringList allUserRoles();
QStringList allLevels();
QStringList allLinkKinds();

// Lower rank = more urgent; used for sorting and for "raise priority" rules.
int priorityRank(Priority p);
Priority raisedPriority(Priority p);

} // namespace triage
