#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

namespace triage {

// The report JSON of docs/metrics.md as CSV (RFC 4180, UTF-8, CRLF) for spreadsheets: a
// metric/value section, then volume by day, then agents — each with its own header row, separated
// by an empty line. Ratios stay ratios (0.9123), durations are minutes, empty cells mean "none".
QByteArray reportToCsv(const QJsonObject &report);
// Drill-down rows (GET /api/v1/reports/tickets): number, title, instant, id.
QByteArray ticketsToCsv(const QJsonArray &tickets);
QByteArray csvField(const QString &text);

} // namespace triage
