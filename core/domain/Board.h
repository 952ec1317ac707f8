#pragma once

#include "Enums.h"
#include "Validation.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace triage {

// A kanban column shows the tickets in one or more statuses; 0 = no WIP limit.
struct BoardColumn {
    QString title;
    QList<TicketStatus> statuses;
    int wipLimit = 0;
    bool operator==(const BoardColumn &) const = default;
};

enum class Swimlanes { None, Priority, Assignee };

struct Board {
    QString id;
    QString name;
    QString groupId; // empty = all groups the viewer can see
    QList<BoardColumn> columns;
    Swimlanes swimlanes = Swimlanes::None;
    int closedRecentDays = 7; // the Closed column shows only recent cards unless "show all"

    bool operator==(const Board &) const = default;
    QJsonObject toJson() const;
    static std::optional<Board> fromJson(const QJsonObject &json, FieldErrors *errors);
    FieldErrors validate() const;

    // The article's board: New → In progress → Waiting → Resolved → Closed.
    static Board defaultBoard(const QString &id, const QString &name);
    // Index of the column that shows `status`, or -1.
    int columnOf(TicketStatus status) const;
};

} // namespace triage
