#pragma once

#include "domain/Validation.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace triage {

class BusinessCalendar;

// A group's on-duty roster: a weekly pattern of shifts plus dated overrides and swaps, in the
// wall-clock time of the group's business calendar (its zone and holidays). Pure data with pure
// queries; the caller passes the calendar, so a roster follows its group's calendar when an admin
// changes it. Format and rules: docs/automation.md "Routing and roster".
struct Roster {
    // One line of the weekly pattern. `endMin` <= `startMin` ends on the next day (overnight);
    // equal means 24 hours.
    struct Shift {
        QString agentId;
        quint8 days = 0; // bit 0 = Monday … bit 6 = Sunday
        int startMin = 0; // local minutes of the day, 0..1439
        int endMin = 0; // 1..1440
        bool onCall = false; // the person critical tickets go to first (priority strategy)
        bool onHolidays = false; // worked on the calendar's holidays too (else skipped)
        bool operator==(const Shift &) const = default;
    };
    // On `date` (through `until`, inclusive, when set: a holiday, a temporary schedule): `off`
    // takes the agent's shifts starting those days away; otherwise an extra shift each day.
    struct Override {
        QDate date;
        QDate until; // invalid: `date` only
        QString agentId;
        bool off = false;
        int startMin = 0;
        int endMin = 0;
        bool onCall = false;
        bool operator==(const Override &) const = default;
        bool appliesOn(const QDate &day) const
        {
            return day >= date && day <= (until.isValid() ? until : date);
        }
    };
    // On `date`, `agentId` works `withId`'s shifts and `withId` works `agentId`'s.
    struct Swap {
        QDate date;
        QString agentId;
        QString withId;
        bool operator==(const Swap &) const = default;
    };
    // One shift as worked: who, when (UTC), and whether on call.
    struct Duty {
        QString agentId;
        qint64 fromMs = 0; // inclusive
        qint64 toMs = 0; // exclusive
        bool onCall = false;
        bool operator==(const Duty &) const = default;
    };
    // The next change of who is on duty.
    struct Handover {
        qint64 atMs = 0;
        std::vector<Duty> onDuty; // on duty from atMs (may be empty: nobody)
    };

    QString groupId;
    std::vector<Shift> weekly;
    std::vector<Override> overrides;
    std::vector<Swap> swaps;

    bool operator==(const Roster &) const = default;
    bool isEmpty() const { return weekly.empty() && overrides.empty(); }

    // Shifts starting on a local day of `calendar` (days since 1970-01-01 in its zone), after
    // holidays, swaps and overrides, in UTC. A shift over a DST change lasts its real length.
    std::vector<Duty> shiftsStartingOn(const BusinessCalendar &calendar, qint64 localDay) const;
    // Who is on duty at `atMs` (one entry per agent, sorted by agent id).
    std::vector<Duty> onDutyAt(const BusinessCalendar &calendar, qint64 atMs) const;
    bool isOnShift(const BusinessCalendar &calendar, const QString &agentId, qint64 atMs) const;
    // Who is next and from when: the first instant after `atMs` at which the set of agents on
    // duty changes; nullopt when nothing changes within `horizonDays`.
    std::optional<Handover> nextHandover(
        const BusinessCalendar &calendar, qint64 atMs, int horizonDays = 62) const;
    // The agent's next shift starting after `atMs` (nullopt within `horizonDays`).
    std::optional<Duty> nextShiftOf(
        const BusinessCalendar &calendar, const QString &agentId, qint64 atMs, int horizonDays = 62) const;

    // Whom a critical ticket (priority strategy) or a "notify on duty" goes to: the on-call agents
    // among `onDuty` if any, else all of them.
    static QStringList firstResponders(const std::vector<Duty> &onDuty);
    // The same at `atMs`; with no roster, no calendar or no shifts, `fallbackId` (the group's fixed
    // Group::onDutyId) if set. One rule for the Router, the rule engine and the server's alerts.
    static QStringList onDutyIds(
        const Roster *roster, const BusinessCalendar *calendar, const QString &fallbackId, qint64 atMs);

    // Agents the roster names (for the server's "points at disabled users" check).
    QStringList agentIds() const;

    QJsonObject toJson() const;
    static std::optional<Roster> fromJson(const QJsonObject &json, FieldErrors *errors);
    FieldErrors validate() const;
};

} // namespace triage
