#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <optional>

namespace triage {

// One precise complaint about one field of an input document.
struct FieldError {
    QString field;
    QString message;
    bool operator==(const FieldError &) const = default;
};

using FieldErrors = QList<FieldError>;

QString describe(const FieldErrors &errors); // "title: must not be empty; priority: unknown value 'x'"

// Reads a JSON object field by field with type checks, collecting every error instead of stopping at
// the first, and reports fields it was never asked about (unknown fields are an error on the wire).
class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object, QString prefix = {});

    bool has(const QString &key) const;
    bool isNull(const QString &key) const;

    std::optional<QString> string(const QString &key, bool required);
    std::optional<QString> nullableString(const QString &key); // absent or null → std::nullopt
    std::optional<qint64> integer(const QString &key, bool required, qint64 min, qint64 max);
    std::optional<bool> boolean(const QString &key, bool required);
    std::optional<QStringList> stringList(const QString &key, bool required);
    std::optional<QJsonObject> object(const QString &key, bool required);
    std::optional<QJsonArray> array(const QString &key, bool required);
    std::optional<qint64> timestamp(const QString &key, bool required); // ISO 8601 → ms since epoch

    // Marks fields as accepted without reading them (e.g. read-only fields in an update).
    void ignore(const QStringList &keys);

    void error(const QString &key, const QString &message);
    // Adds "unknown field" errors for keys never read; call once at the end.
    void rejectUnknown();

    const FieldErrors &errors() const { return m_errors; }
    bool ok() const { return m_errors.isEmpty(); }

private:
    QString path(const QString &key) const;
    // Marks `key` read; reports a missing required key or a value of the wrong JSON type.
    std::optional<QJsonValue> fetch(
        const QString &key, bool required, bool (QJsonValue::*isType)() const, const QString &typeError);

    QJsonValue take(const QString &key); // the value (Undefined if absent), marked read

    QJsonObject m_object;
    QString m_prefix;
    QVarLengthArray<bool, 48> m_seen; // by the key's position in m_object
    FieldErrors m_errors;
};

// Text fields must be valid, printable Unicode: no NUL or other C0 controls except tab/newline.
bool isCleanText(const QString &s, bool allowNewlines);

} // namespace triage
