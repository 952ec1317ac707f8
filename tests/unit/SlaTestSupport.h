#pragma once

#include "sla/BusinessCalendar.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

namespace triage::test {

// tests/data/sla, also when the executable runs outside ctest.
inline QString slaDataDir()
{
    const QString root = qEnvironmentVariable("TRIAGE_SOURCE_DIR");
    return root.isEmpty() ? QStringLiteral(QT_TESTCASE_SOURCEDIR "/../data/sla")
                          : root + u"/tests/data/sla"_qs;
}

// "2026-03-02T10:00:00+03:00" → UTC ms; fails the test on a typo.
inline qint64 at(const char *iso)
{
    const QDateTime dt = QDateTime::fromString(QString::fromUtf8(iso), Qt::ISODateWithMs);
    if (!dt.isValid())
        qFatal("bad instant in test: %s", iso);
    return dt.toMSecsSinceEpoch();
}

inline BusinessCalendar calendarFrom(const char *json)
{
    QString error;
    const auto cal = BusinessCalendar::fromJson(QJsonDocument::fromJson(QByteArray(json)).object(), &error);
    if (!cal)
        qFatal("bad calendar in test: %s", qPrintable(error));
    return *cal;
}

// Compares one JSON value of the output with the expected one: instants as instants (and the
// printed offset), numbers to 0.005, everything else exactly. Returns a description of the first
// difference, empty when equal.
inline QString jsonDiff(const QJsonValue &actual, const QJsonValue &expected, const QString &path)
{
    if (expected.isDouble()) {
        if (!actual.isDouble() || std::abs(actual.toDouble() - expected.toDouble()) > 0.005)
            return path + u": got "_qs
                + QString::fromUtf8(QJsonDocument(QJsonArray {actual}).toJson(QJsonDocument::Compact))
                + u", expected "_qs + QString::number(expected.toDouble());
        return {};
    }
    if (expected.isString() && expected.toString().size() >= 20 && expected.toString()[10] == u'T') {
        const QDateTime e = QDateTime::fromString(expected.toString(), Qt::ISODateWithMs);
        const QDateTime a = QDateTime::fromString(actual.toString(), Qt::ISODateWithMs);
        if (!a.isValid() || a.toMSecsSinceEpoch() != e.toMSecsSinceEpoch()
            || a.offsetFromUtc() != e.offsetFromUtc())
            return path + u": got "_qs + actual.toString() + u", expected "_qs + expected.toString();
        return {};
    }
    if (expected.isObject()) {
        if (!actual.isObject())
            return path + u": expected an object"_qs;
        const QJsonObject a = actual.toObject();
        const QJsonObject e = expected.toObject();
        if (a.keys() != e.keys())
            return path + u": keys "_qs + a.keys().join(u',') + u" vs expected "_qs + e.keys().join(u',');
        for (const QString &k : e.keys()) {
            if (QString d = jsonDiff(a.value(k), e.value(k), path + u'.' + k); !d.isEmpty())
                return d;
        }
        return {};
    }
    if (expected.isArray()) {
        const QJsonArray a = actual.toArray();
        const QJsonArray e = expected.toArray();
        if (!actual.isArray() || a.size() != e.size())
            return path + u": "_qs + QString::number(a.size()) + u" items, expected "_qs
                + QString::number(e.size());
        for (qsizetype i = 0; i < e.size(); ++i) {
            if (QString d = jsonDiff(a.at(i), e.at(i), path + u'[' + QString::number(i) + u']'); !d.isEmpty())
                return d;
        }
        return {};
    }
    if (actual != expected)
        return path + u": got "_qs + actual.toVariant().toString() + u", expected "_qs
            + expected.toVariant().toString();
    return {};
}

} // namespace triage::test
