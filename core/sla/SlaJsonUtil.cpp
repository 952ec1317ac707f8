#include "SlaJsonUtil.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

namespace triage::slajson {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_qs;
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_qs : u"false"_qs;
    case QJsonValue::Double:
        return u"number "_qs + QString::number(v.toDouble());
    case QJsonValue::String: {
        QString s = v.toString();
        if (s.size() > 40)
            s = s.left(40) + u"…"_qs;
        return u"string \""_qs + s + u'"';
    }
    case QJsonValue::Array:
        return u"an array"_qs;
    case QJsonValue::Object:
        return u"an object"_qs;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_qs;
}

QString expected(const QString &what, const QJsonValue &got)
{
    return u"expected "_qs + what + u", got "_qs + typeName(got);
}

std::optional<qint64> parseInstant(const QString &text, const QTimeZone &zone)
{
    // Qt's ISO parser is lenient about some forms; insist on a full date and time.
    static const QRegularExpression shape(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?$"_qs);
    if (!shape.match(text).hasMatch())
        return std::nullopt;
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime) {
        const QDateTime inZone(dt.date(), dt.time(), zone);
        if (!inZone.isValid())
            return std::nullopt;
        return inZone.toMSecsSinceEpoch();
    }
    return dt.toMSecsSinceEpoch();
}

QString unknownKeys(const QJsonObject &o, std::initializer_list<const char16_t *> allowed)
{
    QStringList unknown;
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char16_t *a : allowed)
            known = known || it.key() == QStringView(a);
        if (!known)
            unknown << u'"' + it.key() + u'"';
    }
    return unknown.join(u", "_qs);
}

std::optional<int> parseClock(const QString &s, bool isEnd)
{
    if (s.size() != 5 || s[2] != u':' || !s[0].isDigit() || !s[1].isDigit() || !s[3].isDigit()
        || !s[4].isDigit())
        return std::nullopt;
    const int h = s.left(2).toInt();
    const int m = s.mid(3, 2).toInt();
    if (m > 59)
        return std::nullopt;
    if (h == 24 && m == 0 && isEnd)
        return 24 * 60;
    if (h > 23)
        return std::nullopt;
    return h * 60 + m;
}

QString clockText(int minutes)
{
    return QStringLiteral("%1:%2")
        .arg(minutes / 60, 2, 10, QChar(u'0'))
        .arg(minutes % 60, 2, 10, QChar(u'0'));
}

} // namespace triage::slajson
