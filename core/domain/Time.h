#pragma once

#include <QString>

#include <optional>

namespace triage {

// Wire form of instants: ISO 8601 in UTC with milliseconds, e.g. 2026-03-02T07:00:00.000Z.
QString isoUtc(qint64 msecsSinceEpoch);
// Parses an ISO 8601 instant with a UTC offset (`Z` or ±hh:mm); nullopt for anything else,
// including date-only and offset-less forms. Our own form takes a fast path without QDateTime
// (history logs hold hundreds of thousands of instants in an initial sync).
std::optional<qint64> parseIsoUtc(const QString &text);
// Exactly "2026-03-02T07:00:00.000Z" (the form isoUtc writes) → ms since the epoch, checked (month
// lengths, leap years) without QDateTime; nullopt for any other form (use parseIsoUtc).
std::optional<qint64> parseWireInstant(QStringView text);
std::optional<qint64> parseWireInstant(QLatin1StringView text); // the same, from bytes (a feed page)
// Now, by the process-wide Clock (Clock.h): the system clock unless a test or triaged's
// --test-clock installed another.
qint64 nowMs();

} // namespace triage
