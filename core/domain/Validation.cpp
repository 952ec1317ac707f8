#include "Validation.h"

#include "Time.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace triage {

QString describe(const FieldErrors &errors)
{
    QStringList parts;
    parts.reserve(errors.size());
    for (const auto &e : errors)
        parts << (e.field.isEmpty() ? e.message : e.field + u": "_qs + e.message);
    return parts.join(u"; "_qs);
}

bool isCleanText(const QString &s, bool allowNewlines)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s.at(i).unicode();
        if (c == u'\t')
            continue;
        if ((c == u'\n' || c == u'\r') && allowNewlines)
            continue;
        if (c < 0x20 || c == 0x7F)
            return false;
        // Lone surrogates mean the input was not valid UTF-8/UTF-16 to begin with.
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= s.size() || !QChar::isLowSurrogate(s.at(i + 1).unicode()))
                return false;
            ++i;
        } else if (QChar::isLowSurrogate(c)) {
            return false;
        }
    }
    return true;
}

JsonReader::JsonReader(const QJsonObject &object, QString prefix)
    : m_object(object)
    , m_prefix(std::move(prefix))
{
    m_seen.resize(m_object.size());
    std::fill(m_seen.begin(), m_seen.end(), false);
}

QJsonValue JsonReader::take(const QString &key)
{
    // The object's keys by position: no set of names to hash and allocate (this runs for every
    // field of every ticket the server loads).
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd())
        return QJsonValue(QJsonValue::Undefined);
    m_seen[it - m_object.constBegin()] = true;
    return it.value();
}

QString JsonReader::path(const QString &key) const
{
    return m_prefix.isEmpty() ? key : m_prefix + u'.' + key;
}

bool JsonReader::has(const QString &key) const
{
    return m_object.contains(key);
}

bool JsonReader::isNull(const QString &key) const
{
    return m_object.value(key).isNull();
}

void JsonReader::error(const QString &key, const QString &message)
{
    m_errors.append({path(key), message});
}

void JsonReader::ignore(const QStringList &keys)
{
    for (const auto &k : keys)
        take(k);
}

std::optional<QJsonValue> JsonReader::fetch(
    const QString &key, bool required, bool (QJsonValue::*isType)() const, const QString &typeError)
{
    const QJsonValue v = take(key);
    if (v.isUndefined()) {
        if (required)
            error(key, u"is required"_qs);
        return std::nullopt;
    }
    if (!(v.*isType)()) {
        error(key, typeError);
        return std::nullopt;
    }
    return v;
}

std::optional<QString> JsonReader::string(const QString &key, bool required)
{
    const auto v = fetch(key, required, &QJsonValue::isString, u"must be a string"_qs);
    return v ? std::optional<QString>(v->toString()) : std::nullopt;
}

std::optional<QString> JsonReader::nullableString(const QString &key)
{
    const QJsonValue v = take(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        error(key, u"must be a string or null"_qs);
        return std::nullopt;
    }
    return v.toString();
}

std::optional<qint64> JsonReader::integer(const QString &key, bool required, qint64 min, qint64 max)
{
    const QJsonValue v = take(key);
    if (v.isUndefined() || (v.isNull() && !required)) {
        if (required)
            error(key, u"is required"_qs);
        return std::nullopt;
    }
    if (!v.isDouble()) {
        error(key, u"must be an integer"_qs);
        return std::nullopt;
    }
    const double d = v.toDouble();
    // Range first: converting a double outside qint64 is undefined behaviour (UBSan, the fuzzer).
    if (!(d >= -9.2e18 && d <= 9.2e18)) {
        error(key, u"must be between %1 and %2"_qs.arg(min).arg(max));
        return std::nullopt;
    }
    const auto i = static_cast<qint64>(d);
    if (static_cast<double>(i) != d) {
        error(key, u"must be an integer"_qs);
        return std::nullopt;
    }
    if (i < min || i > max) {
        error(key, u"must be between %1 and %2"_qs.arg(min).arg(max));
        return std::nullopt;
    }
    return i;
}

std::optional<bool> JsonReader::boolean(const QString &key, bool required)
{
    const auto v = fetch(key, required, &QJsonValue::isBool, u"must be true or false"_qs);
    return v ? std::optional<bool>(v->toBool()) : std::nullopt;
}

std::optional<QStringList> JsonReader::stringList(const QString &key, bool required)
{
    const auto v = fetch(key, required, &QJsonValue::isArray, u"must be an array of strings"_qs);
    if (!v)
        return std::nullopt;
    QStringList out;
    const QJsonArray a = v->toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString()) {
            error(u"%1[%2]"_qs.arg(key).arg(i), u"must be a string"_qs);
            return std::nullopt;
        }
        out << a.at(i).toString();
    }
    return out;
}

std::optional<QJsonObject> JsonReader::object(const QString &key, bool required)
{
    const QJsonValue v = take(key);
    if (v.isUndefined() || (v.isNull() && !required)) {
        if (required)
            error(key, u"is required"_qs);
        return std::nullopt;
    }
    if (!v.isObject()) {
        error(key, u"must be an object"_qs);
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QJsonArray> JsonReader::array(const QString &key, bool required)
{
    const auto v = fetch(key, required, &QJsonValue::isArray, u"must be an array"_qs);
    return v ? std::optional<QJsonArray>(v->toArray()) : std::nullopt;
}

std::optional<qint64> JsonReader::timestamp(const QString &key, bool required)
{
    const auto s = string(key, required);
    if (!s)
        return std::nullopt;
    const auto at = parseIsoUtc(*s);
    if (!at)
        error(key, u"must be an ISO 8601 instant with a UTC offset"_qs);
    return at;
}

void JsonReader::rejectUnknown()
{
    qsizetype i = 0;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it, ++i) {
        if (!m_seen[i])
            error(it.key(), u"unknown field"_qs);
    }
}

} // namespace triage
