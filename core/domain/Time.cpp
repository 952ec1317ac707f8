#include "Time.h"

#include "Clock.h"

#include <QDateTime>

namespace triage {

namespace {

// 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the fixed-width range.
constexpr qint64 kFirstFixedMs = -62135596800000;
constexpr qint64 kLastFixedMs = 253402300799999;

// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
void civilFromDays(qint64 z, int *y, int *m, int *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    *y = static_cast<int>(static_cast<qint64>(yoe) + era * 400 + (*m <= 2));
}

} // namespace

QString isoUtc(qint64 ms)
{
    if (ms < kFirstFixedMs || ms > kLastFixedMs) // Qt's own form for the far past and future
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    // Without QDateTime: fromMSecsSinceEpoch in local time asked the C library for the time zone
    // (a stat of /etc/localtime per call), which was ~6 % of the server's time per mutation.
    qint64 days = ms / 86400000;
    qint64 rest = ms % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    int y = 0, mo = 0, d = 0;
    civilFromDays(days, &y, &mo, &d);
    const int h = static_cast<int>(rest / 3600000);
    const int mi = static_cast<int>(rest / 60000 % 60);
    const int sec = static_cast<int>(rest / 1000 % 60);
    const int milli = static_cast<int>(rest % 1000);
    char16_t out[24]
        = {0, 0, 0, 0, u'-', 0, 0, u'-', 0, 0, u'T', 0, 0, u':', 0, 0, u':', 0, 0, u'.', 0, 0, 0, u'Z'};
    const auto put = [&out](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            out[at + i] = static_cast<char16_t>(u'0' + value % 10);
    };
    put(0, y, 4);
    put(5, mo, 2);
    put(8, d, 2);
    put(11, h, 2);
    put(14, mi, 2);
    put(17, sec, 2);
    put(20, milli, 3);
    return QString(reinterpret_cast<const QChar *>(out), 24);
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
    return Clock::current().nowMs();
}

} // namespace triage
