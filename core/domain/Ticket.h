#pragma once

#include "Enums.h"
#include "SlaSnapshot.h"
#include "Validation.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

struct TicketLink {
    LinkKind kind = LinkKind::RelatesTo;
    QString ticketId;
    bool operator==(const TicketLink &) const = default;
};

// A service-desk request. The value type shared by the cache, the server, the REST API and the CLI.
// Times are UTC milliseconds since the epoch; `number` is assigned by the server on first sync.
struct Ticket {
    QString id; // UUIDv7, client-generatable
    std::optional<qint64> number;
    QString title;
    QString description;
    TicketType type = TicketType::Incident;
    TicketStatus status = TicketStatus::New;
    Priority priority = Priority::Normal;
    Level impact = Level::Medium;
    Level urgency = Level::Medium;
    QString requesterId;
    QString assigneeId; // empty = unassigned
    QString groupId; // empty = no group
    Channel channel = Channel::Api;
    QStringList tags;
    QList<TicketLink> links;
    std::optional<int> csatRating; // 1..5
    QString csatComment;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 version = 0; // server version, 0 until synced
    double rank = 0; // position in a kanban column, fractional
    SlaSnapshot sla; // derived by the cache from the event log; not on the wire

    bool operator==(const Ticket &) const = default;

    QJsonObject toJson() const;
    // Parses and validates; on failure returns std::nullopt and fills `errors`.
    static std::optional<Ticket> fromJson(const QJsonObject &json, FieldErrors *errors);
    // The domain rules that must hold for any ticket, however it was built.
    FieldErrors validate() const;
};

// Normalises a tag the way every layer must: trimmed, lower-case.
QString normaliseTag(const QString &tag);

constexpr int kMaxTitleLength = 500;
constexpr int kMaxDescriptionLength = 100000;
constexpr int kMaxTags = 50;
constexpr int kMaxTagLength = 64;

} // namespace triage
