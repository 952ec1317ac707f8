#include "Time.h"

#include <QDateTime>

namespace triage {

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(Qt::ISODateWithMs);
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

} // namespace

namespace {

// QStringView or QLatin1StringView: the same fixed-format reader over either.
template<typename View> std::optional<qint64> parseWire(View s)
{
    if (s.size() != 24 || s[4] != u'-' || s[7] != u'-' || s[10] != u'T' || s[13] != u':' || s[16] != u':'
        || s[19] != u'.' || s[23] != u'Z')
        return std::nullopt;
    int digits[17];
    int n = 0;
    for (const int i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22}) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return std::nullopt;
        digits[n++] = c - u'0';
    }
    const int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    const int month = digits[4] * 10 + digits[5];
    const int day = digits[6] * 10 + digits[7];
    const int hour = digits[8] * 10 + digits[9];
    const int minute = digits[10] * 10 + digits[11];
    const int second = digits[12] * 10 + digits[13];
    const int ms = digits[14] * 100 + digits[15] * 10 + digits[16];
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || hour > 23 || minute > 59
        || second > 59)
        return std::nullopt;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap)
        return std::nullopt;
    return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 + second * 1000 + ms;
}

} // namespace

std::optional<qint64> parseWireInstant(QStringView s)
{
    return parseWire(s);
}

std::optional<qint64> parseWireInstant(QLatin1StringView s)
{
    return parseWire(s);
}

std::optional<qint64> parseIsoUtc(const QString &text)
{
    if (const auto fast = parseWireInstant(text))
        return fast;
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    // Date-only and offset-less forms are ambiguous (Qt would read them as local time).
    if (!dt.isValid() || text.size() < 20 || dt.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace triage
