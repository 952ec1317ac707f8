#pragma once

#include "domain/Directory.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace triage::server {

// The demo organisation's SLA configuration (docs/sla.md "Demo"): a Moscow office calendar
// (09:00–18:00 Mon–Fri, the 2026 Russian public holidays), a 24×7 calendar for IT (the critical,
// on-call group), and three policies with warnings and escalations — so the console shows
// realistic countdowns. Documents in the stored form of PUT /calendars and /sla-policies.
struct DemoSla {
    QList<QJsonObject> calendars;
    QList<QJsonObject> policies;
    QHash<QString, QString> calendarByGroup; // group id → calendar id

    static DemoSla make(const QList<Group> &groups);
    // Non-working weekdays of 2026 in Russia (Government decree on the 2026 transfers included).
    static QStringList russianHolidays2026();
};

} // namespace triage::server
