#pragma once

#include "SlaEvent.h"
#include "SlaPolicy.h"
#include "domain/Enums.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace triage {

// Which tickets a stored policy applies to (`applies_to` of a policy document). An empty list
// matches every value of its dimension; a match needs every non-empty list to contain the
// ticket's value.
struct SlaPolicyMatch {
    QList<Priority> priorities;
    QList<TicketType> types;
    QStringList groups; // group ids

    bool matches(Priority priority, TicketType type, const QString &groupId) const;
    bool isCatchAll() const { return priorities.isEmpty() && types.isEmpty() && groups.isEmpty(); }
    // Orders candidates (docs/sla.md "Policy selection"): more constrained dimensions first, then
    // group before type before priority. 0 (catch-all) … 7 (all three).
    int specificity() const;

    // Parses `applies_to` ({"priorities": [...], "types": [...], "groups": [...]}, every key
    // optional); on failure nullopt and a one-line message naming the field.
    static std::optional<SlaPolicyMatch> fromJson(const QJsonValue &json, QString *error);
    QJsonObject toJson() const;
};

// One stored policy document {"id", "name", "policy": {...}, "applies_to": {...}}.
struct SlaPolicyEntry {
    QString id;
    QString name;
    SlaPolicyMatch match;
    SlaPolicy policy;

    // Parses a stored document; `applies_to` is optional (absent: a catch-all).
    static std::optional<SlaPolicyEntry> fromDoc(const QJsonObject &doc, QString *error);
};

// Several stored SLA policies and the rule that picks one for a ticket: the most specific policy
// whose `applies_to` matches the ticket's priority, type and group; among equally specific ones
// the smallest id; when none matches (or nothing is stored) the built-in default. Pure Core: the
// console (offline countdowns), triaged (TicketSla, breaches, escalations) and the CLI share it.
class SlaPolicySet
{
public:
    SlaPolicySet();
    // Stored documents of kind `sla_policy`, as synced to the console or read by triaged. A
    // document that does not parse is left out (logged; its id and reason appended to `skipped`).
    static SlaPolicySet fromDocs(const QList<QJsonObject> &docs, QStringList *skipped = nullptr);

    // 24×7 semantics are the calendar's business; targets: first response / resolution critical
    // 1 h / 4 h, high 4 h / 8 h, normal 8 h / 24 h, low 24 h / 72 h; next response as first
    // response; pause on `waiting`, stop on `resolved`/`closed`.
    static SlaPolicy builtInDefault();

    void add(SlaPolicyEntry entry);
    const std::vector<SlaPolicyEntry> &entries() const { return m_entries; } // in precedence order
    bool isEmpty() const { return m_entries.empty(); }

    // The winning stored entry, or nullptr when the built-in default applies.
    const SlaPolicyEntry *match(Priority priority, TicketType type, const QString &groupId) const;
    const SlaPolicy &select(Priority priority, TicketType type, const QString &groupId) const;
    // The id of the policy select() returns; empty for the built-in default.
    QString selectId(Priority priority, TicketType type, const QString &groupId) const;

    // The policy for a ticket evaluated at `now`: selected by the priority the event log gives at
    // `now` (the latest priority event at or before it, else the `created` one), so a priority
    // change can switch policies; the whole log is then evaluated with that policy.
    const SlaPolicy &selectFor(const std::vector<SlaEvent> &events, TicketType type, const QString &groupId,
        qint64 now, QString *policyId = nullptr) const;

private:
    std::vector<SlaPolicyEntry> m_entries;
    SlaPolicy m_default;
};

// The ticket's priority at `now` according to its event log (defaults to Normal on an empty log).
Priority slaPriorityAt(const std::vector<SlaEvent> &events, qint64 now);

} // namespace triage
