#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace triage {

// One entry of a ticket's event log: the server's `ticket_history` row as it travels in the change
// feed (`history` on ticket upserts, docs/sync-protocol.md) and as the console cache stores it.
// Fields: `created` (the initial values as a JSON object in `newValue`), `status`, `priority`,
// `assignee_id`, `group_id`, `csat_rating` (old → new wire values), `reply` / `note` (`newValue`
// is the author's side: `agent` or `requester`), `deleted`. Clients keep entries of fields they do
// not know (later servers may log more) and ignore them.
struct TicketEvent {
    // The logged fields, typed. `Other`: a field this version does not know (kept, ignored).
    enum class Kind : quint8 {
        Created,
        Status,
        Priority,
        Assignee,
        Group,
        Reply,
        Note,
        Rating,
        Deleted,
        Other
    };

    qint64 at = 0; // UTC ms, server clock
    QString userId;
    QString field;
    QString oldValue;
    QString newValue;

    bool operator==(const TicketEvent &) const = default;

    // {"at": ISO, "by": id, "field": …, "from": …, "to": …}; `created` carries `initial` (object)
    // instead of `to`; empty values are left out.
    QJsonObject toJson() const;
    static std::optional<TicketEvent> fromJson(const QJsonObject &json, QString *error);
    // An array of entries; fails on the first malformed one.
    static std::optional<QList<TicketEvent>> listFromJson(const QJsonArray &json, QString *error);
    // The same as JSON text (a log as the cache stores it: one array per ticket).
    static QByteArray listToJsonText(const QList<TicketEvent> &events);
    static std::optional<QList<TicketEvent>> listFromJsonText(const QByteArray &text, QString *error);

    Kind kind() const { return kindOf(field); }
    static Kind kindOf(QStringView field);
    // The wire name of `kind` (the one table of them, also used by triaged's HistoryLog); empty for
    // Other.
    static const QString &fieldName(Kind kind);

    // The wire names (`field`), declared once for the console, the CLI and triaged.
    static constexpr QStringView kCreated = u"created";
    static constexpr QStringView kStatus = u"status";
    static constexpr QStringView kPriority = u"priority";
    static constexpr QStringView kAssignee = u"assignee_id";
    static constexpr QStringView kGroup = u"group_id";
    static constexpr QStringView kReply = u"reply";
    static constexpr QStringView kNote = u"note";
    static constexpr QStringView kRating = u"csat_rating";
    static constexpr QStringView kDeleted = u"deleted";
};

} // namespace triage
