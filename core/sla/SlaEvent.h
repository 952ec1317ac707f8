#pragma once

#include "domain/Enums.h"

#include <QJsonValue>
#include <QString>
#include <QTimeZone>

#include <optional>
#include <vector>

namespace triage {

// One entry of a ticket's immutable event log, as far as SLA timers care.
struct SlaEvent {
    enum class Type { Created, Status, Reply, PriorityChange };

    qint64 at = 0; // UTC ms
    Type type = Type::Created;
    QString status; // Created (initial status), Status (new status)
    Priority priority = Priority::Normal; // Created, PriorityChange
    bool fromAgent = false; // Reply
    bool isPublic = true; // Reply; internal notes change no timer

    static SlaEvent created(qint64 at, Priority priority, const QString &status = u"new"_qs);
    static SlaEvent statusChange(qint64 at, const QString &to);
    static SlaEvent reply(qint64 at, bool fromAgent, bool isPublic = true);
    static SlaEvent priorityChange(qint64 at, Priority to);
};

// Parses and validates the `events` list: known types and fields, time order, exactly one
// `created` event and nothing before it. Instants without an offset are read in `zone`.
std::optional<std::vector<SlaEvent>> parseSlaEvents(
    const QJsonValue &json, const QTimeZone &zone, QString *error);

} // namespace triage
