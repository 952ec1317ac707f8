#pragma once

#include "Enums.h"
#include "Validation.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace triage {

struct Ticket;

// A queue's filter and sort: what a saved view stores, what the REST list and the CLI accept.
struct TicketFilter {
    enum class Assignee { Any, Me, Unassigned, Specific };
    enum class SortKey { Due, Updated, Created, Priority, Number };

    QList<TicketStatus> statuses; // empty = any
    QList<Priority> priorities;
    QList<TicketType> types;
    QStringList groupIds;
    Assignee assignee = Assignee::Any;
    QString assigneeId; // for Specific
    QString requesterId;
    QString text; // full-text query
    QString tag;
    int breachingWithinMinutes = 0; // 0 = no SLA condition
    SortKey sortKey = SortKey::Due;
    bool descending = false;

    bool operator==(const TicketFilter &) const = default;

    // Pure predicate (no text search: that is the store's FTS). `me` resolves Assignee::Me.
    bool matches(const Ticket &t, const QString &me) const;

    QJsonObject toJson() const;
    static std::optional<TicketFilter> fromJson(const QJsonObject &json, FieldErrors *errors);
};

// A named filter with sort, personal (ownerId set) or shared with the team.
struct SavedView {
    QString id;
    QString name;
    QString ownerId; // empty = shared
    TicketFilter filter;
    int position = 0;

    bool operator==(const SavedView &) const = default;
    QJsonObject toJson() const;
    static std::optional<SavedView> fromJson(const QJsonObject &json, FieldErrors *errors);
};

} // namespace triage
