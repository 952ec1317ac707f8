#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace triage::slajson {

// Helpers shared by the SLA readers so every error names the field and what was found there.

QString typeName(const QJsonValue &v);
// "expected a string, got number 3"
QString expected(const QString &what, const QJsonValue &got);
// ISO 8601 instant. With an offset or Z it is that instant; without one it is wall-clock time in
// `zone` (the earlier instant inside a DST fold).
std::optional<qint64> parseInstant(const QString &text, const QTimeZone &zone);
// Keys of `o` that are not in `allowed`, joined for a message; empty when none.
QString unknownKeys(const QJsonObject &o, std::initializer_list<const char16_t *> allowed);
// "HH:MM" → minutes of the day (two digits each); "24:00" only as an end. Calendars and rosters.
std::optional<int> parseClock(const QString &text, bool isEnd);
// Minutes of the day → "HH:MM".
QString clockText(int minutes);

} // namespace triage::slajson
